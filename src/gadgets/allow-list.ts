import net from 'node:net';

/**
 * Where the makeRequest proxy may go (the SSRF rules of docs/gadgets.md, "Server endpoints"):
 *
 * - this node, on its own HTTP listeners only (REST/desktop, https, BOSH), by any of its names;
 * - its cluster peers by name, on those same ports (a pair runs one configuration);
 * - what an administrator allows with `--gadget-proxy-allow host[:port],…`: a name or address, or
 *   `*.domain` for every name below it; without a port, any port of that host.
 *
 * A name is resolved once and the connection goes to that address (no second lookup that DNS
 * rebinding could change). An address that is loopback, unspecified or link-local (169.254/16 with
 * the cloud metadata service, fe80::/10) is refused unless it is this node's own listener or an
 * administrator allowed that very literal (`127.0.0.1:9000`): the CTI simulator's admin API,
 * PostgreSQL and the metrics port live on loopback, and a name that resolves there must not reach
 * them.
 */
export interface AllowListOptions {
  /** This node's names and addresses (its host names, `localhost`, loopback literals). */
  selfHosts: readonly string[];
  /** This node's HTTP listener ports (REST/desktop, https, BOSH plain and TLS); read at each check. */
  selfPorts: readonly number[];
  /** The other nodes of the cluster, by name or address. */
  peerHosts: readonly string[];
  /** `--gadget-proxy-allow` entries: `host`, `host:port`, `*.domain[:port]`, `[v6]:port`. */
  allowed: readonly string[];
}

export interface AllowList {
  /**
   * Whether `url` may be asked at all, before its name is resolved; `allowsLoopback` says whether
   * the rule that admitted it may end on a loopback or link-local address.
   */
  admits(url: URL): { ok: true; allowsLoopback: boolean } | { ok: false };
}

interface Entry {
  host: string;
  isSuffix: boolean;
  port: number | undefined;
}

const defaultPort = (url: URL) => (url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80);
/** `[::1]` → `::1`, lower-case, no trailing dot. */
export const normalizeHost = (h: string) =>
  h
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();

/** Parses one `--gadget-proxy-allow` entry; throws on nonsense so that a bad flag stops the start. */
export function parseAllowEntry(raw: string): Entry {
  const s = raw.trim();
  const v6 = /^\[([0-9a-fA-F:.]+)\](?::(\d+))?$/.exec(s);
  const [host, port] = v6
    ? [v6[1], v6[2]]
    : s.includes(':') && net.isIPv6(s)
      ? [s, undefined]
      : (s.split(/:(?=\d+$)/) as [string, string | undefined]);
  const isSuffix = host.startsWith('*.');
  const name = normalizeHost(isSuffix ? host.slice(2) : host);
  if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(name) && !net.isIP(name))
    throw new Error(`--gadget-proxy-allow: not a host name: ${raw}`);
  const n = port === undefined ? undefined : Number(port);
  if (n !== undefined && !(Number.isInteger(n) && n > 0 && n < 65536))
    throw new Error(`--gadget-proxy-allow: not a port in ${raw}`);
  return { host: name, isSuffix, port: n };
}

export function createAllowList(opts: AllowListOptions): AllowList {
  const self = new Set(opts.selfHosts.map(normalizeHost));
  const peers = new Set(opts.peerHosts.filter(Boolean).map(normalizeHost));
  const entries = opts.allowed.filter((e) => e.trim() !== '').map(parseAllowEntry);
  return {
    admits(url) {
      const host = normalizeHost(url.hostname);
      const port = defaultPort(url);
      // Read at each call: the listeners' ports are known only once they are bound.
      if ((self.has(host) || peers.has(host)) && opts.selfPorts.includes(port))
        return { ok: true, allowsLoopback: true };
      for (const e of entries) {
        const nameMatches = e.isSuffix ? host.endsWith(`.${e.host}`) : host === e.host;
        if (!nameMatches || (e.port !== undefined && e.port !== port)) continue;
        // Only a literal address the administrator wrote may be loopback; `localhost` too.
        return {
          ok: true,
          allowsLoopback: !e.isSuffix && (net.isIP(e.host) !== 0 || e.host === 'localhost'),
        };
      }
      return { ok: false };
    },
  };
}

/** Loopback, unspecified or link-local: places the proxy must not reach by accident. */
export function isInternalAddress(address: string): boolean {
  const a = normalizeHost(address);
  if (net.isIPv4(a)) return /^(127\.|0\.|169\.254\.)/.test(a);
  if (!net.isIPv6(a)) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return isInternalAddress(mapped[1]);
  return a === '::1' || a === '::' || /^fe[89ab]/.test(a);
}
