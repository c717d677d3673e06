import { timingSafeEqual } from 'node:crypto';
import type { Timers } from '../../clock/index.ts';
import {
  AgentStateMask,
  CallMsgMask,
  CtiStatus,
  ctiStatusName,
  IDLE_TIMEOUT_DISABLED,
  type Message,
  maskOf,
  type OpenReq,
  PeripheralType,
  ServiceMask,
  SessionType,
  SystemEventId,
} from '../protocol/index.ts';
import type { Acd } from './acd.ts';
import { handleCallRequest, isCallRequest } from './call-handlers.ts';
import type { MaintenanceHandshake } from './maintenance.ts';
import { invokeIdOf, type ServerSession } from './session.ts';
import { handleSnapshotRequest } from './snapshots.ts';
import { traceMessage } from './trace.ts';
import type { AcdEvent } from './types.ts';
import { queryAgentStateConfOf, skillGroupStatisticsConfOf } from './wire.ts';

/** What the request handlers share: the ACD, the clock, the trace, and the fan-out of events. */
export interface ServerContext {
  acd: Acd;
  peripheralId: number;
  /** The simulator's peripheral and every agent's: what call-control requests may name. */
  peripheralIds: ReadonlySet<number>;
  timers: Timers;
  trace(line: string): void;
  broadcast(events: AcdEvent[]): void;
  /** The ClientPassword every OPEN_REQ must carry (CtiSimulatorOptions.clientPassword); none: any. */
  clientPassword?: Uint8Array;
  /** The side's maintenance: refuses OPEN_REQ while active, and takes the clients' answers. */
  maintenance: MaintenanceHandshake;
}

/** Protocol versions whose layouts we speak (v15 is the oldest guide our agent layouts follow). */
export const MIN_VERSION = 15;
export const MAX_VERSION = 25;
/** The idle timeout floor: 4 × the 5 s minimum heartbeat (A.1). */
const MIN_IDLE_TIMEOUT_S = 20;
/** What may be granted here; Client Events (agent-mode) and monitor sessions are not simulated. */
const SUPPORTED_SERVICES =
  ServiceMask.CLIENT_CONTROL |
  ServiceMask.ALL_EVENTS |
  ServiceMask.CALL_DATA_UPDATE |
  ServiceMask.AGENT_STATE_CONTROL_ONLY;

/** Why an OPEN_REQ is refused (A.1, A.4), or undefined to accept it. */
function openRefusal(req: OpenReq): [status: number, why: string] | undefined {
  if (req.versionNumber < MIN_VERSION || req.versionNumber > MAX_VERSION) {
    return [CtiStatus.E_CTI_INVALID_VERSION, `version ${req.versionNumber}`];
  }
  if (!req.clientId) return [CtiStatus.E_CTI_REQUIRED_DATA_MISSING, 'no ClientID'];
  if (req.idleTimeout < MIN_IDLE_TIMEOUT_S) return [CtiStatus.E_CTI_INVALID_TIMEOUT, `${req.idleTimeout} s`];
  const unused = (mask: number, known: Record<string, number>) => (mask & ~maskOf(known)) >>> 0 !== 0;
  if (unused(req.servicesRequested, ServiceMask))
    return [CtiStatus.E_CTI_INVALID_SERVICE_MASK, 'unused bits'];
  if (unused(req.callMsgMask, CallMsgMask)) return [CtiStatus.E_CTI_INVALID_CALL_MSG_MASK, 'unused bits'];
  if (unused(req.agentStateMask, AgentStateMask))
    return [CtiStatus.E_CTI_INVALID_AGENT_STATE_MASK, 'unused bits'];
  if (req.reserved1 || req.reserved2 || req.reserved3)
    return [CtiStatus.E_CTI_INVALID_RESERVED_FIELD, 'non-zero'];
  return undefined;
}

