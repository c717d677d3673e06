import dns from 'node:dns';
import type { IncomingMessage } from 'node:http';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { realTimers, type Timers } from '../clock/index.ts';
import type { AccessLog, WebservicesLog } from '../logs/index.ts';
import { type AllowList, isInternalAddress } from './allow-list.ts';
import {
  MAKE_REQUEST_PATH,
  type ProxyErrorCode,
  type ProxyRequest,
  type ProxyResponse,
  parseProxyRequest,
  proxyError,
} from './proxy-protocol.ts';
import { readBody } from './read-body.ts';

/** The proxy's limits (docs/gadgets.md, "Server endpoints"). */
export const PROXY_LIMITS = {
  /** The JSON request, body included: a REST body or a form, not a file upload. */
  requestBytes: 1024 * 1024,
  /** The upstream's body passed on to the gadget. */
  responseBytes: 4 * 1024 * 1024,
  /** From the first byte sent upstream to the last byte of its answer, redirects included. */
  timeoutMs: 15_000,
  redirects: 5,
};

export interface MakeRequestProxyOptions {
  allowList: AllowList;
  /** The caller's user id if the request's Authorization header holds valid credentials. */
  authenticate(req: IncomingMessage): Promise<string | undefined>;
  access?: AccessLog;
  webservices?: WebservicesLog;
  limits?: Partial<typeof PROXY_LIMITS>;
  timers?: Timers;
  /** Name resolution (default `dns.lookup`): one address per name, the one connected to. */
  lookup?: (host: string) => Promise<{ address: string; family: number }>;
  /**
   * Certificates trusted for https upstreams, read at each request; undefined: Node's. The node
   * passes Node's roots plus its own generated certificate, so that a gadget may call this node
   * (and a peer using the same self-signed pair) over https.
   */
  ca?: () => (string | Buffer)[] | undefined;
}

