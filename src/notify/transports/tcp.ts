/**
 * XMPP client-to-server over TCP (RFC 6120 §4): one `<stream:stream>` per direction, parsed
 * incrementally. With a certificate, STARTTLS (RFC 6120 §5) swaps the socket for a TLSSocket over
 * it and restarts the parser; a direct-TLS link (XEP-0368, port 5223) is secure from the start.
 * `tcp-listener.ts` accepts the connections.
 */
import type net from 'node:net';
import tls from 'node:tls';
import type { TextLog } from '../../logs/index.ts';
import { el, StreamParser, serialize, serializeOpenTag, type XmlElement } from '../../xml/index.ts';
import { NS } from '../namespaces.ts';
import type { XmppSession } from '../session.ts';
import type { SessionTransport, StreamHeader } from '../session-transport.ts';
import { logTraffic, redactSasl } from '../traffic-log.ts';
import { Utf8Reader } from './utf8-reader.ts';

export interface TcpTransportOptions {
  /** Largest stanza, in characters, before `policy-violation`. */
  maxStanzaLength: number;
  /** Unsent output beyond this means the client is not reading: the connection is dropped. */
  maxBufferedBytes: number;
  /** RECV/SENT lines while it is enabled. */
  debugLog: TextLog;
  /** Why a connection was dropped. */
  infoLog: TextLog;
  createXmpp(transport: SessionTransport): XmppSession;
}

export interface TcpLinkSecurity {
  /** The socket is a TLSSocket already (direct TLS). */
  isDirectTls: boolean;
  /** Offers STARTTLS with this context while the link is plain. */
  secureContext?: tls.SecureContext;
}

// After our </stream:stream>, how long the peer gets to close its side (RFC 6120 §4.4).
const CLOSE_GRACE_MS = 2000;

export class TcpTransport implements SessionTransport {
  readonly kind = 'TCP';
  readonly remoteAddress: string;
  readonly xmpp: XmppSession;
  readonly startTls: (() => void) | undefined;
  readonly #o: TcpTransportOptions;
  readonly #parser: StreamParser;
  #socket: net.Socket;
  readonly #utf8 = new Utf8Reader();
  #isSecure: boolean;
  #ended = false;
  #isCloseReported = false;
  /** Characters received since the stream (re)started without a complete header yet. */
  #headerBytes: number | undefined = 0;

  constructor(socket: net.Socket, options: TcpTransportOptions, security: TcpLinkSecurity) {
    this.#socket = socket;
    this.#o = options;
    this.#isSecure = security.isDirectTls;
    const context = security.secureContext;
    this.startTls = context && !security.isDirectTls ? () => this.#upgrade(context) : undefined;
    this.remoteAddress = `${socket.remoteAddress ?? 'unknown'}:${socket.remotePort ?? 0}`;
    this.xmpp = options.createXmpp(this);
    this.#parser = new StreamParser(
      {
        streamStart: (root) => {
          this.#headerBytes = undefined;
          this.#logReceived(serializeOpenTag(root));
          // RFC 6120 §4.8.1/§4.8.2: the stream element and the content namespace.
          if (!root.is('stream', NS.stream) || root.attrs.xmlns !== NS.client) {
            void this.xmpp.fail('invalid-namespace');
            return;
          }
          void this.xmpp.streamStart({ to: root.attr('to'), version: root.attr('version') });
        },
        stanza: (stanza) => {
          // Parsed stanzas, not raw chunks: a chunk may cut an <auth/> and defeat the redaction.
          if (this.#o.debugLog.enabled) this.#logReceived(redactSasl(serialize(stanza)));
          void this.xmpp.receive(stanza);
        },
        streamEnd: () => {
          this.#logReceived('</stream:stream>');
          void this.xmpp.streamEnd();
        },
        error: (message, condition) => void this.xmpp.fail(condition, message),
      },
      { maxStanzaLength: options.maxStanzaLength },
    );
    socket.setNoDelay(true);
    this.#attach(socket);
  }

  get isSecure(): boolean {
    return this.#isSecure;
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

  /** Reads `socket` into the parser, through the UTF-8 check (utf8-reader.ts). */
  #attach(socket: net.Socket): void {
    socket.on('data', this.#onData);
    socket.on('error', () => {});
    socket.on('close', this.#onClose);
  }

  readonly #onData = (bytes: Buffer): void => {
    if (this.#ended) return;
    const decoded = this.#utf8.push(bytes);
    // RFC 6120 §11.6: UTF-8 only; bad bytes make the XML not well-formed.
    if (!decoded.ok) return void this.xmpp.fail('not-well-formed', 'invalid UTF-8');
    const chunk = decoded.text;
    // StreamParser bounds stanzas, not the stream header: bound that here.
    if (this.#headerBytes !== undefined) {
      this.#headerBytes += chunk.length;
      if (this.#headerBytes > this.#o.maxStanzaLength) {
        void this.xmpp.fail('policy-violation', 'stream header too large');
        return;
      }
    }
    this.#parser.write(chunk);
  };

  readonly #onClose = (): void => {
    // After STARTTLS both the TCP socket and the TLSSocket over it report the close.
    if (this.#isCloseReported) return;
    this.#isCloseReported = true;
    this.#ended = true;
    this.xmpp.transportClosed();
  };

  /**
   * RFC 6120 §5.4.3.3: right after `<proceed/>`, TLS over the same connection; whatever the client
   * said before is void and it opens a new stream, so the parser starts over.
   */
  #upgrade(context: tls.SecureContext): void {
    const plain = this.#socket;
    plain.off('data', this.#onData);
    const secure = new tls.TLSSocket(plain, { isServer: true, secureContext: context });
    this.#socket = secure;
    this.#isSecure = true;
    this.#utf8.reset();
    this.#attach(secure);
    this.resetStream();
  }

  #logReceived(text: string): void {
    logTraffic(this.#o.debugLog, 'TCP', 'RECV', this.xmpp.id, text);
  }

  #write(text: string): void {
    if (this.#ended || this.#socket.destroyed) return;
    if (this.#socket.writableLength > this.#o.maxBufferedBytes) {
      this.#o.infoLog.write(
        `Closing TCP session (id=${this.xmpp.id}): ${this.xmpp.label} is not reading its notifications (${this.#socket.writableLength} bytes unsent)`,
      );
      this.#ended = true;
      this.#socket.destroy();
      return;
    }
    logTraffic(this.#o.debugLog, 'TCP', 'SENT', this.xmpp.id, text);
    this.#socket.write(text);
  }
}
