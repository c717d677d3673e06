import os from 'node:os';
import path from 'node:path';

/** Everything `switchboard start` can be told, with the embedded defaults of a fresh machine. */
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
  /** SASL PLAIN (a password in clear) without TLS: only from loopback (default), always, never. */
  plainAuth: PlainAuth;
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
  /** Size-based rotation: a log file is closed past this size, and this many are kept per log. */
  logMaxFileMb: number;
  logMaxFiles: number;
  /** XMPP domain handed to desktops in SystemInfo; the node's name. */
  xmppDomain: string;
  /** Host name of this node and of the other one, as SystemInfo shows them. */
  primaryHost: string;
  secondaryHost?: string;
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
  /** Load the demo agents, teams and reason codes into an empty database. */
  demo: boolean;
  /** Notification-service debug log (Openfire debug.log) on at start. */
  notifyDebug: boolean;
  /** Print the start-up banner. */
  quiet: boolean;
  /**
   * Hosts the gadgets' makeRequest proxy may reach besides this node and its peers
   * (`host`, `host:port`, `*.domain`; docs/gadgets.md "Server endpoints").
   */
  gadgetProxyAllow: string[];
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

export function defaultConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = (name: string) => env[`SWITCHBOARD_${name}`];
  const num = (name: string, dflt: number) => {
    const v = e(name);
    return v === undefined || v === '' ? dflt : Number(v);
  };
  const hostName = e('XMPP_DOMAIN') ?? 'localhost';
  return {
    host: e('HOST') ?? '0.0.0.0',
    httpPort: num('HTTP_PORT', 8082),
    boshPort: num('BOSH_PORT', 7071),
    xmppPort: num('XMPP_PORT', 5222),
    xmppTlsPort: optionalTlsPort(e('XMPP_TLS_PORT')),
    boshTlsPort: optionalTlsPort(e('BOSH_TLS_PORT')),
    httpsPort: optionalTlsPort(e('HTTPS_PORT')),
    tlsCert: e('TLS_CERT') || undefined,
    tlsKey: e('TLS_KEY') || undefined,
    plainAuth: plainAuth(e('PLAIN_AUTH') || 'loopback'),
    systemUser: e('SYSTEM_USER') || 'webservices',
    systemPassword: e('SYSTEM_PASSWORD') || undefined,
    cti: {
      simulator: (e('CTI_SIMULATOR') ?? 'true') !== 'false',
      simulatorPort: num('CTI_PORT', 42027),
      simulatorAdminPort: num('CTI_ADMIN_PORT', 42080),
      sides: parseSides(e('CTI_SERVERS') ?? ''),
      peripheralId: num('PERIPHERAL_ID', 5000),
      heartbeatIntervalMs: num('CTI_HEARTBEAT_MS', 5000),
    },
    dataDir: path.resolve(e('DATA_DIR') ?? 'data'),
    databaseUrl: e('DATABASE_URL') || undefined,
    secondaryOf: e('SECONDARY_OF') || undefined,
    logDir: path.resolve(e('LOG_DIR') ?? 'logs'),
    logJson: e('LOG_JSON') === 'true',
    logMaxFileMb: num('LOG_MAX_FILE_MB', 20),
    logMaxFiles: num('LOG_MAX_FILES', 20),
    xmppDomain: hostName,
    primaryHost: e('PRIMARY_HOST') ?? (hostName === 'localhost' ? os.hostname() : hostName),
    secondaryHost: e('SECONDARY_HOST') || undefined,
    presenceLogoutDelaySec: num('PRESENCE_LOGOUT_DELAY', 60),
    queueStatsIntervalSec: num('QUEUE_STATS_INTERVAL', 10),
    boshWaitSec: num('BOSH_WAIT', 30),
    boshInactivitySec: num('BOSH_INACTIVITY', 60),
    xmppMaxUnboundPerAddress: num('XMPP_MAX_UNBOUND_PER_ADDRESS', 500),
    xmppMaxPerAddress: num('XMPP_MAX_PER_ADDRESS', 0),
    xmppMaxResourcesPerUser: num('XMPP_MAX_RESOURCES_PER_USER', 10),
    demo: (e('DEMO') ?? 'true') !== 'false',
    notifyDebug: e('NOTIFY_DEBUG') === 'true',
    quiet: false,
    gadgetProxyAllow: splitList(e('GADGET_PROXY_ALLOW') ?? ''),
  };
}

/** `a, b,c` → ['a', 'b', 'c']. */
export function splitList(s: string): string[] {
  return s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

/** `host:port,host:port` → sides A and B. */
export function parseSides(s: string): { host: string; port: number }[] {
  return s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => {
      const i = x.lastIndexOf(':');
      if (i < 0) return { host: x, port: 42027 };
      return { host: x.slice(0, i), port: Number(x.slice(i + 1)) };
    });
}

