import {
  type AgentStateEvent,
  type CallEvent,
  CallMsgMask,
  DeviceIdType,
  type Message,
  type Msg,
  PeripheralType,
  type QueryAgentStateConf,
  type QuerySkillGroupStatisticsConf,
  SystemEventId,
} from '../protocol/index.ts';
import type { SkillGroupStatistics } from './statistics.ts';
import type { AcdAgentStateEvent, AcdSystemEvent, AgentView } from './types.ts';

/**
 * The ACD's agents and system events as GED-188 messages (calls: call-wire.ts), and which
 * client gets which call event. Voice only: MRD 1, one task at most.
 */

const VOICE_MRD = 1;
const AGENT_MODE_ROUTABLE = 1;

/**
 * One AGENT_STATE_EVENT per change: the fixed part names the agent's first skill group, as in the
 * seed (NumFltSkillGroups 0); agents in several skill groups also get the FltSkillGroup lists.
 */
export function agentStateEventOf(event: AcdAgentStateEvent, now: number): AgentStateEvent {
  const { agent } = event;
  const [first] = agent.skillGroups;
  const many = agent.skillGroups.length > 1;
  return {
    type: 'AGENT_STATE_EVENT',
    monitorId: 0,
    peripheralId: agent.peripheralId,
    sessionId: 0,
    peripheralType: PeripheralType.ENTERPRISE_AGENT,
    skillGroupState: event.skillGroupState,
    stateDuration: secondsSince(agent, now),
    skillGroupNumber: first?.number ?? 0,
    skillGroupId: first?.id ?? 0,
    skillGroupPriority: first?.priority ?? 0,
    agentState: agent.state,
    eventReasonCode: agent.reasonCode,
    mrdId: VOICE_MRD,
    numTasks: 0,
    agentMode: AGENT_MODE_ROUTABLE,
    maxTaskLimit: 1,
    icmAgentId: agent.icmAgentId,
    agentAvailabilityStatus: 0,
    numFltSkillGroups: many ? agent.skillGroups.length : 0,
    departmentId: 0, // dropped by the serializer for clients below v24
    ctiClientSignature: '',
    agentId: agent.agentId,
    agentExtension: agent.extension,
    agentInstrument: agent.instrument,
    // The pending state (finesse-api.md §1.3 pendingState), while a call or wrap-up lasts.
    ...(agent.nextAgentState === undefined ? {} : { nextAgentState: agent.nextAgentState }),
    ...(many
      ? {
          fltSkillGroupNumber: agent.skillGroups.map((g) => g.number),
          fltSkillGroupId: agent.skillGroups.map((g) => g.id),
          fltSkillGroupPriority: agent.skillGroups.map((g) => g.priority ?? 0),
          fltSkillGroupState: agent.skillGroups.map(() => event.skillGroupState),
        }
      : {}),
  };
}

export function queryAgentStateConfOf(invokeId: number, agent: AgentView, numTasks = 0): QueryAgentStateConf {
  return {
    type: 'QUERY_AGENT_STATE_CONF',
    invokeId,
    agentState: agent.state,
    numSkillGroups: agent.skillGroups.length,
    mrdId: VOICE_MRD,
    numTasks,
    agentMode: AGENT_MODE_ROUTABLE,
    maxTaskLimit: 1,
    icmAgentId: agent.icmAgentId,
    agentAvailabilityStatus: 0,
    agentId: agent.agentId,
    agentExtension: agent.extension,
    agentInstrument: agent.instrument,
    skillGroupNumber: agent.skillGroups.map((g) => g.number),
    skillGroupId: agent.skillGroups.map((g) => g.id),
    skillGroupPriority: agent.skillGroups.map((g) => g.priority ?? 0),
    skillGroupState: agent.skillGroups.map(() => agent.state),
  };
}

export function secondsSince(agent: AgentView, now: number): number {
  return Math.max(0, Math.floor((now - agent.stateSince) / 1000));
}

export function systemEventMessageOf(
  e: AcdSystemEvent,
  peripheralId: number,
  now: number,
): Msg<'SYSTEM_EVENT'> {
  return {
    type: 'SYSTEM_EVENT',
    pgStatus: 0,
    icmCentralControllerTime: Math.floor(now / 1000),
    systemEventId: e.systemEventId,
    systemEventArg1: e.systemEventId === SystemEventId.PERIPHERAL_ONLINE ? peripheralId : 0,
    systemEventArg2: 0,
    systemEventArg3: 0,
    eventDeviceType: DeviceIdType.DEVICE_IDENTIFIER,
    eventDeviceId: e.device,
  };
}

/** OPEN_REQ CallMsgMask bit of a call event: a client gets only the events it asked for (A.4). */
const MASK_BITS: Record<CallEvent['type'], number> = {
  AGENT_PRE_CALL_EVENT: CallMsgMask.AGENT_PRE_CALL,
  BEGIN_CALL_EVENT: CallMsgMask.BEGIN_CALL,
  CALL_QUEUED_EVENT: CallMsgMask.QUEUED,
  CALL_DEQUEUED_EVENT: CallMsgMask.DEQUEUED,
  CALL_ORIGINATED_EVENT: CallMsgMask.ORIGINATED,
  CALL_DELIVERED_EVENT: CallMsgMask.DELIVERED,
  CALL_ESTABLISHED_EVENT: CallMsgMask.ESTABLISHED,
  CALL_FAILED_EVENT: CallMsgMask.FAILED,
  CALL_HELD_EVENT: CallMsgMask.HELD,
  CALL_RETRIEVED_EVENT: CallMsgMask.RETRIEVED,
  CALL_CONFERENCED_EVENT: CallMsgMask.CONFERENCED,
  CALL_TRANSFERRED_EVENT: CallMsgMask.TRANSFERRED,
  CALL_CONNECTION_CLEARED_EVENT: CallMsgMask.CONNECTION_CLEARED,
  CALL_CLEARED_EVENT: CallMsgMask.CLEARED,
  CALL_DATA_UPDATE_EVENT: CallMsgMask.CALL_DATA_UPDATE,
  END_CALL_EVENT: CallMsgMask.END_CALL,
};

export function callMsgMaskBit(msg: Message): number {
  return (MASK_BITS as Record<string, number>)[msg.type] ?? 0;
}

/**
 * The CONF of QUERY_SKILL_GROUP_STATISTICS_REQ. Both times are whole seconds of the ACD's clock,
 * so CentralControllerTime − LongestCallInQ is the same start time on every poll.
 */
export function skillGroupStatisticsConfOf(
  invokeId: number,
  peripheralId: number,
  s: SkillGroupStatistics,
): QuerySkillGroupStatisticsConf {
  const nowSec = Math.floor(s.now / 1000);
  const { skillGroup, now: _now, oldestQueuedSince, ...counts } = s;
  return {
    type: 'QUERY_SKILL_GROUP_STATISTICS_CONF',
    invokeId,
    peripheralId,
    skillGroupNumber: skillGroup.number,
    skillGroupId: skillGroup.id,
    icmCentralControllerTime: nowSec,
    ...counts,
    longestCallInQ: oldestQueuedSince === undefined ? 0 : nowSec - Math.floor(oldestQueuedSince / 1000),
  };
}
