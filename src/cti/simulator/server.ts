import net from 'node:net';
import { realTimers, type Timers } from '../../clock/index.ts';
import { CtiStatus, type Message } from '../protocol/index.ts';
import { Acd, type AcdSnapshot } from './acd.ts';
import { type AdminServer, startAdminServer } from './admin.ts';
import { callEventMessageOf } from './call-wire.ts';
import type { CallGeneratorHandle, GeneratorSettings } from './generator.ts';
import { handleRequest, openSession, type ServerContext } from './handlers.ts';
import { MaintenanceHandshake } from './maintenance.ts';
import { ServerSession } from './session.ts';
import { traceAgentEvent, traceCallEvent } from './trace.ts';
import type {
  AcdAgentConfig,
  AcdDeskSettings,
  AcdEvent,
  AcdResult,
  AgentView,
  CallView,
  InjectCallInput,
} from './types.ts';
import { agentStateEventOf, callMsgMaskBit, systemEventMessageOf } from './wire.ts';

export interface CtiSimulatorOptions {
  /**
   * Listen address of the CTI port. Default 127.0.0.1: a CTI server drives every agent and call,
   * so only this machine reaches it unless told otherwise (then set `clientPassword`).
   */
  host?: string;
  /**
   * The ClientPassword an OPEN_REQ must carry; a wrong or empty one is refused with
   * E_CTI_INVALID_PASSWORD and the connection closed. Default: none asked (loopback use).
   */
  clientPassword?: string;
  /** Listen port; 0 lets the OS choose. Default 42027, a CTI server's usual side A. */
  port?: number;
  agents: readonly AcdAgentConfig[];
  /** The agent peripheral's id. Default 5000. */
  peripheralId?: number;
  timers?: Timers;
  /** One CTI server trace line at a time (the ctisvr log); nothing is printed otherwise. */
  trace?: (line: string) => void;
  /** Admin HTTP/JSON API port (admin.ts); 0 lets the OS choose. Default: no admin API. */
  adminPort?: number;
  /** Listen address of the admin API. Default 127.0.0.1, whatever `host` is. */
  adminHost?: string;
  /**
   * The bearer token every admin request must carry (`Authorization: Bearer <token>`); 401
   * without it. Default: none asked (tests of the library); `switchboard start` always sets one.
   */
  adminToken?: string;
  /** Dialed number (DNIS) → skill group number. Default: 8000 → the first skill group. */
  dialedNumbers?: Readonly<Record<string, number>>;
  /** Ring-no-answer time of routed calls, seconds; 0 disables RONA. Default 12. */
  ronaTimeoutSec?: number;
  /** Wrap-up after every answered routed (ACD) call, seconds; 0 = only when an agent asks. Default 0. */
  wrapUpTimeSec?: number;
  /** How long outside numbers ring before they answer, seconds. Default 2. */
  outsideAnswerSec?: number;
  /**
   * Told of every event once it went to the clients, with its message: what a benchmark times
   * CTI event → notification from. Must not throw.
   */
  onEventSent?: (event: AcdEvent, message: Message) => void;
  /** Call generator settings; it runs from the start only with `enabled: true`. Default off. */
  generator?: Partial<GeneratorSettings> & { enabled?: boolean };
}

