/**
 * XMPP client-to-server over TCP (RFC 6120 §4): one `<stream:stream>` per direction, parsed
 * incrementally. STARTTLS (RFC 6120 §5) is to come: it will swap `#socket` for a TLSSocket and
 * reset the parser, exactly as `resetStream()` does after SASL — `isSecure` then turns true.
 */
import net from 'node:net';
import { el, StreamParser, serialize, serializeOpenTag, type XmlElement } from '../../xml/index.ts';
import { NS } from '../namespaces.ts';
import type { SessionTransport, StreamHeader, XmppSession } from '../session.ts';

export interface TcpTransportOptions {
  /** Largest stanza, in characters, before `policy-violation`. */
  maxStanzaLength: number;
  /** Unsent output beyond this means the client is not reading: the connection is dropped. */
  maxBufferedBytes: number;
  createXmpp(transport: SessionTransport): XmppSession;
}

// After our </stream:stream>, how long the peer gets to close its side (RFC 6120 §4.4).
const CLOSE_GRACE_MS = 2000;
// On server close, how long clients get to read the system-shutdown error.
const SHUTDOWN_GRACE_MS = 200;

class TcpTransport implements SessionTransport {
  readonly kind = 'TCP';
  readonly remoteAddress: string;
  readonly isSecure = false;
  readonly #socket: net.Socket;
  readonly #parser: StreamParser;
  readonly #maxBufferedBytes: number;
  readonly xmpp: XmppSession;
  #ended = false;
  /** Characters received since the stream (re)started without a complete header yet. */
  #headerBytes: number | undefined = 0;

  constructor(socket: net.Socket, options: TcpTransportOptions) {
    this.#socket = socket;
    this.#maxBufferedBytes = options.maxBufferedBytes;
    this.remoteAddress = `${socket.remoteAddress ?? 'unknown'}:${socket.remotePort ?? 0}`;
    this.xmpp = options.createXmpp(this);
    this.#parser = new StreamParser(
      {
        streamStart: (root) => {
          this.#headerBytes = undefined;
          // RFC 6120 §4.8.1/§4.8.2: the stream element and the content namespace.
          if (!root.is('stream', NS.stream) || root.attrs.xmlns !== NS.client) {
            void this.xmpp.fail('invalid-namespace');
            return;
          }
          void this.xmpp.streamStart({ to: root.attr('to'), version: root.attr('version') });
        },
        stanza: (stanza) => void this.xmpp.receive(stanza),
        streamEnd: () => void this.xmpp.streamEnd(),
        error: (message, condition) => void this.xmpp.fail(condition, message),
      },
      { maxStanzaLength: options.maxStanzaLength },
    );
    // A StringDecoder underneath: multi-byte UTF-8 split across packets stays whole.
    socket.setEncoding('utf8');
    socket.setNoDelay(true);
    socket.on('data', (chunk: string) => {
      if (this.#ended) return;
      // StreamParser bounds stanzas, not the stream header: bound that here.
      if (this.#headerBytes !== undefined) {
        this.#headerBytes += chunk.length;
        if (this.#headerBytes > options.maxStanzaLength) {
          void this.xmpp.fail('policy-violation', 'stream header too large');
          return;
        }
      }
      this.#parser.write(chunk);
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      this.#ended = true;
      this.xmpp.transportClosed();
    });
  }

  openStream(header: StreamHeader): void {
    const open = el('stream:stream', {
      xmlns: NS.client,
      'xmlns:stream': NS.stream,
      id: header.id,
      from: header.from,
      version: header.version,
      'xml:lang': header.lang,
    });
    this.#write(`<?xml version='1.0'?>${serializeOpenTag(open)}`);
  }

  send(element: XmlElement): void {
    this.#write(serialize(element));
  }

  resetStream(): void {
    this.#parser.reset();
    this.#headerBytes = 0;
  }

  closeStream(error?: XmlElement): void {
    if (this.#ended) return;
    this.#write(`${error ? serialize(error) : ''}</stream:stream>`);
    this.#ended = true;
    this.#socket.end();
    setTimeout(() => this.#socket.destroy(), CLOSE_GRACE_MS).unref();
  }

  destroy(): void {
    this.#ended = true;
    this.#socket.destroy();
  }

  #write(text: string): void {
    if (this.#ended || this.#socket.destroyed) return;
    if (this.#socket.writableLength > this.#maxBufferedBytes) {
      this.#ended = true;
      this.#socket.destroy();
      return;
    }
    this.#socket.write(text);
  }
}

export interface TcpListener {
  readonly server: net.Server;
  /** Ends every stream with `system-shutdown` and stops listening. */
  close(): Promise<void>;
}

export async function listenTcp(
  opts: { host?: string; port: number },
  options: TcpTransportOptions,
): Promise<{ listener: TcpListener; port: number }> {
  const transports = new Set<TcpTransport>();
  const server = net.createServer((socket) => {
    const t = new TcpTransport(socket, options);
    transports.add(t);
    socket.on('close', () => transports.delete(t));
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
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const t of transports) t.xmpp.terminate('shutdown', 'system-shutdown');
      // Give clients a moment to read the stream error, then cut whoever is still there.
      const timer = setTimeout(() => {
        for (const t of transports) t.destroy();
      }, SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(timer);
    },
  };
  return { listener, port: (server.address() as net.AddressInfo).port };
}
