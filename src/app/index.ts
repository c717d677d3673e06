import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { applyCors } from '../api/cors.ts';
import { createApi, createAuthenticator, credentialRequestOf, logLockout } from '../api/index.ts';
import { createSignIn } from '../auth/index.ts';
import { realTimers } from '../clock/index.ts';
import { Core, mayReadNode, type NodePorts, nodes, type Principal, type UserConfig } from '../core/index.ts';
import {
  type CtiClient,
  createCtiClient,
  describeMessage,
  messageName,
  startCtiSimulator,
} from '../cti/index.ts';
import { createDesktopHandler, createGadgetSource } from '../desktop/index.ts';
import {
  createAllowList,
  createGadgetFilesHandler,
  createMakeRequestProxy,
  GadgetFileStore,
  gadgetFilesRoot,
  parseAllowEntry,
} from '../gadgets/index.ts';
import { createLineBatcher, createLogs, formatCtiLine, type Logs } from '../logs/index.ts';
import {
  ConnectionGuard,
  createNotifyServer,
  HTTP_TIMEOUTS,
  hardenHttpServer,
  isSamePassword,
  loadSystemPassword,
  type NotifyServer,
} from '../notify/index.ts';
import { deskSettings } from '../resources/index.ts';
import {
  type ConfigStore,
  createPostgresStore,
  createSqliteStore,
  DEMO,
  type StoreEvent,
  seedDemoData,
} from '../store/index.ts';
import { ensureAdministrator } from './accounts.ts';
import { logStoreEvent, registeredHost, withMemoryFallback } from './cluster.ts';
import { type Config, isLoopbackHost, plainAuthPolicy, tlsPortOf } from './config.ts';
import { callControlPort, callEventOf } from './cti-calls.ts';
import { ctiMetrics } from './cti-metrics.ts';
import { queueStatisticsPort, simulatorAgents, simulatorDeskSettings } from './cti-queues.ts';
import { callSnapshotOf, phoneCallsOf } from './cti-snapshots.ts';
import { createForwardedView, parseAddressList } from './forwarded.ts';
import { instrumentSignIn, instrumentStore } from './instrument.ts';
import { createMaintenance, type Maintenance } from './maintenance.ts';
import { createMetrics } from './metrics.ts';
import { basicCredentials, createNodeStatus } from './node-status.ts';
import { loadNodeTls } from './node-tls.ts';
import { createOpsHandler } from './ops.ts';
import { createInProcessPublisher } from './publisher.ts';
import { loadAdminToken, simulatorOptions, simulatorSide } from './simulator.ts';
import { listening, OpenedResources } from './start-errors.ts';
import { xmppAuthority } from './xmpp-sign-in.ts';

export { describeStartup } from './banner.ts';
export { type Config, defaultConfig } from './config.ts';
export { xmppAuthority } from './xmpp-sign-in.ts';

