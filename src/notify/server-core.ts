/**
 * Everything of the notification service except its listeners: router, iq registry, pubsub, and
 * the factory for `XmppSession`s. `server.ts` puts transports around it; tests drive it directly.
 */
import { realTimers, type Timers } from '../clock/index.ts';
import type { TextLog } from '../logs/index.ts';
import { el } from '../xml/index.ts';
import { IqRegistry } from './iq-registry.ts';
import { type SessionLimitOptions, SessionLimits } from './limits.ts';
import { NS } from './namespaces.ts';
import { DEFAULTS } from './options.ts';
import { registerPubsubIq } from './pubsub/handler.ts';
import type { NotifierContext } from './pubsub/notifier.ts';
import { PubsubService } from './pubsub/service.ts';
import type { SaslAuthority } from './sasl-authority.ts';
import { registerServerIq } from './server-iq.ts';
import { type SessionContext, XmppSession } from './session.ts';
import type { SessionTransport } from './session-transport.ts';
import { StanzaHandler } from './stanza-handler.ts';
import { type PresenceEvent, StanzaRouter } from './stanza-router.ts';
import type { PlainAuthPolicy } from './stream-features.ts';

export interface ServerCoreOptions {
  domain: string;
  pubsubDomain: string;
  /** Who may sign in, with which mechanisms. */
  authority: SaslAuthority;
  mayRead(bareJid: string, node: string): boolean | Promise<boolean>;
  /** One user's `mayRead` as a predicate (NotifyOptions.readerOf). */
  readerOf?(bareJid: string): Promise<(node: string) => boolean>;
  /** Bare JIDs of the system users. */
  systemUsers: ReadonlySet<string>;
  allowPlainOnInsecure: PlainAuthPolicy;
  infoLog: TextLog;
  debugLog: TextLog;
  /** Default: real timers. */
  timers?: Timers;
  /** Streams with no resource bound after this long are closed (default 15 s; 0 never). */
  preAuthTimeoutMs?: number;
  /** Authority and `mayRead` calls that take longer fail (default 10 s). */
  callbackTimeoutMs?: number;
  limits: SessionLimitOptions;
  /** Route stanzas between different users (default false; NotifyOptions.chat). */
  chat?: boolean;
}

export interface ServerCore {
  readonly router: StanzaRouter;
  readonly pubsub: PubsubService;
  readonly notifier: NotifierContext;
  readonly sessions: ReadonlySet<XmppSession>;
  isSystemUser(bareJid: string): boolean;
  createXmpp(transport: SessionTransport, id?: string): XmppSession;
}

/** A collaborator that never answers must not hold a login or a subscribe (and its BOSH request) forever. */
function withDeadline<A extends unknown[], T>(
  timers: Timers,
  ms: number,
  name: string,
  fn: (...args: A) => T | Promise<T>,
): (...args: A) => Promise<T> {
  return (...args) =>
    new Promise<T>((resolve, reject) => {
      const timer = timers.setTimeout(() => reject(new Error(`${name} did not answer within ${ms} ms`)), ms);
      const settle = (done: () => void) => {
        timers.clearTimeout(timer);
        done();
      };
      Promise.resolve()
        .then(() => fn(...args))
        .then(
          (value) => settle(() => resolve(value)),
          (err: unknown) => settle(() => reject(err)),
        );
    });
}

export function createServerCore(o: ServerCoreOptions): ServerCore {
  const timers = o.timers ?? realTimers;
  const deadline = o.callbackTimeoutMs ?? DEFAULTS.callbackTimeoutMs;
  const a = o.authority;
  const authority: SaslAuthority = {
    mechanisms: a.mechanisms,
    plain: withDeadline(timers, deadline, 'authenticate', a.plain),
    scram: a.scram && withDeadline(timers, deadline, 'authenticate', a.scram),
    bearer: a.bearer && withDeadline(timers, deadline, 'authenticate', a.bearer),
  };
  const mayRead = withDeadline(timers, deadline, 'mayRead', o.mayRead);
  const router = new StanzaRouter((err) =>
    o.infoLog.write(`A presence listener failed: ${(err as Error).stack ?? err}`),
  );
  const isSystemUser = (bare: string) => o.systemUsers.has(bare);
  const readerOf = o.readerOf && withDeadline(timers, deadline, 'readerOf', o.readerOf);
  const pubsub = new PubsubService({ mayRead, readerOf, isSystemUser });
  const notifier: NotifierContext = {
    pubsubDomain: o.pubsubDomain,
    router,
    infoLog: o.infoLog,
    debugLog: o.debugLog,
  };
  // Handlers register by (scope, type, namespace, element); order does not matter.
  const iq = new IqRegistry();
  registerServerIq(iq, o.pubsubDomain);
  registerPubsubIq(iq, pubsub, notifier);

  const sessions = new Set<XmppSession>();
  const ctx: SessionContext = {
    domain: o.domain,
    pubsubDomain: o.pubsubDomain,
    allowPlainOnInsecure: o.allowPlainOnInsecure,
    authority,
    timers,
    preAuthTimeoutMs: o.preAuthTimeoutMs ?? DEFAULTS.preAuthTimeoutMs,
    router,
    stanzas: new StanzaHandler({
      domain: o.domain,
      pubsubDomain: o.pubsubDomain,
      isChatAllowed: o.chat ?? DEFAULTS.chat,
      router,
      iq,
      infoLog: o.infoLog,
    }),
    infoLog: o.infoLog,
    limits: new SessionLimits(o.limits),
    isSystemUser,
    sessionEnded: (s) => sessions.delete(s),
  };
  router.onPresence((ev) => forwardToSystemUsers(router, o.systemUsers, ev));
  return {
    router,
    pubsub,
    notifier,
    sessions,
    isSystemUser,
    createXmpp(transport, id) {
      const s = new XmppSession(ctx, transport, id);
      sessions.add(s);
      return s;
    },
  };
}

/**
 * Like Finesse's webservices account on Openfire, available system users see every user's
 * availability (as if subscribed to everyone's presence, RFC 6121 §4.4.2): a core running apart
 * from the notification service drives presence-based logout from it.
 */
function forwardToSystemUsers(router: StanzaRouter, systemUsers: ReadonlySet<string>, ev: PresenceEvent) {
  if (systemUsers.has(ev.bareJid)) return;
  for (const bare of systemUsers) {
    for (const s of router.resourcesOf(bare)) {
      if (!s.isAvailable || !s.jid) continue;
      const attrs: Record<string, string> = { from: ev.jid, to: s.jid.full };
      if (ev.type === 'unavailable') attrs.type = 'unavailable';
      const presence = el('presence', attrs);
      presence.ns = NS.client;
      s.deliver(presence);
    }
  }
}
