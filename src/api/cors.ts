import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS for `/finesse/api`, limited to the other node of the pair: a desktop loaded from node A
 * that fails over to node B keeps running in its page and scripts B's REST API from A's origin
 * (Finesse's in-place failover). Any other origin gets no CORS headers, so the browser keeps
 * foreign pages from reading the API with a user's password they happen to hold.
 *
 * A configured host with a port (`host:8082`) must match the origin's host and port; a bare host
 * name matches that name on any port (nodes of a real pair use the same ports).
 */
export function isPeerOrigin(origin: string, peerHosts: readonly (string | undefined)[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return peerHosts.some((h) => !!h && (h.includes(':') ? h === url.host : h === url.hostname));
}

const ALLOW_METHODS = 'GET, PUT, POST, DELETE';
// What finesse.js sends: Basic credentials, XML bodies and the requestId correlation header.
const ALLOW_HEADERS = 'Authorization, Content-Type, requestId';

/**
 * Adds CORS headers to the response of a request from a peer origin. Returns true when it
 * answered the request itself (a preflight), false when the API should go on serving it.
 */
export function applyCors(
  req: IncomingMessage,
  res: ServerResponse,
  peerHosts: readonly (string | undefined)[],
): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  res.setHeader('Vary', 'Origin');
  if (!isPeerOrigin(origin, peerHosts)) return false;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Expose-Headers', 'requestId');
  if (req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return false;
  res.writeHead(204, {
    'Access-Control-Allow-Methods': ALLOW_METHODS,
    'Access-Control-Allow-Headers': ALLOW_HEADERS,
    'Access-Control-Max-Age': '600',
    'Content-Length': '0',
  });
  res.end();
  return true;
}
