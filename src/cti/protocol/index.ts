/** GED-188 codec: pure functions from messages to bytes and back, plus the stream framer. */
export { describeMessage, messageName } from './describe.ts';
export { PROTOCOL_ERRORS, type ProtocolError, type ProtocolErrorCode } from './errors.ts';
export type { NamedArrayItem, NamedVariable } from './fields.ts';
export { type FramePush, FrameReader, type FrameReaderOptions, MAX_MESSAGE_LENGTH } from './frame-reader.ts';
export type {
  AgentStateEvent,
  BeginCallEvent,
  CallClearedEvent,
  CallConnectionClearedEvent,
  CallDeliveredEvent,
  CallEstablishedEvent,
  CallHeldEvent,
  CallRetrievedEvent,
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
} from './messages.ts';
export { type ParseResult, parseMessage, readOpenReqVersion } from './parse.ts';
export { HEADER_LENGTH, serializeMessage } from './serialize.ts';
export { CtiStatus, type CtiStatusName, ctiStatusName } from './status-codes.ts';
export { Tag } from './tags.ts';
export {
  type CodecOptions,
  codecForVersion,
  DEFAULT_PROTOCOL_VERSION,
  tagWidthForVersion,
} from './version.ts';
