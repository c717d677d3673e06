import net from 'node:net';
import { realTimers, type Timers } from '../../clock/index.ts';
import {
  type CodecOptions,
  codecForVersion,
  DEFAULT_PROTOCOL_VERSION,
  FrameReader,
  isCallEvent,
  type Message,
  type QueryAgentStateConf,
  type QuerySkillGroupStatisticsConf,
  type SystemEvent,
  SystemEventId,
  serializeMessage,
} from '../protocol/index.ts';
import { reconnectDelay } from './backoff.ts';
import { type CallControl, createCallControl } from './call-control.ts';
import { Connection } from './connection.ts';
import { TypedEmitter } from './emitter.ts';
import { CtiRequestError } from './errors.ts';
import type {
  AgentToQuery,
  CtiClient,
  CtiClientEvents,
  CtiClientOptions,
  CtiLink,
  CtiLinkInfo,
  CtiMaintenance,
  CtiSide,
  QueryAgentStateRequest,
  SetAgentStateRequest,
  SkillGroupStatisticsRequest,
} from './options.ts';
import { PendingRequests } from './pending.ts';
import { Recovery } from './recovery.ts';
import {
  buildOpenReq,
  buildQueryAgentStateReq,
  buildQuerySkillGroupStatisticsReq,
  buildSetAgentStateReq,
} from './requests.ts';

export function createCtiClient(options: CtiClientOptions): CtiClient {
  if (options.sides.length === 0)
    throw new TypeError('createCtiClient: at least one side (host, port) is required');
  const client = new Client(options);
  const request = client.request.bind(client);
  return Object.assign(client, createCallControl(request, options.peripheralId)) satisfies CallControl;
}

