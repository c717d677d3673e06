import type { Timers } from '../../../clock/index.ts';
/**
 * XEP-0124 §7.1 (inactivity): a session's clock runs only while it holds no request; it also keeps
 * the time of the last activity for the debug log's "Session (id=…) was last active N ms ago".
 */

export class InactivityClock {
  readonly #timers: Timers;
  readonly #onExpired: (seconds: number) => void;
  #timer: unknown;
  #lastActivity: number;

  constructor(timers: Timers, onExpired: (seconds: number) => void) {
    this.#timers = timers;
    this.#onExpired = onExpired;
    this.#lastActivity = timers.now();
  }

  /** A request arrived or is held: activity now, and the clock stops. */
  touch(): void {
    this.markActivity();
    this.stop();
  }

  /** A response went out: activity now, the clock left as it is. */
  markActivity(): void {
    this.#lastActivity = this.#timers.now();
  }

  /** (Re)starts the clock: `onExpired(seconds)` after `seconds` with no `touch`. */
  start(seconds: number): void {
    this.stop();
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = undefined;
      this.#onExpired(seconds);
    }, seconds * 1000);
  }

  stop(): void {
    if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  idleMs(now: number): number {
    return now - this.#lastActivity;
  }
}
