/** The CTI client: Finesse's side of the GED-188 link. */
export { type ReconnectOptions, reconnectDelay } from './backoff.ts';
export type { CallControl } from './call-control.ts';
export type {
  CallContext,
  CallControlResult,
  CallId,
  CallRequest,
  ConsultationCallRequest,
  HoldCallRequest,
  JoinCallsRequest,
  JoinedCallResult,
  MakeCallRequest,
  NewCallResult,
  SendDtmfRequest,
  SetCallDataRequest,
  SuperviseCallRequest,
} from './call-requests.ts';
export { createCtiClient } from './client.ts';
export { CTI_REQUEST_ERRORS, CtiRequestError, type CtiRequestErrorCode } from './errors.ts';
export type {
  AgentToQuery,
  CtiClient,
  CtiClientEvents,
  CtiClientOptions,
  CtiLink,
  CtiLinkInfo,
  CtiLinkStatus,
  CtiMaintenance,
  CtiObserver,
  CtiSide,
  QueryAgentStateRequest,
  SetAgentStateRequest,
  SkillGroupStatisticsRequest,
} from './options.ts';
