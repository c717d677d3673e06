import { CALL_EVENT_LAYOUTS } from './call-layouts.ts';
import { CALL_CONTROL_LAYOUTS } from './control-layouts.ts';
import { fixed as f, floating as fl, type Layout, layout, list, type MessageOf, since } from './fields.ts';
import { MAINTENANCE_LAYOUTS } from './maintenance-layouts.ts';
import type { MessageTypeName } from './messages.ts';
import { SNAPSHOT_LAYOUTS } from './snapshot-layouts.ts';
import { STATS_LAYOUTS } from './stats-layouts.ts';
import { Tag } from './tags.ts';

/**
 * Message layouts for session management and agent state, A.4 (call events: call-layouts.ts, call
 * control: control-layouts.ts, snapshots: snapshot-layouts.ts). One layout per message for the
 * newest protocol version we speak (v24); fields a version added carry `since`. Layouts of older
 * versions that differ in other ways (v9–v14 fixed-part tails) are not modelled.
 */

const invokeId = f('invokeId', 'uint');
const agentExtension = fl('agentExtension', 'string', Tag.AGENT_EXTENSION, 16);
const agentId = fl('agentId', 'string', Tag.AGENT_ID, 12);
const agentInstrument = fl('agentInstrument', 'string', Tag.AGENT_INSTRUMENT, 64);

export const SESSION_LAYOUTS = {
  FAILURE_CONF: layout([invokeId, f('status', 'uint')], []),
  FAILURE_EVENT: layout([f('status', 'uint')], []),
  OPEN_REQ: layout(
    [
      invokeId,
      f('versionNumber', 'uint'),
      f('idleTimeout', 'uint'), // seconds; should be 4× the client heartbeat, 0xFFFFFFFF disables
      f('peripheralId', 'uint'), // 0xFFFFFFFF unless Client Events
      f('servicesRequested', 'uint'),
      f('callMsgMask', 'uint'),
      f('agentStateMask', 'uint'),
      f('configMsgMask', 'uint'),
      f('reserved1', 'uint'), // Reserved1–3 must be 0
      f('reserved2', 'uint'),
      f('reserved3', 'uint'),
    ],
    [
      fl('clientId', 'string', Tag.CLIENT_ID, 64),
      fl('clientPassword', 'unspec', Tag.CLIENT_PASSWORD, 64),
      fl('clientSignature', 'string', Tag.CLIENT_SIGNATURE, 64),
      agentExtension,
      agentId,
      agentInstrument,
      fl('applicationPathId', 'int', Tag.APPLICATION_PATH_ID),
    ],
  ),
  OPEN_CONF: layout(
    [
      invokeId,
      f('servicesGranted', 'uint'), // may be fewer than requested
      f('monitorId', 'uint'),
      f('pgStatus', 'uint'), // non-zero = degraded
      f('icmCentralControllerTime', 'time'),
      f('peripheralOnline', 'bool'),
      f('peripheralType', 'ushort'),
      f('agentState', 'ushort'),
      // (read, 15.0 guide) present in v24+; the version that added them is not confirmed (inferred).
      since(24, f('departmentId', 'int')),
      since(24, f('sessionType', 'ushort')),
    ],
    [
      agentExtension,
      agentId,
      agentInstrument,
      fl('numPeripherals', 'ushort', Tag.NUM_PERIPHERALS),
      list(fl('fltPeripheralId', 'uint', Tag.PERIPHERAL_ID), 'peripheral'),
      list(fl('multilineAgentControl', 'ushort', Tag.MULTILINE_AGENT_CONTROL), 'peripheral'),
    ],
  ),
  HEARTBEAT_REQ: layout([invokeId], []),
  HEARTBEAT_CONF: layout([invokeId], []),
  CLOSE_REQ: layout([invokeId, f('status', 'uint')], []),
  CLOSE_CONF: layout([invokeId], []),
  // (inferred) field list and order from open-source clients, not read in a guide.
  SYSTEM_EVENT: layout(
    [
      f('pgStatus', 'uint'),
      f('icmCentralControllerTime', 'time'),
      f('systemEventId', 'uint'),
      f('systemEventArg1', 'uint'),
      f('systemEventArg2', 'uint'),
      f('systemEventArg3', 'uint'),
      f('eventDeviceType', 'ushort'),
    ],
    [fl('text', 'string', Tag.TEXT, 255), fl('eventDeviceId', 'string', Tag.EVENT_DEVICE_ID, 64)],
  ),
} as const;

