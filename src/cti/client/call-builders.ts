import {
  ConnectionDeviceIdType,
  ConsultType,
  type Message,
  type Msg,
  NULL_CALL_ID,
  SupervisoryAction,
} from '../protocol/index.ts';
import type {
  CallContext,
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

/**
 * The GED-188 messages the call-control requests become, and the results read from their CONFs
 * (A.4). The builders fill in InvokeID, the client's PeripheralID and the wire's defaults; the
 * counts (NumNamedVariables …) are derived from the lists, so they cannot disagree with them.
 */

const STATIC = ConnectionDeviceIdType.STATIC;
const SUPERVISORY_ACTIONS = {
  monitor: SupervisoryAction.MONITOR,
  barge: SupervisoryAction.BARGE_IN,
  clear: SupervisoryAction.CLEAR,
  whisper: SupervisoryAction.WHISPER,
  intercept: SupervisoryAction.INTERCEPT,
} as const;

export type SingleCallRequestType =
  | 'ANSWER_CALL_REQ'
  | 'CLEAR_CALL_REQ'
  | 'CLEAR_CONNECTION_REQ'
  | 'RETRIEVE_CALL_REQ';

export function buildSingleCallReq<T extends SingleCallRequestType>(
  type: T,
  invokeId: number,
  req: CallRequest,
  peripheralId: number,
): Msg<T> {
  return {
    type,
    invokeId,
    peripheralId: req.peripheralId ?? peripheralId,
    connectionCallId: req.connectionCallId,
    connectionDeviceIdType: req.connectionDeviceIdType ?? STATIC,
    connectionDeviceId: req.connectionDeviceId,
    ...defined({ agentInstrument: req.agentInstrument }),
  } as unknown as Msg<T>;
}

export function buildHoldCallReq(
  invokeId: number,
  req: HoldCallRequest,
  peripheralId: number,
): Msg<'HOLD_CALL_REQ'> {
  return {
    ...buildSingleCallReq('ANSWER_CALL_REQ', invokeId, req, peripheralId),
    type: 'HOLD_CALL_REQ',
    reservation: req.reservation ?? false,
  };
}

/** CallPlacementType … NumNamedArrays: all "unspecified", the counts from the lists. */
function dialingOptions(context: CallContext) {
  return {
    callPlacementType: 0,
    callMannerType: 0,
    alertRings: 0,
    callOption: 0,
    facilityType: 0,
    answeringMachine: 0,
    priority: false,
    postRoute: false,
    numNamedVariables: context.namedVariable?.length ?? 0,
    numNamedArrays: context.namedArray?.length ?? 0,
  };
}

function contextFields(c: CallContext): CallContext {
  return defined({
    userToUserInfo: c.userToUserInfo,
    callVariable1: c.callVariable1,
    callVariable2: c.callVariable2,
    callVariable3: c.callVariable3,
    callVariable4: c.callVariable4,
    callVariable5: c.callVariable5,
    callVariable6: c.callVariable6,
    callVariable7: c.callVariable7,
    callVariable8: c.callVariable8,
    callVariable9: c.callVariable9,
    callVariable10: c.callVariable10,
    callWrapupData: c.callWrapupData,
    namedVariable: c.namedVariable,
    namedArray: c.namedArray,
  });
}

export function buildMakeCallReq(
  invokeId: number,
  req: MakeCallRequest,
  peripheralId: number,
): Msg<'MAKE_CALL_REQ'> {
  return {
    type: 'MAKE_CALL_REQ',
    invokeId,
    peripheralId: req.peripheralId ?? peripheralId,
    ...dialingOptions(req),
    agentInstrument: req.agentInstrument,
    dialedNumber: req.dialedNumber,
    ...contextFields(req),
  };
}

export function buildConsultationCallReq(
  invokeId: number,
  req: ConsultationCallRequest,
  peripheralId: number,
): Msg<'CONSULTATION_CALL_REQ'> {
  return {
    type: 'CONSULTATION_CALL_REQ',
    invokeId,
    peripheralId: req.peripheralId ?? peripheralId,
    activeConnectionCallId: req.activeCall.connectionCallId,
    activeConnectionDeviceIdType: req.activeCall.connectionDeviceIdType ?? STATIC,
    ...dialingOptions(req),
    consultType: req.consultType === 'conference' ? ConsultType.CONFERENCE : ConsultType.TRANSFER,
    activeConnectionDeviceId: req.activeCall.connectionDeviceId,
    agentInstrument: req.agentInstrument,
    dialedNumber: req.dialedNumber,
    ...contextFields(req),
  };
}

/** The fields TRANSFER_CALL_REQ and CONFERENCE_CALL_REQ share; they differ in type and order only. */
function joinFields(invokeId: number, req: JoinCallsRequest, peripheralId: number) {
  return {
    invokeId,
    peripheralId: req.peripheralId ?? peripheralId,
    activeConnectionCallId: req.activeCall?.connectionCallId ?? NULL_CALL_ID,
    heldConnectionCallId: req.heldCall.connectionCallId,
    activeConnectionDeviceIdType: req.activeCall?.connectionDeviceIdType ?? STATIC,
    heldConnectionDeviceIdType: req.heldCall.connectionDeviceIdType ?? STATIC,
    ...dialingOptions(req),
    heldConnectionDeviceId: req.heldCall.connectionDeviceId,
    ...defined({
      activeConnectionDeviceId: req.activeCall?.connectionDeviceId,
      agentInstrument: req.agentInstrument,
      dialedNumber: req.dialedNumber,
    }),
    ...contextFields(req),
  };
}

export function buildTransferCallReq(
  invokeId: number,
  req: JoinCallsRequest,
  peripheralId: number,
): Msg<'TRANSFER_CALL_REQ'> {
  return { type: 'TRANSFER_CALL_REQ', ...joinFields(invokeId, req, peripheralId) };
}

export function buildConferenceCallReq(
  invokeId: number,
  req: JoinCallsRequest,
  peripheralId: number,
): Msg<'CONFERENCE_CALL_REQ'> {
  return { type: 'CONFERENCE_CALL_REQ', ...joinFields(invokeId, req, peripheralId) };
}

export function buildSetCallDataReq(
  invokeId: number,
  req: SetCallDataRequest,
  peripheralId: number,
): Msg<'SET_CALL_DATA_REQ'> {
  return {
    type: 'SET_CALL_DATA_REQ',
    invokeId,
    peripheralId: req.peripheralId ?? peripheralId,
    connectionDeviceIdType: req.connectionDeviceIdType ?? STATIC,
    connectionCallId: req.connectionCallId,
    numNamedVariables: req.namedVariable?.length ?? 0,
    numNamedArrays: req.namedArray?.length ?? 0,
    callType: req.callType ?? 0,
    calledPartyDisposition: 0,
    campaignId: 0,
    queryRuleId: 0,
    connectionDeviceId: req.connectionDeviceId,
    ...defined({ ani: req.ani, callerEnteredDigits: req.callerEnteredDigits }),
    ...contextFields(req),
  };
}

export function buildSendDtmfSignalReq(
  invokeId: number,
  req: SendDtmfRequest,
  peripheralId: number,
): Msg<'SEND_DTMF_SIGNAL_REQ'> {
  return {
    type: 'SEND_DTMF_SIGNAL_REQ',
    invokeId,
    peripheralId: req.peripheralId ?? peripheralId,
    connectionCallId: req.connectionCallId,
    connectionDeviceIdType: req.connectionDeviceIdType ?? STATIC,
    toneDuration: req.toneDurationMs ?? 0,
    pauseDuration: req.pauseDurationMs ?? 0,
    connectionDeviceId: req.connectionDeviceId,
    dtmfString: req.dtmfString,
    ...defined({ agentInstrument: req.agentInstrument }),
  };
}

export function buildSuperviseCallReq(
  invokeId: number,
  req: SuperviseCallRequest,
  peripheralId: number,
): Msg<'SUPERVISE_CALL_REQ'> {
  return {
    type: 'SUPERVISE_CALL_REQ',
    invokeId,
    peripheralId: req.peripheralId ?? peripheralId,
    agentConnectionCallId: req.agentCall.connectionCallId,
    supervisorConnectionCallId: req.supervisorCall?.connectionCallId ?? NULL_CALL_ID,
    agentConnectionDeviceIdType: req.agentCall.connectionDeviceIdType ?? STATIC,
    supervisorConnectionDeviceIdType: req.supervisorCall?.connectionDeviceIdType ?? STATIC,
    supervisoryAction: SUPERVISORY_ACTIONS[req.action],
    agentConnectionDeviceId: req.agentCall.connectionDeviceId,
    ...defined({ supervisorConnectionDeviceId: req.supervisorCall?.connectionDeviceId }),
    agentInstrument: req.supervisorInstrument,
  };
}

/** MAKE_CALL_CONF / CONSULTATION_CALL_CONF → the new call. */
export function newCallResult(conf: Message): NewCallResult {
  const m = conf as Msg<'MAKE_CALL_CONF'>;
  return {
    invokeId: m.invokeId,
    call: {
      connectionCallId: m.newConnectionCallId,
      connectionDeviceIdType: m.newConnectionDeviceIdType,
      connectionDeviceId: m.newConnectionDeviceId ?? '',
    },
  };
}

/** TRANSFER_CALL_CONF / CONFERENCE_CALL_CONF → the resulting call and its parties. */
export function joinedCallResult(conf: Message): JoinedCallResult {
  const m = conf as Msg<'TRANSFER_CALL_CONF'>;
  const ids = m.connectedPartyCallId ?? [];
  return {
    ...newCallResult({ ...m, type: 'MAKE_CALL_CONF' }),
    parties: ids.map((connectionCallId, i) => ({
      connectionCallId,
      connectionDeviceIdType: m.connectedPartyDeviceIdType?.[i] ?? STATIC,
      connectionDeviceId: m.connectedPartyDeviceId?.[i] ?? '',
    })),
  };
}

/** SUPERVISE_CALL_CONF → the supervisor's connection. */
export function supervisedCallResult(conf: Message): NewCallResult {
  const m = conf as Msg<'SUPERVISE_CALL_CONF'>;
  return {
    invokeId: m.invokeId,
    call: {
      connectionCallId: m.connectionCallId,
      connectionDeviceIdType: m.connectionDeviceIdType,
      connectionDeviceId: m.connectionDeviceId ?? '',
    },
  };
}

/** Drops undefined values, so optional floating fields stay absent rather than `undefined`. */
function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}
