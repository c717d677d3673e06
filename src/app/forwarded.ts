/**
 * Behind a reverse proxy every request comes from the proxy: `--trusted-proxy` names the proxies
 * whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed. For a request from one of them,
 * the request's socket is seen through a view that answers `remoteAddress` with the client's
 * address and `encrypted` with the client's scheme, so that everything reading those — the access
 * logs, the plain-auth policy, sign-in throttling, the per-address limits, /metrics' allow list —
 * sees the client without knowing about proxies. A request from anyone else keeps its own peer,
 * whatever headers it sends (anyone can write X-Forwarded-For).
 */
import type { IncomingMessage } from 'node:http';
import net from 'node:net';

/** An address list (`10.0.0.5`, `10.0.0.0/8`, `::1`); returns a membership test, or why not. */
export function parseAddressList(entries: readonly string[]): ((address: string) => boolean) | string {
  const list = new net.BlockList();
  for (const raw of entries) {
    const [address, bits] = raw.trim().split('/');
    const family = net.isIPv4(address) ? 'ipv4' : net.isIPv6(address) ? 'ipv6' : undefined;
    if (!family) return `not an IP address or network: '${raw}'`;
    if (bits === undefined) list.addAddress(address, family);
    else {
      const prefix = Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 'ipv4' ? 32 : 128))
        return `not a prefix length: '${raw}'`;
      list.addSubnet(address, prefix, family);
    }
  }
  return (address: string) => {
    const plain = plainAddress(address);
    const family = net.isIPv4(plain) ? 'ipv4' : net.isIPv6(plain) ? 'ipv6' : undefined;
    return family !== undefined && list.check(plain, family);
  };
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) → `10.0.0.1`. */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
}

export interface ForwardedClient {
  address: string;
  isSecure: boolean;
}

/**
 * The client behind a chain of trusted proxies: walking `X-Forwarded-For` from the right, the first
 * address that is not a trusted proxy (RFC 7239 §5.2 reasoning, for the de-facto header).
 */
export function forwardedClient(
  peer: string,
  headers: IncomingMessage['headers'],
  isTrusted: (address: string) => boolean,
  isPeerSecure: boolean,
): ForwardedClient | undefined {
  if (!isTrusted(peer)) return undefined;
  const chain = String(headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let address = plainAddress(peer);
  for (let i = chain.length - 1; i >= 0; i--) {
    if (!net.isIP(chain[i])) break;
    address = chain[i];
    if (!isTrusted(chain[i])) break;
  }
  const proto = String(headers['x-forwarded-proto'] ?? '')
    .split(',')[0]
    .trim()
    .toLowerCase();
  return { address, isSecure: proto === 'https' ? true : proto === 'http' ? false : isPeerSecure };
}

/**
 * Returns the function the HTTP servers call first on every request and upgrade: for a trusted
 * proxy's request it puts the client's view in place of `req.socket`. Everything but
 * `remoteAddress` and `encrypted` goes to the real socket, methods bound to it.
 */
export function createForwardedView(trustedProxies: readonly string[]): (req: IncomingMessage) => void {
  if (trustedProxies.length === 0) return () => {};
  const isTrusted = parseAddressList(trustedProxies);
  if (typeof isTrusted === 'string') throw new Error(`--trusted-proxy: ${isTrusted}`);
  return (req) => {
    const socket = req.socket;
    const encrypted = (socket as { encrypted?: boolean }).encrypted === true;
    const client = forwardedClient(socket.remoteAddress ?? '', req.headers, isTrusted, encrypted);
    if (!client) return;
    req.socket = new Proxy(socket, {
      get(target, prop) {
        if (prop === 'remoteAddress') return client.address;
        if (prop === 'encrypted') return client.isSecure;
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
      set: (target, prop, value) => Reflect.set(target, prop, value, target),
    });
  };
}
