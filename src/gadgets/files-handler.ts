import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AccessLog } from '../logs/index.ts';
import { GADGET_FILE_LIMITS, type GadgetFileStore } from './file-store.ts';
import { readBody } from './read-body.ts';

/**
 * `/3rdpartygadget/files/…` (Finesse's path, spec/gadgets.md §A.2):
 *
 *   GET|HEAD /3rdpartygadget/files/<path>   anyone (the container and the gadgets' own pages load
 *                                           these); files only, no listings; ETag + 304; gzip for text
 *   PUT      /3rdpartygadget/files/<path>   administrator: the body is the file (a folder is
 *                                           uploaded file by file, each with its relative path)
 *   DELETE   /3rdpartygadget/files/<path>   administrator: a file or a whole folder
 *   GET      /3rdpartygadget/files/?list    administrator: JSON [{path, size, mtimeMs}]
 *
 * Administrators authenticate with HTTP Basic like the REST API. Files are on this node's disk:
 * in a cluster, upload to each node (as on Finesse).
 */
export const GADGET_FILES_PREFIX = '/3rdpartygadget/files/';

const TYPES: Record<string, string> = {
  '.xml': 'application/xml; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.pdf': 'application/pdf',
};
const isText = (type: string) => /^text\/|xml|json|javascript|svg/.test(type);
/** Below this, gzip costs more than it saves. */
const GZIP_MIN = 1024;

export interface GadgetFilesHandlerOptions {
  files: GadgetFileStore;
  /** True if the request's Authorization header is an administrator's. */
  isAdmin(req: http.IncomingMessage): Promise<boolean>;
  /** Writes are refused (403) on a node that is not the primary, as configuration is. */
  isPrimaryNode?: () => boolean;
  access?: AccessLog;
}

export function createGadgetFilesHandler(opts: GadgetFilesHandlerOptions) {
  // Compressed bodies by path and ETag; small gadgets' scripts are asked for by every desktop.
  const gzipped = new Map<string, Buffer>();

  function send(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    status: number,
    headers: Record<string, string>,
    body?: Buffer,
    started = performance.now(),
  ) {
    const isHead = req.method === 'HEAD';
    if (body) headers['Content-Length'] = String(body.length);
    if (!res.headersSent) res.writeHead(status, { 'X-Content-Type-Options': 'nosniff', ...headers });
    res.end(isHead ? undefined : body);
    const url = req.url ?? '';
    const q = url.indexOf('?');
    opts.access?.write({
      remoteAddr: req.socket.remoteAddress ?? '-',
      localAddr: req.socket.localAddress ?? '-',
      user: undefined,
      localPort: req.socket.localPort ?? 0,
      method: req.method ?? '-',
      path: (q < 0 ? url : url.slice(0, q)).slice(0, 512),
      query: q < 0 ? '' : url.slice(q + 1, q + 257),
      protocol: `HTTP/${req.httpVersion}`,
      status,
      bytes: isHead || !body ? 0 : body.length,
      elapsedMs: performance.now() - started,
    });
  }
  const text = (req: http.IncomingMessage, res: http.ServerResponse, status: number, message: string) =>
    send(
      req,
      res,
      status,
      { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
      Buffer.from(`${message}\n`),
    );
  const json = (req: http.IncomingMessage, res: http.ServerResponse, status: number, value: unknown) =>
    send(
      req,
      res,
      status,
      { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
      Buffer.from(JSON.stringify(value)),
    );

  function serveFile(req: http.IncomingMessage, res: http.ServerResponse, rel: string) {
    const full = opts.files.resolve(rel);
    let st: fs.Stats | undefined;
    try {
      st = full ? fs.statSync(full) : undefined;
    } catch {}
    if (!full || !st?.isFile()) return text(req, res, 404, 'Not Found');
    const type = TYPES[path.extname(full).toLowerCase()] ?? 'application/octet-stream';
    const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
    // Revalidated on every load (304 when unchanged): a re-uploaded gadget shows at once, unlike
    // Finesse's, where a cache clear or a restart was needed.
    const headers: Record<string, string> = { 'Content-Type': type, ETag: etag, 'Cache-Control': 'no-cache' };
    const tags = req.headers['if-none-match'];
    if (tags?.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`))
      return send(req, res, 304, headers);
    let body: Buffer;
    try {
      body = fs.readFileSync(full);
    } catch {
      return text(req, res, 404, 'Not Found');
    }
    if (isText(type) && body.length >= GZIP_MIN) {
      headers.Vary = 'Accept-Encoding';
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        const key = `${full}\0${etag}`;
        let gz = gzipped.get(key);
        if (!gz) {
          gz = zlib.gzipSync(body);
          if (gzipped.size > 500) gzipped.clear();
          gzipped.set(key, gz);
        }
        headers['Content-Encoding'] = 'gzip';
        body = gz;
      }
    }
    send(req, res, 200, headers, body);
  }

  async function write(req: http.IncomingMessage, res: http.ServerResponse, rel: string, isFolder: boolean) {
    if (!(await opts.isAdmin(req))) {
      req.resume();
      return text(req, res, 401, 'administrator credentials required');
    }
    if (opts.isPrimaryNode && !opts.isPrimaryNode()) {
      req.resume();
      return text(req, res, 403, 'configuration changes are made on the primary node');
    }
    if (req.method === 'GET') return json(req, res, 200, opts.files.list());
    if (req.method === 'DELETE') {
      const r = opts.files.remove(rel);
      return r.ok ? json(req, res, 200, { removed: rel }) : text(req, res, r.status, r.message);
    }
    const limit = GADGET_FILE_LIMITS.fileBytes;
    const body = await readBody(req, limit);
    if (!body) return text(req, res, 413, `larger than ${limit} bytes`);
    if (isFolder) return text(req, res, 400, 'PUT names a file, not a folder');
    const r = opts.files.write(rel, body);
    return r.ok ? json(req, res, 200, r.value) : text(req, res, r.status, r.message);
  }

  return {
    /** Serves `/3rdpartygadget/files/…`; false (nothing touched) for any other path. */
    handle(req: http.IncomingMessage, res: http.ServerResponse): boolean {
      const url = req.url ?? '';
      const q = url.indexOf('?');
      const pathname = q < 0 ? url : url.slice(0, q);
      if (!pathname.startsWith(GADGET_FILES_PREFIX)) return false;
      req.on('error', () => {});
      res.on('error', () => {});
      let rel: string;
      try {
        rel = decodeURIComponent(pathname.slice(GADGET_FILES_PREFIX.length));
      } catch {
        text(req, res, 400, 'Bad Request');
        return true;
      }
      const method = req.method ?? '';
      const isList = method === 'GET' && rel === '' && new URLSearchParams(url.slice(q + 1)).has('list');
      if ((method === 'GET' || method === 'HEAD') && !isList) {
        serveFile(req, res, rel);
        return true;
      }
      if (!isList && !['PUT', 'DELETE'].includes(method)) {
        res.setHeader('Allow', 'GET, HEAD, PUT, DELETE');
        text(req, res, 405, 'Method Not Allowed');
        return true;
      }
      void write(req, res, rel, rel === '' || rel.endsWith('/')).catch(() => {
        if (!res.writableEnded) res.destroy();
      });
      return true;
    },
  };
}
