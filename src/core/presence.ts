import type { Timers } from '../clock/index.ts';
import { Severity, type WebservicesLog } from '../logs/index.ts';

export interface PresenceEvent {
  jid: string;
  bareJid: string;
  type: 'available' | 'unavailable';
}

export interface PresenceMonitorOptions {
  log: WebservicesLog;
  timers: Timers;
  /** Wait this long after the last desktop session went away (Finesse: 60 s). */
  delayMs: number;
  /** True when there is nobody to log out (unknown user, or already signed out). */
  isSignedOut(agentId: string): Promise<boolean> | boolean;
  /** Sends the forced LOGOUT (reason 255) through the user's request queue. */
  forceLogout(agentId: string): void;
  /**
   * Cluster mode: does another node serve a desktop session of this agent? Undefined when that
   * cannot be known now (the store is down). Without it, this node is the only one.
   */
  isPresentElsewhere?(agentId: string): Promise<boolean | undefined>;
  /** The set of agents with an available session here changed. */
  onPresentChanged?(): void;
  /**
   * Whether this node is IN_SERVICE. While it is not, its desktops are told to leave it (and may
   * find no node to go to, when the CTI server itself is down): no presence logout then.
   */
  isInService?(): boolean;
}

const SMACK = 'Smack Listener Processor (1)';

/**
 * Presence-driven logout (finesse-api.md §4, second seed): a desktop's XMPP presence going
 * unavailable — a closed tab, a crashed browser, a reaped BOSH session — starts a timer; if no
 * session of that agent is back when it fires, the agent is logged out. A reload within the window
 * never logs anyone out. Logged with the seed's PRESENCE_NOTIFICATION_RECIEVED, UNSUBSCRIBED,
 * AGENT_PRESENCE_MONITORING, AGENT_PRESENT and PRESENCE DRIVEN LOGOUT lines.
 */
export class PresenceMonitor {
  readonly #o: PresenceMonitorOptions;
  /** Available full JIDs per agent. */
  readonly #sessions = new Map<string, Set<string>>();
  readonly #logoutTimers = new Map<string, unknown>();
  #worker = 0;

  constructor(options: PresenceMonitorOptions) {
    this.#o = options;
  }

  onPresence(ev: PresenceEvent): void {
    const { log, timers } = this.#o;
    const agentId = ev.bareJid.split('@')[0];
    log.info(
      SMACK,
      'PRESENCE_NOTIFICATION_RECIEVED',
      { 'FROM JID': ev.jid, PRESENCE_TYPE: ev.type },
      'Finesse received a presence notifcation',
    );
    let sessions = this.#sessions.get(agentId);
    if (ev.type === 'available') {
      if (!sessions) {
        sessions = new Set();
        this.#sessions.set(agentId, sessions);
      }
      if (sessions.size === 0) this.#o.onPresentChanged?.();
      sessions.add(ev.jid);
      const timer = this.#logoutTimers.get(agentId);
      if (timer !== undefined) {
        timers.clearTimeout(timer);
        this.#logoutTimers.delete(agentId);
        log.info(
          SMACK,
          'AGENT_PRESENT',
          { agent_id: agentId, 'FROM JID': ev.jid },
          'Agent desktop is available again; presence driven logout cancelled',
        );
      }
      return;
    }
    const had = sessions?.delete(ev.jid) ?? false;
    if (sessions && sessions.size > 0) return;
    if (had) this.#o.onPresentChanged?.();
    log.info(
      SMACK,
      'UNSUBSCRIBED',
      { agent_id: agentId, 'FROM JID': ev.jid },
      'Agent has no available desktop session',
    );
    void this.#monitor(agentId);
  }

  /** Agents with at least one available desktop session on this node. */
  presentAgents(): string[] {
    return [...this.#sessions].filter(([, s]) => s.size > 0).map(([id]) => id);
  }

  /**
   * The node is IN_SERVICE again. Its desktops were told to leave while it was not, and with the
   * CTI server down there was nowhere to go: each agent still away gets the whole delay again from
   * now, so that a CTI outage longer than the delay does not log out every agent at its end.
   */
  restartDelays(): void {
    const { log, delayMs } = this.#o;
    for (const [agentId, timer] of [...this.#logoutTimers]) {
      this.#o.timers.clearTimeout(timer);
      this.#logoutTimers.delete(agentId);
      log.info(
        'pool-8-thread-1',
        'AGENT_PRESENCE_MONITORING',
        { agent_id: agentId, delay_ms: delayMs },
        `Node back in service; forced logout in ${Math.round(delayMs / 1000)} s unless the desktop returns`,
      );
      this.#arm(agentId, delayMs);
    }
  }

  close(): void {
    for (const t of this.#logoutTimers.values()) this.#o.timers.clearTimeout(t);
    this.#logoutTimers.clear();
  }

  #isAway(agentId: string): boolean {
    return (this.#sessions.get(agentId)?.size ?? 0) === 0;
  }

  async #monitor(agentId: string): Promise<void> {
    const { log, delayMs } = this.#o;
    if ((await this.#o.isSignedOut(agentId)) || this.#logoutTimers.has(agentId)) return;
    // Back while the store answered: nothing to watch (and no "forced logout in" line).
    if (!this.#isAway(agentId)) return;
    log.info(
      'pool-8-thread-1',
      'AGENT_PRESENCE_MONITORING',
      { agent_id: agentId, delay_ms: delayMs },
      `Agent presence unavailable; forced logout in ${Math.round(delayMs / 1000)} s unless the desktop returns`,
    );
    this.#arm(agentId, delayMs);
  }

  #arm(agentId: string, delayMs: number): void {
    const { log, timers } = this.#o;
    // Only this timer's own entry is removed: the agent may have come and gone again meanwhile.
    const done = () => {
      if (this.#logoutTimers.get(agentId) === handle) this.#logoutTimers.delete(agentId);
    };
    const handle = timers.setTimeout(async () => {
      if (!this.#isAway(agentId) || (await this.#o.isSignedOut(agentId))) {
        done();
        return;
      }
      // Out of service: the desktop was sent away; restartDelays() gives it its window once back.
      if (this.#o.isInService && !this.#o.isInService()) {
        this.#arm(agentId, delayMs);
        return;
      }
      // Cluster mode: the desktop may have moved to another node (failover); that node watches it now.
      const elsewhere = await this.#o.isPresentElsewhere?.(agentId);
      if (!this.#isAway(agentId) || this.#logoutTimers.get(agentId) !== handle) {
        done();
        return;
      }
      if (elsewhere === true) {
        done();
        log.info(
          SMACK,
          'AGENT_PRESENT_ON_OTHER_NODE',
          { agent_id: agentId },
          'Agent desktop is available on another node of the cluster; no presence driven logout here',
        );
        return;
      }
      if (this.#o.isPresentElsewhere && elsewhere === undefined) {
        log.log(
          SMACK,
          Severity.WARNING,
          'AGENT_PRESENCE_UNKNOWN',
          { agent_id: agentId, delay_ms: delayMs },
          'Cannot tell whether another node serves this agent (database unavailable); checking again later',
        );
        this.#arm(agentId, delayMs);
        return;
      }
      done();
      this.#worker = (this.#worker % 200) + 1;
      log.info(
        `CoreImpl-worker${this.#worker}`,
        'PRESENCE DRIVEN LOGOUT',
        { agent_id: agentId, reason_code: 255 },
        'Agent presence unavailable for longer than the logout delay; sending forced logout',
      );
      this.#o.forceLogout(agentId);
    }, delayMs);
    this.#logoutTimers.set(agentId, handle);
  }
}
