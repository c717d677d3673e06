/**
 * The options of a running node (`switchboard start`, and those `cti-sim`, `import`, `user` and
 * `status` share): each lands in `Config`. Order is the order of the help text and the README
 * table. To add one: one entry here (and the field in `Config`). A computed default runs after
 * every given and static value is in, in this order, so it may read a computed one above it.
 */
import os from 'node:os';
import path from 'node:path';
import { parseAllowEntry } from '../../gadgets/index.ts';
import { OWASP_HASHING } from '../../store/index.ts';
import { parseAddressList } from '../forwarded.ts';
import { type Command, option } from './spec.ts';
import {
  commaList,
  filePath,
  flag,
  hostPorts,
  number,
  oneOf,
  port,
  portOrOff,
  scryptCost,
  text,
} from './types.ts';

const START: Command[] = ['start'];
const SERVING: Command[] = ['start', 'cti-sim'];
/** The commands that open the configuration database. */
const STORE: Command[] = ['start', 'import', 'user'];
/** The commands that read the data directory's secrets. */
const SECRETS: Command[] = [...STORE, 'status'];
const seconds = number({ min: 0, placeholder: 'S' });
const positiveSeconds = number({ isPositive: true, placeholder: 'S' });
const count = number({ min: 0, isInteger: true });

