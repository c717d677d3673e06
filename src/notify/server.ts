/**
 * The composition root of the notification service: the server core (router, iq handlers,
 * pubsub) and the transports that feed its `XmppSession`s. Order matters only where noted.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseJid } from './jid.ts';
import { DEFAULTS, type NotifyOptions, type NotifyServer } from './options.ts';
import { deliverItem } from './pubsub/notifier.ts';
import { createServerCore } from './server-core.ts';
import { realTimers } from './timers.ts';
import { createBoshHttpHandler, isBoshPath } from './transports/bosh/http-handler.ts';
import { BoshManager } from './transports/bosh/manager.ts';
import { listenTcp, type TcpListener } from './transports/tcp.ts';
import { createWebSocketEndpoint } from './transports/websocket.ts';

export function createNotifyServer(options: NotifyOptions): NotifyServer {
  const domain = options.domain.toLowerCase();
  const pubsubDomain = (options.pubsubDomain ?? `pubsub.${domain}`).toLowerCase();
  const { infoLog, debugLog } = options;
  const timers = options.timers ?? realTimers;
  const maxStanzaBytes = options.maxStanzaBytes ?? DEFAULTS.maxStanzaBytes;

  const core = createServerCore({
    domain,
    pubsubDomain,
    authenticate: options.authenticate,
    mayRead: options.mayRead,
    systemUsers: new Set((options.systemUsers ?? []).map((u) => `${u}@${domain}`)),
    allowPlainOnInsecure: options.allowPlainOnInsecure ?? DEFAULTS.allowPlainOnInsecure,
    infoLog,
    debugLog,
  });
  const { router, pubsub: service, notifier, sessions, createXmpp } = core;

  // A body may batch several stanzas; twice the stanza limit bounds what is buffered per request.
  const maxBodyBytes = maxStanzaBytes * 2;
  const bosh = new BoshManager({
    domain,
    settings: { ...DEFAULTS.bosh, ...options.bosh },
    maxBodyLength: maxBodyBytes,
    maxQueuedBytes: DEFAULTS.maxQueuedBytes,
    timers,
    infoLog,
    debugLog,
    createXmpp,
  });
  const handleBosh = createBoshHttpHandler(bosh, maxBodyBytes);
  const streamOptions = {
    maxStanzaLength: maxStanzaBytes,
    maxBufferedBytes: DEFAULTS.maxQueuedBytes,
    createXmpp,
  };
  const webSocket = createWebSocketEndpoint(streamOptions);
  const httpServers: http.Server[] = [];
  const tcpListeners: TcpListener[] = [];

  return {
    handleBosh,
    handleUpgrade: webSocket.handleUpgrade,
    async listenBosh({ host, port }) {
      const server = http.createServer((req, res) => {
        if (isBoshPath(req.url)) return handleBosh(req, res);
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found\n');
      });
      server.on('upgrade', (req, socket, head) => {
        if (!webSocket.handleUpgrade(req, socket, head)) socket.destroy();
      });
      server.on('clientError', (_err, socket) => socket.destroy());
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      httpServers.push(server);
      infoLog.write(`HTTP bind service started on ${host ?? '*'}:${(server.address() as AddressInfo).port}`);
      return { port: (server.address() as AddressInfo).port };
    },
    async listenTcp(opts) {
      const { listener, port } = await listenTcp(opts, streamOptions);
      tcpListeners.push(listener);
      infoLog.write(
        `Started plain (unencrypted) socket on ${opts.host ?? '*'}:${port} for client connections`,
      );
      return { port };
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
      infoLog.write('Notification service stopped');
    },
  };
}