export interface Switchboard {
  config: Config;
  ports: {
    http: number;
    bosh: number;
    xmpp: number;
    cti?: number;
    ctiAdmin?: number;
    /** The TLS listeners (absent when switched off): 5223, 7443, 8445. */
    xmppTls?: number;
    boshTls?: number;
    https?: number;
  };
  /** The bearer token of the simulator's admin API (`ports.ctiAdmin`), when the simulator runs. */
  ctiAdminToken?: string;
  logs: Logs;
  store: ConfigStore;
  core: Core;
  notify: NotifyServer;
  cti: CtiClient;
  /** SIGHUP: log files opened again by name (logrotate), the certificate read again. */
  reload(): Promise<void>;
  /** Maintenance mode (REST MaintenanceMode, SIGTERM): desktops move away, then the node stops. */
  maintenance: Maintenance;
  /** Settles once a maintenance has ended and the node has stopped. */
  readonly stopped: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The composition root of `switchboard start`: one process with every component, wired in the
 * order the canonical login flow needs them (store → CTI simulator → notification service →
 * core → CTI link → REST API → listeners).
 */
export async function startSwitchboard(config: Config): Promise<Switchboard> {
  // A bad --gadget-proxy-allow entry stops the start, before anything listens.
  for (const entry of config.gadgetProxyAllow) parseAllowEntry(entry);
  refuseDemoOnNetwork(config);
  const opened = new OpenedResources();
  try {
    return await assemble(config, opened);
  } catch (e) {
    await opened.closeAll();
    throw e;
  }
}

/**
 * Demo accounts have known passwords (admin/admin): a node with them answers only on loopback
 * unless told otherwise in so many words (#12: "refuse a demo start on a non-loopback address").
 */
function refuseDemoOnNetwork(config: Config): void {
  if (!config.demo || config.demoOnNetwork || isLoopbackHost(config.host)) return;
  throw new Error(
    `refusing to start in demo mode on ${config.host}: the demo accounts have known passwords ` +
      '(admin/admin). Listen on loopback (--host 127.0.0.1), leave demo mode (--no-demo), or pass ' +
      '--demo-on-network to expose them anyway.',
  );
}

async function assemble(config: Config, opened: OpenedResources): Promise<Switchboard> {
  fs.mkdirSync(config.dataDir, { recursive: true, mode: DATA_DIR_MODE });
  // Metrics (metrics.ts) are read at scrape time, after the start: the gauges may name parts made below.
  const metrics = createMetrics({
    sessionsByTransport: () => notify.sessionStats().byTransport,
    signedIn: () => notify.sessionStats().boundUsers,
    isCtiUp: () => cti.isUp,
  });
  opened.add('metrics', () => metrics.stop());
  const logs = createLogs({
    ...logOptions(config),
    notifyDebug: config.notifyDebug,
    onAccess: (r) => {
      if (r.path.startsWith('/finesse/api'))
        metrics.restRequest(r.method, r.path, r.status, r.elapsedMs / 1000);
    },
  });
  opened.add('logs', () => logs.flush());
  const store = instrumentStore(await openStore(config, (e) => logStoreEvent(logs.webservices, e)), metrics);
  opened.add('store', () => store.close());
  if (config.demo) await seedDemoData(store);
  // Outside demo mode (or on a database imported before), nobody has a known password: the first
  // administrator's is generated into <data-dir>/admin.secret.
  const firstAdmin = await ensureAdministrator(store, config.dataDir);
  if (firstAdmin)
    logs.webservices.info(
      'main',
      'FIRST_ADMINISTRATOR_CREATED',
      [['user', firstAdmin.id]],
      `No administrator in the database: created ${firstAdmin.id}, password in ${firstAdmin.secretFile}`,
    );

  const simulator = config.cti.simulator
    ? await listening(
        'the CTI simulator (or its admin API)',
        '--cti-port / --cti-admin-port',
        config.cti.simulatorHost,
        config.cti.simulatorPort,
        async () =>
          startCtiSimulator(
            simulatorOptions(config, await simulatorAgents(store), (line) => logs.ctiServer.write(line)),
          ),
      )
    : undefined;
  if (simulator) opened.add('CTI simulator', () => simulator.stop());

  // Through core: a node whose database is down still knows who may read which node.
  const principalOf = async (bareJid: string): Promise<Principal | undefined> => {
    const user = await core.getUser(bareJid.split('@')[0]);
    return (
      user && { id: user.id, roles: user.roles, supervisedTeams: user.supervisedTeams, teamId: user.teamId }
    );
  };
  // ---- notification service: certificate, system account (docs/notifications.md) ----
  const nodeTls = await loadNodeTls(config, logs.notifyInfo);
  opened.add('certificate renewal', () => nodeTls.stop());
  const tls = nodeTls.credentials;
  const secretFile = path.join(config.dataDir, 'system-account.secret');
  const { password } = loadSystemPassword(secretFile, config.systemPassword);
  const systemAccount = { username: config.systemUser, password };
  // One sign-in service for every door of this node: REST and XMPP share its cache of verified
  // passwords, its throttle and (through the store, with the other nodes) its lockout.
  const signIn = createSignIn({ store, onLockout: (event) => logLockout(logs, event) });
  // One count of connections per address for every listener of the node (docs/security.md).
  const connectionGuard = new ConnectionGuard(
    {
      maxFreshPerAddress: config.maxPendingConnectionsPerAddress,
      maxPerAddress: config.maxConnectionsPerAddress,
      firstRequestTimeoutMs: config.firstRequestTimeoutSec * 1000,
    },
    logs.notifyInfo,
    realTimers,
  );
  const notify = createNotifyServer({
    connectionGuard,
    domain: config.xmppDomain,
    authority: xmppAuthority(
      instrumentSignIn(signIn, metrics, 'xmpp'),
      config.passwordHashing.scramIterations > 0,
    ),
    mayRead: async (bareJid, node) => {
      const p = await principalOf(bareJid);
      return p !== undefined && mayReadNode(p, node);
    },
    readerOf: async (bareJid) => {
      const p = await principalOf(bareJid);
      return (node) => p !== undefined && mayReadNode(p, node);
    },
    infoLog: logs.notifyInfo,
    debugLog: logs.notifyDebug,
    bosh: { wait: config.boshWaitSec, inactivity: config.boshInactivitySec },
    limits: {
      maxUnboundPerAddress: config.xmppMaxUnboundPerAddress,
      maxPerAddress: config.xmppMaxPerAddress,
      maxResourcesPerUser: config.xmppMaxResourcesPerUser,
    },
    tls,
    allowPlainOnInsecure: plainAuthPolicy(config.plainAuth),
    systemAccounts: [systemAccount],
    chat: config.xmppChat,
  });
  opened.add('notification service', () => notify.close());

  const sides = simulator ? [simulatorSide(config, simulator.port)] : config.cti.sides;
  if (sides.length === 0)
    throw new Error('no CTI server configured (--cti-servers host:port) and the simulator is off');
  const users = await store.listUsers();
  let ctiThread = 0;
  const ctiTiming = ctiMetrics(metrics);
  const cti = createCtiClient({
    sides,
    clientId: 'switchboard',
    clientPassword: config.cti.clientPassword ?? '',
    peripheralId: config.cti.peripheralId,
    heartbeatIntervalMs: config.cti.heartbeatIntervalMs,
    agentsToQuery: () => users.filter((u) => u.roles.includes('Agent')).map((u) => ({ agentId: u.id })),
    observer: {
      sent(msg, frame) {
        ctiTiming.sent(msg);
        const decoded = describeMessage(msg);
        const name = messageName(msg);
        logs.cti.write(formatCtiLine({ direction: 'SEND', name, invokeId: invokeIdOf(msg), frame, decoded }));
        if (name.startsWith('Heartbeat')) return;
        ctiThread = (ctiThread % 10) + 1;
        logs.webservices.info(
          `pool-5-thread-${ctiThread}`,
          'MESSAGE_TO_CTI_SERVER',
          [
            ['cti_message', decoded],
            ['cti_message_name', name],
          ],
          'Message going to the backend cti server',
        );
      },
      received(msg, frame) {
        ctiTiming.received(msg);
        const decoded = describeMessage(msg);
        const name = messageName(msg);
        logs.cti.write(formatCtiLine({ direction: 'RECV', name, invokeId: invokeIdOf(msg), frame, decoded }));
        if (name.startsWith('Heartbeat')) return;
        logs.webservices.info(
          'CTIMessageEventExecutor-0',
          'DECODED_MESSAGE_FROM_CTI_SERVER',
          [
            ['cti_message', decoded],
            ['cti_response_time', 0],
          ],
          'Decoded Message to Finesse from backend cti server',
        );
      },
      event(text) {
        logs.webservices.info('CTIConnection', 'CTI_CONNECTION_EVENT', [], text);
      },
    },
  });

  let nodePorts: NodePorts | undefined;
  const core = new Core({
    store,
    cti: {
      get isUp() {
        return cti.isUp;
      },
      get linkInfo() {
        return cti.linkInfo;
      },
      setAgentState: (req) =>
        cti.setAgentState({
          agentId: req.agentId,
          agentInstrument: req.instrument,
          agentState: req.agentState,
          eventReasonCode: req.reasonCode,
          forcedFlag: req.forced ? 1 : 0,
        }),
      // The Dialog API's call control (PUT /Dialog/{id}, POST /User/{id}/Dialogs).
      ...callControlPort(cti),
      // The queue statistics poller (Queue API and Queue nodes).
      queryQueueStatistics: queueStatisticsPort(cti),
    },
    publisher: createInProcessPublisher(notify, logs.webservices, (n, seconds) =>
      metrics.published(n, seconds),
    ),
    log: logs.webservices,
    system: {
      xmppDomain: config.xmppDomain,
      primaryHost: config.primaryHost,
      secondaryHost: config.secondaryHost,
      peripheralId: config.cti.peripheralId,
      ctiVersion: 24,
      ctiHeartbeatInterval: Math.round(config.cti.heartbeatIntervalMs / 1000),
      // SystemInfo's node ports: known once the listeners below are bound.
      ports: () => nodePorts,
    },
    presenceLogoutDelayMs: config.presenceLogoutDelaySec * 1000,
    queueStatsIntervalMs: config.queueStatsIntervalSec * 1000,
    // Cluster mode (docs/cluster.md): the node registry in the shared database.
    cluster: config.databaseUrl
      ? {
          nodeId: crypto.randomUUID(),
          host: () => thisNode,
          registry: store,
          heartbeatMs: config.clusterHeartbeatSec * 1000,
        }
      : undefined,
  });
  opened.add('core', () => core.close());
  cti.on('status', (status) => core.onCtiStatus(status === 'up'));
  cti.on('peripheral', (isOnline) => core.onPeripheralStatus(isOnline));
  cti.on(
    'agentState',
    (ev, source) =>
      void core.onAgentState({
        agentId: ev.agentId ?? '',
        agentState: ev.agentState,
        reasonCode: ev.eventReasonCode,
        extension: ev.agentExtension,
        instrument: ev.agentInstrument,
        nextAgentState: ev.nextAgentState,
        skillTargetId: ev.icmAgentId,
        // Only a query's NumTasks is the whole truth about the agent's calls.
        ...(source === 'query' ? { numTasks: ev.numTasks } : {}),
      }),
  );
  // CTI call events become Dialog notifications (finesse-api.md §1.4 CTI→Dialog mapping).
  cti.on('callEvent', (msg) => {
    const ev = callEventOf(msg);
    if (ev) core.onCallEvent(ev);
  });
  // After a (re)connect, the calls the link missed (cti/client/recovery.ts): the phone's calls end
  // what the agent no longer has, each call's snapshot creates or updates its dialog.
  cti.on('deviceSnapshot', (conf, asked) => void core.onPhoneSnapshot(asked.agentId, phoneCallsOf(conf)));
  cti.on('callSnapshot', (conf, asked) => core.onCallSnapshot(callSnapshotOf(conf, asked)));
  notify.on('presence', (ev) => core.onPresence(ev));

  // Finesse subscribes every user to its own nodes and to SystemInfo (xmpp-bosh.md §2).
  notify.pubsub.createNode(nodes.systemInfo);
  // Queue nodes exist from the start; any signed-in user may subscribe (mayReadNode).
  for (const q of await store.listQueues()) notify.pubsub.createNode(nodes.queue(q.id));
  const provisionUser = (u: UserConfig) => {
    const jid = `${u.id}@${config.xmppDomain}`;
    const own = [nodes.user(u.id), nodes.dialogs(u.id), nodes.clientLog(u.id), nodes.userQueues(u.id)];
    // A team's agents hear its supervisors' team messages without asking.
    if (u.teamId) own.push(nodes.teamMessages(u.teamId));
    for (const node of own) {
      notify.pubsub.createNode(node);
      notify.pubsub.subscribe(node, jid);
    }
    notify.pubsub.subscribe(nodes.systemInfo, jid);
    notify.pubsub.createNode(nodes.team(u.teamId));
    for (const t of u.supervisedTeams) notify.pubsub.createNode(nodes.team(t.id));
  };
  for (const u of users) provisionUser(u);
  const onConfigChange = (change: { kind: string; op: string; id: string }) => {
    if (change.kind === 'queue' && change.op === 'create') notify.pubsub.createNode(nodes.queue(change.id));
    if (change.kind !== 'user' || change.op === 'delete') return;
    void store.getUser(change.id).then((u) => u && provisionUser(u));
  };
  store.onChange((change) => {
    // Changes written through another node arrive as PostgreSQL notifications.
    if (!change.isLocal) onConfigChange(change);
    // The bundled CTI server applies the agents' desk settings (wrap-up, RONA) from their next call.
    if (simulator && [deskSettings.kind, 'user', 'team'].includes(change.kind)) {
      void simulatorDeskSettings(store).then(
        (desks) => {
          for (const [agentId, desk] of desks) simulator.configureAgent(agentId, desk);
        },
        () => {},
      );
    }
    // Every node tells its own desktops: queue lists, team messages.
    core.onConfigChange(change);
  });

  // Maintenance mode (maintenance.ts): REST or SIGTERM; once the desktops have moved, the node stops.
  const maintenance = createMaintenance({
    setState: (state) => core.setMaintenance(state),
    signedIn: () => {
      // A desktop that moved away leaves its BOSH session here idle until `inactivity`: not counted.
      const users = notify.sessionStats(MOVED_AWAY_IDLE_MS).boundUsersByTransport;
      return { desktop: users.BOSH + users.WebSocket, thirdParty: users.TCP };
    },
    hasOtherNode: () => core.knownNodeHosts().length > 1,
    deadlineMs: config.maintenanceDeadlineSec * 1000,
    timers: realTimers,
    log: (text) => logs.webservices.info('Maintenance', 'MAINTENANCE_MODE', [], text),
  });
  opened.add('maintenance', () => maintenance.cancel());
  const api = createApi({
    core,
    maintenance,
    // While the database is down, REST answers from memory what it can (docs/cluster.md).
    store: withMemoryFallback(store, core),
    logs,
    signIn: instrumentSignIn(signIn, metrics, 'rest'),
    plainAuth: plainAuthPolicy(config.plainAuth),
    onConfigChange,
    isPrimaryNode: () => config.secondaryOf === undefined,
    // `switchboard notification logging enable|disable`: the notification service logs the switch.
    setNotificationDebug: (on) => notify.setDebug(on),
  });
  // How this node is listed for the others; its port is known once the listener is bound.
  let thisNode = registeredHost(config.nodeHost, config.httpPort);
  const peerHosts = [config.primaryHost, config.secondaryHost, config.secondaryOf];
  // The desktop of any node may fail over to this one in its page: CORS for every node SystemInfo names.
  const corsHosts = () => [...peerHosts, ...core.knownNodeHosts()];
  // Gadgets' makeRequest (docs/gadgets.md): signed-in users only, to this node, its peer and the
  // hosts the administrator allows. Its ports are filled in once the listeners are bound.
  const ownPorts: number[] = [];
  const gadgetAuth = createAuthenticator(store, signIn, plainAuthPolicy(config.plainAuth));
  const gadgetProxy = createMakeRequestProxy({
    allowList: createAllowList({
      selfHosts: ['localhost', '127.0.0.1', '::1', config.xmppDomain, config.host].concat(
        config.primaryHost ?? [],
      ),
      selfPorts: ownPorts,
      peerHosts: peerHosts.filter((h): h is string => h !== undefined),
      allowed: config.gadgetProxyAllow,
    }),
    authenticate: async (req) => {
      const who = await gadgetAuth.authenticate(credentialRequestOf(req));
      return who.ok ? who.value.user.id : undefined;
    },
    access: logs.access,
    webservices: logs.webservices,
    // This node's own https (8445) answers with its self-signed certificate when it generated one.
    ca: () => (tls.isGenerated ? [...rootCertificates, tls.cert] : undefined),
  });
  // Third-party gadgets at /3rdpartygadget/files/ (docs/gadgets.md): read by anyone, written by administrators.
  const gadgetFilesDir = gadgetFilesRoot(config.dataDir);
  fs.mkdirSync(gadgetFilesDir, { recursive: true });
  const gadgetFiles = createGadgetFilesHandler({
    files: new GadgetFileStore(gadgetFilesDir),
    isAdmin: async (req) => {
      const who = await gadgetAuth.authenticate(credentialRequestOf(req));
      return who.ok && who.value.user.roles.includes('Administrator');
    },
    isPrimaryNode: () => config.secondaryOf === undefined,
    access: logs.access,
  });
  const desktop = await createDesktopHandler({
    buildDir: path.join(config.dataDir, 'desktop-build'),
    // Desktop assets go to the access log, as the seed's localhost_access_log shows them.
    logAccess: (r) => logs.access.write(r),
    // Gadget specs: this node's 3rdpartygadget files, or another host through the proxy's rules.
    gadgetSource: createGadgetSource({
      filesDir: gadgetFilesDir,
      remote: async (url) => {
        const r = await gadgetProxy.forward({ url, method: 'GET', headers: [], body: undefined });
        if (r.error) return { ok: false, status: r.rc, error: r.text };
        if (r.rc < 200 || r.rc >= 300)
          return { ok: false, status: r.rc, error: `${url.href} answered HTTP ${r.rc}` };
        return { ok: true, status: r.rc, body: r.text };
      },
    }),
  });
  // ---- operations: health, metrics, status (ops.ts, node-status.ts) ----
  const web: http.Server[] = [];
  const nodeStatus = createNodeStatus({
    node: config.primaryHost ?? config.xmppDomain,
    version: packageVersion(),
    startedAt: Date.now(),
    store,
    storeKind: config.databaseUrl ? 'PostgreSQL' : 'SQLite',
    notify,
    isCtiUp: () => cti.isUp,
    ctiServers: () => sides.map((s) => `${s.host}:${s.port}`),
    isInService: () => core.isInService(),
    webListeners: () =>
      web.map((s) => ({ port: (s.address() as AddressInfo | null)?.port ?? 0, isListening: s.listening })),
    simulator: () =>
      simulator && {
        ports: [simulator.port, simulator.adminPort].filter((p): p is number => p !== undefined),
        isRunning: true,
      },
    maintenance: () => maintenance.status(),
    isInMaintenance: () => maintenance.status() !== undefined,
  });
  const isOperator = async (req: http.IncomingMessage) => {
    const given = basicCredentials(req);
    if (given?.user === systemAccount.username) return isSamePassword(given.password, systemAccount.password);
    const who = await gadgetAuth.authenticate(credentialRequestOf(req));
    return who.ok && who.value.user.roles.includes('Administrator');
  };
  // Behind a reverse proxy: the client as --trusted-proxy's headers name it (forwarded.ts).
  const forwarded = createForwardedView(config.trustedProxies);
  const isMetricsReader = parseAddressList(['127.0.0.0/8', '::1', ...config.metricsAllow]);
  const ops = createOpsHandler({
    metrics,
    readiness: nodeStatus,
    isAllowed: (address) => typeof isMetricsReader !== 'string' && isMetricsReader(address),
    isOperator,
    status: () => nodeStatus.status(),
  });
  const server = http.createServer((req, res) => {
    forwarded(req);
    if (ops(req, res)) return;
    const url = req.url ?? '/';
    if (url.startsWith('/http-bind')) return notify.handleBosh(req, res);
    // The other node's desktop scripts this API after an in-place failover (api/cors.ts).
    if (url.startsWith('/finesse/api') && applyCors(req, res, corsHosts())) return;
    if (api.handle(req, res)) return;
    if (desktop.handle(req, res)) return;
    if (gadgetProxy.handle(req, res)) return;
    if (gadgetFiles.handle(req, res)) return;
    if (url === '/') {
      res.writeHead(302, { Location: '/desktop/' }).end();
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found\n');
  });
  server.on('upgrade', (req, socket, head) => {
    forwarded(req);
    if (!notify.handleUpgrade(req, socket, head)) socket.destroy();
  });
  hardenHttpServer(server, connectionGuard, 'HTTP');
  const { host } = config;
  await listening('HTTP (REST API, desktop)', '--http-port', host, config.httpPort, () =>
    listenHttp(server, config.httpPort, host),
  );
  opened.add('HTTP listener', () => closeHttp(server));
  web.push(server);
  const bosh = await listening('BOSH', '--bosh-port', host, config.boshPort, () =>
    notify.listenBosh({ host, port: config.boshPort }),
  );
  const xmpp = await listening('XMPP', '--xmpp-port', host, config.xmppPort, () =>
    notify.listenTcp({ host, port: config.xmppPort }),
  );
  // ---- TLS listeners (Finesse's 5223, 7443, 8445); the https one serves what `server` serves ----
  const listenTls = async <T>(
    what: string,
    flag: string,
    port: number | undefined,
    listen: (port: number) => Promise<T>,
  ) => (port === undefined ? undefined : listening(what, flag, host, port, () => listen(port)));
  const xmppTls = await listenTls(
    'XMPP over TLS',
    '--xmpp-tls-port',
    tlsPortOf(config.xmppTlsPort, config.xmppPort, 5223),
    (port) => notify.listenTcp({ host, port, directTls: true }),
  );
  const boshTls = await listenTls(
    'BOSH over TLS',
    '--bosh-tls-port',
    tlsPortOf(config.boshTlsPort, config.boshPort, 7443),
    (port) => notify.listenBosh({ host, port, secure: true }),
  );
  const httpsServer = await listenTls(
    'HTTPS',
    '--https-port',
    tlsPortOf(config.httpsPort, config.httpPort, 8445),
    async (port) => {
      const twin = https.createServer(
        { ...tls, handshakeTimeout: HTTP_TIMEOUTS.tlsHandshakeMs },
        (req, res) => server.emit('request', req, res),
      );
      hardenHttpServer(twin, connectionGuard, 'HTTPS');
      twin.on('upgrade', (req, socket, head) => {
        forwarded(req);
        if (!notify.handleUpgrade(req, socket, head)) socket.destroy();
      });
      twin.on('tlsClientError', (_err, socket) => socket.destroy());
      await listenHttp(twin, port, host);
      opened.add('HTTPS listener', () => closeHttp(twin));
      web.push(twin);
      return twin;
    },
  );
  nodeTls.onChange((credentials) => {
    notify.setTls(credentials);
    httpsServer?.setSecureContext(credentials);
  });
  const httpPort = (server.address() as AddressInfo).port;
  const httpsPort = httpsServer && (httpsServer.address() as AddressInfo).port;
  nodePorts = { httpsPort, xmppPort: xmpp.port, xmppSecurePort: xmppTls?.port };
  for (const p of [httpPort, httpsPort, bosh.port, boshTls?.port]) if (p !== undefined) ownPorts.push(p);
  thisNode = registeredHost(config.nodeHost, httpPort);
  core.start();
  opened.add('cluster registry', () => core.leaveCluster());
  // Agent state from the CTI server is applied from the configuration in memory: read it first.
  await core.ready();
  cti.start();

  const flushOnExit = () => logs.flushSync();
  process.on('exit', flushOnExit);

  // Stopped once, however many ask (a signal, the end of a maintenance, a test).
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      process.off('exit', flushOnExit);
      maintenance.cancel();
      nodeTls.stop();
      await core.leaveCluster();
      core.close();
      // CLOSE_REQ, and CLOSE_CONF awaited (cti client): the CTI server sees an orderly close.
      await cti.stop();
      await notify.close();
      await closeHttp(server);
      if (httpsServer) await closeHttp(httpsServer);
      await simulator?.stop();
      await store.close();
      await logs.flush();
    })();
    return stopping;
  };
  void maintenance.done.then(() => stop());

  return {
    config,
    ports: {
      http: (server.address() as AddressInfo).port,
      bosh: bosh.port,
      xmpp: xmpp.port,
      cti: simulator?.port,
      ctiAdmin: simulator?.adminPort,
      xmppTls: xmppTls?.port,
      boshTls: boshTls?.port,
      https: httpsServer && (httpsServer.address() as AddressInfo).port,
    },
    ctiAdminToken: simulator && loadAdminToken(config),
    logs,
    store,
    core,
    notify,
    cti,
    async reload() {
      logs.reopen();
      await nodeTls.reload();
    },
    maintenance,
    get stopped() {
      return maintenance.done.then(() => stop());
    },
    stop,
  };
}

