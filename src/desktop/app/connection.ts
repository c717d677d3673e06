/**
 * Keeps the desktop connected, as seed 003 describes the Finesse desktop: an XMPP session for
 * notifications, a `GET SystemInfo?timestamponly` every minute for drift and round-trip time, and
 * when the connection breaks, the red banner while it looks for a reachable server — this node
 * again, or another node of the cluster when this one is OUT_OF_SERVICE or unreachable. After a
 * random delay (so that the desktops of a lost node do not all knock at once) every known node is
 * asked at once (node-probe.ts), with exponential backoff between rounds. Once back it
 * re-subscribes and tells the session to reload every object (finesse.js `recovered`): the agent
 * keeps its state, no new LOGIN is sent.
 */
import type { ClientLog } from './client/client-log.ts';
import type { SystemInfo, Update } from './client/models.ts';
import { parseSystemInfo } from './client/parse.ts';
import type { RestClient } from './client/rest.ts';
import { Notifier } from './client/xmpp.ts';
import { type DesktopConfig, notifyUrlFor } from './config.ts';
import type { ConnectionStatus } from './desktop-data.ts';
import { isReachable, otherOrigins } from './node-pair.ts';
import { askNode, chooseNode, type ProbeAnswer, probeNodes } from './node-probe.ts';

/** After the first usable answer, the others this quick may still be chosen (an even spread). */
const PROBE_GRACE_MS = 150;

export interface ConnectionOptions {
  config: DesktopConfig;
  rest: RestClient;
  log: ClientLog;
  /** The origin the page came from: the first node tried. */
  origin: string;
  onUpdate: (u: Update) => void;
  onStatus: (status: ConnectionStatus, server: string) => void;
  /** After a reconnect: reload every object (User, Dialogs, team …). */
  onRecovered: (info: SystemInfo) => Promise<void>;
  onDrift: (driftMs: number) => void;
  /** Before each reconnect: what to sign in with on the node reached (see credentials.ts). */
  credentials?: () => Promise<{ password: string; isToken: boolean }>;
  /**
   * The other node answers but not to this page's scripts (its REST API sends no CORS headers):
   * the desktop must move there as a page (Finesse's redirect to the alternate side).
   */
  onRelocate: (origin: string) => void;
}

export class Connection {
  readonly #o: ConnectionOptions;
  #origin: string;
  /** Every other node known from SystemInfo. */
  #others: string[] = [];
  #notifier: Notifier | undefined;
  /** `password` is a session token when `isToken` (desktop credentials.ts; SASL OAUTHBEARER). */
  #creds: { loginId: string; password: string; isToken: boolean; domain: string; pubsub: string } | undefined;
  readonly #subscriptions = new Set<string>();
  #status: ConnectionStatus = 'connected';
  #timers: ReturnType<typeof setTimeout>[] = [];
  #recoverTimer: ReturnType<typeof setTimeout> | undefined;
  #backoff: number;
  #checking = false;
  #stopped = false;

  constructor(opts: ConnectionOptions) {
    this.#o = opts;
    this.#origin = opts.origin;
    this.#backoff = opts.config.reconnectMinMs;
  }

