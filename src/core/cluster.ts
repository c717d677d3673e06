import type { Timers } from '../clock/index.ts';
import type { WebservicesLog } from '../logs/index.ts';
import type { ClusterNode, ClusterRegistry } from '../store/index.ts';

export interface ClusterOptions {
  /** Unique per running process. */
  nodeId: string;
  /** How desktops reach this node, as SystemInfo names it; read at each heartbeat. */
  host(): string;
  registry: ClusterRegistry;
  /** Heartbeat period (default 5 s); a node silent for `leaseMs` (default 3 heartbeats) is gone. */
  heartbeatMs?: number;
  leaseMs?: number;
}

interface ViewOptions extends ClusterOptions {
  timers: Timers;
  log: WebservicesLog;
  /** Agents with an available desktop session on this node. */
  presentAgents(): string[];
  /** The list of live nodes changed (a node joined or left). */
  onNodesChanged(hosts: string[]): void;
}

const THREAD = 'ClusterHeartbeat';
/** A presence change is written this soon (coalescing a sign-in storm into a few writes). */
const PRESENCE_WRITE_DELAY_MS = 100;

/**
 * This node's view of the cluster, through the store's node registry: every heartbeat writes
 * this node's row (its host, the agents whose desktops it serves) and reads everyone's. It knows
 * the nodes a desktop may use (SystemInfo, CORS) and whether an agent is present on another node
 * — the question presence-driven logout asks before logging anyone out.
 *
 * While the store does not answer, the last view is kept for SystemInfo, but presence elsewhere is
 * unknown: nobody is logged out on a guess.
 */
export class ClusterView {
  readonly #o: ViewOptions;
  readonly #heartbeatMs: number;
  readonly #leaseMs: number;
  #nodes: ClusterNode[] = [];
  #hosts: string[] = [];
  /** Every host seen in the registry since this node started, live or not. */
  readonly #seen = new Set<string>();
  #timer: unknown;
  #soon: unknown;
  #beating: Promise<boolean> | undefined;
  #again = false;
  #stopped = true;

  constructor(options: ViewOptions) {
    this.#o = options;
    this.#heartbeatMs = options.heartbeatMs ?? 5000;
    this.#leaseMs = options.leaseMs ?? this.#heartbeatMs * 3;
  }

  /** Hosts of the live nodes, oldest first; this node's own always among them. */
  hosts(): string[] {
    return this.#hosts.length > 0 ? this.#hosts : [this.#o.host()];
  }

  /**
   * Every node seen since this node started, gone ones too: the page of a desktop that failed
   * over still comes from its dead node's origin, and must be let in (CORS).
   */
  knownHosts(): string[] {
    return [...new Set([...this.#seen, this.#o.host()])];
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    const tick = () => {
      void this.beat().finally(() => {
        if (!this.#stopped) this.#timer = this.#o.timers.setTimeout(tick, this.#heartbeatMs);
      });
    };
    tick();
  }

  /** Stops beating and removes this node's row, so the others stop listing it at once. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#o.timers.clearTimeout(this.#timer);
    this.#o.timers.clearTimeout(this.#soon);
    await this.#beating?.catch(() => {});
    await this.#o.registry.leaveCluster(this.#o.nodeId).catch(() => {});
  }

  /** The agents present here changed: written with the next heartbeat, or shortly if sooner. */
  presenceChanged(): void {
    if (this.#stopped || this.#soon !== undefined) return;
    this.#soon = this.#o.timers.setTimeout(() => {
      this.#soon = undefined;
      void this.beat();
    }, PRESENCE_WRITE_DELAY_MS);
  }

  /**
   * Is `agentId` present on another live node? Asked afresh (one heartbeat). Undefined when the
   * store cannot tell.
   */
  async isPresentElsewhere(agentId: string): Promise<boolean | undefined> {
    if (!(await this.beat())) return undefined;
    return this.#nodes.some(
      (n) => n.id !== this.#o.nodeId && n.ageMs < this.#leaseMs && n.presentAgents.includes(agentId),
    );
  }

  /** One heartbeat; concurrent calls share it (and one more after). True when it reached the store. */
  beat(): Promise<boolean> {
    if (this.#beating) {
      this.#again = true;
      return this.#beating;
    }
    const run = async () => {
      let ok = true;
      try {
        do {
          this.#again = false;
          ok = await this.#beatOnce();
        } while (this.#again);
        return ok;
      } finally {
        this.#beating = undefined;
      }
    };
    this.#beating = run();
    return this.#beating;
  }

  async #beatOnce(): Promise<boolean> {
    let nodes: ClusterNode[];
    try {
      nodes = await this.#o.registry.heartbeat({
        id: this.#o.nodeId,
        host: this.#o.host(),
        presentAgents: this.#o.presentAgents(),
      });
    } catch {
      // The store's own events say it is down; the last view stands meanwhile.
      return false;
    }
    this.#nodes = nodes;
    for (const n of nodes) this.#seen.add(n.host);
    const live = nodes.filter((n) => n.id === this.#o.nodeId || n.ageMs < this.#leaseMs);
    const hosts = [...new Set(live.map((n) => n.host))];
    const before = new Set(this.#hosts);
    const joined = hosts.filter((h) => !before.has(h));
    const left = this.#hosts.filter((h) => !hosts.includes(h));
    this.#hosts = hosts;
    for (const h of joined) {
      this.#o.log.info(THREAD, 'CLUSTER_NODE_UP', { node: h }, 'A node of the cluster is up');
    }
    for (const h of left) {
      this.#o.log.info(THREAD, 'CLUSTER_NODE_DOWN', { node: h }, 'A node of the cluster stopped beating');
    }
    if (joined.length > 0 || left.length > 0) this.#o.onNodesChanged(hosts);
    return true;
  }
}