export interface CtiSimulator {
  readonly port: number;
  /** Port of the admin API, when `adminPort` was given. */
  readonly adminPort: number | undefined;
  /** Read access to the ACD's agents. */
  readonly agents: { get(agentId: string): AgentView | undefined; list(): AgentView[] };
  /** Read access to the ACD's calls. */
  readonly calls: { get(callId: number): CallView | undefined; list(): CallView[] };
  /** A caller dials a DNIS: routed to the longest available agent, or queued. */
  injectCall(input: InjectCallInput): AcdResult;
  /** The caller hangs up. */
  dropCall(callId: number): AcdResult;
  setDeviceOutOfService(extension: string, isOutOfService?: boolean): AcdResult;
  /** A supervisor's (or the system's) logout, on a call or not; reason 999 unless told. */
  forceLogout(agentId: string, reasonCode?: number): AcdResult;
  /** An agent's desk settings (wrap-up, RONA reason), from its next call on; false: no such agent. */
  configureAgent(agentId: string, desk: AcdDeskSettings): boolean;
  readonly generator: CallGeneratorHandle;
  /** Everything GET /state shows. */
  state(): AcdSnapshot;
  /**
   * A restart of the CTI *service* while the telephony goes on, as when a real CTI server restarts
   * and the PBX keeps its calls: every client session ends (FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE,
   * then the close), connections are refused (reset) for `downMs`, and the ACD — agents, calls,
   * timers, the generator — carries on. Events of that time reach no client: after it, clients
   * learn the calls from snapshots (SNAPSHOT_DEVICE_REQ / SNAPSHOT_CALL_REQ).
   */
  restartService(downMs: number): { sessionsClosed: number };
  /**
   * This side goes into maintenance as a v24 CTI server does (maintenance.ts): its clients are
   * asked, told, and leave for the other side; OPEN_REQ is refused for `downMs`; the ACD carries on.
   */
  beginMaintenance(downMs: number): { sessionsAsked: number };
  /** FAILURE_EVENT E_CTI_CTI_SERVER_OFFLINE to every client (A.1), stops timers, then closes. */
  stop(): Promise<void>;
}

/**
 * A CTI server for Switchboard to talk to when there is no Cisco one: serves several clients at
 * once, each event to every ALL_EVENTS client as a real CTI server does (two Switchboard nodes
 * both see everything).
 */