  get server(): string {
    return new URL(this.#origin).hostname;
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  /** Learns the other nodes from SystemInfo (the pair, and in a cluster every live node). */
  learnNodes(info: SystemInfo): void {
    const others = otherOrigins(info, this.#origin);
    if (others.length > 0) this.#others = others;
  }

  /** The sign-in connect: one attempt, errors go to the caller. */
  async connect(loginId: string, password: string, info: SystemInfo, isToken = false): Promise<void> {
    this.#stopped = false;
    this.#creds = {
      loginId,
      password,
      isToken,
      domain: info.xmppDomain,
      pubsub: info.xmppPubSubDomain || `pubsub.${info.xmppDomain}`,
    };
    await this.#openNotifier();
    this.#status = 'connected';
    this.#startTimers();
  }

  async subscribe(node: string): Promise<void> {
    this.#subscriptions.add(node);
    await this.#notifier?.subscribe(node);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const t of this.#timers) clearInterval(t);
    this.#timers = [];
    clearTimeout(this.#recoverTimer);
    const n = this.#notifier;
    this.#notifier = undefined;
    this.#subscriptions.clear();
    await n?.disconnect();
  }

  async #openNotifier(): Promise<void> {
    const c = this.#creds;
    if (!c) throw new Error('connect() first');
    const { config, log } = this.#o;
    const notifier = new Notifier({
      service: notifyUrlFor(this.#origin, config),
      jid: `${c.loginId}@${c.domain}/desktop`,
      password: c.password,
      isToken: c.isToken,
      pubsubDomain: c.pubsub,
      log,
      boshWait: config.boshWait,
      onUpdate: (u) => this.#onUpdate(u),
      onStatus: (s, cond) => {
        if (notifier !== this.#notifier) return;
        log.log('Header', `Notification connection ${s}${cond ? ` (${cond})` : ''}`);
        if (s === 'conflict') this.#replaced();
        else if (s === 'disconnected') this.#lost('XMPP disconnected');
        // Is the node still there? A refused probe (a dead node) or a silent one (hung) is a loss.
        else if (s === 'request-failed') void this.check(`BOSH request failed (${cond})`);
      },
    });
    this.#notifier?.abandon();
    this.#notifier = notifier;
    await notifier.connect();
    log.log(
      'Header',
      `Notification connection established (${notifier.jid} via ${notifyUrlFor(this.#origin, config)})`,
    );
  }

  #onUpdate(u: Update): void {
    // A SystemInfo update saying OUT_OF_SERVICE is one of Finesse's three failure triggers (§4);
    // PARTIAL_SERVICE answers 503 to every request just the same.
    if (u.data.kind === 'systemInfo' && u.data.systemInfo.status !== 'IN_SERVICE') {
      this.#lost(`SystemInfo ${u.data.systemInfo.status}`);
      return;
    }
    // A node joined or left the cluster.
    if (u.data.kind === 'systemInfo') this.learnNodes(u.data.systemInfo);
    this.#o.onUpdate(u);
  }

  #startTimers(): void {
    const { config } = this.#o;
    for (const t of this.#timers) clearInterval(t);
    this.#timers = [
      setInterval(() => void this.#poll(), config.pollMs),
      setInterval(() => void this.check('ping'), config.pingMs),
    ];
  }

  /** The every-minute `timestamponly` poll: drift and network latency, written to the client log. */
  async #poll(): Promise<void> {
    if (this.#status !== 'connected') return;
    const t0 = Date.now();
    const res = await this.#o.rest.get('/finesse/api/SystemInfo?timestamponly');
    const t1 = Date.now();
    const ts = res.root ? parseSystemInfo(res.root).currentTimestamp : '';
    if (!res.ok || !ts) {
      void this.check('timestamp poll failed');
      return;
    }
    this.recordDrift(t0, t1, ts);
  }

  /**
   * Drift from one SystemInfo answer — server time minus the client time halfway through the
   * request — logged in the seed's words ("Client: …, Server: …, Drift: … ms, Network Latency …").
   */
  recordDrift(t0: number, t1: number, serverTimestamp: string): void {
    const server = Date.parse(serverTimestamp);
    if (Number.isNaN(server)) return;
    const rtt = t1 - t0;
    const drift = Math.round(server - (t0 + rtt / 2));
    try {
      sessionStorage.setItem('clientTimestampDrift', String(drift)); // where finesse.js keeps it (§4)
    } catch {
      // storage disabled: the drift still lives in memory
    }
    this.#o.onDrift(drift);
    this.#o.log.log(
      'Header',
      `Client: ${new Date(t1).toISOString()}, Server: ${serverTimestamp}, Drift: ${drift} ms, Network Latency (round trip): ${rtt} ms`,
    );
  }

  /**
   * Is the connection still there? An XMPP ping (2 tries, as Finesse desktops do); when it goes
   * unanswered a REST probe decides quickly whether the network is gone. Also run when any REST
   * call fails.
   */
  async check(why: string): Promise<void> {
    if (this.#status !== 'connected' || this.#checking || this.#stopped) return;
    this.#checking = true;
    try {
      const { config } = this.#o;
      const n = this.#notifier;
      if (why === 'ping' && n && (await n.ping(config.pingTimeoutMs))) return;
      // A short timeout: a hung node must not hold the desktop for a whole request timeout.
      const probe = await this.#ask(this.#origin);
      if (probe.status < 200 || probe.status >= 300) {
        this.#lost(`${why}; SystemInfo answered ${probe.status}`);
        return;
      }
      if (n && !(await n.ping(config.pingTimeoutMs))) this.#lost(`${why}; XMPP ping unanswered`);
    } finally {
      this.#checking = false;
    }
  }

  /**
   * The same user signed in elsewhere with our resource and the server closed this stream
   * (finesse.js `disconnected_conflict`). Reconnecting would only push the other desktop out in
   * turn, so this one stops and says why.
   */
  #replaced(): void {
    if (this.#stopped) return;
    this.#o.log.log('Header', 'Connection status: disconnected_conflict (signed in from another desktop)');
    for (const t of this.#timers) clearInterval(t);
    this.#timers = [];
    this.#status = 'replaced';
    this.#stopped = true;
    this.#notifier?.abandon();
    this.#o.onStatus('replaced', this.server);
  }

  #lost(reason: string): void {
    if (this.#status !== 'connected' || this.#stopped) return;
    this.#status = 'disconnected';
    this.#o.log.log(
      'Header',
      `Connection to ${this.server} lost (${reason}); looking for a reachable server`,
    );
    this.#notifier?.abandon();
    this.#o.onStatus('disconnected', this.server);
    this.#backoff = this.#o.config.reconnectMinMs;
    this.#scheduleRecover(Math.random() * this.#o.config.reconnectJitterMs);
  }

  #scheduleRecover(delay: number): void {
    clearTimeout(this.#recoverTimer);
    this.#recoverTimer = setTimeout(() => void this.#recover(), delay);
  }

  #ask(origin: string): Promise<ProbeAnswer> {
    return askNode(origin, this.#o.log, this.#o.config.probeTimeoutMs);
  }

  /**
   * Asks `origins` at once and picks one IN_SERVICE (node-probe.ts). When none is and one of them
   * answered nothing here but is reachable without CORS (its REST API does not let this page
   * in), the page is handed over to it: 'relocated'.
   */
  async #findNode(origins: string[]): Promise<ProbeAnswer | 'relocated' | undefined> {
    const { log, config } = this.#o;
    const answers = await probeNodes(origins, (o) => this.#ask(o), PROBE_GRACE_MS);
    const chosen = chooseNode(answers, this.#origin);
    if (chosen) return chosen;
    for (const a of answers) {
      log.log(
        'Header',
        `Server ${new URL(a.origin).host} not usable: ${a.info ? a.info.status : `HTTP ${a.status}`}`,
      );
    }
    const silent = answers.filter((a) => a.status === 0 && a.origin !== this.#o.origin).map((a) => a.origin);
    const reachable = await Promise.all(silent.map((o) => isReachable(o, config.probeTimeoutMs)));
    const target = silent.find((_, i) => reachable[i]);
    if (!target) return undefined;
    log.log('Header', `Failing over to ${new URL(target).host} by loading the desktop from there`);
    this.#stopped = true;
    this.#o.onRelocate(target);
    return 'relocated';
  }

  /** From now on the desktop talks to `origin`; the node it leaves becomes one of the others. */
  #moveTo(origin: string): void {
    if (origin === this.#origin) return;
    this.#others = [this.#origin, ...this.#others.filter((o) => o !== origin)];
    this.#origin = origin;
    this.#o.rest.base = origin;
  }

  /**
   * At sign-in, when this node answered but is not IN_SERVICE (finesse.js does the same): another
   * node, if one is — the desktop talks to it from now on — or, without CORS for this page, the
   * desktop is loaded from there. Undefined when there is no usable other node.
   */
  async otherNode(info: SystemInfo): Promise<SystemInfo | undefined> {
    this.learnNodes(info);
    if (this.#others.length === 0) return undefined;
    this.#o.log.log(
      'Container',
      `${new URL(this.#origin).host} is ${info.status}: trying ${this.#others.map((o) => new URL(o).host).join(', ')}`,
    );
    const there = await this.#findNode(this.#others);
    if (there === 'relocated' || !there?.info) return undefined;
    this.#moveTo(there.origin);
    this.#o.log.log('Header', `Signing in on ${new URL(there.origin).host}`);
    return there.info;
  }

  /** One round: every known node at once; IN_SERVICE and an XMPP session mean recovered. */
  async #recover(): Promise<void> {
    if (this.#stopped) return;
    const { rest, log, config } = this.#o;
    const found = await this.#findNode([this.#origin, ...this.#others]);
    if (this.#stopped || found === 'relocated') return;
    if (found?.info) {
      const { origin, info } = found;
      const from = this.#origin;
      if (origin !== from)
        log.log('Header', `Failing over from ${new URL(from).host} to ${new URL(origin).host}`);
      this.#moveTo(origin);
      this.learnNodes(info);
      try {
        // The session token renewed on the node reached (or the password, where it is refused).
        if (this.#creds && this.#o.credentials) Object.assign(this.#creds, await this.#o.credentials());
        await this.#openNotifier();
        for (const node of this.#subscriptions) await this.#notifier?.subscribe(node);
        if (this.#stopped) return;
        this.#status = 'connected';
        this.#backoff = config.reconnectMinMs;
        log.log('Header', `Connection status: recovered (${new URL(origin).host})`);
        this.#o.onStatus('connected', this.server);
        await this.#o.onRecovered(info);
        return;
      } catch (err) {
        log.log('Header', `Reconnect to ${new URL(origin).host} failed: ${(err as Error).message}`);
      }
    }
    rest.base = this.#origin;
    // Jittered: the desktops that failed together do not come back together.
    const delay = Math.round(this.#backoff * (0.5 + Math.random()));
    this.#backoff = Math.min(this.#backoff * 2, config.reconnectMaxMs);
    log.log('Header', `PageServices._onDisconnect(): no reachable server, retrying in ${delay} ms`);
    this.#scheduleRecover(delay);
  }
}