/** Constant-time: a rogue client learns nothing from how long a wrong password took. */
function isSamePassword(given: Uint8Array | undefined, expected: Uint8Array): boolean {
  const a = Buffer.from(given ?? []);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function openSession(ctx: ServerContext, session: ServerSession, req: OpenReq): void {
  if (ctx.clientPassword && !isSamePassword(req.clientPassword, ctx.clientPassword)) {
    // A.1 OPEN_REQ ClientPassword; a wrong one ends the connection, so guesses cost a connection each.
    ctx.trace(`Trace: Session ${session.id} (${session.remote}) OPEN_REQ refused: E_CTI_INVALID_PASSWORD`);
    session.close('invalid ClientPassword', {
      type: 'FAILURE_CONF',
      invokeId: req.invokeId,
      status: CtiStatus.E_CTI_INVALID_PASSWORD,
    });
    return;
  }
  if (ctx.maintenance.isActive) {
    ctx.trace(`Trace: Session ${session.id} OPEN_REQ refused: E_CTI_SERVER_IN_MAINTENANCE_MODE`);
    session.close('side in maintenance', {
      type: 'FAILURE_CONF',
      invokeId: req.invokeId,
      status: CtiStatus.E_CTI_SERVER_IN_MAINTENANCE_MODE,
    });
    return;
  }
  const refusal = openRefusal(req);
  if (refusal) {
    ctx.trace(`Trace: Session ${session.id} OPEN_REQ refused: ${ctiStatusName(refusal[0])}: ${refusal[1]}`);
    session.fail(req.invokeId, refusal[0]);
    return;
  }
  const servicesGranted = (req.servicesRequested & SUPPORTED_SERVICES) >>> 0;
  session.opened({
    clientId: req.clientId ?? '',
    servicesGranted,
    agentStateMask: req.agentStateMask,
    callMsgMask: req.callMsgMask,
    idleTimeoutS: req.idleTimeout,
  });
  const idle = req.idleTimeout === IDLE_TIMEOUT_DISABLED ? 'off' : `${req.idleTimeout}`;
  ctx.trace(
    `Trace: Session ${session.id} opened: ClientID=${req.clientId} Version=${req.versionNumber} ` +
      `Services=0x${servicesGranted.toString(16)} IdleTimeout=${idle}`,
  );
  const now = Math.floor(ctx.timers.now() / 1000);
  session.send({
    type: 'OPEN_CONF',
    invokeId: req.invokeId,
    servicesGranted,
    monitorId: 0,
    pgStatus: 0,
    icmCentralControllerTime: now,
    peripheralOnline: true,
    peripheralType: PeripheralType.ENTERPRISE_AGENT,
    agentState: 0,
    departmentId: 0,
    sessionType: SessionType.ACTIVE,
  });
  // A.4: ALL_EVENTS clients also get one SYSTEM_EVENT per peripheral after the CONF.
  if (servicesGranted & ServiceMask.ALL_EVENTS) {
    session.send({
      type: 'SYSTEM_EVENT',
      pgStatus: 0,
      icmCentralControllerTime: now,
      systemEventId: SystemEventId.PERIPHERAL_ONLINE,
      systemEventArg1: ctx.peripheralId,
      systemEventArg2: 0,
      systemEventArg3: 0,
      eventDeviceType: 0,
    });
  }
}

/** Requests of an open session. */
export function handleRequest(ctx: ServerContext, session: ServerSession, msg: Message): void {
  if (isCallRequest(msg)) {
    handleCallRequest(ctx, session, msg);
    return;
  }
  if (ctx.maintenance.handle(session, msg)) return;
  switch (msg.type) {
    case 'HEARTBEAT_REQ':
      session.send({ type: 'HEARTBEAT_CONF', invokeId: msg.invokeId });
      break;
    case 'CLOSE_REQ':
      session.close(`CLOSE_REQ ${ctiStatusName(msg.status)}`, { type: 'CLOSE_CONF', invokeId: msg.invokeId });
      break;
    case 'QUERY_AGENT_STATE_REQ': {
      const found = ctx.acd.find(msg);
      if (found.ok) session.send(queryAgentStateConfOf(msg.invokeId, found.agent, found.numTasks));
      else session.fail(msg.invokeId, found.status);
      break;
    }
    case 'SNAPSHOT_DEVICE_REQ':
    case 'SNAPSHOT_CALL_REQ':
      handleSnapshotRequest(ctx, session, msg);
      break;
    case 'QUERY_SKILL_GROUP_STATISTICS_REQ': {
      const found = ctx.acd.skillGroupStatistics(msg);
      if (found.ok)
        session.send(skillGroupStatisticsConfOf(msg.invokeId, ctx.peripheralId, found.statistics));
      else session.fail(msg.invokeId, found.status);
      break;
    }
    case 'SET_AGENT_STATE_REQ': {
      if (
        (session.servicesGranted & (ServiceMask.CLIENT_CONTROL | ServiceMask.AGENT_STATE_CONTROL_ONLY)) ===
        0
      ) {
        session.fail(msg.invokeId, CtiStatus.E_CTI_FUNCTION_NOT_AVAILABLE);
        break;
      }
      const result = ctx.acd.setAgentState(msg);
      if (!result.ok) {
        ctx.trace(`Trace: SET_AGENT_STATE_REQ refused: ${ctiStatusName(result.status)}: ${result.reason}`);
        session.fail(msg.invokeId, result.status);
        break;
      }
      // A.4: the CONF only says "accepted"; the new state follows as AGENT_STATE_EVENT to every
      // ALL_EVENTS client, the requester included.
      session.send({ type: 'SET_AGENT_STATE_CONF', invokeId: msg.invokeId });
      ctx.broadcast(result.events);
      break;
    }
    case 'UNKNOWN':
      ctx.trace(`Trace: Session ${session.id} unknown message type ${msg.messageType}`);
      session.fail(invokeIdOf(msg), CtiStatus.E_CTI_INVALID_MESSAGE_TYPE);
      break;
    default:
      // Known to the codec but not a request this server serves (or one only a server sends).
      ctx.trace(`Trace: Session ${session.id} unsupported ${traceMessage(msg)}`);
      session.fail(invokeIdOf(msg), CtiStatus.E_CTI_FUNCTION_NOT_AVAILABLE);
  }
}
