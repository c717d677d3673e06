/** The CTI layer: GED-188 codec, the client Finesse-side, and the CTI server simulator. */
export * from './client/index.ts';
export * from './protocol/index.ts';
export * from './simulator/index.ts';
