/**
 * The one clock every component takes (DESIGN.md: "Everything with I/O takes its clock"): the
 * time of day and one-shot timers, injected so tests drive heartbeats, timeouts and windows
 * with `ManualTimers` (./testing/manual-timers.ts) instead of sleeping. Repeating work re-arms
 * a one-shot timer, so a manual clock can step it exactly.
 */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Milliseconds since the epoch, as `Date.now()`. */
  now(): number;
}

/**
 * The real clock. Its timers are unref'd under Node: whatever a timer waits for holds its own
 * socket or server (and so the process) open, and a forgotten timer must never keep a finished
 * process from exiting. In a browser (the desktop) a timer is a number and stays as it is.
 */
export const realTimers: Timers = {
  setTimeout(fn, ms) {
    const t: unknown = setTimeout(fn, ms);
    (t as { unref?: () => void }).unref?.();
    return t;
  },
  clearTimeout(handle) {
    clearTimeout(handle as Parameters<typeof clearTimeout>[0]);
  },
  now: () => Date.now(),
};