const skillGroupLists = [
  list(fl('skillGroupNumber', 'int', Tag.SKILL_GROUP_NUMBER), 'skillGroup'),
  list(fl('skillGroupId', 'uint', Tag.SKILL_GROUP_ID), 'skillGroup'),
  list(fl('skillGroupPriority', 'ushort', Tag.SKILL_GROUP_PRIORITY), 'skillGroup'),
  list(fl('skillGroupState', 'ushort', Tag.SKILL_GROUP_STATE), 'skillGroup'),
] as const;

export const AGENT_LAYOUTS = {
  // (read, v14) at least one of the floating agent identifiers must be present.
  QUERY_AGENT_STATE_REQ: layout(
    [invokeId, f('peripheralId', 'uint'), f('mrdId', 'int'), f('icmAgentId', 'int')],
    [agentExtension, agentId, agentInstrument],
  ),
  // (inferred) field list matches two open-source implementations.
  QUERY_AGENT_STATE_CONF: layout(
    [
      invokeId,
      f('agentState', 'ushort'),
      f('numSkillGroups', 'ushort'),
      f('mrdId', 'int'),
      f('numTasks', 'uint'),
      f('agentMode', 'ushort'),
      f('maxTaskLimit', 'uint'),
      f('icmAgentId', 'int'),
      f('agentAvailabilityStatus', 'uint'),
    ],
    [agentId, agentExtension, agentInstrument, ...skillGroupLists],
  ),
  // UCCE layout (read, v15/v17); the UCCX variant with AgentCapacity is not spoken.
  SET_AGENT_STATE_REQ: layout(
    [
      invokeId,
      f('peripheralId', 'uint'),
      f('agentState', 'ushort'),
      f('agentWorkMode', 'ushort'),
      f('numSkillGroups', 'ushort'), // ≤ 10
      f('eventReasonCode', 'ushort'), // USHORT: print it unsigned (A.6: 50004, not -15532)
      f('forcedFlag', 'uchar'), // 0 false, 1 true, 2 authenticate only
      f('agentServiceReq', 'uint'),
    ],
    [
      agentInstrument, // remote agents send "instrument;phone"
      agentId,
      fl('agentPassword', 'string', Tag.AGENT_PASSWORD, 64),
      fl('positionId', 'string', Tag.POSITION_ID, 12), // (inferred)
      fl('supervisorId', 'string', Tag.SUPERVISOR_ID, 12), // (inferred)
      list(fl('skillGroupNumber', 'int', Tag.SKILL_GROUP_NUMBER), 'skillGroup'), // (inferred)
      list(fl('skillGroupPriority', 'ushort', Tag.SKILL_GROUP_PRIORITY), 'skillGroup'), // (inferred)
    ],
  ),
  SET_AGENT_STATE_CONF: layout([invokeId], []),
  AGENT_STATE_EVENT: layout(
    [
      f('monitorId', 'uint'),
      f('peripheralId', 'uint'),
      f('sessionId', 'uint'),
      f('peripheralType', 'ushort'),
      f('skillGroupState', 'ushort'),
      f('stateDuration', 'uint'),
      f('skillGroupNumber', 'uint'),
      f('skillGroupId', 'uint'),
      f('skillGroupPriority', 'ushort'),
      f('agentState', 'ushort'),
      f('eventReasonCode', 'ushort'),
      // (inferred) the tail from MRDID on, per open-source clients consistent with later guides.
      f('mrdId', 'int'),
      f('numTasks', 'uint'),
      f('agentMode', 'ushort'),
      f('maxTaskLimit', 'uint'),
      f('icmAgentId', 'int'),
      f('agentAvailabilityStatus', 'uint'),
      f('numFltSkillGroups', 'ushort'),
      since(24, f('departmentId', 'int')), // (read: a v24 C++ client)
    ],
    [
      fl('ctiClientSignature', 'string', Tag.CTI_CLIENT_SIGNATURE, 64),
      agentId,
      agentExtension,
      agentInstrument,
      fl('agentIdLong', 'string', Tag.AGENT_ID_LONG, 129),
      fl('duration', 'uint', Tag.DURATION),
      fl('nextAgentState', 'ushort', Tag.NEXT_AGENT_STATE), // the pending state
      list(fl('fltSkillGroupNumber', 'int', Tag.SKILL_GROUP_NUMBER), 'fltSkillGroup'),
      list(fl('fltSkillGroupId', 'uint', Tag.SKILL_GROUP_ID), 'fltSkillGroup'),
      list(fl('fltSkillGroupPriority', 'ushort', Tag.SKILL_GROUP_PRIORITY), 'fltSkillGroup'),
      list(fl('fltSkillGroupState', 'ushort', Tag.SKILL_GROUP_STATE), 'fltSkillGroup'),
    ],
  ),
} as const;

