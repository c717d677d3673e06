import { ManualTimers } from '../../../test/support/manual-timers.ts';

/** The project's manual clock, started where the notification tests expect it. */
export class FakeTimers extends ManualTimers {
  constructor(start = 1_000_000) {
    super(start);
  }
}
