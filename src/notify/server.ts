/**
 * The composition root of the notification service: the server core (router, iq handlers,
 * pubsub) and the transports that feed its `XmppSession`s. Order matters only where noted.
 */

import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { realTimers } from '../clock/index.ts';
import { ConnectionGuard } from './connection-guard.ts';
import { HTTP_TIMEOUTS, hardenHttpServer } from './http-hardening.ts';
import { parseJid } from './jid.ts';
import { DEFAULTS, type NotifyOptions, type NotifyServer } from './options.ts';
import { deliverItem } from './pubsub/notifier.ts';
import { withSystemAccounts } from './sasl-authority.ts';
import { createServerCore } from './server-core.ts';
import { createBoshHttpHandler, isBoshPath } from './transports/bosh/http-handler.ts';
import { BoshManager } from './transports/bosh/manager.ts';
import { listenTcp, type TcpListener } from './transports/tcp-listener.ts';
import { createWebSocketEndpoint } from './transports/websocket.ts';

export function createNotifyServer(options: NotifyOptions): NotifyServer {
  const domain = options.domain.toLowerCase();
  const pubsubDomain = (options.pubsubDomain ?? `pubsub.${domain}`).toLowerCase();
  const { infoLog, debugLog } = options;
  const timers = options.timers ?? realTimers;
  const maxStanzaBytes = options.maxStanzaBytes ?? DEFAULTS.maxStanzaBytes;
  // Fails at once on a certificate the key does not match, not at the first client.
  if (options.tls) tls.createSecureContext(options.tls);

  // System accounts are checked here, before the user store: they need no entry there.
  const accounts = new Map((options.systemAccounts ?? []).map((a) => [a.username, a.password]));
  const authority = withSystemAccounts(options.authority, accounts);
  const systemUsers = [...(options.systemUsers ?? []), ...accounts.keys()];

  const core = createServerCore({
    domain,
    pubsubDomain,
    authority,
    mayRead: options.mayRead,
    readerOf: options.readerOf,
    systemUsers: new Set(systemUsers.map((u) => `${u}@${domain}`)),
    allowPlainOnInsecure: options.allowPlainOnInsecure ?? DEFAULTS.allowPlainOnInsecure,
    infoLog,
    debugLog,
    timers,
    preAuthTimeoutMs: (options.preAuthTimeout ?? DEFAULTS.preAuthTimeoutMs / 1000) * 1000,
    callbackTimeoutMs: (options.callbackTimeout ?? DEFAULTS.callbackTimeoutMs / 1000) * 1000,
    limits: { ...DEFAULTS.limits, ...options.limits },
    chat: options.chat,
  });
  const { router, pubsub: service, notifier, sessions, createXmpp } = core;

  // A body may batch several stanzas; twice the stanza limit bounds what is buffered per request.
  const maxBodyBytes = maxStanzaBytes * 2;
  const maxQueuedBytes = options.maxQueuedBytes ?? DEFAULTS.maxQueuedBytes;
  const bosh = new BoshManager({
    domain,
    settings: { ...DEFAULTS.bosh, ...options.bosh },
    maxBodyLength: maxBodyBytes,
    maxQueuedBytes,
    timers,
    infoLog,
    debugLog,
    createXmpp,
  });
  const handleBosh = createBoshHttpHandler(bosh, maxBodyBytes);
  const streamOptions = {
    maxStanzaLength: maxStanzaBytes,
    maxBufferedBytes: maxQueuedBytes,
    debugLog,
    infoLog,
    createXmpp,
  };
  const webSocket = createWebSocketEndpoint(streamOptions);
  // Real timers even when the sessions run on a test's clock: a connection's first request is a
  // matter of the network, and a stepped clock must not close connections whose request is on its way.
  const guard = options.connectionGuard ?? new ConnectionGuard(DEFAULTS.connections, infoLog, realTimers);
  const httpServers: http.Server[] = [];
  let currentTls = options.tls;
  const tcpListeners: TcpListener[] = [];
  const needTls = (what: string) => {
    if (!currentTls) throw new Error(`${what} needs a certificate (NotifyOptions.tls)`);
    return currentTls;
  };

  return {
    handleBosh,
    handleUpgrade: webSocket.handleUpgrade,
    async listenBosh({ host, port, secure = false }) {
      const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
        if (isBoshPath(req.url)) return handleBosh(req, res);
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found\n');
      };
      // Finesse's 7443: the same handler behind TLS; the handler sees `encrypted` on the socket.
      const server = secure
        ? https.createServer(
            { ...needTls('listenBosh({ secure })'), handshakeTimeout: HTTP_TIMEOUTS.tlsHandshakeMs },
            onRequest,
          )
        : http.createServer(onRequest);
      hardenHttpServer(server, guard, secure ? 'BOSH TLS' : 'BOSH');
      server.on('upgrade', (req, socket, head) => {
        if (!webSocket.handleUpgrade(req, socket, head)) socket.destroy();
      });
      if (secure) server.on('tlsClientError', (_err, socket) => socket.destroy());
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const bound = (server.address() as AddressInfo).port;
      // The start line the BOSH technote's recipe searches for ("HTTP bind service started"): once
      // per start, or `switchboard diagnose` would read a second one as a restart without a stop.
      const verb = httpServers.length === 0 ? 'started on' : 'also listening on';
      infoLog.write(`HTTP bind service ${verb} ${host ?? '*'}:${bound}${secure ? ' (TLS)' : ''}`);
      httpServers.push(server);
      return { port: bound };
    },
    async listenTcp({ host, port, directTls = false }) {
      const { listener, port: bound } = await listenTcp(
        {
          host,
          port,
          directTls,
          tls: directTls ? needTls('listenTcp({ directTls })') : currentTls,
          guard,
        },
        streamOptions,
      );
      tcpListeners.push(listener);
      // Openfire's wording for its 5222 and 5223 listeners.
      infoLog.write(
        directTls
          ? `Started SSL (encrypted) socket on ${host ?? '*'}:${bound} for client connections`
          : `Started plain (unencrypted) socket on ${host ?? '*'}:${bound} for client connections${options.tls ? ' (STARTTLS offered)' : ''}`,
      );
      return { port: bound };
    },
    pubsub: {
      createNode(node) {
        const r = service.createNode(node);
        if (!r.ok) throw new Error(`pubsub.createNode: invalid node name ${JSON.stringify(node)}`);
      },
      subscribe(node, jid) {
        const j = parseJid(jid);
        if (!j) throw new Error(`pubsub.subscribe: not a JID: ${JSON.stringify(jid)}`);
        service.subscribe(node, j);
      },
      unsubscribe(node, jid) {
        service.unsubscribe(node, jid);
      },
      publish(node, payload, itemId) {
        const r = service.publish(node, payload, itemId);
        if (!r.ok) throw new Error(`pubsub.publish: invalid node name ${JSON.stringify(node)}`);
        const delivered = deliverItem(notifier, node, r.value.item, r.value.subscriptions);
        return { itemId: r.value.item.id, delivered };
      },
      nodes: () => service.nodes(),
    },
    on(event, fn) {
      if (event !== 'presence') throw new Error(`unknown event ${event}`);
      router.onPresence(fn);
    },
    get sessionCount() {
      return sessions.size;
    },
    listenerStates() {
      const port = (s: { address(): unknown }) => (s.address() as AddressInfo | null)?.port ?? 0;
      return [
        ...httpServers.map((s) => ({
          kind: 'BOSH' as const,
          port: port(s),
          isSecure: s instanceof https.Server,
          isListening: s.listening,
        })),
        ...tcpListeners.map((l) => ({
          kind: 'TCP' as const,
          port: port(l.server),
          isSecure: l.server instanceof tls.Server,
          isListening: l.server.listening,
        })),
      ];
    },
    sessionStats(maxIdleMs = Number.POSITIVE_INFINITY) {
      const now = timers.now();
      const byTransport = { BOSH: 0, TCP: 0, WebSocket: 0 };
      let bound = 0;
      const users = { BOSH: new Set<string>(), TCP: new Set<string>(), WebSocket: new Set<string>() };
      for (const s of sessions) {
        byTransport[s.transportKind]++;
        if (!s.jid) continue;
        bound++;
        if (!core.isSystemUser(s.jid.bare) && s.idleMs(now) <= maxIdleMs)
          users[s.transportKind].add(s.jid.bare);
      }
      return {
        byTransport,
        bound,
        boundUsers: new Set([...users.BOSH, ...users.TCP, ...users.WebSocket]).size,
        boundUsersByTransport: {
          BOSH: users.BOSH.size,
          TCP: users.TCP.size,
          WebSocket: users.WebSocket.size,
        },
      };
    },
    setDebug(on) {
      if (debugLog.enabled === on) return;
      // Both files say it: info.log for the record, debug.log where its gap starts and ends.
      const line = `Notification service debug logging ${on ? 'enabled' : 'disabled'}`;
      infoLog.write(line);
      if (!on) debugLog.write(line);
      debugLog.enabled = on;
      if (on) debugLog.write(line);
    },
    get isDebugEnabled() {
      return debugLog.enabled;
    },
    setTls(credentials) {
      tls.createSecureContext(credentials);
      currentTls = credentials;
      for (const server of httpServers)
        if (server instanceof https.Server) server.setSecureContext(credentials);
      for (const listener of tcpListeners) listener.setTls(credentials);
    },
    async close() {
      // First, so that nobody reacts to the unavailable presences of a shutdown.
      router.clearListeners();
      bosh.closeAll();
      await Promise.all([webSocket.close(), ...tcpListeners.map((l) => l.close())]);
      for (const s of [...sessions]) s.terminate('shutdown', 'system-shutdown');
      await Promise.all(
        httpServers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              // Held requests were just answered; idle keep-alive sockets would hold close() open.
              server.closeIdleConnections();
              setTimeout(() => server.closeAllConnections(), 100).unref();
            }),
        ),
      );
      // "Openfire stop" is what the technote's recipe searches for (`file search … "Openfire stop"`).
      infoLog.write('Notification service stopped (Openfire stopped)');
    },
  };
}
