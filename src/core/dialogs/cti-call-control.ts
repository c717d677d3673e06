import type { CallVariable } from '../model.ts';
import type { CallRef } from './call-events.ts';

/**
 * The call-control half of `CtiPort`: what core asks of the CTI link for the Dialog API. Every
 * method is optional so that a link without call control still serves agent state; a missing one
 * fails the request as the CTI server would (CF_FUNCTION_NOT_AVAILABLE). Each resolves on its
 * CONF and rejects with `{ status }` (a GED-188 status) or, for CONTROL_FAILURE_CONF,
 * `{ status, failureCode }`. `instrument` is the acting agent's device.
 */
export interface CtiCallControl {
  /** ANSWER_CALL_REQ. */
  answerCall?(req: { call: CallRef; instrument: string }): Promise<unknown>;
  /** CLEAR_CONNECTION_REQ: `device` leaves the call (DROP, PARTICIPANT_DROP). */
  clearConnection?(req: { call: CallRef; device: string; instrument: string }): Promise<unknown>;
  /** HOLD_CALL_REQ. */
  holdCall?(req: { call: CallRef; instrument: string }): Promise<unknown>;
  /** RETRIEVE_CALL_REQ. */
  retrieveCall?(req: { call: CallRef; instrument: string }): Promise<unknown>;
  /** CONSULTATION_CALL_REQ: holds `call` and dials `dialedNumber` (CONSULT_CALL). */
  consultationCall?(req: { call: CallRef; instrument: string; dialedNumber: string }): Promise<unknown>;
  /**
   * TRANSFER_CALL_REQ: joins the held call and the active (consult) call and leaves (TRANSFER);
   * without `active`, a single-step transfer of `held` to `dialedNumber` (TRANSFER_SST).
   */
  transferCall?(req: {
    held: CallRef;
    active?: CallRef;
    dialedNumber?: string;
    instrument: string;
  }): Promise<unknown>;
  /** CONFERENCE_CALL_REQ: joins the held call and the active (consult) call (CONFERENCE). */
  conferenceCall?(req: { held: CallRef; active: CallRef; instrument: string }): Promise<unknown>;
  /** SET_CALL_DATA_REQ: call variables and CallWrapupData (UPDATE_CALL_DATA). */
  setCallData?(req: {
    call: CallRef;
    callVariables?: CallVariable[];
    callWrapupData?: string;
  }): Promise<unknown>;
  /** SEND_DTMF_SIGNAL_REQ: `dtmfString` is Finesse's ActionParam and GED-188's field alike. */
  sendDtmf?(req: { call: CallRef; instrument: string; dtmfString: string }): Promise<unknown>;
  /** SUPERVISE_CALL_REQ: SILENT_MONITOR (MONITOR) and BARGE_CALL (BARGE_IN). */
  superviseCall?(req: {
    agentCall: CallRef;
    agentInstrument: string;
    supervisorInstrument: string;
    /** The supervisor's monitoring call, when barging in from one. */
    supervisorCall?: CallRef;
    action: 'MONITOR' | 'BARGE_IN';
  }): Promise<unknown>;
  /** MAKE_CALL_REQ, with the call variables and ECC variables the call starts with. */
  makeCall?(req: {
    instrument: string;
    dialedNumber: string;
    callVariables?: CallVariable[];
  }): Promise<unknown>;
}

/** One call-control request, typed by the method it goes to. */
export type CtiCallRequest = {
  [M in keyof CtiCallControl]-?: { method: M; args: Parameters<NonNullable<CtiCallControl[M]>>[0] };
}[keyof CtiCallControl];

/** Sends `request` through `port`; a port without that method fails like the CTI server would. */
export function sendCallRequest(port: CtiCallControl, request: CtiCallRequest): Promise<unknown> {
  const method = port[request.method] as ((args: unknown) => Promise<unknown>) | undefined;
  // GED-188 E_CTI_FUNCTION_NOT_AVAILABLE (12).
  if (typeof method !== 'function') return Promise.reject({ status: 12 });
  return method.call(port, request.args);
}
