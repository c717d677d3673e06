import type { Message } from '../protocol/index.ts';
import {
  buildConferenceCallReq,
  buildConsultationCallReq,
  buildHoldCallReq,
  buildMakeCallReq,
  buildSendDtmfSignalReq,
  buildSetCallDataReq,
  buildSingleCallReq,
  buildSuperviseCallReq,
  buildTransferCallReq,
  joinedCallResult,
  newCallResult,
  type SingleCallRequestType,
  supervisedCallResult,
} from './call-builders.ts';
import type {
  CallControlResult,
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
 * Call control (A.4), the methods a CtiClient has besides agent state. Each resolves on its CONF
 * and rejects with CtiRequestError on FAILURE_CONF (its status) or CONTROL_FAILURE_CONF
 * (CTI_CONTROL_FAILURE). A CONF only means "accepted": the call events say what happened.
 */
export interface CallControl {
  /** ANSWER_CALL_REQ. ConnectionCallID 0xFFFFFFFF answers whatever alerts on the instrument. */
  answerCall(req: CallRequest): Promise<CallControlResult>;
  /** CLEAR_CALL_REQ: ends the call for every party. */
  clearCall(req: CallRequest): Promise<CallControlResult>;
  /** CLEAR_CONNECTION_REQ: the device leaves the call (Finesse's DROP). */
  clearConnection(req: CallRequest): Promise<CallControlResult>;
  holdCall(req: HoldCallRequest): Promise<CallControlResult>;
  retrieveCall(req: CallRequest): Promise<CallControlResult>;
  /** MAKE_CALL_REQ; resolves with the new call's identity. */
  makeCall(req: MakeCallRequest): Promise<NewCallResult>;
  /** CONSULTATION_CALL_REQ: holds the active call and dials; resolves with the consult call. */
  consultationCall(req: ConsultationCallRequest): Promise<NewCallResult>;
  /** TRANSFER_CALL_REQ: consultative (with activeCall) or single step (with dialedNumber). */
  transferCall(req: JoinCallsRequest): Promise<JoinedCallResult>;
  /** CONFERENCE_CALL_REQ: joins the consult call to the held one. */
  conferenceCall(req: JoinCallsRequest): Promise<JoinedCallResult>;
  /** SET_CALL_DATA_REQ: call variables, named variables, wrap-up data. */
  setCallData(req: SetCallDataRequest): Promise<CallControlResult>;
  /** SEND_DTMF_SIGNAL_REQ. */
  sendDtmf(req: SendDtmfRequest): Promise<CallControlResult>;
  /** SUPERVISE_CALL_REQ (silent monitor, barge-in, clear); resolves with the supervisor's call. */
  superviseCall(req: SuperviseCallRequest): Promise<NewCallResult>;
}

/** Sends a request built for a fresh invoke id; resolves with the CONF of type `expect`. */
export type Requester = (
  name: string,
  expect: string,
  build: (invokeId: number) => Message,
) => Promise<Message>;

export function createCallControl(request: Requester, peripheralId: number): CallControl {
  const invoke = (name: string, expect: string, build: (invokeId: number) => Message) =>
    request(name, expect, build).then((conf) => ({ invokeId: (conf as { invokeId: number }).invokeId }));
  const single = (name: string, expect: string, type: SingleCallRequestType, req: CallRequest) =>
    invoke(name, expect, (id) => buildSingleCallReq(type, id, req, peripheralId));
  return {
    answerCall: (req) => single('AnswerCallReq', 'ANSWER_CALL_CONF', 'ANSWER_CALL_REQ', req),
    clearCall: (req) => single('ClearCallReq', 'CLEAR_CALL_CONF', 'CLEAR_CALL_REQ', req),
    clearConnection: (req) =>
      single('ClearConnectionReq', 'CLEAR_CONNECTION_CONF', 'CLEAR_CONNECTION_REQ', req),
    holdCall: (req: HoldCallRequest) =>
      invoke('HoldCallReq', 'HOLD_CALL_CONF', (id) => buildHoldCallReq(id, req, peripheralId)),
    retrieveCall: (req) => single('RetrieveCallReq', 'RETRIEVE_CALL_CONF', 'RETRIEVE_CALL_REQ', req),
    makeCall: (req) =>
      request('MakeCallReq', 'MAKE_CALL_CONF', (id) => buildMakeCallReq(id, req, peripheralId)).then(
        newCallResult,
      ),
    consultationCall: (req) =>
      request('ConsultationCallReq', 'CONSULTATION_CALL_CONF', (id) =>
        buildConsultationCallReq(id, req, peripheralId),
      ).then(newCallResult),
    transferCall: (req) =>
      request('TransferCallReq', 'TRANSFER_CALL_CONF', (id) =>
        buildTransferCallReq(id, req, peripheralId),
      ).then(joinedCallResult),
    conferenceCall: (req) =>
      request('ConferenceCallReq', 'CONFERENCE_CALL_CONF', (id) =>
        buildConferenceCallReq(id, req, peripheralId),
      ).then(joinedCallResult),
    setCallData: (req) =>
      invoke('SetCallDataReq', 'SET_CALL_DATA_CONF', (id) => buildSetCallDataReq(id, req, peripheralId)),
    sendDtmf: (req) =>
      invoke('SendDtmfSignalReq', 'SEND_DTMF_SIGNAL_CONF', (id) =>
        buildSendDtmfSignalReq(id, req, peripheralId),
      ),
    superviseCall: (req) =>
      request('SuperviseCallReq', 'SUPERVISE_CALL_CONF', (id) =>
        buildSuperviseCallReq(id, req, peripheralId),
      ).then(supervisedCallResult),
  };
}
