/**
 * The c2s listeners (Openfire's "plain (unencrypted) socket" on 5222 and "SSL (encrypted) socket"
 * on 5223): accept connections, give each a `TcpTransport`, and end them all on close.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { ConnectionGuard } from '../connection-guard.ts';
import { TcpTransport, type TcpTransportOptions } from './tcp.ts';

// On server close, how long clients get to read the system-shutdown error.
const SHUTDOWN_GRACE_MS = 200;
// A direct-TLS client that connects and never completes the handshake holds a socket this long.
const HANDSHAKE_TIMEOUT_MS = 10_000;

export interface TcpListenOptions {
  host?: string;
  port: number;
  /** TLS from the first byte (XEP-0368): needs `tls`. */
  directTls?: boolean;
  /** The certificate (PEM): STARTTLS on a plain listener, the handshake on a direct-TLS one. */
  tls?: { cert: string; key: string };
  /** Connections per address, shared with the node's other listeners. */
  guard?: ConnectionGuard;
}

export interface TcpListener {
  readonly server: net.Server;
  /** Serves new connections (STARTTLS or direct TLS) with this certificate; open ones keep theirs. */
  setTls(credentials: { cert: string; key: string }): void;
  /** Ends every stream with `system-shutdown` and stops listening. */
  close(): Promise<void>;
}

export async function listenTcp(
  opts: TcpListenOptions,
  options: TcpTransportOptions,
): Promise<{ listener: TcpListener; port: number }> {
  const transports = new Set<TcpTransport>();
  const isDirectTls = opts.directTls === true;
  let secureContext = opts.tls && tls.createSecureContext(opts.tls);
  const accept = (socket: net.Socket) => {
    const t = new TcpTransport(socket, options, { isDirectTls, secureContext });
    transports.add(t);
    socket.on('close', () => transports.delete(t));
  };
  let server: net.Server;
  if (isDirectTls) {
    if (!opts.tls) throw new Error('listenTcp: directTls needs a certificate (options.tls)');
    // tls.Server builds its context from cert/key; it ignores a `secureContext` option.
    server = tls.createServer({ ...opts.tls, handshakeTimeout: HANDSHAKE_TIMEOUT_MS }, accept);
    // A failed handshake (a client that does not trust us, a port scan) concerns that socket only.
    server.on('tlsClientError', (_err, socket) => socket.destroy());
  } else {
    server = net.createServer(accept);
  }
  // An XMPP stream is in use from its first byte; its session's limits take over from there.
  opts.guard?.attach(server, isDirectTls ? 'XMPP TLS' : 'XMPP', false);
  // Every connection, handshakes in progress included: close() must not wait for those to time out.
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const listener: TcpListener = {
    server,
    setTls(credentials) {
      secureContext = tls.createSecureContext(credentials);
      if (server instanceof tls.Server) server.setSecureContext(credentials);
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const t of transports) t.xmpp.terminate('shutdown', 'system-shutdown');
      // Give clients a moment to read the stream error, then cut whoever is still there.
      const timer = setTimeout(() => {
        for (const t of transports) t.destroy();
        for (const socket of sockets) socket.destroy();
      }, SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(timer);
    },
  };
  return { listener, port: (server.address() as net.AddressInfo).port };
}
