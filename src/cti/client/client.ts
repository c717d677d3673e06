import net from 'node:net';
import {
  type CodecOptions,
  codecForVersion,
  ctiStatusName,
  DEFAULT_PROTOCOL_VERSION,
  FrameReader,
  type Message,
  type QueryAgentStateConf,
  serializeMessage,
} from '../protocol/index.ts';
import { reconnectDelay } from './backoff.ts';
import { Connection } from './connection.ts';
import { TypedEmitter } from './emitter.ts';
import { CtiRequestError, type CtiRequestErrorCode } from './errors.ts';
import type {
  AgentToQuery,
  CtiClient,
  CtiClientEvents,
  CtiClientOptions,
  CtiSide,
  QueryAgentStateRequest,
  SetAgentStateRequest,
  Timers,
} from './options.ts';
import {
  agentStateEventFromQuery,
  buildOpenReq,
  buildQueryAgentStateReq,
  buildSetAgentStateReq,
} from './requests.ts';

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  now: () => Date.now(),
};

export function createCtiClient(options: CtiClientOptions): CtiClient {
  if (options.sides.length === 0)
    throw new TypeError('createCtiClient: at least one side (host, port) is required');
  return new Client(options);
}

type Expected = 'SET_AGENT_STATE_CONF' | 'QUERY_AGENT_STATE_CONF';
interface Pending {
  expect: Expected;
  /** Runs in the frame loop, before later frames: keeps results ordered with events. */
  onConf: ((msg: Message) => void) | undefined;
  resolve(msg: Message): void;
  reject(error: CtiRequestError): void;
  /** The error for this request (name and invoke id filled in). */
  error(code: CtiRequestErrorCode, detail?: { status?: number; text?: string }): CtiRequestError;
  timer: unknown;
}

