import type net from 'node:net';
import type { Timers } from '../../clock/index.ts';
import {
  type AgentStateEvent,
  agentStateMaskBit,
  type CodecOptions,
  CtiStatus,
  codecForVersion,
  DEFAULT_PROTOCOL_VERSION,
  FrameReader,
  IDLE_TIMEOUT_DISABLED,
  type Message,
  type OpenReq,
  PROTOCOL_ERRORS,
  parseMessage,
  readOpenReqVersion,
  ServiceMask,
  serializeMessage,
} from '../protocol/index.ts';
import { traceMessage } from './trace.ts';

/** What a session needs from its server; the ACD logic lives there, not here. */
export interface SessionHost {
  timers: Timers;
  trace(line: string): void;
  /** Handles a decoded request of an open session. */
  handle(session: ServerSession, msg: Message): void;
  /** Handles OPEN_REQ: answers OPEN_CONF (and calls `opened`) or FAILURE_CONF. */
  open(session: ServerSession, msg: OpenReq): void;
  closed(session: ServerSession): void;
}

/** A connection that never sends OPEN_REQ is dropped after this long. */
const PRE_OPEN_IDLE_MS = 30_000;

/**
 * One client connection of the simulated CTI server: framing, the tag width of the client's
 * version, the IdleTimeout the client asked for (A.1: the server has no heartbeat of its own), and
 * what the client subscribed to. Bad input gets a FAILURE_EVENT and a close, never an exception.
 */
export class ServerSession {
  readonly id: number;
  readonly remote: string;
  readonly #socket: net.Socket;
  readonly #host: SessionHost;
  readonly #reader = new FrameReader();
  // Until OPEN_REQ names a version, assume ours; only OPEN_REQ (read via its fixed part) matters then.
  #codec: CodecOptions = codecForVersion(DEFAULT_PROTOCOL_VERSION);
  #idleTimer: unknown;
  #idleTimeoutMs = PRE_OPEN_IDLE_MS;
  #isClosed = false;
  /** Set once OPEN_REQ was accepted. */
  #granted:
    | { clientId: string; servicesGranted: number; agentStateMask: number; callMsgMask: number }
    | undefined;

