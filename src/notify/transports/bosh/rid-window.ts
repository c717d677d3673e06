/**
 * The request-id bookkeeping of one BOSH session (XEP-0124 §14), pure: which rid comes next,
 * requests that arrived ahead of a gap, the buffered responses for retransmission, and held rids
 * whose connection died unanswered.
 */
export interface BufferedResponse {
  readonly status: number;
  readonly body: string;
  /** When it was sent (the timers' clock), for XEP-0124 §9.2 reports. */
  readonly sentAt?: number;
}

/** Where a rid falls relative to the window (§14.2). */
export type RidPosition = 'repeat' | 'in-window' | 'beyond';

export class RidWindow<T> {
  readonly #requests: number;
  #lastRid: number;
  readonly #waiting = new Map<number, T>();
  readonly #responses = new Map<number, BufferedResponse>();
  readonly #unanswered = new Set<number>();

  /** `requests` is the window size advertised at session creation. */
  constructor(firstRid: number, requests: number) {
    this.#lastRid = firstRid;
    this.#requests = requests;
  }

  /** The highest rid taken in sequence. */
  get lastRid(): number {
    return this.#lastRid;
  }

  /** The highest rid received: taken in sequence, or parked ahead of a gap. */
  get highestRid(): number {
    let highest = this.#lastRid;
    for (const rid of this.#waiting.keys()) if (rid > highest) highest = rid;
    return highest;
  }

  get waitingCount(): number {
    return this.#waiting.size;
  }

  position(rid: number): RidPosition {
    if (rid <= this.#lastRid) return 'repeat';
    // §14.2: rids above last + requests are as unknown as rids that fell out of the buffer.
    return rid > this.#lastRid + this.#requests ? 'beyond' : 'in-window';
  }

  /** Parks an in-window request; returns the one it replaces when the same rid was resent. */
  park(rid: number, item: T): T | undefined {
    const old = this.#waiting.get(rid);
    this.#waiting.set(rid, item);
    return old;
  }

  unpark(rid: number, item: T): void {
    if (this.#waiting.get(rid) === item) this.#waiting.delete(rid);
  }

  /** §14.2: requests leave in rid order, only once every rid before them has. */
  *takeInSequence(): Generator<[number, T]> {
    for (
      let next = this.#waiting.get(this.#lastRid + 1);
      next !== undefined;
      next = this.#waiting.get(this.#lastRid + 1)
    ) {
      const rid = ++this.#lastRid;
      this.#waiting.delete(rid);
      for (const r of this.#unanswered) if (r <= rid - this.#requests) this.#unanswered.delete(r);
      yield [rid, next];
    }
  }

  /** Everything still parked (the session is ending). */
  drain(): T[] {
    const items = [...this.#waiting.values()];
    this.#waiting.clear();
    return items;
  }

  /** §14.3: keep the last `requests` responses for retransmission. */
  remember(rid: number, response: BufferedResponse): void {
    this.#responses.set(rid, response);
    for (const r of this.#responses.keys()) if (r <= rid - this.#requests) this.#responses.delete(r);
  }

  response(rid: number): BufferedResponse | undefined {
    return this.#responses.get(rid);
  }

  /** A held request's connection died before its answer: a resend of the rid may be held again. */
  markUnanswered(rid: number): void {
    this.#unanswered.add(rid);
  }

  takeUnanswered(rid: number): boolean {
    return this.#unanswered.delete(rid);
  }

  clear(): void {
    this.#waiting.clear();
    this.#responses.clear();
    this.#unanswered.clear();
  }
}
