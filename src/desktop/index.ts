/**
 * The agent desktop at `/desktop/`: the public door of src/desktop, with the gadget container's
 * server side (`/desktop/ifr`, finesse.js, jQuery, Bootstrap; docs/gadgets.md). `createDesktopHandler()`
 * builds the app once (esbuild, ~0.3 s) and serves it from memory: index.html (revalidated on
 * every load), content-hashed assets (cached for a year), ETag/304, gzip, and 404 for anything
 * else — only names the build produced can be served, so no path can reach the file system.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { AccessLog } from '../logs/index.ts';
import { type BuiltFile, buildDesktop, type DesktopBuild } from './build.ts';
import { isFramedBySelf, renderGadgetPage } from './gadget-page/handler.ts';
import { createGadgetSource, type GadgetSource } from './gadget-page/source.ts';

export { type BuildOptions, type BuiltFile, buildDesktop, type DesktopBuild } from './build.ts';
export { createGadgetSource, type Fetched, FILES_PREFIX, type GadgetSource } from './gadget-page/source.ts';

export interface DesktopHandlerOptions {
  /** Where the build is written (served from memory either way); default `<os tmpdir>/switchboard-desktop`. */
  buildDir?: string;
  /** Tomcat-style access log writer (`logs.access.write`): desktop loads appear as in seed 000. */
  logAccess?: AccessLog['write'];
  /** Default true. */
  minify?: boolean;
  /**
   * Where gadget specs come from for `/desktop/ifr` (gadget-page/): default this node's
   * `./data/3rdpartygadget/files` and no other host.
   */
  gadgetSource?: GadgetSource;
}

export interface DesktopHandler {
  /** Serves `/desktop` and `/desktop/*`; returns false (and touches nothing) for any other URL. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  readonly build: DesktopBuild;
}

const PREFIX = '/desktop/';
/** Pages the app routes itself; all get index.html. `localLog` is Finesse's local client log page. */
const APP_PAGES = new Set(['', 'index.html', 'localLog']);

/**
 * `connect-src` allows other origins because failover talks to the other node of the pair;
 * everything else (scripts, styles) must come from this server — no CDN.
 */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self' http: https: ws: wss:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

export async function createDesktopHandler(opts: DesktopHandlerOptions = {}): Promise<DesktopHandler> {
  const built = await buildDesktop({ outDir: opts.buildDir, minify: opts.minify });
  const index = built.files.get('index.html') as BuiltFile;
  const gadgetSource =
    opts.gadgetSource ?? createGadgetSource({ filesDir: path.resolve('data', '3rdpartygadget', 'files') });

  function send(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    headers: Record<string, string>,
    body?: Buffer,
  ) {
    const started = performance.now();
    const isHead = req.method === 'HEAD';
    if (body) headers['Content-Length'] = String(body.length);
    res.writeHead(status, { 'X-Content-Type-Options': 'nosniff', ...headers });
    res.end(isHead ? undefined : body);
    if (opts.logAccess) {
      const url = req.url ?? '';
      const q = url.indexOf('?');
      opts.logAccess({
        remoteAddr: req.socket.remoteAddress ?? '-',
        localAddr: req.socket.localAddress ?? '-',
        user: undefined,
        localPort: req.socket.localPort ?? 0,
        method: req.method ?? 'GET',
        path: q < 0 ? url : url.slice(0, q),
        query: q < 0 ? '' : url.slice(q + 1),
        protocol: `HTTP/${req.httpVersion}`,
        status,
        bytes: isHead || !body ? 0 : body.length,
        elapsedMs: performance.now() - started,
      });
    }
  }

  function serve(req: IncomingMessage, res: ServerResponse, f: BuiltFile): void {
    const headers: Record<string, string> = {
      'Content-Type': f.contentType,
      ETag: f.etag,
      'Cache-Control': f.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    if (f === index) headers['Content-Security-Policy'] = CSP;
    if (f.gzip) headers.Vary = 'Accept-Encoding';
    const tags = req.headers['if-none-match'];
    if (tags?.split(',').some((t) => t.trim() === f.etag || t.trim() === `W/${f.etag}`)) {
      send(req, res, 304, headers);
      return;
    }
    const gzip = f.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (gzip) headers['Content-Encoding'] = 'gzip';
    send(req, res, 200, headers, gzip ? f.gzip : f.body);
  }

  /**
   * `/desktop/ifr`: a gadget's document, rendered from its spec (gadget-page/). Its own inline
   * scripts must run, so it carries none of the desktop's CSP; only this origin may frame it.
   */
  function serveGadget(req: IncomingMessage, res: ServerResponse, query: string): void {
    const headers = {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Frame-Options': 'SAMEORIGIN',
      'Content-Security-Policy': "frame-ancestors 'self'",
      'Referrer-Policy': 'same-origin',
    };
    if (!isFramedBySelf(req.headers)) {
      send(req, res, 403, headers, Buffer.from('A gadget page is shown inside the desktop only.\n'));
      return;
    }
    void renderGadgetPage(new URLSearchParams(query), {
      source: gadgetSource,
      runtimeSrc: `${PREFIX}${built.gadgetRuntime}`,
    })
      .then((page) => send(req, res, page.status, headers, Buffer.from(page.html)))
      .catch((err: Error) =>
        send(req, res, 500, headers, Buffer.from(`The gadget could not be rendered: ${err.message}\n`)),
      );
  }

  function handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    if (pathname !== '/desktop' && !pathname.startsWith(PREFIX)) return false;
    const text = (status: number, msg: string, extra: Record<string, string> = {}) =>
      send(
        req,
        res,
        status,
        { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra },
        Buffer.from(`${msg}\n`),
      );
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      text(405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
      return true;
    }
    if (pathname === '/desktop') {
      send(req, res, 302, { Location: `${PREFIX}${q < 0 ? '' : url.slice(q)}` });
      return true;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(pathname.slice(PREFIX.length));
    } catch {
      text(400, 'Bad Request');
      return true;
    }
    if (rel === 'ifr') {
      serveGadget(req, res, url.slice(q < 0 ? url.length : q + 1));
      return true;
    }
    const f = APP_PAGES.has(rel) ? index : built.files.get(rel);
    if (f) serve(req, res, f);
    else text(404, 'Not Found');
    return true;
  }

  return { handle, build: built };
}
