/**
 * The seeded generator of every fuzz test: the simulator's call generator's mulberry32 (one
 * implementation), so that a failing seed replays the same cases anywhere.
 */
export { mulberry32 } from '../../src/cti/simulator/generator.ts';
