/**
 * The makeRequest proxy protocol: how our gadget container (src/desktop) hands a gadget's
 * `gadgets.io.makeRequest(url, callback, params)` to the server, and what comes back. Finesse's own
 * wire format (Shindig's `/gadgets/makeRequest` with its anti-hijack prefix) is internal to
 * Finesse; both ends here are ours (spec/gadgets.md §B, §F "the makeRequest servlet format").
 *
 * REQUEST
 *
 *   POST /gadgets/makeRequest
 *   Authorization: Basic <base64 id:password>   — the desktop's own credentials, exactly as the
 *              or Bearer <desktop session token>    REST API takes them (src/api/auth.ts): the proxy
 *                                                 serves signed-in users only. NOT forwarded upstream.
 *   Content-Type: application/json
 *
 *   {
 *     "url":     "http://finesse.example.com:8082/finesse/api/User/2001?nocache=1",  absolute http(s)
 *     "method":  "GET",                 any token method; default GET (params[METHOD])
 *     "headers": { "Authorization": "Basic …", "requestId": "…" },   forwarded as given
 *                                       (params[HEADERS]); name → string, or string[] for repeats
 *     "body":    "<User>…</User>"       string or null/absent (params[POST_DATA])
 *   }
 *
 *   The container sends exactly what the gadget asked for: finesse.js's nocache parameter, its
 *   `Authorization` and `requestId` headers are the gadget's business and go upstream unchanged.
 *   Hop-by-hop headers (Connection, Keep-Alive, Transfer-Encoding, TE, Trailer, Upgrade,
 *   Proxy-*), Host and Content-Length are set by the proxy, never taken from `headers`.
 *
 * RESPONSE — always a JSON object `{rc, text, headers}` that the container passes to the gadget's
 * callback as it is (spec/gadgets.md §B: "Non-2xx responses still reach the callback"):
 *
 *   HTTP 200  {"rc": 404, "text": "<ApiErrors>…", "headers": {"content-type": ["application/xml"]}}
 *             the upstream answered: rc is ITS status, whatever it was (1xx-5xx); text its body as
 *             UTF-8 (or the charset it named); headers every response header, lower-case name →
 *             array of values (GET_FULL_HEADERS), Set-Cookie left out.
 *
 *   HTTP 4xx/5xx  {"rc": <same status>, "text": "<why>", "headers": {}, "error": "<code>"}
 *             the proxy refused or the upstream failed; the status and `rc` agree:
 *               400 bad-request         not JSON, no absolute http(s) url, bad method/header
 *               401 unauthorized        no or wrong credentials (no WWW-Authenticate: no dialog)
 *               403 host-not-allowed    not this node, its cluster peer, nor --gadget-proxy-allow
 *               413 request-too-large   the JSON request is larger than the proxy accepts
 *               502 response-too-large  the upstream's body is larger than the proxy passes on
 *               502 upstream-failed     connection refused/reset, DNS failure, TLS failure
 *               504 upstream-timeout    no complete answer within the proxy's time limit
 *
 *   Redirects (301, 302, 303, 307, 308) are followed (at most 5) when the new location is allowed
 *   too; otherwise the gadget gets the 3xx itself, with its Location, and nothing is fetched from
 *   the place it names. 303 (and 301/302 after a POST) continue as GET without a body.
 *
 * Only POST is served (a GET could be embedded by another page as a script), and only with the
 * Authorization header (never a cookie), so another site cannot make a signed-in browser use it.
 */

/** One request to the proxy, checked. */
export interface ProxyRequest {
  url: URL;
  method: string;
  headers: [name: string, value: string][];
  body: string | undefined;
}

/** What the gadget's makeRequest callback receives. */
export interface ProxyResponse {
  rc: number;
  text: string;
  headers: Record<string, string[]>;
  /** Set when the proxy (not the upstream) answered: one of `ProxyErrorCode`. */
  error?: ProxyErrorCode;
}

export const PROXY_ERRORS = {
  'bad-request': 400,
  unauthorized: 401,
  'host-not-allowed': 403,
  'request-too-large': 413,
  'response-too-large': 502,
  'upstream-failed': 502,
  'upstream-timeout': 504,
} as const;

export type ProxyErrorCode = keyof typeof PROXY_ERRORS;

export const MAKE_REQUEST_PATH = '/gadgets/makeRequest';

/** The proxy's own answer to a request it did not forward. */
export function proxyError(code: ProxyErrorCode, text: string): ProxyResponse {
  return { rc: PROXY_ERRORS[code], text, headers: {}, error: code };
}

// RFC 9110 §5.6.2 token, for methods and header names.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Header values: visible characters, spaces and tabs only (no CR/LF: no header injection).
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/** Hop-by-hop and framing headers: the proxy sets these itself (RFC 9110 §7.6.1). */
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
  'content-length',
  'proxy-authorization',
  'proxy-authenticate',
  'proxy-connection',
]);

/**
 * Checks a proxy request body (the JSON above). Pure: text in, a request or the 400 to answer out.
 */
export function parseProxyRequest(
  text: string,
): { ok: true; value: ProxyRequest } | { ok: false; error: ProxyResponse } {
  const bad = (why: string) => ({ ok: false as const, error: proxyError('bad-request', why) });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return bad('the request is not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return bad('the request is not an object');
  const r = json as Record<string, unknown>;
  if (typeof r.url !== 'string') return bad('url is required');
  let url: URL;
  try {
    url = new URL(r.url);
  } catch {
    return bad(`url is not absolute: ${r.url.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return bad('url must be http or https');
  if (url.username || url.password)
    return bad('url must not carry credentials (send an Authorization header)');
  const method = r.method === undefined ? 'GET' : r.method;
  if (typeof method !== 'string' || !TOKEN.test(method)) return bad('method is not an HTTP method');
  if (method.toUpperCase() === 'CONNECT') return bad('CONNECT is not proxied');
  const headers: [string, string][] = [];
  if (r.headers !== undefined && r.headers !== null) {
    if (typeof r.headers !== 'object' || Array.isArray(r.headers)) return bad('headers must be an object');
    for (const [name, raw] of Object.entries(r.headers as Record<string, unknown>)) {
      if (!TOKEN.test(name)) return bad(`header name ${JSON.stringify(name.slice(0, 60))} is not valid`);
      const values = Array.isArray(raw) ? raw : [raw];
      for (const v of values) {
        if (typeof v !== 'string' || !FIELD_VALUE.test(v)) return bad(`header ${name} has an invalid value`);
        if (!NOT_FORWARDED.has(name.toLowerCase())) headers.push([name, v]);
      }
    }
  }
  if (r.body !== undefined && r.body !== null && typeof r.body !== 'string')
    return bad('body must be a string');
  const body = typeof r.body === 'string' ? r.body : undefined;
  return { ok: true, value: { url, method: method.toUpperCase(), headers, body } };
}
