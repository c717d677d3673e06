/// <reference lib="dom" />
// biome-ignore-all lint/suspicious/noExplicitAny: the OpenSocial globals are untyped
/** The gadget runtime's globals as finesse.js sees them (gadget-runtime/ defines them). */
export const g = (): any => (globalThis as any).gadgets;
export const hub = (): any => g()?.Hub;