class Client implements CtiLink {
  readonly #o: CtiClientOptions;
  readonly #timers: Timers;
  readonly #codec: CodecOptions;
  readonly #events = new TypedEmitter<CtiClientEvents>((event, error) =>
    this.#event(
      `a '${String(event)}' listener threw: ${error instanceof Error ? error.message : String(error)}`,
    ),
  );
  readonly #pending: PendingRequests;
  #state: 'idle' | 'running' | 'stopped' = 'idle';
  #conn: Connection | undefined;
  #isUp = false;
  #sideIndex = 0;
  #attempt = 0;
  #reconnectTimer: unknown;
  #lastInvokeId = 0;
  #connectedAt: number | undefined;
  #lastHeartbeatAt: number | undefined;
  #isPeripheralOnline = false;
  #maintenance: CtiMaintenance | undefined;
  readonly #recovery: Recovery;

  constructor(options: CtiClientOptions) {
    this.#o = options;
    this.#timers = options.timers ?? realTimers;
    this.#codec = codecForVersion(options.version ?? DEFAULT_PROTOCOL_VERSION);
    this.#pending = new PendingRequests(this.#timers, options.requestTimeoutMs ?? 5000, (text) =>
      this.#event(text),
    );
    this.#recovery = new Recovery({
      request: this.request.bind(this),
      peripheralId: options.peripheralId,
      concurrency: options.recoveryConcurrency ?? 16,
      agentState: (event) => this.#events.emit('agentState', event, 'query'),
      deviceSnapshot: (conf, asked) => this.#events.emit('deviceSnapshot', conf, asked),
      callSnapshot: (conf, asked) => this.#events.emit('callSnapshot', conf, asked),
      event: (text) => this.#event(text),
    });
  }

  get isUp(): boolean {
    return this.#isUp;
  }

  get side(): CtiSide | undefined {
    return this.#isUp ? this.#conn?.side : undefined;
  }

  get linkInfo(): CtiLinkInfo {
    const open = this.#isUp ? this.#conn?.side : undefined;
    return {
      servers: this.#o.sides.map((s) => ({
        host: s.host,
        port: s.port,
        ...(s === open && this.#connectedAt !== undefined ? { connectedAt: this.#connectedAt } : {}),
      })),
      ...(this.#lastHeartbeatAt !== undefined ? { lastHeartbeatAt: this.#lastHeartbeatAt } : {}),
      isPeripheralOnline: this.#isUp && this.#isPeripheralOnline,
      ...(this.#maintenance && { maintenance: { ...this.#maintenance } }),
    };
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
    return this.request('SetAgentStateReq', 'SET_AGENT_STATE_CONF', (invokeId) =>
      buildSetAgentStateReq(invokeId, req, this.#o.peripheralId),
    ).then((conf) => ({ invokeId: (conf as { invokeId: number }).invokeId }));
  }

  queryAgentState(req: QueryAgentStateRequest): Promise<QueryAgentStateConf> {
    return this.request('QueryAgentStateReq', 'QUERY_AGENT_STATE_CONF', (invokeId) =>
      buildQueryAgentStateReq(invokeId, req, this.#o.peripheralId),
    ) as Promise<QueryAgentStateConf>;
  }

  querySkillGroupStatistics(req: SkillGroupStatisticsRequest): Promise<QuerySkillGroupStatisticsConf> {
    return this.request('QuerySkillGroupStatisticsReq', 'QUERY_SKILL_GROUP_STATISTICS_CONF', (invokeId) =>
      buildQuerySkillGroupStatisticsReq(invokeId, req, this.#o.peripheralId),
    ) as Promise<QuerySkillGroupStatisticsConf>;
  }

  /** Sends a request and settles with its CONF. Not part of CtiClient: call-control.ts uses it. */
  request(
    name: string,
    expect: string,
    build: (invokeId: number) => Message,
    onConf?: (msg: Message) => void,
  ): Promise<Message> {
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
    const answered = this.#pending.add(invokeId, name, expect, onConf);
    conn.send(msg, frame);
    return answered;
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
      onOpen: (conn, text, conf) => this.#onOpen(conn, text, conf.isPeripheralOnline),
      onMessage: (conn, msg) => this.#onMessage(conn, msg),
      onFailure: (conn, reason) => this.#onFailure(conn, reason),
    });
  }

  #onOpen(conn: Connection, text: string, isPeripheralOnline: boolean): void {
    if (conn !== this.#conn) return;
    this.#isUp = true;
    this.#connectedAt = this.#timers.now();
    this.#lastHeartbeatAt = this.#connectedAt;
    this.#isPeripheralOnline = isPeripheralOnline;
    this.#attempt = 0;
    this.#event(`CTI session open on ${conn.label}: ${text}`);
    if (this.#maintenance) {
      this.#event(`CTI maintenance handover complete: requests go to ${conn.label}`);
      this.#maintenance = undefined;
    }
    this.#events.emit('status', 'up');
    if (!isPeripheralOnline) this.#events.emit('peripheral', false);
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
    this.#recovery.start(agents);
  }

  #onMessage(conn: Connection, msg: Message): void {
    if (conn !== this.#conn) return;
    this.#events.emit('message', msg);
    if (msg.type === 'HEARTBEAT_CONF') this.#lastHeartbeatAt = this.#timers.now();
    if (msg.type === 'SYSTEM_EVENT') this.#onSystemEvent(msg);
    if (msg.type === 'ACTIVE_MAINTENANCE_REQ' || msg.type === 'ACTIVE_MAINTENANCE_EVENT') {
      this.#onMaintenance(conn, msg);
      return;
    }
    if (this.#pending.settle(msg)) return;
    if (msg.type === 'AGENT_STATE_EVENT') this.#events.emit('agentState', msg, 'event');
    else if (isCallEvent(msg)) this.#events.emit('callEvent', msg);
    else if (msg.type === 'UNKNOWN')
      this.#event(`skipped message type ${msg.messageType} (${msg.body.length} bytes): no layout for it`);
  }

  /** PERIPHERAL_ONLINE/OFFLINE for our peripheral (SystemEventArg1): SystemInfo's PARTIAL_SERVICE. */
  #onSystemEvent(msg: SystemEvent): void {
    const isOnline =
      msg.systemEventId === SystemEventId.PERIPHERAL_ONLINE
        ? true
        : msg.systemEventId === SystemEventId.PERIPHERAL_OFFLINE
          ? false
          : undefined;
    if (isOnline === undefined || msg.systemEventArg1 !== this.#o.peripheralId) return;
    if (isOnline === this.#isPeripheralOnline) return;
    this.#isPeripheralOnline = isOnline;
    this.#event(`peripheral ${this.#o.peripheralId} ${isOnline ? 'online' : 'offline'}`);
    this.#events.emit('peripheral', isOnline);
  }

  /**
   * The CTI server's graceful maintenance (maintenance-layouts.ts): accept at once (it waits 5 s at
   * most), keep working until ACTIVE_MAINTENANCE_EVENT, then tell it we stop, leave, and open the
   * other side without the failure backoff. What was pending on this side fails with the link, as
   * in any failover; core queries the agents again on the new session.
   */
  #onMaintenance(
    conn: Connection,
    msg: Extract<Message, { type: 'ACTIVE_MAINTENANCE_REQ' | 'ACTIVE_MAINTENANCE_EVENT' }>,
  ): void {
    const now = this.#timers.now();
    if (msg.type === 'ACTIVE_MAINTENANCE_REQ') {
      conn.send({ type: 'ACTIVE_MAINTENANCE_RESP', invokeId: msg.invokeId, accept: true });
      this.#maintenance = { mode: 'INITIATING', since: this.#maintenance?.since ?? now };
      this.#event(
        `CTI server ${conn.label} asks to go into maintenance (InvokeID ${msg.invokeId}): accepted`,
      );
      return;
    }
    this.#maintenance = { mode: 'IN_PROGRESS', since: this.#maintenance?.since ?? now };
    conn.send({ type: 'STOPPING_REQUESTS_TO_THIS_SIDE_IND' });
    // A.1's orderly end (CLOSE_REQ, CLOSE_CONF) so that the IND is not lost to a reset; the link
    // counts as down from here.
    this.#event(`CTI link to ${conn.label} closing: CTI server in maintenance, no more requests to it`);
    void conn.close(this.#nextInvokeId(), this.#o.closeTimeoutMs ?? 5000).then(() => conn.destroy());
    this.#drop(undefined, 'CTI server in maintenance', 'CTI_LINK_DOWN');
    if (this.#state !== 'running') return;
    this.#sideIndex = (this.#sideIndex + 1) % this.#o.sides.length;
    this.#event(
      `moving to side ${String.fromCharCode(65 + this.#sideIndex)} for the CTI server's maintenance`,
    );
    this.#connect();
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
    this.#recovery.cancel();
    this.#pending.failAll(code, reason);
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
