import type net from 'node:net';
import type { Timers } from '../../clock/index.ts';
import {
  type CodecOptions,
  CtiStatus,
  ctiStatusName,
  type FrameReader,
  type Message,
  type OpenReq,
  parseMessage,
  serializeMessage,
} from '../protocol/index.ts';
import type { CtiObserver, CtiSide } from './options.ts';

export interface ConnectionOptions {
  side: CtiSide;
  label: string;
  socket: net.Socket;
  codec: CodecOptions;
  reader: FrameReader;
  timers: Timers;
  observer: CtiObserver | undefined;
  heartbeatIntervalMs: number;
  missedHeartbeats: number;
  openTimeoutMs: number;
  nextInvokeId(): number;
  openReq(invokeId: number): OpenReq;
  onOpen(conn: Connection, text: string, conf: { isPeripheralOnline: boolean }): void;
  /** Every decoded message, after the session-level handling below. */
  onMessage(conn: Connection, msg: Message): void;
  /** Called once, after the socket is already destroyed. */
  onFailure(conn: Connection, reason: string): void;
}

/**
 * One TCP attempt to one side: framing, the OPEN handshake, heartbeats and CLOSE (A.1). It knows
 * nothing of requests or agents; whatever ends it is reported once through `onFailure`, and the
 * client decides whether and where to reconnect.
 */
export class Connection {
  readonly side: CtiSide;
  readonly label: string;
  readonly #o: ConnectionOptions;
  #isOpen = false;
  #isDestroyed = false;
  #openInvokeId: number | undefined;
  #openTimer: unknown;
  #heartbeatTimer: unknown;
  #unanswered = 0;
  readonly #heartbeatIds = new Set<number>();
  #closeWaiter: (() => void) | undefined;

