/**
 * The one manual clock for every component's tests: timers fire only when `advance()` passes
 * them, in time order (ties in the order they were set), including timers the callbacks set
 * within the range. Pass it wherever a component takes `Timers` (src/clock).
 */
import type { Timers } from '../index.ts';

interface Entry {
  at: number;
  fn: () => void;
  seq: number;
}

export class ManualTimers implements Timers {
  #now: number;
  #seq = 0;
  readonly #entries = new Map<number, Entry>();

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.#seq;
    this.#entries.set(id, { at: this.#now + Math.max(0, ms), fn, seq: id });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#entries.delete(handle as number);
  }

  /** Callbacks still scheduled. */
  get pending(): number {
    return this.#entries.size;
  }

  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      let next: Entry | undefined;
      for (const e of this.#entries.values()) {
        if (e.at <= end && (!next || e.at < next.at || (e.at === next.at && e.seq < next.seq))) next = e;
      }
      if (!next) break;
      this.#entries.delete(next.seq);
      this.#now = Math.max(this.#now, next.at);
      next.fn();
    }
    this.#now = end;
  }
}