export async function startCtiSimulator(options: CtiSimulatorOptions): Promise<CtiSimulator> {
  const timers = options.timers ?? realTimers;
  const trace = options.trace ?? (() => {});
  const host = options.host ?? '127.0.0.1';
  const peripheralId = options.peripheralId ?? 5000;
  const sessions = new Set<ServerSession>();
  let nextSessionId = 1;
  /** restartService(): the service is down until this timer fires. */
  let restartTimer: unknown;
  let isServiceDown = false;

  const sent = options.onEventSent ?? (() => {});
  const broadcast = (events: AcdEvent[]) => {
    for (const event of events) {
      if (event.type === 'agentState') {
        const msg = agentStateEventOf(event, timers.now());
        for (const line of traceAgentEvent(msg)) trace(line);
        for (const session of sessions) if (session.wantsAgentEvent(msg)) session.send(msg);
        sent(event, msg);
      } else if (event.type === 'call') {
        const msg = callEventMessageOf(event, peripheralId);
        for (const line of traceCallEvent(msg)) trace(line);
        const bit = callMsgMaskBit(msg);
        for (const session of sessions) if (session.wantsCallEvent(bit)) session.send(msg);
        sent(event, msg);
      } else {
        const msg = systemEventMessageOf(event, peripheralId, timers.now());
        trace(`Trace: SYSTEM_EVENT: ID=${event.systemEventId} Dev=${event.device}`);
        for (const session of sessions) if (session.wantsSystemEvents) session.send(msg);
        sent(event, msg);
      }
    }
  };
  const acd = new Acd({
    agents: options.agents,
    peripheralId,
    timers,
    onEvents: broadcast,
    dialedNumbers: options.dialedNumbers,
    ronaTimeoutSec: options.ronaTimeoutSec,
    wrapUpTimeSec: options.wrapUpTimeSec,
    outsideAnswerSec: options.outsideAnswerSec,
  });
  const ctx: ServerContext = {
    acd,
    peripheralId,
    peripheralIds: new Set([peripheralId, ...acd.list().map((a) => a.peripheralId)]),
    timers,
    trace,
    broadcast,
    clientPassword: options.clientPassword ? Buffer.from(options.clientPassword, 'utf8') : undefined,
    maintenance: new MaintenanceHandshake(timers, trace),
  };
  /** Admin and API actions: the events go out as if a request had caused them. */
  const act = (result: AcdResult) => {
    if (result.ok) broadcast(result.events);
    return result;
  };

  const server = net.createServer((socket) => {
    if (isServiceDown) {
      // A restarting service has no listener: the client's connect is refused (a TCP reset).
      trace(
        `Trace: connection from ${socket.remoteAddress}:${socket.remotePort} refused: service restarting`,
      );
      socket.on('error', () => {});
      socket.resetAndDestroy();
      return;
    }
    const session = new ServerSession(nextSessionId++, socket, {
      timers,
      trace,
      open: (s, req) => openSession(ctx, s, req),
      handle: (s, msg) => handleRequest(ctx, s, msg),
      closed: (s) => {
        sessions.delete(s);
        ctx.maintenance.forget(s);
      },
    });
    sessions.add(session);
    trace(`Trace: Session ${session.id} connection from ${session.remote}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 42027, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as net.AddressInfo;
  trace(`Trace: CTI server simulator listening on ${host}:${port} (peripheral ${peripheralId})`);

  const simulator: CtiSimulator = {
    port,
    adminPort: undefined,
    agents: { get: (agentId) => acd.get(agentId), list: () => acd.list() },
    calls: { get: (callId) => acd.call(callId), list: () => acd.calls() },
    injectCall: (input) => act(acd.injectCall(input)),
    dropCall: (callId) => act(acd.dropCall(callId)),
    setDeviceOutOfService: (extension, isOutOfService = true) =>
      act(acd.setDeviceOutOfService(extension, isOutOfService)),
    forceLogout: (agentId, reasonCode) => act(acd.forceLogout(agentId, reasonCode)),
    configureAgent: (agentId, desk) => acd.configureAgent(agentId, desk),
    generator: acd.generator,
    state: () => acd.snapshot(),
    restartService(downMs) {
      const closing = [...sessions];
      trace(`Trace: CTI service restarting: ${closing.length} session(s) closed, back in ${downMs} ms`);
      isServiceDown = true;
      timers.clearTimeout(restartTimer);
      restartTimer = timers.setTimeout(() => {
        isServiceDown = false;
        trace('Trace: CTI service restarted: accepting connections');
      }, downMs);
      for (const session of closing) {
        session.close('service restarting', {
          type: 'FAILURE_EVENT',
          status: CtiStatus.E_CTI_CTI_SERVER_OFFLINE,
        });
      }
      return { sessionsClosed: closing.length };
    },
    beginMaintenance: (downMs) => ctx.maintenance.begin([...sessions], downMs),
    async stop() {
      timers.clearTimeout(restartTimer);
      ctx.maintenance.stop();
      acd.stop();
      await admin?.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const session of [...sessions]) {
        session.close('server stopping', {
          type: 'FAILURE_EVENT',
          status: CtiStatus.E_CTI_CTI_SERVER_OFFLINE,
        });
      }
      await closed;
    },
  };
  let admin: AdminServer | undefined;
  if (options.adminPort !== undefined) {
    try {
      admin = await startAdminServer({
        host: options.adminHost ?? '127.0.0.1',
        port: options.adminPort,
        target: simulator,
        trace,
        token: options.adminToken,
      });
    } catch (error) {
      acd.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      throw error;
    }
    trace(`Trace: CTI simulator admin API on http://${options.adminHost ?? '127.0.0.1'}:${admin.port}/state`);
  }
  const { generator: generatorOptions } = options;
  if (generatorOptions?.enabled) {
    const { enabled: _enabled, ...settings } = generatorOptions;
    acd.generator.start(settings);
  } else if (generatorOptions) {
    // Settings without `enabled`: remembered for a later start (admin API or handle).
    acd.generator.start(generatorOptions);
    acd.generator.stop();
  }
  return Object.assign(simulator, { adminPort: admin?.port });
}
