/** The notification service's public types: its options (with defaults) and its interface. */

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Timers } from '../clock/index.ts';
import type { TextLog } from '../logs/index.ts';
import type { XmlElement } from '../xml/index.ts';
import type { ConnectionGuard } from './connection-guard.ts';
import type { SaslAuthority } from './sasl-authority.ts';
import type { PresenceEvent } from './stanza-router.ts';
import type { PlainAuthPolicy } from './stream-features.ts';

export interface BoshOptions {
  /** Longest time, in seconds, a request is held before an empty response (default 30; capped by the client's). */
  wait?: number;
  /** Seconds with no request held before the session is closed as idle (default 60, the Finesse value). */
  inactivity?: number;
  /** Most requests held at once (default 1; capped by the client's). */
  hold?: number;
  /** `requests` advertised (default 2; always at least hold + 1). */
  requests?: number;
  /** Shortest polling interval in seconds for polling sessions (default 5). */
  polling?: number;
  /** Longest pause a client may ask for, in seconds (default 120). */
  maxpause?: number;
}

export interface NotifyOptions {
  /** The xmppDomain, e.g. 'localhost' or the node's FQDN. */
  domain: string;
  /** The pubsub service's address (default `pubsub.${domain}`). */
  pubsubDomain?: string;
  /**
   * Who may sign in, and with which SASL mechanisms (the product's sign-in service; or
   * `passwordAuthority(check)` for PLAIN against a password check).
   */
  authority: SaslAuthority;
  /** May this user subscribe to / read this node? */
  mayRead(bareJid: string, node: string): boolean | Promise<boolean>;
  /**
   * Optional: one user's `mayRead` as a predicate, looked up once, for answers that list many
   * nodes (disco#items shows a user only the nodes it may read). Default: `mayRead` per node.
   */
  readerOf?(bareJid: string): Promise<(node: string) => boolean>;
  /**
   * Local parts allowed to create nodes, publish, and subscribe others over XMPP (like Finesse's
   * webservices account on Openfire); they authenticate through `authority`, and see every
   * user's presence.
   */
  systemUsers?: string[];
  /**
   * System users whose credentials the notification service holds itself (checked before
   * `authority`, so they need no entry in the user store): a core running in another process.
   */
  systemAccounts?: { username: string; password: string }[];
  /** Openfire info.log: session lifecycle. */
  infoLog: TextLog;
  /** Openfire debug.log: BOSH traffic, unroutable events; `enabled` switches at run time. */
  debugLog: TextLog;
  bosh?: BoshOptions;
  /**
   * Certificate and private key (PEM) for STARTTLS on `listenTcp`, direct TLS (`listenTcp` with
   * `directTls`) and BOSH/WebSocket over https (`listenBosh` with `secure`). Without it, none of
   * these are offered. `loadTlsCredentials` reads or generates one.
   */
  tls?: { cert: string; key: string };
  /**
   * Credentials (SASL PLAIN, SCRAM, OAUTHBEARER) on links without TLS: true, false, or 'loopback'
   * (default: only from 127.0.0.0/8 and ::1, where nothing crosses a network).
   */
  allowPlainOnInsecure?: PlainAuthPolicy;
  /** Seconds a connection may stay without a bound resource before it is closed (default 15; 0 never). */
  preAuthTimeout?: number;
  /** Seconds an authority or `mayRead` call may take before it counts as failed (default 10). */
  callbackTimeout?: number;
  /** Largest stanza accepted, in bytes (default 256 KiB, Prosody's c2s_stanza_size_limit). */
  maxStanzaBytes?: number;
  /**
   * Output waiting for one client, in bytes, beyond which it counts as not reading and is dropped
   * (default 4 MiB: thousands of notifications). Bounds the memory a stalled client can hold.
   */
  maxQueuedBytes?: number;
  /**
   * Sessions per address and resources per account (`limits.ts` says why these defaults): streams
   * not signed in yet from one address (default 500; over it the oldest idle one is closed to make
   * way), all streams from one address (default 0, no limit: desktops behind one proxy or NAT
   * share it), resources bound by one account (default 10; also the most sign-ins of one account
   * awaiting a bind; system accounts are exempt). Over a limit a stream ends with
   * `policy-violation` and a bind gets `resource-constraint`.
   */
  limits?: { maxUnboundPerAddress?: number; maxPerAddress?: number; maxResourcesPerUser?: number };
  /** The clock (default: real, unref'd timers). */
  timers?: Timers;
  /**
   * TCP connections per address on the listeners this service opens (connection-guard.ts); a node
   * passes one guard for all its listeners. Default: a guard of its own with DEFAULTS.connections.
   */
  connectionGuard?: ConnectionGuard;
  /**
   * Route messages, iqs and directed presence from one user to another (default false). A contact
   * center's desktops talk to the server and pubsub only; with chat off, an agent cannot put a
   * forged notification on another agent's desktop (#12). Off, such stanzas get `not-allowed`.
   */
  chat?: boolean;
}

