import {
  type AgentStateEvent,
  AgentStateMask,
  AgentWorkMode,
  ALL_PERIPHERALS,
  CallMsgMask,
  ConnectionDeviceIdType,
  DeviceIdType,
  maskOf,
  type OpenReq,
  type QueryAgentStateConf,
  type QueryAgentStateReq,
  type QuerySkillGroupStatisticsReq,
  ServiceMask,
  type SetAgentStateReq,
  SKILL_GROUP_NOT_GIVEN,
  type SnapshotCallReq,
  type SnapshotDeviceReq,
} from '../protocol/index.ts';
import type { CallId } from './call-requests.ts';
import type {
  AgentToQuery,
  QueryAgentStateRequest,
  SetAgentStateRequest,
  SkillGroupStatisticsRequest,
} from './options.ts';

/**
 * What Finesse is to the CTI server: one all-agents "bridge" client. CLIENT_CONTROL lets it send
 * agent-state and call-control requests for any agent, ALL_EVENTS makes the server send it every
 * call and agent event of the peripheral, CALL_DATA_UPDATE lets it set call variables (Finesse's
 * call-variable edits). AGENT_STATE_CONTROL_ONLY would forbid call control, and ACTIVE_STANDBY
 * (v24) is left out until the standby handshake is implemented: a standby side answers FAILURE_CONF
 * E_CTI_CTI_SERVER_OFFLINE and we simply try the other side.
 */
export const SERVICES_REQUESTED =
  ServiceMask.CLIENT_CONTROL | ServiceMask.ALL_EVENTS | ServiceMask.CALL_DATA_UPDATE;

/** The server rejects IdleTimeout < 20 s (E_CTI_INVALID_TIMEOUT, A.1). */
const MIN_IDLE_TIMEOUT_S = 20;

export function buildOpenReq(
  invokeId: number,
  o: { version: number; heartbeatIntervalMs: number; clientId: string; clientPassword: string },
): OpenReq {
  return {
    type: 'OPEN_REQ',
    invokeId,
    versionNumber: o.version,
    // A.1: IdleTimeout should be 4× the heartbeat interval.
    idleTimeout: Math.max(MIN_IDLE_TIMEOUT_S, Math.ceil((4 * o.heartbeatIntervalMs) / 1000)),
    peripheralId: ALL_PERIPHERALS,
    servicesRequested: SERVICES_REQUESTED,
    // Every call event and every agent state: the core, not the server, decides what matters.
    callMsgMask: maskOf(CallMsgMask),
    agentStateMask: maskOf(AgentStateMask),
    configMsgMask: 0,
    reserved1: 0,
    reserved2: 0,
    reserved3: 0,
    clientId: o.clientId,
    clientPassword: Buffer.from(o.clientPassword),
  };
}

export function buildSetAgentStateReq(
  invokeId: number,
  req: SetAgentStateRequest,
  peripheralId: number,
): SetAgentStateReq {
  return {
    type: 'SET_AGENT_STATE_REQ',
    invokeId,
    peripheralId: req.peripheralId ?? peripheralId,
    agentState: req.agentState,
    agentWorkMode: req.agentWorkMode ?? AgentWorkMode.UNSPECIFIED,
    numSkillGroups: 0,
    eventReasonCode: req.eventReasonCode ?? 0,
    forcedFlag: req.forcedFlag ?? 0,
    agentServiceReq: req.agentServiceReq ?? 0,
    ...defined({
      agentInstrument: req.agentInstrument,
      agentId: req.agentId,
      agentPassword: req.agentPassword,
      positionId: req.positionId,
      supervisorId: req.supervisorId,
    }),
  };
}

export function buildQueryAgentStateReq(
  invokeId: number,
  req: QueryAgentStateRequest,
  peripheralId: number,
): QueryAgentStateReq {
  return {
    type: 'QUERY_AGENT_STATE_REQ',
    invokeId,
    peripheralId: req.peripheralId ?? peripheralId,
    mrdId: 1, // the voice media routing domain
    icmAgentId: 0,
    ...defined({
      agentExtension: req.agentExtension,
      agentId: req.agentId,
      agentInstrument: req.agentInstrument,
    }),
  };
}

/** The skill group not named is sent as 0xFFFFFFFF ("not given"). */
export function buildQuerySkillGroupStatisticsReq(
  invokeId: number,
  req: SkillGroupStatisticsRequest,
  peripheralId: number,
): QuerySkillGroupStatisticsReq {
  return {
    type: 'QUERY_SKILL_GROUP_STATISTICS_REQ',
    invokeId,
    peripheralId: req.peripheralId ?? peripheralId,
    skillGroupNumber: req.skillGroupNumber ?? SKILL_GROUP_NOT_GIVEN,
    skillGroupId: req.skillGroupId ?? SKILL_GROUP_NOT_GIVEN,
  };
}

/** SNAPSHOT_DEVICE_REQ (v15 Table 5-127) for an agent's phone: SnapshotDeviceType is for non-agent devices. */
export function buildSnapshotDeviceReq(
  invokeId: number,
  instrument: string,
  peripheralId: number,
): SnapshotDeviceReq {
  return {
    type: 'SNAPSHOT_DEVICE_REQ',
    invokeId,
    peripheralId,
    snapshotDeviceType: DeviceIdType.DEVICE_IDENTIFIER,
    agentInstrument: instrument,
  };
}

/** SNAPSHOT_CALL_REQ (v15 Table 5-125): the call named by one of its connections. */
export function buildSnapshotCallReq(invokeId: number, call: CallId, peripheralId: number): SnapshotCallReq {
  return {
    type: 'SNAPSHOT_CALL_REQ',
    invokeId,
    peripheralId,
    connectionCallId: call.connectionCallId,
    connectionDeviceIdType: call.connectionDeviceIdType ?? ConnectionDeviceIdType.STATIC,
    connectionDeviceId: call.connectionDeviceId,
  };
}

/**
 * A QUERY_AGENT_STATE_CONF recast as the AGENT_STATE_EVENT the core already understands. The CONF
 * carries no EventReasonCode or StateDuration, so those are 0: after a reconnect a Not Ready agent
 * is republished without its reason code until its next real event.
 */
export function agentStateEventFromQuery(
  conf: QueryAgentStateConf,
  asked: AgentToQuery,
  peripheralId: number,
): AgentStateEvent {
  return {
    type: 'AGENT_STATE_EVENT',
    monitorId: 0,
    peripheralId,
    sessionId: 0,
    peripheralType: 0,
    skillGroupState: conf.skillGroupState?.[0] ?? conf.agentState,
    stateDuration: 0,
    skillGroupNumber: (conf.skillGroupNumber?.[0] ?? 0) >>> 0,
    skillGroupId: conf.skillGroupId?.[0] ?? 0,
    skillGroupPriority: conf.skillGroupPriority?.[0] ?? 0,
    agentState: conf.agentState,
    eventReasonCode: 0,
    mrdId: conf.mrdId,
    numTasks: conf.numTasks,
    agentMode: conf.agentMode,
    maxTaskLimit: conf.maxTaskLimit,
    icmAgentId: conf.icmAgentId,
    agentAvailabilityStatus: conf.agentAvailabilityStatus,
    numFltSkillGroups: 0,
    agentId: conf.agentId ?? asked.agentId,
    ...defined({
      agentExtension: conf.agentExtension,
      agentInstrument: conf.agentInstrument ?? asked.instrument,
    }),
  };
}

/** Drops undefined values, so optional floating fields stay absent rather than `undefined`. */
function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}