class Client implements CtiClient {
  readonly #o: CtiClientOptions;
  readonly #timers: Timers;
  readonly #codec: CodecOptions;
  readonly #events = new TypedEmitter<CtiClientEvents>((event, error) =>
    this.#event(
      `a '${String(event)}' listener threw: ${error instanceof Error ? error.message : String(error)}`,
    ),
  );
  readonly #pending = new Map<number, Pending>();
  #state: 'idle' | 'running' | 'stopped' = 'idle';
  #conn: Connection | undefined;
  #isUp = false;
  #sideIndex = 0;
  #attempt = 0;
  #reconnectTimer: unknown;
  #lastInvokeId = 0;

  constructor(options: CtiClientOptions) {
    this.#o = options;
    this.#timers = options.timers ?? realTimers;
    this.#codec = codecForVersion(options.version ?? DEFAULT_PROTOCOL_VERSION);
  }

  get isUp(): boolean {
    return this.#isUp;
  }

  get side(): CtiSide | undefined {
    return this.#isUp ? this.#conn?.side : undefined;
  }

  on<K extends keyof CtiClientEvents>(event: K, listener: (...args: CtiClientEvents[K]) => void): () => void {
    return this.#events.on(event, listener);
  }

  off<K extends keyof CtiClientEvents>(event: K, listener: (...args: CtiClientEvents[K]) => void): void {
    this.#events.off(event, listener);
  }

  start(): void {
    if (this.#state === 'stopped') throw new Error('CtiClient: start() after stop()');
    if (this.#state === 'running') return;
    this.#state = 'running';
    this.#connect();
  }

  async stop(): Promise<void> {
    if (this.#state === 'stopped') return;
    this.#state = 'stopped';
    this.#timers.clearTimeout(this.#reconnectTimer);
    const conn = this.#conn;
    if (conn?.isOpen) {
      await conn.close(this.#nextInvokeId(), this.#o.closeTimeoutMs ?? 5000);
    }
    this.#drop(conn, 'client stopped', 'CTI_STOPPED');
  }

  setAgentState(req: SetAgentStateRequest): Promise<{ invokeId: number }> {
    return this.#request('SetAgentStateReq', 'SET_AGENT_STATE_CONF', (invokeId) =>
      buildSetAgentStateReq(invokeId, req, this.#o.peripheralId),
    ).then((conf) => ({ invokeId: conf.invokeId }));
  }

  queryAgentState(req: QueryAgentStateRequest): Promise<QueryAgentStateConf> {
    return this.#request('QueryAgentStateReq', 'QUERY_AGENT_STATE_CONF', (invokeId) =>
      buildQueryAgentStateReq(invokeId, req, this.#o.peripheralId),
    ) as Promise<QueryAgentStateConf>;
  }

  #request(
    name: string,
    expect: Expected,
    build: (invokeId: number) => Message,
    onConf?: (msg: Message) => void,
  ): Promise<Message & { invokeId: number }> {
    const conn = this.#conn;
    if (!this.#isUp || !conn) {
      return Promise.reject(
        new CtiRequestError(this.#state === 'stopped' ? 'CTI_STOPPED' : 'CTI_LINK_DOWN', name),
      );
    }
    const invokeId = this.#nextInvokeId();
    const msg = build(invokeId);
    let frame: Buffer;
    try {
      frame = serializeMessage(msg, this.#codec);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      return Promise.reject(new CtiRequestError('CTI_BAD_REQUEST', name, { invokeId, text }));
    }
    return new Promise((resolve, reject) => {
      const timeoutMs = this.#o.requestTimeoutMs ?? 5000;
      const timer = this.#timers.setTimeout(() => {
        this.#pending.delete(invokeId);
        reject(new CtiRequestError('CTI_TIMEOUT', name, { invokeId, text: `no answer in ${timeoutMs} ms` }));
      }, timeoutMs);
      this.#pending.set(invokeId, {
        expect,
        onConf,
        resolve: resolve as (msg: Message) => void,
        reject,
        error: (code, detail) => new CtiRequestError(code, name, { invokeId, ...detail }),
        timer,
      });
      conn.send(msg, frame);
    });
  }

  #nextInvokeId(): number {
    // InvokeID is a UINT the client chooses; wrap rather than overflow (0 is avoided as "none").
    this.#lastInvokeId = this.#lastInvokeId >= 0xffffffff ? 1 : this.#lastInvokeId + 1;
    return this.#lastInvokeId;
  }

  #connect(): void {
    const side = this.#o.sides[this.#sideIndex];
    const label = `side ${String.fromCharCode(65 + this.#sideIndex)} (${side.host}:${side.port})`;
    this.#event(`connecting to CTI server ${label}`);
    const heartbeatIntervalMs = this.#o.heartbeatIntervalMs ?? 5000;
    this.#conn = new Connection({
      side,
      label,
      socket: net.connect({ host: side.host, port: side.port }),
      codec: this.#codec,
      reader: new FrameReader(),
      timers: this.#timers,
      observer: this.#o.observer,
      heartbeatIntervalMs,
      missedHeartbeats: this.#o.missedHeartbeats ?? 3,
      openTimeoutMs: this.#o.openTimeoutMs ?? 30_000,
      nextInvokeId: () => this.#nextInvokeId(),
      openReq: (invokeId) =>
        buildOpenReq(invokeId, {
          version: this.#o.version ?? DEFAULT_PROTOCOL_VERSION,
          heartbeatIntervalMs,
          clientId: this.#o.clientId,
          clientPassword: this.#o.clientPassword,
        }),
      onOpen: (conn, text) => this.#onOpen(conn, text),
      onMessage: (conn, msg) => this.#onMessage(conn, msg),
      onFailure: (conn, reason) => this.#onFailure(conn, reason),
    });
  }

  #onOpen(conn: Connection, text: string): void {
    if (conn !== this.#conn) return;
    this.#isUp = true;
    this.#attempt = 0;
    this.#event(`CTI session open on ${conn.label}: ${text}`);
    this.#events.emit('status', 'up');
    this.#queryAgents();
  }

  #queryAgents(): void {
    let agents: readonly AgentToQuery[];
    try {
      agents = this.#o.agentsToQuery?.() ?? [];
    } catch (error) {
      this.#event(`agentsToQuery failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const { peripheralId } = this.#o;
    for (const agent of agents) {
      // Emitted from the frame loop, not a promise callback: an AGENT_STATE_EVENT right behind the
      // CONF must not be overtaken by the older queried state.
      const emit = (conf: Message) => {
        const event = agentStateEventFromQuery(conf as QueryAgentStateConf, agent, peripheralId);
        this.#events.emit('agentState', event, 'query');
      };
      const req = { agentId: agent.agentId, agentInstrument: agent.instrument };
      this.#request(
        'QueryAgentStateReq',
        'QUERY_AGENT_STATE_CONF',
        (invokeId) => buildQueryAgentStateReq(invokeId, req, peripheralId),
        emit,
      ).catch((error: CtiRequestError) =>
        this.#event(`state query for agent ${agent.agentId} failed: ${error.message}`),
      );
    }
  }

  #onMessage(conn: Connection, msg: Message): void {
    if (conn !== this.#conn) return;
    this.#events.emit('message', msg);
    switch (msg.type) {
      case 'SET_AGENT_STATE_CONF':
      case 'QUERY_AGENT_STATE_CONF':
        this.#settle(msg.invokeId, (p) => {
          if (p.expect !== msg.type) return p.reject(p.error('CTI_UNEXPECTED_REPLY', { text: msg.type }));
          p.onConf?.(msg);
          p.resolve(msg);
        });
        break;
      case 'FAILURE_CONF':
        if (!this.#pending.has(msg.invokeId)) {
          this.#event(
            `FAILURE_CONF ${ctiStatusName(msg.status)} for invoke id ${msg.invokeId}: nothing waits for it`,
          );
        }
        this.#settle(msg.invokeId, (p) => p.reject(p.error('CTI_FAILURE_CONF', { status: msg.status })));
        break;
      case 'CONTROL_FAILURE_CONF': {
        const text = `FailureCode ${msg.failureCode}, PeripheralErrorCode ${msg.peripheralErrorCode}`;
        this.#settle(msg.invokeId, (p) => p.reject(p.error('CTI_CONTROL_FAILURE', { text })));
        break;
      }
      case 'AGENT_STATE_EVENT':
        this.#events.emit('agentState', msg, 'event');
        break;
      case 'UNKNOWN':
        this.#event(`skipped message type ${msg.messageType} (${msg.body.length} bytes): no layout for it`);
        break;
    }
  }

  #settle(invokeId: number, settle: (p: Pending) => void): void {
    const pending = this.#pending.get(invokeId);
    if (!pending) return;
    this.#pending.delete(invokeId);
    this.#timers.clearTimeout(pending.timer);
    settle(pending);
  }

  #onFailure(conn: Connection, reason: string): void {
    // While stopping, stop() itself drops the connection once CLOSE_CONF (or the close) came.
    if (conn !== this.#conn || this.#state === 'stopped') return;
    this.#drop(conn, reason, 'CTI_LINK_DOWN');
    if (this.#state !== 'running') return;
    this.#sideIndex = (this.#sideIndex + 1) % this.#o.sides.length;
    const delay = reconnectDelay(this.#attempt++, this.#o.reconnect, this.#o.random);
    this.#event(`reconnecting to side ${String.fromCharCode(65 + this.#sideIndex)} in ${delay} ms`);
    this.#reconnectTimer = this.#timers.setTimeout(() => {
      if (this.#state === 'running') this.#connect();
    }, delay);
  }

  /** Forgets the connection, fails what waited on it, and reports the link down if it was up. */
  #drop(conn: Connection | undefined, reason: string, code: 'CTI_LINK_DOWN' | 'CTI_STOPPED'): void {
    if (conn) {
      conn.destroy();
      this.#event(`CTI link to ${conn.label} closed: ${reason}`);
    }
    this.#conn = undefined;
    for (const p of this.#pending.values()) {
      this.#timers.clearTimeout(p.timer);
      p.reject(p.error(code, { text: reason }));
    }
    this.#pending.clear();
    if (this.#isUp) {
      this.#isUp = false;
      this.#events.emit('status', 'down');
    }
  }

  #event(text: string): void {
    try {
      this.#o.observer?.event?.(text);
    } catch {
      // A broken log writer must not take the CTI link down with it.
    }
  }
}
