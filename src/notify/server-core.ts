/**
 * Everything of the notification service except its listeners: router, iq registry, pubsub, and
 * the factory for `XmppSession`s. `server.ts` puts transports around it; tests drive it directly.
 */
import type { TextLog } from '../logs/index.ts';
import { IqRegistry } from './iq-registry.ts';
import { registerPubsubIq } from './pubsub/handler.ts';
import type { NotifierContext } from './pubsub/notifier.ts';
import { PubsubService } from './pubsub/service.ts';
import { registerServerIq } from './server-iq.ts';
import { type SessionContext, type SessionTransport, XmppSession } from './session.ts';
import { StanzaHandler } from './stanza-handler.ts';
import { StanzaRouter } from './stanza-router.ts';

export interface ServerCoreOptions {
  domain: string;
  pubsubDomain: string;
  authenticate(username: string, password: string): Promise<boolean>;
  mayRead(bareJid: string, node: string): boolean | Promise<boolean>;
  /** Bare JIDs of the system users. */
  systemUsers: ReadonlySet<string>;
  allowPlainOnInsecure: boolean;
  infoLog: TextLog;
  debugLog: TextLog;
}

export interface ServerCore {
  readonly router: StanzaRouter;
  readonly pubsub: PubsubService;
  readonly notifier: NotifierContext;
  readonly sessions: ReadonlySet<XmppSession>;
  createXmpp(transport: SessionTransport, id?: string): XmppSession;
}

export function createServerCore(o: ServerCoreOptions): ServerCore {
  const router = new StanzaRouter((err) =>
    o.infoLog.write(`A presence listener failed: ${(err as Error).stack ?? err}`),
  );
  const pubsub = new PubsubService({ mayRead: o.mayRead, isSystemUser: (bare) => o.systemUsers.has(bare) });
  const notifier: NotifierContext = { pubsubDomain: o.pubsubDomain, router, debugLog: o.debugLog };
  // Handlers register by (scope, type, namespace, element); order does not matter.
  const iq = new IqRegistry();
  registerServerIq(iq, o.pubsubDomain);
  registerPubsubIq(iq, pubsub, notifier);

  const sessions = new Set<XmppSession>();
  const ctx: SessionContext = {
    domain: o.domain,
    pubsubDomain: o.pubsubDomain,
    allowPlainOnInsecure: o.allowPlainOnInsecure,
    authenticate: o.authenticate,
    router,
    stanzas: new StanzaHandler({
      domain: o.domain,
      pubsubDomain: o.pubsubDomain,
      router,
      iq,
      infoLog: o.infoLog,
    }),
    infoLog: o.infoLog,
    sessionEnded: (s) => sessions.delete(s),
  };
  return {
    router,
    pubsub,
    notifier,
    sessions,
    createXmpp(transport, id) {
      const s = new XmppSession(ctx, transport, id);
      sessions.add(s);
      return s;
    },
  };
}
