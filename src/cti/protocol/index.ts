/** GED-188 codec: pure functions from messages to bytes and back, plus the stream framer. */
export { CALL_EVENT_TYPES, type CallEvent, type CallEventType, isCallEvent } from './call-events.ts';
export {
  CallPlacementType,
  CallType,
  ConnectionDeviceIdType,
  ConsultType,
  ControlFailureCode,
  callTypeName,
  callValueName,
  connectionDeviceIdTypeName,
  controlFailureCodeName,
  DeviceIdType,
  deviceIdTypeName,
  EventCause,
  eventCauseName,
  LineType,
  LocalConnectionState,
  lineTypeName,
  localConnectionStateName,
  NULL_CALL_ID,
  NULL_SERVICE,
  NULL_SKILL_GROUP,
  SupervisoryAction,
  supervisoryActionName,
} from './call-values.ts';
export { describeMessage, messageName } from './describe.ts';
export { PROTOCOL_ERRORS, type ProtocolError, type ProtocolErrorCode } from './errors.ts';
export type { NamedArrayItem, NamedVariable } from './fields.ts';
export { type FramePush, FrameReader, type FrameReaderOptions, MAX_MESSAGE_LENGTH } from './frame-reader.ts';
export type {
  AgentPreCallEvent,
  AgentStateEvent,
  BeginCallEvent,
  CallClearedEvent,
  CallConferencedEvent,
  CallConnectionClearedEvent,
  CallDataUpdateEvent,
  CallDeliveredEvent,
  CallDequeuedEvent,
  CallEstablishedEvent,
  CallFailedEvent,
  CallHeldEvent,
  CallOriginatedEvent,
  CallQueuedEvent,
  CallRetrievedEvent,
  CallTransferredEvent,
  ControlFailureConf,
  EndCallEvent,
  FailureConf,
  FailureEvent,
  LayoutName,
  Message,
  Msg,
  OpenConf,
  OpenReq,
  QueryAgentStateConf,
  QueryAgentStateReq,
  QuerySkillGroupStatisticsConf,
  QuerySkillGroupStatisticsReq,
  SetAgentStateConf,
  SetAgentStateReq,
  SystemEvent,
  UnknownMessage,
} from './layouts.ts';
export {
  AgentState,
  AgentStateMask,
  type AgentStateName,
  AgentWorkMode,
  ALL_PERIPHERALS,
  agentStateMaskBit,
  agentStateName,
  CallMsgMask,
  ForcedFlag,
  IDLE_TIMEOUT_DISABLED,
  MessageType,
  type MessageTypeName,
  maskOf,
  messageTypeName,
  PeripheralType,
  ServiceMask,
  SessionType,
  SystemEventId,
  systemEventName,
} from './messages.ts';
export { type ParseResult, parseMessage, readOpenReqVersion } from './parse.ts';
export { HEADER_LENGTH, serializeMessage } from './serialize.ts';
export { SKILL_GROUP_NOT_GIVEN } from './stats-layouts.ts';
export { CtiStatus, type CtiStatusName, ctiStatusName } from './status-codes.ts';
export { Tag } from './tags.ts';
export {
  type CodecOptions,
  codecForVersion,
  DEFAULT_PROTOCOL_VERSION,
  tagWidthForVersion,
} from './version.ts';