export const SERVER_OPTIONS = [
  // ---- demo mode (first: the default of --host follows it) ----
  option({
    name: 'demo',
    type: flag,
    default: (c) => !c.databaseUrl && c.cti.sides.length === 0,
    defaultDoc: 'on unless --cti-servers or --database-url',
    doc: 'load the demo agents, teams and reason codes into an empty database (`--no-demo`: never)',
    commands: START,
    set: (c, v) => {
      c.demo = v;
    },
  }),
  option({
    name: 'demo-on-network',
    type: flag,
    default: false,
    doc: 'allow demo mode (known passwords) on an address other than loopback',
    commands: START,
    set: (c, v) => {
      c.demoOnNetwork = v;
    },
  }),
  // ---- where it listens ----
  option({
    name: 'host',
    type: text('ADDR'),
    default: (c) => (c.demo ? '127.0.0.1' : '0.0.0.0'),
    defaultDoc: '`127.0.0.1` in demo mode, else `0.0.0.0`',
    doc: 'address every listener binds to (the CTI simulator: --cti-host)',
    commands: START,
    set: (c, v) => {
      c.host = v;
    },
  }),
  option({
    name: 'http-port',
    type: port,
    default: 8082,
    doc: 'REST API, desktop, /ws/ and /http-bind (0: chosen by the system)',
    commands: START,
    set: (c, v) => {
      c.httpPort = v;
    },
  }),
  option({
    name: 'bosh-port',
    type: port,
    default: 7071,
    doc: 'BOSH /http-bind listener',
    commands: START,
    set: (c, v) => {
      c.boshPort = v;
    },
  }),
  option({
    name: 'xmpp-port',
    type: port,
    default: 5222,
    doc: 'XMPP client port, STARTTLS offered',
    commands: START,
    set: (c, v) => {
      c.xmppPort = v;
    },
  }),
  option({
    name: 'https-port',
    type: portOrOff,
    defaultDoc: '8445',
    doc: 'desktop, REST API, /http-bind and wss:// /ws/ over https (`off`: none)',
    commands: START,
    set: (c, v) => {
      c.httpsPort = v;
    },
  }),
  option({
    name: 'bosh-tls-port',
    type: portOrOff,
    defaultDoc: '7443',
    doc: 'BOSH /http-bind (and /ws/) over https',
    commands: START,
    set: (c, v) => {
      c.boshTlsPort = v;
    },
  }),
  option({
    name: 'xmpp-tls-port',
    type: portOrOff,
    defaultDoc: '5223',
    doc: 'XMPP client port with direct TLS',
    commands: START,
    set: (c, v) => {
      c.xmppTlsPort = v;
    },
  }),
  option({
    name: 'tls-cert',
    type: filePath(),
    defaultDoc: 'self-signed, generated into `<data-dir>/tls/`',
    doc: 'PEM certificate (chain) of the TLS listeners',
    commands: START,
    set: (c, v) => {
      c.tlsCert = v;
    },
  }),
  option({
    name: 'tls-key',
    type: filePath(),
    defaultDoc: 'with the generated certificate',
    doc: 'PEM private key of --tls-cert',
    commands: START,
    set: (c, v) => {
      c.tlsKey = v;
    },
  }),
  option({
    name: 'plain-auth',
    type: oneOf('loopback', 'always', 'never'),
    default: 'loopback',
    doc: 'credentials without TLS (SASL PLAIN, SCRAM, session tokens, REST Basic): only from this machine, always, or never',
    commands: START,
    set: (c, v) => {
      c.plainAuth = v;
    },
  }),
  option({
    name: 'scrypt-cost',
    type: scryptCost,
    default: OWASP_HASHING.scrypt,
    defaultDoc: `${OWASP_HASHING.scrypt.N},${OWASP_HASHING.scrypt.r},${OWASP_HASHING.scrypt.p}`,
    doc: 'scrypt cost N,r,p of new password hashes (OWASP minimum; older hashes are redone at the next sign-in)',
    commands: STORE,
    set: (c, v) => {
      c.passwordHashing = { ...c.passwordHashing, scrypt: v };
    },
  }),
  option({
    name: 'scram-iterations',
    type: number({ min: 0, isInteger: true }),
    default: OWASP_HASHING.scramIterations,
    doc: 'PBKDF2 iterations of the SCRAM keys stored with new passwords (0: no SCRAM, PLAIN only)',
    commands: STORE,
    set: (c, v) => {
      c.passwordHashing = { ...c.passwordHashing, scramIterations: v };
    },
  }),
  // ---- the notification service's system account ----
  option({
    name: 'system-user',
    type: text('NAME'),
    default: 'webservices',
    doc: 'notification system account (a core running apart signs in with it)',
    commands: ['start', 'status'],
    set: (c, v) => {
      c.systemUser = v;
    },
  }),
  option({
    name: 'system-password',
    isFlag: false,
    type: text('PASSWORD'),
    defaultDoc: 'generated into `<data-dir>/system-account.secret`',
    doc: "the system account's password",
    commands: START,
    set: (c, v) => {
      c.systemPassword = v;
    },
  }),
  // ---- the CTI link ----
  option({
    name: 'cti-servers',
    type: hostPorts,
    default: [],
    defaultDoc: '(the simulator)',
    doc: "a real CTI server's sides A and B instead of the simulator",
    commands: START,
    set: (c, v) => {
      c.cti.sides = v;
    },
  }),
  option({
    name: 'cti-simulator',
    type: flag,
    default: (c) => c.cti.sides.length === 0,
    defaultDoc: 'on unless --cti-servers',
    doc: 'run the bundled CTI server simulator',
    commands: START,
    set: (c, v) => {
      c.cti.simulator = v;
    },
  }),
  option({
    name: 'cti-port',
    type: port,
    default: 42027,
    doc: "the CTI simulator's port",
    commands: SERVING,
    set: (c, v) => {
      c.cti.simulatorPort = v;
    },
  }),
  option({
    name: 'port',
    env: false,
    type: port,
    defaultDoc: '42027',
    doc: 'the same as --cti-port',
    commands: ['cti-sim'],
    set: (c, v) => {
      c.cti.simulatorPort = v;
    },
  }),
  option({
    name: 'cti-admin-port',
    type: port,
    default: 42080,
    doc: "the CTI simulator's admin API: inject and drop calls, the call generator",
    commands: SERVING,
    set: (c, v) => {
      c.cti.simulatorAdminPort = v;
    },
  }),
  option({
    name: 'cti-host',
    type: text('ADDR'),
    default: '127.0.0.1',
    doc: "address the CTI simulator's port binds to (another one: set SWITCHBOARD_CTI_PASSWORD too)",
    commands: SERVING,
    set: (c, v) => {
      c.cti.simulatorHost = v;
    },
  }),
  option({
    name: 'cti-admin-host',
    type: text('ADDR'),
    default: '127.0.0.1',
    doc: "address the CTI simulator's admin API binds to",
    commands: SERVING,
    set: (c, v) => {
      c.cti.simulatorAdminHost = v;
    },
  }),
  option({
    name: 'cti-admin-token',
    isFlag: false,
    type: text('TOKEN'),
    defaultDoc: 'generated into `<data-dir>/cti-admin.token`',
    doc: "the bearer token of the CTI simulator's admin API",
    commands: [...SERVING, 'sim'],
    set: (c, v) => {
      c.cti.adminToken = v;
    },
  }),
  option({
    name: 'cti-password',
    isFlag: false,
    type: text('PASSWORD'),
    defaultDoc: '(none)',
    doc: 'CTI ClientPassword: sent in OPEN_REQ, and required by the bundled simulator',
    commands: SERVING,
    set: (c, v) => {
      c.cti.clientPassword = v;
    },
  }),
  option({
    name: 'peripheral-id',
    type: count,
    default: 5000,
    doc: 'CTI peripheral id',
    commands: SERVING,
    set: (c, v) => {
      c.cti.peripheralId = v;
    },
  }),
  option({
    name: 'cti-heartbeat-ms',
    type: number({ isPositive: true, isInteger: true, placeholder: 'MS' }),
    default: 5000,
    doc: 'CTI heartbeat interval, milliseconds',
    commands: START,
    set: (c, v) => {
      c.cti.heartbeatIntervalMs = v;
    },
  }),
  // ---- data ----
  option({
    name: 'data-dir',
    type: filePath('DIR'),
    default: () => path.resolve('data'),
    defaultDoc: '`./data`',
    doc: 'SQLite database, generated certificate and secrets',
    commands: [...SECRETS, 'gadget', 'cti-sim', 'sim'],
    set: (c, v) => {
      c.dataDir = v;
    },
  }),
  option({
    name: 'database-url',
    type: text('URL'),
    defaultDoc: '(SQLite)',
    doc: 'PostgreSQL instead of the embedded SQLite (cluster mode)',
    commands: STORE,
    set: (c, v) => {
      c.databaseUrl = v;
    },
  }),
  option({
    name: 'secondary-of',
    type: text('HOST'),
    doc: 'run as the secondary node of HOST (configuration writes refused)',
    commands: START,
    set: (c, v) => {
      c.secondaryOf = v;
    },
  }),
  // ---- names ----
  option({
    name: 'domain',
    env: 'XMPP_DOMAIN',
    type: text('NAME'),
    default: 'localhost',
    doc: 'XMPP domain',
    commands: START,
    set: (c, v) => {
      c.xmppDomain = v;
    },
  }),
  option({
    name: 'primary-host',
    type: text('NAME'),
    // Cluster mode: SystemInfo names the live nodes, oldest first, unless a pair is configured.
    default: (c) => (c.databaseUrl ? undefined : c.xmppDomain === 'localhost' ? os.hostname() : c.xmppDomain),
    defaultDoc: 'the domain, or the host name (cluster mode: none, the oldest live node)',
    doc: 'the primary node as SystemInfo names it (this node, unless it runs --secondary-of)',
    commands: START,
    set: (c, v) => {
      c.primaryHost = v;
    },
  }),
  option({
    name: 'secondary-host',
    type: text('NAME'),
    doc: 'the other node of the pair, as SystemInfo names it (desktops fail over to it)',
    commands: START,
    set: (c, v) => {
      c.secondaryHost = v;
    },
  }),
  option({
    name: 'node-host',
    type: text('NAME'),
    default: (c) =>
      (c.secondaryOf ? c.secondaryHost : c.primaryHost) ??
      (c.xmppDomain === 'localhost' ? os.hostname() : c.xmppDomain),
    defaultDoc: '--secondary-host on a --secondary-of node, else --primary-host',
    doc: "how desktops reach this node: cluster mode lists it in every node's SystemInfo and CORS (docs/cluster.md)",
    commands: START,
    set: (c, v) => {
      c.nodeHost = v;
    },
  }),
  option({
    name: 'cluster-heartbeat',
    type: positiveSeconds,
    default: 5,
    doc: 'cluster mode: seconds between heartbeats into the node registry; 3 missed and a node is gone',
    commands: START,
    set: (c, v) => {
      c.clusterHeartbeatSec = v;
    },
  }),
  // ---- timers and limits ----
  option({
    name: 'maintenance-deadline',
    type: positiveSeconds,
    default: 60,
    doc: 'in maintenance (REST or SIGTERM), how long desktops get to move to the other node before it stops',
    commands: START,
    set: (c, v) => {
      c.maintenanceDeadlineSec = v;
    },
  }),
  option({
    name: 'presence-logout-delay',
    type: seconds,
    default: 60,
    doc: 'seconds before a desktop gone from presence is logged out (reason 255)',
    commands: START,
    set: (c, v) => {
      c.presenceLogoutDelaySec = v;
    },
  }),
  option({
    name: 'queue-stats-interval',
    type: positiveSeconds,
    default: 10,
    doc: 'queue statistics poll period, seconds',
    commands: START,
    set: (c, v) => {
      c.queueStatsIntervalSec = v;
    },
  }),
  option({
    name: 'bosh-wait',
    type: positiveSeconds,
    default: 30,
    doc: 'longest BOSH `wait` granted, seconds',
    commands: START,
    set: (c, v) => {
      c.boshWaitSec = v;
    },
  }),
  option({
    name: 'bosh-inactivity',
    type: positiveSeconds,
    default: 60,
    doc: 'BOSH `inactivity`: a session without a request this long ends, seconds',
    commands: START,
    set: (c, v) => {
      c.boshInactivitySec = v;
    },
  }),
  option({
    name: 'xmpp-max-unbound-per-address',
    type: count,
    default: 500,
    doc: 'XMPP sessions not yet signed in, per address (0: no limit)',
    commands: START,
    set: (c, v) => {
      c.xmppMaxUnboundPerAddress = v;
    },
  }),
  option({
    name: 'xmpp-max-per-address',
    type: count,
    default: 0,
    doc: 'XMPP sessions per address (0: no limit; desktops behind one proxy share one)',
    commands: START,
    set: (c, v) => {
      c.xmppMaxPerAddress = v;
    },
  }),
  option({
    name: 'xmpp-max-resources-per-user',
    type: count,
    default: 10,
    doc: 'XMPP sessions per user',
    commands: START,
    set: (c, v) => {
      c.xmppMaxResourcesPerUser = v;
    },
  }),
  option({
    name: 'max-pending-connections-per-address',
    type: count,
    default: 256,
    doc: 'connections from one address that have not sent a request yet; past it the oldest is closed (0: no limit)',
    commands: START,
    set: (c, v) => {
      c.maxPendingConnectionsPerAddress = v;
    },
  }),
  option({
    name: 'max-connections-per-address',
    type: count,
    default: 0,
    defaultDoc: '0, no limit: desktops behind one NAT or proxy share an address',
    doc: 'all TCP connections from one address, every listener together',
    commands: START,
    set: (c, v) => {
      c.maxConnectionsPerAddress = v;
    },
  }),
  option({
    name: 'first-request-timeout',
    type: positiveSeconds,
    default: 10,
    doc: 'a connection that sends no request for this long is closed, seconds',
    commands: START,
    set: (c, v) => {
      c.firstRequestTimeoutSec = v;
    },
  }),
  option({
    name: 'xmpp-chat',
    type: flag,
    default: false,
    doc: 'route XMPP messages and iqs between users (off: only to the server, pubsub and oneself)',
    commands: START,
    set: (c, v) => {
      c.xmppChat = v;
    },
  }),
  // ---- behind a proxy, and who may read the metrics ----
  option({
    name: 'trusted-proxy',
    type: commaList('ADDR[/BITS],…', (entry) => {
      const why = parseAddressList([entry]);
      return typeof why === 'string' ? why : undefined;
    }),
    default: [],
    defaultDoc: '(none)',
    doc: 'reverse proxies whose X-Forwarded-For/-Proto name the client (logs, plain-auth policy, limits)',
    commands: START,
    set: (c, v) => {
      c.trustedProxies = v;
    },
  }),
  option({
    name: 'metrics-allow',
    type: commaList('ADDR[/BITS],…', (entry) => {
      const why = parseAddressList([entry]);
      return typeof why === 'string' ? why : undefined;
    }),
    default: [],
    defaultDoc: '(loopback only)',
    doc: 'who besides loopback may read /metrics and /status (a Prometheus server, a monitoring host)',
    commands: START,
    set: (c, v) => {
      c.metricsAllow = v;
    },
  }),
  // ---- gadgets ----
  option({
    name: 'gadget-proxy-allow',
    type: commaList('H[:P],…', (entry) => {
      try {
        parseAllowEntry(entry);
        return undefined;
      } catch (e) {
        return (e as Error).message.replace(/^--gadget-proxy-allow: /, '');
      }
    }),
    default: [],
    defaultDoc: '(none)',
    doc: 'hosts gadgets may reach through makeRequest besides this node and its peer (docs/gadgets.md)',
    commands: START,
    set: (c, v) => {
      c.gadgetProxyAllow = v;
    },
  }),
  // ---- logs ----
  option({
    name: 'log-dir',
    type: filePath('DIR'),
    default: () => path.resolve('logs'),
    defaultDoc: '`./logs`',
    doc: 'log directory',
    commands: [...SERVING, 'trace', 'diagnose', 'logs'],
    set: (c, v) => {
      c.logDir = v;
    },
  }),
  option({
    name: 'log-json',
    type: flag,
    default: false,
    doc: 'write every log as JSON lines instead of the Finesse shapes, for log shippers',
    commands: SERVING,
    set: (c, v) => {
      c.logJson = v;
    },
  }),
  option({
    name: 'log-stdout',
    type: flag,
    default: false,
    doc: 'also write every log record as a JSON line to standard output (journald, containers)',
    commands: SERVING,
    set: (c, v) => {
      c.logStdout = v;
    },
  }),
  option({
    name: 'log-max-file-mb',
    type: number({ isPositive: true, placeholder: 'MB' }),
    default: 20,
    doc: 'a log file is rotated past this size',
    commands: SERVING,
    set: (c, v) => {
      c.logMaxFileMb = v;
    },
  }),
  option({
    name: 'log-max-files',
    type: number({ min: 1, isInteger: true }),
    default: 20,
    doc: 'rotated files kept per log',
    commands: SERVING,
    set: (c, v) => {
      c.logMaxFiles = v;
    },
  }),
  option({
    name: 'notify-debug',
    type: flag,
    default: false,
    doc: "start with the notification service's debug.log on",
    commands: START,
    set: (c, v) => {
      c.notifyDebug = v;
    },
  }),
  option({
    name: 'quiet',
    type: flag,
    default: false,
    doc: 'no start-up banner',
    commands: START,
    set: (c, v) => {
      c.quiet = v;
    },
  }),
];