// The desktops of a dead node arrive at once (docs/cluster.md): the kernel keeps this many new
// connections waiting for accept (capped by net.core.somaxconn) instead of Node's 511.
const LISTEN_BACKLOG = 4096;

function listenHttp(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeHttp(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A desktop always holds a BOSH request; one silent this long has left (maintenance mode). */
const MOVED_AWAY_IDLE_MS = 5000;

/** The data folder (database, secrets, private key) is its owner's alone when we create it (#12). */
const DATA_DIR_MODE = 0o700;

function packageVersion(): string {
  const file = new URL('../../package.json', import.meta.url);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

/** SQLite by default; PostgreSQL when several nodes share one configuration database. */
export async function openStore(
  config: Config,
  onEvent?: (e: StoreEvent) => void,
  opts: { hashConcurrency?: number } = {},
): Promise<ConfigStore> {
  fs.mkdirSync(config.dataDir, { recursive: true, mode: DATA_DIR_MODE });
  const common = {
    passwordHashing: config.passwordHashing,
    reservedUserNames: [config.systemUser],
    hashConcurrency: opts.hashConcurrency,
  };
  return config.databaseUrl
    ? await createPostgresStore({ connectionString: config.databaseUrl, onEvent, ...common })
    : createSqliteStore({ file: path.join(config.dataDir, 'switchboard.db'), ...common });
}

/** Where the logs go and in which shape, and how much of them is kept. */
function logOptions(config: Config) {
  return {
    dir: config.logDir,
    json: config.logJson,
    stdout: config.logStdout ? createLineBatcher((chunk) => process.stdout.write(chunk)) : undefined,
    maxFileBytes: Math.round(config.logMaxFileMb * 1024 * 1024),
    maxFiles: config.logMaxFiles,
  };
}

export async function startStandaloneSimulator(config: Config) {
  const logs = createLogs(logOptions(config));
  fs.mkdirSync(config.dataDir, { recursive: true, mode: DATA_DIR_MODE });
  const agents = DEMO.agents.map((a) => ({ agentId: a.id, instrument: a.extension }));
  return startCtiSimulator(simulatorOptions(config, agents, (line) => logs.ctiServer.write(line)));
}

function invokeIdOf(msg: object): number | undefined {
  const v = (msg as { invokeId?: unknown }).invokeId;
  return typeof v === 'number' ? v : undefined;
}