export const LAYOUTS = {
  ...SESSION_LAYOUTS,
  ...AGENT_LAYOUTS,
  ...CALL_EVENT_LAYOUTS,
  ...CALL_CONTROL_LAYOUTS,
  ...STATS_LAYOUTS,
  ...SNAPSHOT_LAYOUTS,
  ...MAINTENANCE_LAYOUTS,
} as const;

type Layouts = typeof LAYOUTS;
export type LayoutName = keyof Layouts & MessageTypeName;

/** A message the codec knows the layout of, e.g. `Msg<'SET_AGENT_STATE_REQ'>`. */
export type Msg<N extends LayoutName> = MessageOf<N, Layouts[N]>;

/** A frame whose type has no layout here (or no name at all): kept as raw bytes. */
export interface UnknownMessage {
  type: 'UNKNOWN';
  messageType: number;
  body: Buffer;
}

export type Message = { [N in LayoutName]: Msg<N> }[LayoutName] | UnknownMessage;

export type FailureConf = Msg<'FAILURE_CONF'>;
export type FailureEvent = Msg<'FAILURE_EVENT'>;
export type OpenReq = Msg<'OPEN_REQ'>;
export type OpenConf = Msg<'OPEN_CONF'>;
export type SystemEvent = Msg<'SYSTEM_EVENT'>;
export type QueryAgentStateReq = Msg<'QUERY_AGENT_STATE_REQ'>;
export type QueryAgentStateConf = Msg<'QUERY_AGENT_STATE_CONF'>;
export type SetAgentStateReq = Msg<'SET_AGENT_STATE_REQ'>;
export type SetAgentStateConf = Msg<'SET_AGENT_STATE_CONF'>;
export type AgentStateEvent = Msg<'AGENT_STATE_EVENT'>;
export type BeginCallEvent = Msg<'BEGIN_CALL_EVENT'>;
export type EndCallEvent = Msg<'END_CALL_EVENT'>;
export type CallDeliveredEvent = Msg<'CALL_DELIVERED_EVENT'>;
export type CallEstablishedEvent = Msg<'CALL_ESTABLISHED_EVENT'>;
export type CallHeldEvent = Msg<'CALL_HELD_EVENT'>;
export type CallRetrievedEvent = Msg<'CALL_RETRIEVED_EVENT'>;
export type CallClearedEvent = Msg<'CALL_CLEARED_EVENT'>;
export type CallConnectionClearedEvent = Msg<'CALL_CONNECTION_CLEARED_EVENT'>;
export type CallOriginatedEvent = Msg<'CALL_ORIGINATED_EVENT'>;
export type CallFailedEvent = Msg<'CALL_FAILED_EVENT'>;
export type CallConferencedEvent = Msg<'CALL_CONFERENCED_EVENT'>;
export type CallTransferredEvent = Msg<'CALL_TRANSFERRED_EVENT'>;
export type CallQueuedEvent = Msg<'CALL_QUEUED_EVENT'>;
export type CallDequeuedEvent = Msg<'CALL_DEQUEUED_EVENT'>;
export type CallDataUpdateEvent = Msg<'CALL_DATA_UPDATE_EVENT'>;
export type AgentPreCallEvent = Msg<'AGENT_PRE_CALL_EVENT'>;
export type ControlFailureConf = Msg<'CONTROL_FAILURE_CONF'>;
export type QuerySkillGroupStatisticsReq = Msg<'QUERY_SKILL_GROUP_STATISTICS_REQ'>;
export type QuerySkillGroupStatisticsConf = Msg<'QUERY_SKILL_GROUP_STATISTICS_CONF'>;
export type SnapshotCallReq = Msg<'SNAPSHOT_CALL_REQ'>;
export type SnapshotCallConf = Msg<'SNAPSHOT_CALL_CONF'>;
export type SnapshotDeviceReq = Msg<'SNAPSHOT_DEVICE_REQ'>;
export type SnapshotDeviceConf = Msg<'SNAPSHOT_DEVICE_CONF'>;

export function layoutOf(name: string): Layout | undefined {
  return Object.hasOwn(LAYOUTS, name) ? LAYOUTS[name as LayoutName] : undefined;
}
