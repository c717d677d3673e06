import { ManualTimers } from '../../../test/support/manual-timers.ts';
import type { Timers } from '../client/index.ts';

export interface FakeTimers {
  timers: Timers;
  /** Moves the clock forward, firing due callbacks in time order (and any they schedule in range). */
  advance(ms: number): void;
  /** Callbacks still scheduled. */
  readonly pending: number;
}

/** The project's manual clock, for the client and simulator: tests never sleep through heartbeats. */
export function createFakeTimers(start = 0): FakeTimers {
  const clock = new ManualTimers(start);
  return {
    timers: clock,
    advance: (ms) => clock.advance(ms),
    get pending() {
      return clock.pending;
    },
  };
}
