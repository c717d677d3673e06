/**
 * The same timeouts, connection limits and error answers on every HTTP listener of a node (8082,
 * 8445, 7071, 7443): REST, desktop, BOSH and WebSocket all ride on them (#12, docs/security.md).
 *
 * Node's defaults suit a server behind a proxy; these suit one facing desktops directly:
 * - headers within 10 s (Node: 60 s), a whole request within 60 s (Node: 300 s; a 1 MB client
 *   log upload needs about 30 s at 256 kbit/s), checked every second (Node: every 30 s);
 * - an idle keep-alive connection closes after 5 s (Node's default, kept: browsers reopen at
 *   once, and BOSH's held requests are not idle — they wait for their answer);
 * - a connection that sends nothing at all is closed by the ConnectionGuard (Node never does);
 * - a request head over 16 KiB gets 431, any other malformed request 400, a slow one 408 —
 *   Node's own answers, which a bare `socket.destroy()` had replaced with a silent close.
 */
import type http from 'node:http';
import type net from 'node:net';
import type { Duplex } from 'node:stream';
import type { ConnectionGuard } from './connection-guard.ts';

export const HTTP_TIMEOUTS = {
  headersMs: 10_000,
  requestMs: 60_000,
  keepAliveMs: 5_000,
  checkIntervalMs: 1_000,
  /** A TLS client that connects and never finishes its handshake (Node: 120 s). */
  tlsHandshakeMs: 10_000,
} as const;

const CLIENT_ERRORS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

/** Answers a request the parser refused (RFC 9110 §15.5.1, RFC 6585 §5), then closes. */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  const s = socket as net.Socket;
  if (s.writable && !(s as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent) {
    const status = CLIENT_ERRORS[err.code ?? ''] ?? '400 Bad Request';
    s.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }
  s.destroy();
}

/** Timeouts, the guard's limits (`listener` names it in log lines) and error answers on `server`. */
export function hardenHttpServer(
  server: http.Server,
  guard: ConnectionGuard | undefined,
  listener: string,
): void {
  server.headersTimeout = HTTP_TIMEOUTS.headersMs;
  server.requestTimeout = HTTP_TIMEOUTS.requestMs;
  server.keepAliveTimeout = HTTP_TIMEOUTS.keepAliveMs;
  // Read at listen(); Node's typings do not declare it writable.
  (server as { connectionsCheckingInterval?: number }).connectionsCheckingInterval =
    HTTP_TIMEOUTS.checkIntervalMs;
  server.on('clientError', answerClientError);
  if (!guard) return;
  guard.attach(server, listener, true);
  server.on('request', (req: http.IncomingMessage) => guard.used(req.socket));
  server.on('upgrade', (req: http.IncomingMessage) => guard.used(req.socket));
}
