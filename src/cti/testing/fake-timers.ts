import type { Timers } from '../client/index.ts';

export interface FakeTimers {
  timers: Timers;
  /** Moves the clock forward, firing due callbacks in time order (and any they schedule in range). */
  advance(ms: number): void;
  /** Callbacks still scheduled. */
  readonly pending: number;
}

/** A manual clock for the client and simulator, so tests never sleep through heartbeat intervals. */
export function createFakeTimers(start = 0): FakeTimers {
  let now = start;
  let sequence = 0;
  const queue = new Map<number, { at: number; fn: () => void }>();
  return {
    timers: {
      setTimeout(fn, ms) {
        sequence += 1;
        queue.set(sequence, { at: now + Math.max(0, ms), fn });
        return sequence;
      },
      clearTimeout(handle) {
        queue.delete(handle as number);
      },
      now: () => now,
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        let next: [number, { at: number; fn: () => void }] | undefined;
        for (const entry of queue)
          if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
        if (!next) break;
        queue.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = end;
    },
    get pending() {
      return queue.size;
    },
  };
}
