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

/** Header lists as `writeHead` takes them flat ([name, value, name, value, …]): no object per answer. */
type Headers = readonly string[];

const XML = ['Content-Type', 'text/xml; charset=utf-8', 'Cache-Control', 'no-store'];
const PLAIN_404 = ['Content-Type', 'text/plain'];
const ignore = () => {};

function corsHeaders(req: IncomingMessage): string[] {
  // Finesse desktops and gadgets load from another origin (8445 vs 7443); Openfire allows all.
  return [
    'Access-Control-Allow-Origin',
    req.headers.origin ?? '*',
    'Access-Control-Allow-Methods',
    'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers',
    req.headers['access-control-request-headers'] ?? 'Content-Type',
    'Access-Control-Max-Age',
    '86400',
    'Vary',
    'Origin',
  ];
}

function send(res: ServerResponse, status: number, headers: Headers, body: string): void {
  if (res.headersSent || res.destroyed) return;
  try {
    // XEP-0124 §8: no chunked transfer coding, so the length is always given.
    res.writeHead(status, [...headers, 'Content-Length', String(Buffer.byteLength(body))]);
    res.end(body);
  } catch {
    // A header value Node refuses (it came from the client) must not take the server down.
    res.destroy();
  }
}

/**
 * One POST to /http-bind: its body read with a size limit, then handed to the manager with this
 * as the `BoshConnection` its answer goes through. A class, not closures: a sign-in is half a dozen
 * of these, and a busy node's delivery one per event.
 */
class BoshExchange implements BoshConnection {
  readonly #manager: BoshManager;
  readonly #maxBodyBytes: number;
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse;
  readonly #headers: Headers;
  #chunks: Buffer[] = [];
  #size = 0;
  #refused = false;
  #answered = false;
  readonly #closeListeners: (() => void)[] = [];

  constructor(
    manager: BoshManager,
    maxBodyBytes: number,
    req: IncomingMessage,
    res: ServerResponse,
    headers: Headers,
  ) {
    this.#manager = manager;
    this.#maxBodyBytes = maxBodyBytes;
    this.#req = req;
    this.#res = res;
    this.#headers = headers;
  }

  read(): void {
    if (Number(this.#req.headers['content-length'] ?? 0) > this.#maxBodyBytes) {
      this.#tooLarge();
      this.#req.resume();
      return;
    }
    this.#req.on('data', (chunk: Buffer) => this.#data(chunk));
    this.#req.on('end', () => this.#end());
  }

  respond(status: number, body: string): void {
    if (this.#answered) return;
    this.#answered = true;
    send(this.#res, status, this.#headers, body);
  }

  onClose(fn: () => void): void {
    this.#closeListeners.push(fn);
  }

  #tooLarge(): void {
    // Connection: close, so the rest of the upload is never read.
    send(this.#res, 413, [...this.#headers, 'Connection', 'close'], buildTerminate('policy-violation'));
  }

  #data(chunk: Buffer): void {
    if (this.#refused) return;
    this.#size += chunk.length;
    if (this.#size > this.#maxBodyBytes) {
      this.#refused = true;
      this.#chunks = [];
      this.#tooLarge();
      return;
    }
    this.#chunks.push(chunk);
  }

  #end(): void {
    if (this.#refused) return;
    this.#res.on('close', () => this.#closed());
    const { socket } = this.#req;
    const body = this.#chunks.length === 1 ? this.#chunks[0] : Buffer.concat(this.#chunks, this.#size);
    this.#chunks = [];
    this.#manager.handle(body.toString('utf8'), this, {
      remoteAddress: `${socket.remoteAddress ?? 'unknown'}:${socket.remotePort ?? 0}`,
      isSecure: (socket as Partial<TLSSocket>).encrypted === true,
      // toString would turn bad bytes into U+FFFD, a valid character: check before.
      isBadEncoding: !isUtf8(body),
    });
  }

  #closed(): void {
    if (this.#answered) return;
    this.#answered = true;
    for (const fn of this.#closeListeners) fn();
  }
}

export function createBoshHttpHandler(manager: BoshManager, maxBodyBytes: number): BoshHttpHandler {
  return (req, res) => {
    // A reset connection emits 'error' on both; with no listener that would crash the process.
    req.on('error', ignore);
    res.on('error', ignore);
    if (!isBoshPath(req.url)) return send(res, 404, PLAIN_404, 'Not Found\n');
    const cors = corsHeaders(req);
    if (req.method === 'OPTIONS') return send(res, 200, cors, '');
    if (req.method === 'GET')
      return send(res, 200, [...cors, 'Content-Type', 'text/html; charset=utf-8'], INFO_PAGE);
    if (req.method !== 'POST') return send(res, 405, [...cors, 'Allow', 'GET, POST, OPTIONS'], '');
    new BoshExchange(manager, maxBodyBytes, req, res, [...cors, ...XML]).read();
  };
}
