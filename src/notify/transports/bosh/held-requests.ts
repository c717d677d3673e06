import type { Timers } from '../../../clock/index.ts';
/**
 * The requests a BOSH session is holding open (XEP-0124 §7.1 `hold`), oldest rid first, each with
 * its one `wait` timer — the only per-request timer a session has.
 */

export interface Held<C> {
  readonly rid: number;
  conn: C;
  timer: unknown;
}

export class HeldRequests<C> {
  readonly #list: Held<C>[] = [];
  readonly #timers: Timers;
  readonly #waitMs: number;
  readonly #onWaitOver: (held: Held<C>) => void;

  /** `onWaitOver` answers a request nothing came for within `wait` (an empty body). */
  constructor(timers: Timers, waitMs: number, onWaitOver: (held: Held<C>) => void) {
    this.#timers = timers;
    this.#waitMs = waitMs;
    this.#onWaitOver = onWaitOver;
  }

  get size(): number {
    return this.#list.length;
  }

  get oldest(): Held<C> | undefined {
    return this.#list[0];
  }

  find(rid: number): Held<C> | undefined {
    return this.#list.find((h) => h.rid === rid);
  }

  findConn(conn: C): Held<C> | undefined {
    return this.#list.find((h) => h.conn === conn);
  }

  hold(rid: number, conn: C): void {
    const held: Held<C> = { rid, conn, timer: undefined };
    held.timer = this.#timers.setTimeout(() => this.#onWaitOver(held), this.#waitMs);
    this.#list.push(held);
    this.#list.sort((a, b) => a.rid - b.rid);
  }

  /** Takes `held` out (stopping its timer); false if it was no longer held. */
  remove(held: Held<C>): boolean {
    const i = this.#list.indexOf(held);
    if (i < 0) return false;
    this.#list.splice(i, 1);
    this.#timers.clearTimeout(held.timer);
    return true;
  }

  /** Takes every request out, oldest first. */
  removeAll(): Held<C>[] {
    const all = this.#list.splice(0);
    for (const h of all) this.#timers.clearTimeout(h.timer);
    return all;
  }
}