const FLAGS: Record<string, (c: Config, v: string) => void> = {
  host: (c, v) => {
    c.host = v;
  },
  'http-port': (c, v) => {
    c.httpPort = port(v);
  },
  'bosh-port': (c, v) => {
    c.boshPort = port(v);
  },
  'xmpp-port': (c, v) => {
    c.xmppPort = port(v);
  },
  'xmpp-tls-port': (c, v) => {
    c.xmppTlsPort = tlsPort(v);
  },
  'bosh-tls-port': (c, v) => {
    c.boshTlsPort = tlsPort(v);
  },
  'https-port': (c, v) => {
    c.httpsPort = tlsPort(v);
  },
  'tls-cert': (c, v) => {
    c.tlsCert = path.resolve(v);
  },
  'tls-key': (c, v) => {
    c.tlsKey = path.resolve(v);
  },
  'plain-auth': (c, v) => {
    c.plainAuth = plainAuth(v);
  },
  'system-user': (c, v) => {
    c.systemUser = v;
  },
  'cti-port': (c, v) => {
    c.cti.simulatorPort = port(v);
  },
  'cti-admin-port': (c, v) => {
    c.cti.simulatorAdminPort = port(v);
  },
  'cti-servers': (c, v) => {
    c.cti.sides = parseSides(v);
    c.cti.simulator = false;
  },
  'peripheral-id': (c, v) => {
    c.cti.peripheralId = Number(v);
  },
  'data-dir': (c, v) => {
    c.dataDir = path.resolve(v);
  },
  'database-url': (c, v) => {
    c.databaseUrl = v;
  },
  'secondary-of': (c, v) => {
    c.secondaryOf = v;
  },
  'log-dir': (c, v) => {
    c.logDir = path.resolve(v);
  },
  'log-max-file-mb': (c, v) => {
    c.logMaxFileMb = positive(v, 'log-max-file-mb');
  },
  'log-max-files': (c, v) => {
    c.logMaxFiles = Math.max(1, Math.floor(positive(v, 'log-max-files')));
  },
  domain: (c, v) => {
    c.xmppDomain = v;
  },
  'primary-host': (c, v) => {
    c.primaryHost = v;
  },
  'secondary-host': (c, v) => {
    c.secondaryHost = v;
  },
  'presence-logout-delay': (c, v) => {
    c.presenceLogoutDelaySec = Number(v);
  },
  'gadget-proxy-allow': (c, v) => {
    c.gadgetProxyAllow.push(...splitList(v));
  },
};

const BOOLEAN_FLAGS: Record<string, (c: Config) => void> = {
  'no-demo': (c) => {
    c.demo = false;
  },
  'notify-debug': (c) => {
    c.notifyDebug = true;
  },
  'log-json': (c) => {
    c.logJson = true;
  },
  quiet: (c) => {
    c.quiet = true;
  },
};

export const FLAG_HELP = [
  '--host ADDR                 address to listen on (0.0.0.0)',
  '--http-port N               REST API, desktop, /ws/ and /http-bind (8082)',
  '--bosh-port N               BOSH /http-bind listener (7071)',
  '--xmpp-port N               XMPP client port, STARTTLS offered (5222)',
  '--xmpp-tls-port N|off       XMPP client port with direct TLS (5223)',
  '--bosh-tls-port N|off       BOSH /http-bind (and /ws/) over https (7443)',
  '--https-port N|off          desktop, REST API, /http-bind and wss:// /ws/ over https (8445)',
  '--tls-cert FILE --tls-key FILE   PEM certificate and key (default: self-signed, in DATA_DIR/tls)',
  '--plain-auth loopback|always|never   password login without TLS (loopback)',
  '--system-user NAME          notification system account for a remote core (webservices);',
  '                            password: $SWITCHBOARD_SYSTEM_PASSWORD or DATA_DIR/system-account.secret',
  '--cti-port N                CTI simulator port (42027)',
  '--cti-admin-port N          CTI simulator admin API: inject/drop calls, generator (42080)',
  '--cti-servers H:P[,H:P]     use a real CTI server (sides A,B) instead of the simulator',
  '--peripheral-id N           CTI peripheral id (5000)',
  '--data-dir DIR              database directory (./data)',
  '--database-url URL          PostgreSQL instead of the embedded SQLite (cluster mode)',
  '--secondary-of HOST         run as the secondary node of HOST (config writes refused)',
  '--log-dir DIR               log directory (./logs)',
  '--log-json                  write every log as JSON lines, for log shippers',
  '--log-max-file-mb N --log-max-files N   rotate logs past N MB, keep N files per log (20, 20)',
  '--domain NAME               XMPP domain (localhost)',
  '--primary-host / --secondary-host NAME   node names shown in SystemInfo',
  '--presence-logout-delay S   seconds before presence-driven logout (60)',
  '--gadget-proxy-allow H[:P],…   hosts gadgets may reach through makeRequest (besides this node and its peer)',
  '--no-demo                   do not load demo data into an empty database',
  '--notify-debug              start with the notification debug log on',
  '--quiet                     no start-up banner',
];

/** Applies `--flag value` / `--flag=value` arguments over a config; returns what it did not understand. */
export function applyFlags(config: Config, args: string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) {
      rest.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (BOOLEAN_FLAGS[name]) {
      BOOLEAN_FLAGS[name](config);
      continue;
    }
    const set = FLAGS[name];
    if (!set) {
      rest.push(a);
      continue;
    }
    const value = eq < 0 ? args[++i] : a.slice(eq + 1);
    if (value === undefined) throw new Error(`--${name} needs a value`);
    set(config, value);
  }
  return rest;
}

function positive(v: string, flag: string): number {
  const n = Number(v);
  if (!(n > 0)) throw new Error(`--${flag} needs a positive number, not ${v}`);
  return n;
}

function tlsPort(v: string): TlsPort {
  return v === 'off' ? 'off' : port(v);
}

function optionalTlsPort(v: string | undefined): TlsPort | undefined {
  return v === undefined || v === '' ? undefined : tlsPort(v);
}

function plainAuth(v: string): PlainAuth {
  if (v === 'loopback' || v === 'always' || v === 'never') return v;
  throw new Error(`--plain-auth: loopback, always or never, not ${v}`);
}

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`not a port: ${v}`);
  return n;
}
