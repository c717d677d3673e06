/**
 * The seam between a session and the link that carries it (xmpp.js's `connection` vs `tcp` and
 * `websocket`): BOSH, TCP and WebSocket each implement `SessionTransport`.
 */
import type { XmlElement } from '../xml/index.ts';

/** What the server puts in its stream header (TCP `<stream:stream>`, WebSocket `<open/>`). */
export interface StreamHeader {
  id: string;
  from: string;
  version: string;
  lang: string;
}

/** The client's stream header, as far as the session cares. */
export interface StreamOpen {
  to?: string;
  version?: string;
}

export interface SessionTransport {
  readonly kind: 'BOSH' | 'TCP' | 'WebSocket';
  readonly remoteAddress: string;
  /** TLS protects the link (SASL PLAIN is then always offered). */
  readonly isSecure: boolean;
  /** Sends the server's stream header; BOSH has none (the `<body/>` attributes carry it). */
  openStream(header: StreamHeader): void;
  send(element: XmlElement): void;
  /** RFC 6120 §6.4.6: after `<success/>` the stream restarts (TCP: fresh parser). */
  resetStream(): void;
  /**
   * RFC 6120 §5.4.3.3: TLS from the byte after `<proceed/>` on; the client then opens a new stream
   * over it. Present only where the link can be upgraded (TCP with a certificate).
   */
  startTls?(): void;
  /** Ends the stream, after the stream error when given, and releases the link. */
  closeStream(error?: XmlElement): void;
  /**
   * How long the client has not been heard from (BOSH: no request held, none since). A transport
   * without it is a live connection: its client is there until it closes.
   */
  idleMs?(now: number): number;
}
