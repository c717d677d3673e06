/**
 * The notification side of the desktop: Strophe.js (the Finesse desktop's XMPP library) over
 * BOSH (`/http-bind`, the default) or WebSocket (`/ws/`). One Notifier is one XMPP session; a
 * reconnect makes a new one, so a dead session's late callbacks can never touch the live one.
 * (xmpp-bosh.md §2: resource `desktop`, presence priority 0, pubsub at `pubsub.<domain>`,
 * explicit subscriptions with the full JID.)
 */
import { $iq, $pres, Strophe } from 'strophe.js';
import type { ClientLog } from './client-log.ts';
import type { Update } from './models.ts';
import { parseUpdate } from './parse.ts';

/**
 * `request-failed`: a BOSH request failed (the node refused or dropped it) while the session is
 * still up; Strophe retries it by itself, but the desktop gets the chance to look at once whether
 * its node is still there.
 */
export type XmppStatus =
  | 'connecting'
  | 'connected'
  | 'disconnected'
  | 'authfail'
  | 'conflict'
  | 'request-failed';

export interface NotifierOptions {
  /** `http(s)://host/http-bind` or `ws(s)://host/ws/`. */
  service: string;
  /** `<loginId>@<xmppDomain>/<resource>`. */
  jid: string;
  /** The password, or with `isToken` a session token (signed in with SASL OAUTHBEARER, RFC 7628). */
  password: string;
  isToken?: boolean;
  pubsubDomain: string;
  log: ClientLog;
  onUpdate: (update: Update) => void;
  /** Every status change after `connect()` resolved (a drop, a conflict …). */
  onStatus: (status: XmppStatus, condition?: string) => void;
  connectTimeoutMs?: number;
  /** BOSH `wait` asked of the server (seconds); Finesse servers answer empty after 30 s. */
  boshWait?: number;
}

const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const NS_PUBSUB_EVENT = 'http://jabber.org/protocol/pubsub#event';
const NS_PING = 'urn:xmpp:ping';

type Connection = InstanceType<typeof Strophe.Connection>;

// Strophe logs every BOSH request (and every failed one while the network is away) to the
// console; the connection story is told in the client log instead.
Strophe.setLogLevel(Strophe.LogLevel.FATAL);

const STATUS_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(Strophe.Status).map(([k, v]) => [v, k.toLowerCase()]),
);

export class Notifier {
  readonly #o: NotifierOptions;
  readonly #conn: Connection;
  #abandoned = false;
  #connected = false;

