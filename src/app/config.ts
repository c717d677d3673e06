import type { PasswordHashing } from '../store/index.ts';
import { configFromEnvironment } from './options/index.ts';

/**
 * Everything `switchboard start` can be told. Each field is set by one option of the registry
 * (options/server-options.ts), which holds its flag, variable, default and doc.
 */
export interface Config {
  /** Address every listener binds to. */
  host: string;
  /** REST API, desktop, WebSocket (`/ws/`) and BOSH (`/http-bind`) — Finesse's 8082. 0 = OS-chosen. */
  httpPort: number;
  /** BOSH-only listener (`/http-bind`), Finesse's 7071. */
  boshPort: number;
  /** XMPP client-to-server (external clients such as Pidgin), 5222; STARTTLS offered. */
  xmppPort: number;
  /**
   * The TLS listeners, all with the certificate below: direct-TLS XMPP (5223), BOSH over https
   * (7443), and https for the desktop, REST API and wss:// `/ws/` (8445). Unset: that port, or
   * OS-chosen when the matching plain port (xmppPort, boshPort, httpPort) is 0; 'off': none.
   */
  xmppTlsPort?: TlsPort;
  boshTlsPort?: TlsPort;
  httpsPort?: TlsPort;
  /** Certificate and key (PEM files); unset: a self-signed pair generated into `<dataDir>/tls/`. */
  tlsCert?: string;
  tlsKey?: string;
  /**
   * Credentials in clear without TLS (SASL PLAIN and OAUTHBEARER, REST Basic and session tokens):
   * only from loopback (default), always, never.
   */
  plainAuth: PlainAuth;
  /** How new passwords are hashed and their SCRAM keys derived (default OWASP_HASHING). */
  passwordHashing: PasswordHashing;
  /**
   * The notification service's system account, which may create nodes and publish over XMPP (a
   * core running apart logs in with it). Its password: `systemPassword`, else one generated into
   * `<dataDir>/system-account.secret` on first start.
   */
  systemUser: string;
  systemPassword?: string;
  /** The CTI link: the bundled simulator (default) or a real CTI server's A/B sides. */
  cti: {
    simulator: boolean;
    /** Simulator listen port, 42027 like a CTI server's side A. */
    simulatorPort: number;
    /** The simulator's HTTP/JSON admin API (inject or drop calls, devices, generator); 0 = OS-chosen. */
    simulatorAdminPort: number;
    /** Where the simulator's CTI port and its admin API listen: loopback unless told (docs/security.md). */
    simulatorHost: string;
    simulatorAdminHost: string;
    /**
     * The admin API's bearer token: `adminToken`, else one generated into
     * `<dataDir>/cti-admin.token` on first start (what `switchboard sim` reads).
     */
    adminToken?: string;
    /** ClientPassword of OPEN_REQ: sent to the CTI server, and required by the bundled simulator. */
    clientPassword?: string;
    sides: { host: string; port: number }[];
    peripheralId: number;
    heartbeatIntervalMs: number;
  };
  /** SQLite database and generated certificates live here. */
  dataDir: string;
  /** PostgreSQL connection string; when set, configuration lives there instead of SQLite (cluster mode). */
  databaseUrl?: string;
  /**
   * Set on a secondary node: the primary's host. Configuration writes are refused there with 403,
   * as on a Finesse secondary.
   */
  secondaryOf?: string;
  /** All log folders (webservices, openfire, tomcat, cti, clientlogs) live here. */
  logDir: string;
  /** Every log as JSON lines instead of the Finesse shapes, for log shippers. */
  logJson: boolean;
  /** Every log record also as a JSON line on standard output (files as configured besides). */
  logStdout: boolean;
  /** Size-based rotation: a log file is closed past this size, and this many are kept per log. */
  logMaxFileMb: number;
  logMaxFiles: number;
  /** XMPP domain handed to desktops in SystemInfo; the node's name. */
  xmppDomain: string;
  /**
   * The pair SystemInfo names, primary then secondary (Finesse's `primaryNode`, `secondaryNode`).
   * Cluster mode without them: the live nodes, oldest first.
   */
  primaryHost?: string;
  secondaryHost?: string;
  /**
   * How desktops reach this node (`host` or `host:port`); cluster mode registers it for the
   * others' SystemInfo and CORS. Without a port, `:httpPort` is added unless that is 8082.
   */
  nodeHost: string;
  /** Cluster mode: seconds between heartbeats into the node registry (3 missed: the node is gone). */
  clusterHeartbeatSec: number;
  /** In maintenance, seconds desktops get to move to the other node before the node stops. */
  maintenanceDeadlineSec: number;
  /** Delay before presence-driven logout (reason 255), seconds. */
  presenceLogoutDelaySec: number;
  /** Queue statistics poll period, seconds (finesse-api.md §1.8: 10; tests shorten it). */
  queueStatsIntervalSec: number;
  /** BOSH `wait` and `inactivity` the server grants, seconds. */
  boshWaitSec: number;
  boshInactivitySec: number;
  /** Notification-service session limits (docs/notifications.md, Limits): 0 is no limit. */
  xmppMaxUnboundPerAddress: number;
  xmppMaxPerAddress: number;
  xmppMaxResourcesPerUser: number;
  /**
   * TCP connections per address on every listener (docs/security.md): those that have not sent a
   * request yet (the oldest makes way past it), all of them (0: no limit), and how long one may
   * stay silent before it is closed.
   */
  maxPendingConnectionsPerAddress: number;
  maxConnectionsPerAddress: number;
  firstRequestTimeoutSec: number;
  /** Route XMPP messages and iqs from one user to another (chat); off by default (docs/security.md). */
  xmppChat: boolean;
  /** Load the demo agents, teams and reason codes into an empty database. */
  demo: boolean;
  /** Demo mode (known passwords) on a non-loopback address was asked for explicitly. */
  demoOnNetwork: boolean;
  /** Notification-service debug log (Openfire debug.log) on at start. */
  notifyDebug: boolean;
  /** Print the start-up banner. */
  quiet: boolean;
  /**
   * Hosts the gadgets' makeRequest proxy may reach besides this node and its peers
   * (`host`, `host:port`, `*.domain`; docs/gadgets.md "Server endpoints").
   */
  gadgetProxyAllow: string[];
  /** Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (addresses, networks). */
  trustedProxies: string[];
  /** Who besides loopback may read /metrics and /status (addresses, networks). */
  metricsAllow: string[];
}

export type TlsPort = number | 'off';
export type PlainAuth = 'loopback' | 'always' | 'never';

/** `Config.plainAuth` as the notification service's `allowPlainOnInsecure`. */
export function plainAuthPolicy(p: PlainAuth): boolean | 'loopback' {
  return p === 'loopback' ? 'loopback' : p === 'always';
}

/** The port a TLS listener binds, or undefined when it is off (see `Config.xmppTlsPort`). */
export function tlsPortOf(
  configured: TlsPort | undefined,
  plainPort: number,
  standard: number,
): number | undefined {
  if (configured === 'off') return undefined;
  return configured ?? (plainPort === 0 ? 0 : standard);
}

/**
 * The configuration of `switchboard start` from `SWITCHBOARD_*` variables and the defaults (the
 * option registry, options/server-options.ts). Throws a `UsageError` naming a malformed variable.
 */
export function defaultConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return configFromEnvironment(env);
}

/** Whether a listen address is this machine only. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