export interface MakeRequestProxy {
  /** Serves `POST /gadgets/makeRequest`; false (nothing touched) for any other path. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): boolean;
  /**
   * The same fetch for a caller inside this process (the desktop's gadget page fetching a spec
   * from another host): the same allow-list, pinning, limits and redirects, no HTTP request.
   */
  forward(request: ProxyRequest): Promise<ProxyResponse>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const defaultLookup = (host: string) => dns.promises.lookup(host, { verbatim: true });

/** The makeRequest proxy (spec/gadgets.md §B); protocol in proxy-protocol.ts. */
export function createMakeRequestProxy(opts: MakeRequestProxyOptions): MakeRequestProxy {
  const limits = { ...PROXY_LIMITS, ...opts.limits };
  const timers = opts.timers ?? realTimers;
  const lookup = opts.lookup ?? defaultLookup;

  async function serve(req: http.IncomingMessage, res: http.ServerResponse) {
    const started = performance.now();
    let user: string | undefined;
    let target: ProxyRequest | undefined;
    const answer = (status: number, r: ProxyResponse) => {
      const body = Buffer.from(JSON.stringify(r));
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(status, {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': String(body.length),
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        });
        res.end(body);
      }
      log(req, status, body.length, performance.now() - started, user, target, r);
    };
    const refuse = (code: ProxyErrorCode, text: string) => {
      const r = proxyError(code, text);
      answer(r.rc, r);
    };

    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return refuse('bad-request', 'POST the request as JSON');
    }
    user = await opts.authenticate(req);
    if (!user) {
      req.resume();
      return refuse('unauthorized', 'sign in to the desktop first');
    }
    const bytes = await readBody(req, limits.requestBytes);
    const text = bytes?.toString('utf8');
    if (text === undefined)
      return refuse('request-too-large', `requests are limited to ${limits.requestBytes} bytes`);
    const parsed = parseProxyRequest(text);
    if (!parsed.ok) return answer(parsed.error.rc, parsed.error);
    target = parsed.value;
    const r = await forward(target);
    answer(r.error ? r.rc : 200, r);
  }

  /** Follows the request through allowed redirects; the answer for the gadget. */
  async function forward(first: ProxyRequest): Promise<ProxyResponse> {
    let request = first;
    let deadline: unknown;
    const expired = new Promise<ProxyResponse>((resolve) => {
      deadline = timers.setTimeout(
        () => resolve(proxyError('upstream-timeout', `no answer within ${limits.timeoutMs} ms`)),
        limits.timeoutMs,
      );
    });
    const abort = new AbortController();
    try {
      for (let hop = 0; ; hop++) {
        const admitted = opts.allowList.admits(request.url);
        if (!admitted.ok)
          return proxyError('host-not-allowed', `${request.url.host} is not allowed (--gadget-proxy-allow)`);
        const r = await Promise.race([once(request, admitted.allowsLoopback, abort.signal), expired]);
        if (r.error || !REDIRECTS.has(r.rc) || hop >= limits.redirects) return r;
        const location = r.headers.location?.[0];
        const next = location === undefined ? undefined : safeUrl(location, request.url);
        // A redirect to a place not allowed is handed to the gadget as it is, unfollowed.
        if (!next || !opts.allowList.admits(next).ok) return r;
        const asGet = r.rc === 303 || ((r.rc === 301 || r.rc === 302) && request.method === 'POST');
        request = {
          url: next,
          method: asGet ? 'GET' : request.method,
          // Credentials never follow a redirect to another origin (as fetch does).
          headers: request.headers.filter(
            ([n]) => next.origin === request.url.origin || n.toLowerCase() !== 'authorization',
          ),
          body: asGet ? undefined : request.body,
        };
      }
    } finally {
      timers.clearTimeout(deadline);
      abort.abort();
    }
  }

  async function once(
    request: ProxyRequest,
    allowsLoopback: boolean,
    signal: AbortSignal,
  ): Promise<ProxyResponse> {
    let resolved: { address: string; family: number };
    try {
      resolved = await lookup(request.url.hostname.replace(/^\[(.*)\]$/, '$1'));
    } catch (e) {
      return proxyError('upstream-failed', `cannot resolve ${request.url.hostname}: ${(e as Error).message}`);
    }
    if (isInternalAddress(resolved.address) && !allowsLoopback)
      return proxyError('host-not-allowed', `${request.url.hostname} is an internal address`);
    // Connect to the address just checked, never to a second lookup's answer.
    const pinned: LookupFunction = (_host, options, cb) => {
      if ((options as { all?: boolean }).all) cb(null, [resolved] as never, undefined as never);
      else cb(null, resolved.address, resolved.family);
    };
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of request.headers) {
      const prev = headers[name];
      headers[name] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
    }
    if (body) headers['Content-Length'] = String(body.length);
    const lib = request.url.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      const upstream = lib.request(
        request.url,
        { method: request.method, headers, lookup: pinned, signal, agent: false, ca: opts.ca?.() },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > limits.responseBytes) {
              res.destroy();
              resolve(
                proxyError('response-too-large', `the answer is larger than ${limits.responseBytes} bytes`),
              );
              return;
            }
            chunks.push(c);
          });
          res.on('end', () =>
            resolve({
              rc: res.statusCode ?? 0,
              text: decode(Buffer.concat(chunks), res.headers['content-type']),
              headers: responseHeaders(res.rawHeaders),
            }),
          );
          res.on('error', (e) => resolve(proxyError('upstream-failed', e.message)));
        },
      );
      upstream.on('error', (e) =>
        resolve(proxyError('upstream-failed', `${request.url.host}: ${e.message}`)),
      );
      upstream.end(body);
    });
  }

  function log(
    req: http.IncomingMessage,
    status: number,
    bytes: number,
    elapsedMs: number,
    user: string | undefined,
    target: ProxyRequest | undefined,
    r: ProxyResponse,
  ) {
    const requestId = target?.headers.find(([n]) => n.toLowerCase() === 'requestid')?.[1];
    // The target URL (with finesse.js's nocache) and requestId are the correlation ids `trace` greps.
    const query = new URLSearchParams();
    if (target) {
      query.set('method', target.method);
      query.set('url', target.url.href.slice(0, 512));
      if (requestId) query.set('requestId', requestId.slice(0, 128));
      query.set('rc', String(r.rc));
    }
    opts.access?.write({
      remoteAddr: req.socket.remoteAddress ?? '-',
      localAddr: req.socket.localAddress ?? '-',
      user,
      localPort: req.socket.localPort ?? 0,
      method: req.method ?? '-',
      path: MAKE_REQUEST_PATH,
      query: query.toString(),
      protocol: `HTTP/${req.httpVersion}`,
      status,
      bytes,
      elapsedMs,
    });
    opts.webservices?.info(
      'gadget-proxy',
      'MAKE_REQUEST',
      [
        ['usr', user ?? ''],
        ['method', target?.method ?? ''],
        ['url', target?.url.href.slice(0, 256).replace(/[\u0000-\u001f\u007f]/g, '?') ?? ''],
        ['request_identifier', requestId?.slice(0, 128).replace(/[^\x20-\x7e]/g, '?') ?? ''],
        ['rc', r.rc],
        ['elapsed_time', Math.round(elapsedMs)],
      ],
      r.error ? `makeRequest refused: ${r.error}` : 'makeRequest proxied',
    );
  }

  return {
    forward,
    handle(req, res) {
      const url = req.url ?? '';
      const q = url.indexOf('?');
      if ((q < 0 ? url : url.slice(0, q)) !== MAKE_REQUEST_PATH) return false;
      req.on('error', () => {});
      res.on('error', () => {});
      void serve(req, res).catch(() => {
        if (!res.writableEnded) res.destroy();
      });
      return true;
    },
  };
}

function safeUrl(location: string, base: URL): URL | undefined {
  try {
    const u = new URL(location, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}

/** Lower-case name → values, Set-Cookie left out (Shindig strips it too). */
function responseHeaders(raw: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (name === 'set-cookie' || name === 'set-cookie2') continue;
    out[name] = [...(out[name] ?? []), raw[i + 1]];
  }
  return out;
}

function decode(body: Buffer, contentType: string | undefined): string {
  const charset = /charset="?([\w.:-]+)"?/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}