export const DEFAULTS = {
  bosh: { wait: 30, inactivity: 60, hold: 1, requests: 2, polling: 5, maxpause: 120 },
  allowPlainOnInsecure: 'loopback',
  chat: false,
  /**
   * Prosody's c2s_timeout is 90 s; a desktop binds within a second, an idle probe never does, and
   * a stranger's stream holds a per-address slot only this long (#12). Above the 10 s an
   * authenticate call may take.
   */
  preAuthTimeoutMs: 15_000,
  callbackTimeoutMs: 10_000,
  maxStanzaBytes: 256 * 1024,
  limits: { maxUnboundPerAddress: 500, maxPerAddress: 0, maxResourcesPerUser: 10 },
  /** Output buffered for a client that does not read, before it is dropped. */
  maxQueuedBytes: 4 * 1024 * 1024,
  /**
   * Per address: connections waiting for their first request (the oldest makes way past it), all
   * connections (none: NATs), and how long a connection may stay silent (connection-guard.ts).
   */
  connections: { maxFreshPerAddress: 256, maxPerAddress: 0, firstRequestTimeoutMs: 10_000 },
} as const;

export interface NotifyPubsub {
  /** Creates a node (idempotent). Throws on an empty or unprintable name. */
  createNode(node: string): void;
  /** Server-side subscription: no permission check. A bare JID reaches every available resource with priority >= 0. */
  subscribe(node: string, jid: string): void;
  unsubscribe(node: string, jid: string): void;
  /** Publishes `payload` (the `<notification>` element) to a node, creating it if needed. */
  publish(node: string, payload: XmlElement, itemId?: string): { itemId: string; delivered: number };
  nodes(): string[];
}

export interface NotifyServer {
  /** Mount on any HTTP server at /http-bind (and /http-bind/). */
  handleBosh(req: IncomingMessage, res: ServerResponse): void;
  /**
   * Its own HTTP server for BOSH (and /ws/ upgrades); with `secure`, https with the `tls`
   * certificate (Finesse's 7443). Throws if `secure` is asked without `tls`.
   */
  listenBosh(opts: { host?: string; port: number; secure?: boolean }): Promise<{ port: number }>;
  /**
   * XMPP client-to-server over TCP: STARTTLS offered when `tls` is set (5222); with `directTls`,
   * TLS from the first byte (5223, XEP-0368). Throws if `directTls` is asked without `tls`.
   */
  listenTcp(opts: { host?: string; port: number; directTls?: boolean }): Promise<{ port: number }>;
  /** XMPP over WebSocket at /ws/; false if the path is not ours. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  readonly pubsub: NotifyPubsub;
  on(event: 'presence', fn: (ev: PresenceEvent) => void): void;
  /** Open XMPP sessions, all transports, authenticated or not. */
  readonly sessionCount: number;
  /** Every listener opened (BOSH, TCP), its port and whether it still listens. */
  listenerStates(): { kind: 'BOSH' | 'TCP'; port: number; isSecure: boolean; isListening: boolean }[];
  /**
   * Open sessions by transport, and the users signed in; with `maxIdleMs`, only users whose client
   * was heard from that recently (a desktop that went elsewhere leaves its BOSH session idle).
   */
  sessionStats(maxIdleMs?: number): {
    byTransport: Record<'BOSH' | 'TCP' | 'WebSocket', number>;
    bound: number;
    /** Users (system accounts aside) with a bound session, all told and by transport. */
    boundUsers: number;
    boundUsersByTransport: Record<'BOSH' | 'TCP' | 'WebSocket', number>;
  };
  /**
   * Switches debug.log (BOSH, TCP and WebSocket traffic) on or off at run time, like
   * `utils finesse notification logging enable|disable`; info.log records each switch.
   */
  setDebug(on: boolean): void;
  readonly isDebugEnabled: boolean;
  /**
   * Ends every session (BOSH: terminate body, TCP/WebSocket: stream error system-shutdown) and
   * closes the listeners. No presence events fire during shutdown: the process is going away.
   */
  /**
   * A new certificate for every TLS listener (https BOSH, direct TLS, STARTTLS) without a restart:
   * new connections get it, open ones keep the old. Throws, changing nothing, when the key does
   * not match the certificate.
   */
  setTls(credentials: { cert: string; key: string }): void;
  close(): Promise<void>;
}
