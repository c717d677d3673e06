import type { Call } from './calls.ts';
import type { AcdSkillGroup } from './types.ts';

/**
 * Skill groups, the dialed numbers that lead to them, and the queue of calls waiting for an
 * agent. One queue holds every waiting call; each call knows its skill group. Order: calls put
 * back by RONA first (UCCE requeues them with priority), then by arrival, then by call id.
 */

export interface Routable {
  readonly skillGroups: readonly AcdSkillGroup[];
  /** Clock time (ms) the agent last became available. */
  readonly availableSince: number;
  /** Position in the configuration: the tie-break between equally long available agents. */
  readonly index: number;
}

export class Routing {
  readonly #groups = new Map<number, AcdSkillGroup>();
  readonly #dialedNumbers: Map<string, number>;
  readonly #defaultGroup: AcdSkillGroup;
  #waiting: Call[] = [];

  constructor(groups: readonly AcdSkillGroup[], dialedNumbers: Readonly<Record<string, number>> | undefined) {
    for (const g of groups) if (!this.#groups.has(g.number)) this.#groups.set(g.number, g);
    const first = groups[0];
    if (!first) throw new Error('ACD: no skill group configured');
    this.#defaultGroup = first;
    this.#dialedNumbers = new Map(Object.entries(dialedNumbers ?? { '8000': first.number }));
    for (const [dnis, number] of this.#dialedNumbers) {
      if (!this.#groups.has(number))
        throw new Error(`ACD: dialed number ${dnis} names unknown skill group ${number}`);
    }
  }

  get skillGroups(): AcdSkillGroup[] {
    return [...this.#groups.values()];
  }

  get dialedNumbers(): Record<string, number> {
    return Object.fromEntries(this.#dialedNumbers);
  }

  /** A number that routes (a call to it queues for an agent) rather than rings a phone. */
  isDialedNumber(number: string): boolean {
    return this.#dialedNumbers.has(number);
  }

  /** The skill group of a dialed number; unknown numbers go to the first skill group. */
  skillGroupFor(dnis: string): AcdSkillGroup {
    const number = this.#dialedNumbers.get(dnis);
    return (number === undefined ? undefined : this.#groups.get(number)) ?? this.#defaultGroup;
  }

  enqueue(call: Call, now: number, isRequeue: boolean): void {
    if (call.queue) return;
    call.queue = { since: now, isRequeue, isAnnounced: false };
    this.#waiting.push(call);
    this.#waiting.sort(
      (a, b) =>
        Number(b.queue?.isRequeue) - Number(a.queue?.isRequeue) ||
        (a.queue?.since ?? 0) - (b.queue?.since ?? 0) ||
        a.id - b.id,
    );
  }

  dequeue(call: Call): void {
    call.queue = undefined;
    this.#waiting = this.#waiting.filter((c) => c !== call);
  }

  /** Waiting calls in routing order. */
  waiting(): Call[] {
    return [...this.#waiting];
  }

  /** NumQueued of CALL_QUEUED / CALL_DEQUEUED: calls waiting for the skill group. */
  countFor(group: AcdSkillGroup | undefined): number {
    return this.#waiting.filter((c) => c.skillGroup?.number === group?.number).length;
  }

  /**
   * Longest available agent: among the candidates in the skill group, the one available the
   * longest; ties go to the one configured first.
   */
  longestAvailable<T extends Routable>(group: AcdSkillGroup, candidates: readonly T[]): T | undefined {
    let best: T | undefined;
    for (const c of candidates) {
      if (!c.skillGroups.some((g) => g.number === group.number)) continue;
      if (
        !best ||
        c.availableSince < best.availableSince ||
        (c.availableSince === best.availableSince && c.index < best.index)
      )
        best = c;
    }
    return best;
  }
}