  constructor(id: number, socket: net.Socket, host: SessionHost) {
    this.id = id;
    this.#socket = socket;
    this.#host = host;
    this.remote = `${socket.remoteAddress}:${socket.remotePort}`;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (error) => this.#closed(`socket error: ${error.message}`));
    socket.on('close', () => this.#closed('connection closed by the client'));
    this.#armIdleTimer();
  }

  get isOpen(): boolean {
    return this.#granted !== undefined;
  }

  /** The protocol version of the client's OPEN_REQ (ours until it came). */
  get version(): number {
    return this.#codec.version ?? DEFAULT_PROTOCOL_VERSION;
  }

  get servicesGranted(): number {
    return this.#granted?.servicesGranted ?? 0;
  }

  /** Called by the host once it accepted OPEN_REQ. */
  opened(options: {
    clientId: string;
    servicesGranted: number;
    agentStateMask: number;
    callMsgMask: number;
    idleTimeoutS: number;
  }) {
    const { idleTimeoutS, ...granted } = options;
    this.#granted = granted;
    this.#idleTimeoutMs = idleTimeoutS === IDLE_TIMEOUT_DISABLED ? Infinity : idleTimeoutS * 1000;
    this.#armIdleTimer();
  }

  /** Whether an agent event goes to this client: it asked for ALL_EVENTS and for this state. */
  wantsAgentEvent(event: AgentStateEvent): boolean {
    const granted = this.#granted;
    return (
      granted !== undefined &&
      (granted.servicesGranted & ServiceMask.ALL_EVENTS) !== 0 &&
      (granted.agentStateMask & agentStateMaskBit(event.agentState)) !== 0
    );
  }

  /** Whether a call event goes to this client: ALL_EVENTS and the event's CallMsgMask bit. */
  wantsCallEvent(maskBit: number): boolean {
    const granted = this.#granted;
    return (
      granted !== undefined &&
      (granted.servicesGranted & ServiceMask.ALL_EVENTS) !== 0 &&
      (granted.callMsgMask & maskBit) !== 0
    );
  }

  /** Whether unsolicited system events (SYSTEM_EVENT) go to this client. */
  get wantsSystemEvents(): boolean {
    return ((this.#granted?.servicesGranted ?? 0) & ServiceMask.ALL_EVENTS) !== 0;
  }

  send(msg: Message): void {
    if (this.#isClosed) return;
    let frame: Buffer;
    try {
      frame = serializeMessage(msg, this.#codec);
    } catch (error) {
      // A value that cannot go on the wire is our bug or an unchecked input: log it, keep serving.
      this.#host.trace(
        `Trace: Session ${this.id} cannot encode ${msg.type}: ${error instanceof Error ? error.message : error}`,
      );
      return;
    }
    if (msg.type !== 'HEARTBEAT_CONF') this.#host.trace(`Session ${this.id} send ${traceMessage(msg)}`);
    this.#socket.write(frame);
  }

  /** A FAILURE_CONF when the request has an InvokeID, else a FAILURE_EVENT. */
  fail(invokeId: number | undefined, status: number): void {
    this.send(
      invokeId === undefined ? { type: 'FAILURE_EVENT', status } : { type: 'FAILURE_CONF', invokeId, status },
    );
  }

  /** Ends the session, after sending `last` if given. */
  close(reason: string, last?: Message): void {
    if (this.#isClosed) return;
    if (last) this.send(last);
    this.#host.trace(
      `Trace: Session ${this.id} (${this.#granted?.clientId ?? this.remote}) closing: ${reason}`,
    );
    // Flush what was written (the FAILURE_EVENT, the CLOSE_CONF), then drop the socket.
    this.#socket.end(() => this.#socket.destroy());
    this.#closed(reason);
  }

  #closed(reason: string): void {
    if (this.#isClosed) return;
    this.#isClosed = true;
    this.#host.timers.clearTimeout(this.#idleTimer);
    if (reason !== 'server stopping') this.#host.trace(`Trace: Session ${this.id} closed: ${reason}`);
    this.#host.closed(this);
  }

  #armIdleTimer(): void {
    this.#host.timers.clearTimeout(this.#idleTimer);
    if (this.#idleTimeoutMs === Infinity) return;
    this.#idleTimer = this.#host.timers.setTimeout(
      () =>
        this.close(`idle for ${this.#idleTimeoutMs} ms`, {
          type: 'FAILURE_EVENT',
          status: CtiStatus.E_CTI_TIMEOUT,
        }),
      this.#idleTimeoutMs,
    );
  }

  #onData(chunk: Buffer): void {
    if (this.#isClosed) return;
    const { frames, error } = this.#reader.push(chunk);
    for (const frame of frames) {
      if (this.#isClosed) return;
      this.#onFrame(frame);
    }
    if (error) {
      this.close(`${error.code}: ${error.message}`, {
        type: 'FAILURE_EVENT',
        status: PROTOCOL_ERRORS[error.code].status,
      });
    }
  }

  #onFrame(frame: Buffer): void {
    this.#armIdleTimer();
    const version = this.isOpen ? undefined : readOpenReqVersion(frame);
    if (version !== undefined) this.#codec = codecForVersion(version);
    const result = parseMessage(frame, this.#codec);
    if (!result.ok) {
      const { code, message } = result.error;
      this.close(`${code}: ${message}`, { type: 'FAILURE_EVENT', status: PROTOCOL_ERRORS[code].status });
      return;
    }
    const msg = result.message;
    if (msg.type !== 'HEARTBEAT_REQ') this.#host.trace(`Session ${this.id} recv ${traceMessage(msg)}`);
    if (msg.type === 'OPEN_REQ') {
      if (this.isOpen) this.fail(msg.invokeId, CtiStatus.E_CTI_SESSION_ALREADY_OPEN);
      else this.#host.open(this, msg);
    } else if (!this.isOpen) {
      this.fail(invokeIdOf(msg), CtiStatus.E_CTI_SESSION_NOT_OPEN);
    } else {
      this.#host.handle(this, msg);
    }
  }
}

/**
 * The InvokeID of a request: from its layout, or, for a type we have no layout for, its first UINT
 * — every GED-188 request starts with InvokeID, so the FAILURE_CONF still reaches the right caller.
 */
export function invokeIdOf(msg: Message): number | undefined {
  if ('invokeId' in msg) return msg.invokeId;
  if (msg.type === 'UNKNOWN' && msg.body.length >= 4) return msg.body.readUInt32BE(0);
  return undefined;
}
