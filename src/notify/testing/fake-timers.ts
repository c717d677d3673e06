/** A manual clock for tests: timers fire only when `advance()` passes them. */
import type { Timers } from '../timers.ts';

interface Entry {
  at: number;
  fn: () => void;
  seq: number;
}

export class FakeTimers implements Timers {
  #now = 1_000_000;
  #seq = 0;
  readonly #entries = new Map<number, Entry>();

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.#seq;
    this.#entries.set(id, { at: this.#now + ms, fn, seq: id });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#entries.delete(handle as number);
  }

  get pending(): number {
    return this.#entries.size;
  }

  /** Moves the clock forward, firing due timers in order (including ones they schedule). */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      let next: [number, Entry] | undefined;
      for (const e of this.#entries) {
        if (
          e[1].at <= end &&
          (!next || e[1].at < next[1].at || (e[1].at === next[1].at && e[1].seq < next[1].seq))
        ) {
          next = e;
        }
      }
      if (!next) break;
      this.#entries.delete(next[0]);
      this.#now = Math.max(this.#now, next[1].at);
      next[1].fn();
    }
    this.#now = end;
  }
}
