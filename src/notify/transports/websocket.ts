/**
 * XMPP over WebSocket (RFC 7395): subprotocol `xmpp`, one complete XML element per text frame,
 * `<open/>`/`<close/>` in the framing namespace instead of `<stream:stream>`.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { TextLog } from '../../logs/index.ts';
import { el, parseXml, serialize, XmlElement } from '../../xml/index.ts';
import { NS } from '../namespaces.ts';
import type { XmppSession } from '../session.ts';
import type { SessionTransport, StreamHeader } from '../session-transport.ts';
import { isStanza, qualifyStanza } from '../stanza.ts';
import { logTraffic, redactSasl } from '../traffic-log.ts';

export interface WebSocketOptions {
  /** Largest frame, in characters, before `policy-violation`. */
  maxStanzaLength: number;
  /** Unsent output beyond this means the client is not reading: the connection is dropped. */
  maxBufferedBytes: number;
  /** RECV/SENT lines while it is enabled. */
  debugLog: TextLog;
  /** Why a connection was dropped. */
  infoLog: TextLog;
  createXmpp(transport: SessionTransport): XmppSession;
}

// COMPAT: Strophe.js recognises the server's close only in exactly this spelling (space included).
const CLOSE = `<close xmlns="${NS.framing}" />`;

/** `/ws/` (and `/ws`), with or without a query string. */
export function isWebSocketPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0];
  return path === '/ws/' || path === '/ws';
}

class WebSocketTransport implements SessionTransport {
  readonly kind = 'WebSocket';
  readonly remoteAddress: string;
  readonly isSecure: boolean;
  readonly xmpp: XmppSession;
  readonly #ws: WebSocket;
  readonly #o: WebSocketOptions;
  #ended = false;

  constructor(ws: WebSocket, req: IncomingMessage, options: WebSocketOptions) {
    this.#ws = ws;
    this.#o = options;
    this.remoteAddress = `${req.socket.remoteAddress ?? 'unknown'}:${req.socket.remotePort ?? 0}`;
    this.isSecure = (req.socket as { encrypted?: boolean }).encrypted === true;
    this.xmpp = options.createXmpp(this);
    ws.on('message', (data, isBinary) => this.#onFrame(data as Buffer, isBinary));
    ws.on('error', () => {});
    ws.on('close', () => {
      this.#ended = true;
      this.xmpp.transportClosed();
    });
  }

  #onFrame(data: Buffer, isBinary: boolean): void {
    if (this.#ended) return;
    // RFC 7395 §3.2: XMPP travels in text frames only.
    if (isBinary) return void this.xmpp.fail('not-well-formed', 'binary frame');
    const text = data.toString('utf8');
    if (text.length > this.#o.maxStanzaLength)
      return void this.xmpp.fail('policy-violation', 'frame too large');
    if (text.trim() === '') return;
    if (this.#o.debugLog.enabled)
      logTraffic(this.#o.debugLog, 'WebSocket', 'RECV', this.xmpp.id, redactSasl(text));
    const parsed = parseXml(text, { maxLength: this.#o.maxStanzaLength });
    if (!parsed.ok) return void this.xmpp.fail('not-well-formed', parsed.error);
    const root = parsed.root;
    if (root.is('open', NS.framing))
      return void this.xmpp.streamStart({ to: root.attr('to'), version: root.attr('version') });
    if (root.is('close', NS.framing)) return void this.xmpp.streamEnd();
    // RFC 7395 §3.3.3: each stanza declares jabber:client; a frame without any namespace means it too.
    if (root.ns === '' && isStanza(root)) root.ns = NS.client;
    void this.xmpp.receive(root);
  }

  openStream(header: StreamHeader): void {
    this.#write(
      serialize(
        el('open', {
          xmlns: NS.framing,
          from: header.from,
          id: header.id,
          version: header.version,
          'xml:lang': header.lang,
        }),
      ),
    );
  }

  send(element: XmlElement): void {
    this.#write(serialize(this.#standalone(element)));
  }

  resetStream(): void {}

  closeStream(error?: XmlElement): void {
    if (this.#ended) return;
    if (error) this.#write(serialize(this.#standalone(error)));
    this.#write(CLOSE);
    this.#ended = true;
    // RFC 7395 §3.6: after <close/> the server closes the WebSocket connection.
    this.#ws.close(1000);
  }

  terminate(): void {
    this.#ended = true;
    this.#ws.terminate();
  }

  /** Every frame is its own document, so `stream:` needs declaring in it. */
  #standalone(element: XmlElement): XmlElement {
    if (!element.name.startsWith('stream:')) return qualifyStanza(element);
    return new XmlElement(
      element.name,
      { 'xmlns:stream': NS.stream, ...element.attrs },
      element.children,
      element.ns,
    );
  }

  #write(text: string) {
    if (this.#ended || this.#ws.readyState !== this.#ws.OPEN) return;
    if (this.#ws.bufferedAmount > this.#o.maxBufferedBytes) {
      this.#o.infoLog.write(
        `Closing WebSocket session (id=${this.xmpp.id}): ${this.xmpp.label} is not reading its notifications (${this.#ws.bufferedAmount} bytes unsent)`,
      );
      return this.terminate();
    }
    logTraffic(this.#o.debugLog, 'WebSocket', 'SENT', this.xmpp.id, text);
    this.#ws.send(text);
  }
}

export interface WebSocketEndpoint {
  /** Takes the upgrade if the path is `/ws/`; false otherwise (the caller decides what to do). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Ends every stream with `system-shutdown`. */
  close(): Promise<void>;
}

export function createWebSocketEndpoint(options: WebSocketOptions): WebSocketEndpoint {
  const transports = new Set<WebSocketTransport>();
  let isShutDown = false;
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    // The frame limit proper is checked per message; this only stops unbounded buffering.
    maxPayload: options.maxStanzaLength * 4 + 1024,
    handleProtocols: (protocols) => (protocols.has('xmpp') ? 'xmpp' : false),
  });
  return {
    handleUpgrade(req, socket, head) {
      if (!isWebSocketPath(req.url)) return false;
      socket.on('error', () => {});
      if (isShutDown) {
        socket.destroy();
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        // RFC 7395 §3.1: without the xmpp subprotocol this is not an XMPP connection.
        if (ws.protocol !== 'xmpp') return ws.close(1002, 'the xmpp subprotocol is required');
        const t = new WebSocketTransport(ws, req, options);
        transports.add(t);
        ws.on('close', () => transports.delete(t));
      });
      return true;
    },
    async close() {
      isShutDown = true;
      for (const t of transports) t.xmpp.terminate('shutdown', 'system-shutdown');
      await new Promise((resolve) => setTimeout(resolve, transports.size > 0 ? 100 : 0));
      for (const t of transports) t.terminate();
      wss.close();
    },
  };
}