  constructor(options: ConnectionOptions) {
    this.#o = options;
    this.side = options.side;
    this.label = options.label;
    const { socket, timers } = options;
    socket.on('connect', () => {
      socket.setNoDelay(true); // A.1: disable Nagle; every message is small and latency-bound
      this.#openInvokeId = options.nextInvokeId();
      this.send(options.openReq(this.#openInvokeId));
    });
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (error) => this.#fail(`socket error: ${error.message}`));
    socket.on('close', () => this.#fail('connection closed by the server'));
    this.#openTimer = timers.setTimeout(
      () => this.#fail(`no OPEN_CONF within ${options.openTimeoutMs} ms`),
      options.openTimeoutMs,
    );
  }

  get isOpen(): boolean {
    return this.#isOpen && !this.#isDestroyed;
  }

  /** Encodes (unless given the frame), tells the observer, then writes. */
  send(msg: Message, frame: Buffer = serializeMessage(msg, this.#o.codec)): void {
    if (this.#isDestroyed) return;
    try {
      this.#o.observer?.sent?.(msg, frame);
    } catch {
      // Logging must not break the link.
    }
    this.#o.socket.write(frame);
  }

  /** CLOSE_REQ, then wait for CLOSE_CONF (or the close) at most `timeoutMs` (A.1: 5 s, then reset). */
  close(invokeId: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.#o.timers.setTimeout(() => this.#closeWaiter?.(), timeoutMs);
      this.#closeWaiter = () => {
        this.#closeWaiter = undefined;
        this.#o.timers.clearTimeout(timer);
        resolve();
      };
      this.#stopHeartbeats();
      this.send({ type: 'CLOSE_REQ', invokeId, status: CtiStatus.E_CTI_NO_ERROR });
    });
  }

  destroy(): void {
    if (this.#isDestroyed) return;
    this.#isDestroyed = true;
    this.#o.timers.clearTimeout(this.#openTimer);
    this.#stopHeartbeats();
    // A.1 asks clients for SO_LINGER 0, i.e. a reset rather than a FIN on close. A socket still
    // connecting is simply dropped (resetAndDestroy would keep it until the connect completes).
    const { socket } = this.#o;
    if (socket.connecting || socket.destroyed) socket.destroy();
    else socket.resetAndDestroy();
    this.#closeWaiter?.();
  }

  #fail(reason: string): void {
    if (this.#isDestroyed) return;
    this.destroy();
    this.#o.onFailure(this, reason);
  }

  #onData(chunk: Buffer): void {
    if (this.#isDestroyed) return;
    const { frames, error } = this.#o.reader.push(chunk);
    for (const frame of frames) {
      if (this.#isDestroyed) return;
      this.#onFrame(frame);
    }
    if (error) this.#fail(`unframeable bytes from the CTI server: ${error.code}: ${error.message}`);
  }

  #onFrame(frame: Buffer): void {
    const result = parseMessage(frame, this.#o.codec);
    if (!result.ok) {
      const { code, message, messageType } = result.error;
      this.#fail(`undecodable message (type ${messageType ?? '?'}): ${code}: ${message}`);
      return;
    }
    const msg = result.message;
    try {
      this.#o.observer?.received?.(msg, frame);
    } catch {
      // Logging must not break the link.
    }
    switch (msg.type) {
      case 'OPEN_CONF':
        if (msg.invokeId === this.#openInvokeId && !this.#isOpen)
          this.#onOpenConf(msg.servicesGranted, msg.pgStatus, msg.peripheralOnline);
        break;
      case 'HEARTBEAT_CONF':
        this.#unanswered = 0;
        for (const id of this.#heartbeatIds) if (id <= msg.invokeId) this.#heartbeatIds.delete(id);
        break;
      case 'FAILURE_CONF':
        if (msg.invokeId === this.#openInvokeId && !this.#isOpen) {
          // A.1: on reject, reset TCP, fix the data, retry (here: the other side, after backoff).
          this.#fail(`OPEN_REQ refused: ${ctiStatusName(msg.status)}`);
        } else if (this.#heartbeatIds.has(msg.invokeId)) {
          // A.1: a FAILURE_CONF to a heartbeat means "server offline, reset".
          this.#fail(`heartbeat refused: ${ctiStatusName(msg.status)}`);
        }
        break;
      case 'FAILURE_EVENT':
        if (msg.status === CtiStatus.E_CTI_CTI_SERVER_OFFLINE)
          this.#fail('FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE');
        break;
      case 'CLOSE_CONF':
        this.#closeWaiter?.();
        break;
    }
    if (!this.#isDestroyed) this.#o.onMessage(this, msg);
  }

  #onOpenConf(servicesGranted: number, pgStatus: number, isPeripheralOnline: boolean): void {
    this.#isOpen = true;
    this.#o.timers.clearTimeout(this.#openTimer);
    this.#scheduleHeartbeat();
    this.#o.onOpen(this, `services granted 0x${servicesGranted.toString(16)}, PGStatus ${pgStatus}`, {
      isPeripheralOnline,
    });
  }

  #scheduleHeartbeat(): void {
    this.#heartbeatTimer = this.#o.timers.setTimeout(() => this.#heartbeat(), this.#o.heartbeatIntervalMs);
  }

  /** A.1: client-initiated heartbeats; N unanswered ⇒ the client declares failure and resets. */
  #heartbeat(): void {
    if (this.#isDestroyed) return;
    if (this.#unanswered >= this.#o.missedHeartbeats) {
      this.#fail(`${this.#unanswered} heartbeats unanswered`);
      return;
    }
    this.#unanswered += 1;
    const invokeId = this.#o.nextInvokeId();
    this.#heartbeatIds.add(invokeId);
    this.send({ type: 'HEARTBEAT_REQ', invokeId });
    this.#scheduleHeartbeat();
  }

  #stopHeartbeats(): void {
    this.#o.timers.clearTimeout(this.#heartbeatTimer);
    this.#heartbeatTimer = undefined;
  }
}
