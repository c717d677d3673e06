/**
 * The project's one manual clock lives in src/clock/testing (next to the `Timers` port it
 * implements); tests under test/ may import it from here.
 */
export { ManualTimers } from '../../src/clock/testing/manual-timers.ts';
