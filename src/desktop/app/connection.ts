/**
 * Keeps the desktop connected, as seed 003 describes the Finesse desktop: an XMPP session for
 * notifications, a `GET SystemInfo?timestamponly` every minute for drift and round-trip time, and
 * when the connection breaks, the red banner while it looks for a reachable server — this node
 * again, or the other node of the pair when this one is OUT_OF_SERVICE or unreachable — with
 * exponential backoff. Once back it re-subscribes and tells the session to reload every object
 * (finesse.js `recovered`).
 */
import type { ClientLog } from './client/client-log.ts';
import type { SystemInfo, Update } from './client/models.ts';
import { parseSystemInfo } from './client/parse.ts';
import type { RestClient } from './client/rest.ts';
import { Notifier } from './client/xmpp.ts';
import { type DesktopConfig, notifyUrlFor } from './config.ts';
import type { ConnectionStatus } from './desktop-data.ts';
import { alternateOrigin, isReachable } from './node-pair.ts';

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
  /**
   * The other node answers but not to this page's scripts (its REST API sends no CORS headers):
   * the desktop must move there as a page (Finesse's redirect to the alternate side).
   */
  onRelocate: (origin: string) => void;
}

export class Connection {
  readonly #o: ConnectionOptions;
  #origin: string;
  #alternate: string | undefined;
  #notifier: Notifier | undefined;
  #creds: { loginId: string; password: string; domain: string; pubsub: string } | undefined;
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

  /** Learns the other node of the pair from SystemInfo. */
  learnNodes(info: SystemInfo): void {
    this.#alternate = alternateOrigin(info, this.#origin) ?? this.#alternate;
  }

  /** The sign-in connect: one attempt, errors go to the caller. */
  async connect(loginId: string, password: string, info: SystemInfo): Promise<void> {
    this.#stopped = false;
    this.#creds = {
      loginId,
      password,
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
      pubsubDomain: c.pubsub,
      log,
      boshWait: config.boshWait,
      onUpdate: (u) => this.#onUpdate(u),
      onStatus: (s, cond) => {
        if (notifier !== this.#notifier) return;
        log.log('Header', `Notification connection ${s}${cond ? ` (${cond})` : ''}`);
        if (s === 'conflict') this.#replaced();
        else if (s === 'disconnected') this.#lost('XMPP disconnected');
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
    // A SystemInfo update saying OUT_OF_SERVICE is one of Finesse's three failure triggers (§4).
    if (u.data.kind === 'systemInfo' && u.data.systemInfo.status === 'OUT_OF_SERVICE') {
      this.#lost('SystemInfo OUT_OF_SERVICE');
      return;
    }
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
      const { config, rest } = this.#o;
      const n = this.#notifier;
      if (why === 'ping' && n && (await n.ping(config.pingTimeoutMs))) return;
      const probe = await rest.get('/finesse/api/SystemInfo?timestamponly');
      if (!probe.ok) {
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
    this.#scheduleRecover(0);
  }

  #scheduleRecover(delay: number): void {
    clearTimeout(this.#recoverTimer);
    this.#recoverTimer = setTimeout(() => void this.#recover(), delay);
  }

  /**
   * `origin`'s SystemInfo when it is IN_SERVICE (REST then goes there); 'relocated' when it
   * answers but does not let this page in (no CORS for it), after handing the page over to it;
   * undefined, logged, when it is unreachable or out of service.
   */
  async #probe(origin: string): Promise<SystemInfo | 'relocated' | undefined> {
    const { rest, log } = this.#o;
    rest.base = origin;
    const res = await rest.get('/finesse/api/SystemInfo');
    const info = res.ok && res.root ? parseSystemInfo(res.root) : undefined;
    if (res.status === 0 && origin !== this.#o.origin && (await isReachable(origin))) {
      log.log('Header', `Failing over to ${new URL(origin).host} by loading the desktop from there`);
      this.#stopped = true;
      this.#o.onRelocate(origin);
      return 'relocated';
    }
    if (info?.status === 'IN_SERVICE') return info;
    log.log(
      'Header',
      `Server ${new URL(origin).host} not usable: ${info ? info.status : `HTTP ${res.status}`}`,
    );
    return undefined;
  }

  /**
   * At sign-in, when this node answered but is not IN_SERVICE (finesse.js does the same): the
   * other node of the pair, if it is — the desktop talks to it from now on — or, without CORS for
   * this page, the desktop is loaded from there. Undefined when there is no usable other node.
   */
  async otherNode(info: SystemInfo): Promise<SystemInfo | undefined> {
    const other = alternateOrigin(info, this.#origin);
    if (!other) return undefined;
    this.#o.log.log(
      'Container',
      `${new URL(this.#origin).host} is ${info.status}: trying ${new URL(other).host}`,
    );
    const there = await this.#probe(other);
    if (there === 'relocated' || !there) {
      this.#o.rest.base = this.#origin;
      return undefined;
    }
    this.#alternate = this.#origin;
    this.#origin = other;
    this.#o.log.log('Header', `Signing in on ${new URL(other).host}`);
    return there;
  }

  /** One round: this node, then the other; IN_SERVICE and an XMPP session mean recovered. */
  async #recover(): Promise<void> {
    if (this.#stopped) return;
    const { rest, log, config } = this.#o;
    const candidates = [
      this.#origin,
      ...(this.#alternate && this.#alternate !== this.#origin ? [this.#alternate] : []),
    ];
    for (const origin of candidates) {
      const info = await this.#probe(origin);
      if (this.#stopped) return;
      if (info === 'relocated') return;
      if (!info) continue;
      if (origin !== this.#origin) {
        log.log('Header', `Failing over from ${new URL(this.#origin).host} to ${new URL(origin).host}`);
        this.#alternate = this.#origin;
        this.#origin = origin;
      }
      try {
        await this.#openNotifier();
        for (const node of this.#subscriptions) await this.#notifier?.subscribe(node);
      } catch (err) {
        log.log('Header', `Reconnect to ${new URL(origin).host} failed: ${(err as Error).message}`);
        continue;
      }
      if (this.#stopped) return;
      this.#status = 'connected';
      this.#backoff = config.reconnectMinMs;
      log.log('Header', `Connection status: recovered (${new URL(origin).host})`);
      this.#o.onStatus('connected', this.server);
      await this.#o.onRecovered(info);
      return;
    }
    rest.base = this.#origin;
    const delay = this.#backoff;
    this.#backoff = Math.min(this.#backoff * 2, config.reconnectMaxMs);
    log.log('Header', `PageServices._onDisconnect(): no reachable server, retrying in ${delay} ms`);
    this.#scheduleRecover(delay);
  }
}
