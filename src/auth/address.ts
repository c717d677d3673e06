/**
 * Where a sign-in attempt comes from, as the throttle and the lockout count it: an IPv4 address,
 * or an IPv6 /64 (one subscriber's prefix: a client that owns one has 2^64 addresses to rotate
 * through, RFC 6177). Takes the peer's IP without its port.
 */
import net from 'node:net';

/** `10.0.0.7`, `2001:db8:1:2::/64`; IPv4-mapped IPv6 (`::ffff:10.0.0.7`) counts as the IPv4 address. */
export function addressKey(ip: string): string {
  const v4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (v4) return v4[1];
  if (net.isIPv4(ip)) return ip;
  // Not an IP at all (a test transport's made-up peer): kept as it is, bounded for the database.
  if (!net.isIPv6(ip)) return ip.slice(0, 48);
  const [head, tail] = ip.toLowerCase().split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** `127.0.0.0/8`, `::1` and their IPv4-mapped forms. */
export function isLoopbackIp(ip: string): boolean {
  const v4 = ip.toLowerCase().startsWith('::ffff:') ? ip.slice(7) : ip;
  return ip === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * `--plain-auth`: may a credential in clear (SASL PLAIN, HTTP Basic, a session token) cross a link
 * without TLS? Always, never, or only from loopback addresses (a client on the same machine, where
 * nothing crosses a network; the default). Over TLS, always.
 */
export type PlainAuthPolicy = boolean | 'loopback';

export function mayUsePlain(policy: PlainAuthPolicy, link: { isSecure: boolean; ip: string }): boolean {
  if (link.isSecure || policy === true) return true;
  return policy === 'loopback' && isLoopbackIp(link.ip);
}