  constructor(opts: NotifierOptions) {
    this.#o = opts;
    // A session token goes through OAUTHBEARER only; a password through what the server offers
    // (Strophe prefers SCRAM-SHA-256, then SCRAM-SHA-1, then PLAIN).
    this.#conn = new Strophe.Connection(
      opts.service,
      opts.isToken ? { mechanisms: [Strophe.SASLOAuthBearer] } : {},
    );
    this.#conn.addHandler((msg: Element) => this.#onEventMessage(msg), NS_PUBSUB_EVENT, 'message', null);
  }

  get jid(): string {
    return this.#conn.jid || this.#o.jid;
  }

  get isConnected(): boolean {
    return this.#connected && !this.#abandoned;
  }

  /** SASL (SCRAM, PLAIN or OAUTHBEARER), bind, then initial presence with priority 0 (xmpp-bosh.md §2). */
  connect(): Promise<void> {
    const { log } = this.#o;
    const S = Strophe.Status;
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (err?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      };
      const timer = setTimeout(() => {
        settle(new Error('XMPP connect timed out'));
        this.abandon();
      }, this.#o.connectTimeoutMs ?? 15_000);
      this.#conn.connect(
        this.#o.jid,
        this.#o.password,
        (status: number, condition?: string | null) => {
          if (this.#abandoned) return;
          log.log(
            'Container',
            `[ClientServices] MasterPublisher._connInfoHandler() - Connection status: ${STATUS_NAMES[status] ?? status}${condition ? ` (${condition})` : ''}`,
          );
          if (status === S.CONNECTED) {
            this.#connected = true;
            this.#watchRequests();
            this.#sendInitialPresence(() => settle());
            return;
          }
          if (status === S.AUTHFAIL) {
            settle(new Error('XMPP authentication failed'));
            this.#o.onStatus('authfail', condition ?? undefined);
          } else if (status === S.CONNFAIL || status === S.ERROR || status === S.CONNTIMEOUT) {
            settle(new Error(`XMPP connection failed${condition ? `: ${condition}` : ''}`));
            if (condition === 'conflict') this.#o.onStatus('conflict', condition);
          } else if (status === S.DISCONNECTED) {
            settle(new Error('XMPP disconnected'));
            if (this.#connected) {
              this.#connected = false;
              this.#o.onStatus('disconnected', condition ?? undefined);
            }
          }
        },
        this.#o.boshWait ?? 30,
        1,
      );
    });
  }

  /**
   * Strophe's BOSH transport retries a failed request up to five times, waiting the cube of the
   * try in seconds between them (1, 8, 27 …), and says DISCONNECTED only after the fifth: a node
   * killed outright (its requests refused at once) went unnoticed until the next XMPP ping, ≈10 s
   * with the default timers. Each failure is passed on as `request-failed` instead, and Strophe
   * goes on retrying as before. Reaches into Strophe's private `_hitError` (as `abandon` reaches
   * into `_onDisconnectTimeout`): it has no public hook for a failed request.
   */
  #watchRequests(): void {
    const proto = (this.#conn as unknown as { _proto?: { _hitError?: (status: number) => void } })._proto;
    const hitError = proto?._hitError;
    if (!proto || typeof hitError !== 'function') return; // WebSocket: a dropped socket disconnects at once
    proto._hitError = (status: number) => {
      hitError.call(proto, status);
      if (this.#connected && !this.#abandoned) this.#o.onStatus('request-failed', String(status));
    };
  }

  /**
   * Initial presence (priority 0), then wait for the server's echo of it (RFC 6121 §4.2.2): only
   * once the server knows this resource is available are notifications delivered to it, and the
   * sign-in's PUT LOGIN must not race that. Servers that do not echo get a short grace period.
   */
  #sendInitialPresence(done: () => void): void {
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      done();
    };
    const timer = setTimeout(finish, 1500);
    this.#conn.addHandler(
      (p: Element) => {
        if (p.getAttribute('type') === 'unavailable') return true;
        finish();
        return false;
      },
      null,
      'presence',
      null,
      null,
      this.#conn.jid,
    );
    this.#conn.send($pres().c('priority').t('0'));
    this.#conn.flush();
  }

  /**
   * Pubsub events count only from the pubsub service (XEP-0060 §7.1.2.1: it is the sender of
   * event notifications). Anyone else's "event" — another user's forged Update or SystemInfo
   * OUT_OF_SERVICE, routed by a server with chat on or by a server that is not ours (#12) — is
   * dropped here, the one place events enter the desktop (gadgets get theirs through the
   * container). Compared without case: the server lowercases the domain, SystemInfo may not.
   */
  #onEventMessage(msg: Element): boolean {
    const from = msg.getAttribute('from') ?? '';
    if (from.toLowerCase() !== this.#o.pubsubDomain.toLowerCase()) {
      this.#o.log.log(
        'Container',
        `[ClientServices] MasterPublisher - Ignored an event message from '${from.replace(/[^\w.@/-]/g, '?')}': not ${this.#o.pubsubDomain}`,
      );
      return true;
    }
    for (const items of Array.from(msg.getElementsByTagName('items'))) {
      const node = items.getAttribute('node') ?? '';
      for (const item of Array.from(items.getElementsByTagName('item'))) {
        const payload = item.getElementsByTagName('notification')[0]?.textContent ?? '';
        this.#o.log.log(
          'Container',
          `[ClientServices] MasterPublisher._parseAndPublishXMLEvent() - Received XML event on node '${node}'`,
        );
        const update = parseUpdate(node, payload);
        if (update) this.#o.onUpdate(update);
      }
    }
    return true; // keep the handler
  }

  #iq(build: ReturnType<typeof $iq>, timeoutMs: number): Promise<Element> {
    return new Promise((resolve, reject) => {
      if (!this.isConnected) {
        reject(new Error('not connected'));
        return;
      }
      this.#conn.sendIQ(
        build,
        resolve,
        (err: Element | null) => reject(new Error(err ? Strophe.serialize(err) : 'iq timed out')),
        timeoutMs,
      );
    });
  }

  /** Explicit subscription with the full JID, as supervisors do for team nodes. */
  async subscribe(node: string, timeoutMs = 10_000): Promise<void> {
    const iq = $iq({ type: 'set', to: this.#o.pubsubDomain })
      .c('pubsub', { xmlns: NS_PUBSUB })
      .c('subscribe', { node, jid: this.jid });
    await this.#iq(iq, timeoutMs);
    this.#o.log.log('Container', `[ClientServices] Subscribed to node '${node}' as ${this.jid}`);
  }

  async unsubscribe(node: string, timeoutMs = 5000): Promise<void> {
    const iq = $iq({ type: 'set', to: this.#o.pubsubDomain })
      .c('pubsub', { xmlns: NS_PUBSUB })
      .c('unsubscribe', { node, jid: this.jid });
    await this.#iq(iq, timeoutMs);
  }

  /** XEP-0199 ping to the server: true when it answered in time (errors count as alive). */
  async ping(timeoutMs: number): Promise<boolean> {
    const domain = Strophe.getDomainFromJid(this.jid);
    try {
      await this.#iq($iq({ type: 'get', to: domain }).c('ping', { xmlns: NS_PING }), timeoutMs);
      return true;
    } catch (err) {
      // An <iq type="error"> still proves the session is alive; only silence means it is not.
      return (err as Error).message !== 'iq timed out' && this.isConnected;
    }
  }

  /** Graceful end: unavailable presence and a BOSH terminate, bounded in time. */
  disconnect(timeoutMs = 2000): Promise<void> {
    if (this.#abandoned || !this.#connected) {
      this.abandon();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.abandon();
        resolve();
      }, timeoutMs);
      this.#conn.connect_callback = (status: number) => {
        if (status === Strophe.Status.DISCONNECTED) {
          clearTimeout(timer);
          this.#abandoned = true;
          resolve();
        }
      };
      this.#connected = false;
      this.#conn.disconnect('signed out');
    });
  }

  /** Drops a session known to be dead without waiting on the network for it. */
  abandon(): void {
    if (this.#abandoned) return;
    this.#abandoned = true;
    this.#connected = false;
    const proto = (this.#conn as unknown as { _proto?: { _closeSocket?: () => void } })._proto;
    try {
      this.#conn._onDisconnectTimeout(); // aborts BOSH requests, clears handlers
      proto?._closeSocket?.();
    } catch {
      // Tearing down a half-open transport may throw in Strophe; it is gone either way.
    }
  }
}
