/**
 * Progressive delays after failed sign-ins (OWASP Authentication Cheat Sheet, "login throttling"):
 * the first `freeFailures` failures under one key cost nothing; after the n-th beyond them, the
 * next attempt is checked only `baseDelayMs · 2^(n − 1)` (at most `maxDelayMs`) after that
 * failure; earlier attempts are refused unverified, at no cost. Nobody is shut out: an attempt after the delay is
 * checked as usual. Kept in this node's memory (the shared lock is the store's); a key is
 * forgotten `forgetAfterMs` after its last failure, and the oldest keys go beyond `maxKeys`.
 */
export interface ThrottleOptions {
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
  maxKeys?: number;
  now: () => number;
}

interface Entry {
  failures: number;
  lastFailureAt: number;
}

export class FailureThrottle {
  readonly #o: Required<ThrottleOptions>;
  readonly #entries = new Map<string, Entry>();

  constructor(options: ThrottleOptions) {
    this.#o = { maxKeys: 100_000, ...options };
  }

  /** Milliseconds until an attempt under `key` is checked again; 0: now. */
  waitMs(key: string): number {
    const e = this.#live(key);
    if (!e || e.failures <= this.#o.freeFailures) return 0;
    const exponent = e.failures - this.#o.freeFailures - 1;
    const delay = Math.min(this.#o.maxDelayMs, this.#o.baseDelayMs * 2 ** Math.min(exponent, 30));
    return Math.max(0, e.lastFailureAt + delay - this.#o.now());
  }

  failed(key: string): void {
    const e = this.#live(key) ?? { failures: 0, lastFailureAt: 0 };
    e.failures++;
    e.lastFailureAt = this.#o.now();
    // Re-inserted last: the map's order is the order of last failures, oldest first.
    this.#entries.delete(key);
    this.#entries.set(key, e);
    if (this.#entries.size > this.#o.maxKeys) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }

  /** A verified success takes back one failure (`reset`: all of them). */
  succeeded(key: string, reset: boolean): void {
    const e = this.#live(key);
    if (!e) return;
    if (reset || e.failures <= 1) this.#entries.delete(key);
    else e.failures--;
  }

  #live(key: string): Entry | undefined {
    const e = this.#entries.get(key);
    if (e && this.#o.now() - e.lastFailureAt >= this.#o.forgetAfterMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return e;
  }
}
