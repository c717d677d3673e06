import type { Timers } from '../../clock/index.ts';
import type { WebservicesLog } from '../../logs/index.ts';
import { nodes, type Publisher, type Queue, type QueueConfig, type QueueStatistics } from '../model.ts';

/** How the poller asks the CTI server about one skill group (the Queue id is its number). */
export type QueryQueueStatistics = (skillGroupNumber: number) => Promise<QueueStatistics>;

export interface QueueStatsOptions {
  /** The configured queues at first; `setQueues` replaces them. */
  queues?: readonly QueueConfig[];
  /** Absent: the CTI link cannot ask, and every queue stays at -1. */
  query?: QueryQueueStatistics;
  publisher: Publisher;
  timers: Timers;
  /** finesse-api.md §1.8: Finesse refreshes queue statistics every 10 s. */
  intervalMs: number;
  log: WebservicesLog;
}

/** What a queue shows before the CTI server has answered for it (§1.8: -1 "not assigned"). */
export const UNKNOWN_STATISTICS: Readonly<QueueStatistics> = Object.freeze({
  callsInQueue: -1,
  startTimeOfLongestCallInQueue: '',
  agentsReady: -1,
  agentsNotReady: -1,
  agentsBusyOther: -1,
  agentsLoggedOn: -1,
  agentsTalkingInbound: -1,
  agentsTalkingOutbound: -1,
  agentsTalkingInternal: -1,
  agentsWrapUpNotReady: -1,
  agentsWrapUpReady: -1,
});

/**
 * Polls every configured queue while the CTI link is up, keeps the latest statistics, and puts
 * a Queue Update on `/finesse/api/Queue/{id}` only when a value changed (§3.2: "put every 10 s if
 * changed"). Polling is what Finesse does: the CTI server sends no skill-group events. Values are
 * kept while the link is down, and the first poll after it comes back publishes what changed.
 */
export class QueueStats {
  readonly #o: QueueStatsOptions;
  readonly #latest = new Map<string, QueueStatistics>();
  #queues: readonly QueueConfig[];
  #timer: unknown;
  /** Bumped on every start and stop, so an answer to a poll of an earlier run is dropped. */
  #run = 0;
  #isRunning = false;

  constructor(options: QueueStatsOptions) {
    this.#o = options;
    this.#queues = options.queues ?? [];
  }

  /**
   * The configuration changed: new queues are polled from the next round on, and a removed one
   * gets a DELETE on its Queue node (the Queue notification's DELETE payload) and is forgotten.
   */
  setQueues(queues: readonly QueueConfig[]): void {
    const kept = new Set(queues.map((q) => q.id));
    for (const gone of this.#queues.filter((q) => !kept.has(q.id))) {
      this.#publish(gone, 'DELETE');
      this.#latest.delete(gone.id);
    }
    this.#queues = queues;
  }

  /** The CTI link came up: poll now, then every interval. */
  start(): void {
    if (this.#isRunning) return;
    this.#isRunning = true;
    this.#run++;
    this.#tick();
  }

  /** The CTI link went down (or core closes): no more polls, late answers are ignored. */
  stop(): void {
    if (!this.#isRunning) return;
    this.#isRunning = false;
    this.#run++;
    this.#o.timers.clearTimeout(this.#timer);
  }

  get(id: string): Queue | undefined {
    const config = this.#queues.find((q) => q.id === id);
    return config && this.#view(config);
  }

  /** Configured queues the predicate keeps, in configuration order. */
  list(keep: (q: QueueConfig) => boolean = () => true): Queue[] {
    return this.#queues.filter(keep).map((q) => this.#view(q));
  }

  #view(config: QueueConfig): Queue {
    return {
      id: config.id,
      name: config.name,
      statistics: this.#latest.get(config.id) ?? UNKNOWN_STATISTICS,
    };
  }

  #tick(): void {
    const run = this.#run;
    this.#timer = this.#o.timers.setTimeout(() => {
      if (run === this.#run) this.#tick();
    }, this.#o.intervalMs);
    const query = this.#o.query;
    if (!query) return;
    for (const queue of this.#queues) {
      query(Number(queue.id)).then(
        (stats) => {
          if (run === this.#run) this.#record(queue, stats);
        },
        (error: unknown) => {
          if (run !== this.#run) return;
          const text = error instanceof Error ? error.message : String(error);
          this.#o.log.info('QueueStatistics', 'QUEUE_STATISTICS_FAILED', { queueId: queue.id }, text);
        },
      );
    }
  }

  #record(queue: QueueConfig, stats: QueueStatistics): void {
    // Removed from the configuration while its answer was on the way.
    if (!this.#queues.some((q) => q.id === queue.id)) return;
    const before = this.#latest.get(queue.id);
    if (before && sameStatistics(before, stats)) return;
    this.#latest.set(queue.id, { ...stats });
    this.#publish(queue, 'PUT');
  }

  /** The Queue notification: the queue as it stands, on its own node. */
  #publish(queue: QueueConfig, event: 'PUT' | 'DELETE'): void {
    const node = nodes.queue(queue.id);
    this.#o.publisher.publish(node, {
      data: { kind: 'queue', queue: this.#view(queue) },
      event,
      requestId: '',
      source: node,
    });
  }
}

function sameStatistics(a: QueueStatistics, b: QueueStatistics): boolean {
  return (Object.keys(a) as (keyof QueueStatistics)[]).every((k) => a[k] === b[k]);
}
