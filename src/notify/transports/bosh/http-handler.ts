/**
 * BOSH over HTTP (XEP-0124 §4, §8): reads each POST with a size limit, answers with an explicit
 * Content-Length (no chunked coding), allows cross-origin desktops (CORS), and survives clients that
 * vanish mid-request. Everything past the bytes is `BoshManager`'s.
 */

import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { buildTerminate } from './body.ts';
import type { BoshConnection } from './connection.ts';
import type { BoshManager } from './manager.ts';

export type BoshHttpHandler = (req: IncomingMessage, res: ServerResponse) => void;

const INFO_PAGE =
  '<!DOCTYPE html><html><head><title>Switchboard BOSH</title></head><body>' +
  '<p>XMPP over BOSH (XEP-0124, XEP-0206). POST &lt;body/&gt; documents here.</p></body></html>';

/** `/http-bind` and `/http-bind/`, with or without a query string. */
export function isBoshPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0];
  return path === '/http-bind' || path === '/http-bind/';
}

function corsHeaders(req: IncomingMessage): Record<string, string> {
  // Finesse desktops and gadgets load from another origin (8445 vs 7443); Openfire allows all.
  return {
    'Access-Control-Allow-Origin': req.headers.origin ?? '*',
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'Content-Type',
    'Access-Control-Max-Age': '86400',
    Vary: 'Origin',
  };
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  if (res.headersSent || res.destroyed) return;
  try {
    // XEP-0124 §8: no chunked transfer coding, so the length is always given.
    res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) });
    res.end(body);
  } catch {
    // A header value Node refuses (it came from the client) must not take the server down.
    res.destroy();
  }
}

export function createBoshHttpHandler(manager: BoshManager, maxBodyBytes: number): BoshHttpHandler {
  return (req, res) => {
    // A reset connection emits 'error' on both; with no listener that would crash the process.
    req.on('error', () => {});
    res.on('error', () => {});
    const cors = corsHeaders(req);
    if (!isBoshPath(req.url)) return send(res, 404, { 'Content-Type': 'text/plain' }, 'Not Found\n');
    if (req.method === 'OPTIONS') return send(res, 200, cors, '');
    if (req.method === 'GET')
      return send(res, 200, { ...cors, 'Content-Type': 'text/html; charset=utf-8' }, INFO_PAGE);
    if (req.method !== 'POST') return send(res, 405, { ...cors, Allow: 'GET, POST, OPTIONS' }, '');

    const xml = { ...cors, 'Content-Type': 'text/xml; charset=utf-8', 'Cache-Control': 'no-store' };
    const tooLarge = () =>
      // Connection: close, so the rest of the upload is never read.
      send(res, 413, { ...xml, Connection: 'close' }, buildTerminate('policy-violation'));
    if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) {
      tooLarge();
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        refused = true;
        chunks.length = 0;
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      const closeListeners: (() => void)[] = [];
      let answered = false;
      res.on('close', () => {
        if (answered) return;
        answered = true;
        for (const fn of closeListeners) fn();
      });
      const conn: BoshConnection = {
        respond(status, body) {
          if (answered) return;
          answered = true;
          send(res, status, xml, body);
        },
        onClose(fn) {
          closeListeners.push(fn);
        },
      };
      const socket = req.socket as Partial<TLSSocket>;
      const body = Buffer.concat(chunks, size);
      manager.handle(body.toString('utf8'), conn, {
        remoteAddress: `${req.socket.remoteAddress ?? 'unknown'}:${req.socket.remotePort ?? 0}`,
        isSecure: socket.encrypted === true,
        // toString would turn bad bytes into U+FFFD, a valid character: check before.
        isBadEncoding: !isUtf8(body),
      });
    });
  };
}
