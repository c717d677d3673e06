import type { NamedArrayItem, NamedVariable } from '../protocol/index.ts';

/** Call-control requests as the core sends them and the results their CONFs give (A.4). */

/** A call as GED-188 identifies it: (ConnectionCallID, ConnectionDeviceIDType, ConnectionDeviceID), A.4. */
export interface CallId {
  connectionCallId: number;
  /** Default CONNECTION_ID_STATIC. */
  connectionDeviceIdType?: number;
  connectionDeviceId: string;
}

/** CallVariable1–10 (41 bytes each) and the named ECC data, as on the wire. */
export interface CallContext {
  callVariable1?: string;
  callVariable2?: string;
  callVariable3?: string;
  callVariable4?: string;
  callVariable5?: string;
  callVariable6?: string;
  callVariable7?: string;
  callVariable8?: string;
  callVariable9?: string;
  callVariable10?: string;
  callWrapupData?: string;
  namedVariable?: NamedVariable[];
  namedArray?: NamedArrayItem[];
  userToUserInfo?: Buffer;
}

/** ANSWER, CLEAR_CALL, CLEAR_CONNECTION, RETRIEVE: one call on one device. */
export interface CallRequest extends CallId {
  /** The agent's instrument; UCCE wants it on answer when the call id is NULL (0xFFFFFFFF). */
  agentInstrument?: string;
  /** Default: the client's peripheralId. */
  peripheralId?: number;
}

export interface HoldCallRequest extends CallRequest {
  /** Keep the agent reserved while the call is held. Default false. */
  reservation?: boolean;
}

export interface MakeCallRequest extends CallContext {
  /** The phone that dials (the agent's extension). */
  agentInstrument: string;
  dialedNumber: string;
  peripheralId?: number;
}

export interface ConsultationCallRequest extends MakeCallRequest {
  /** The active call that is put on hold while the consult call is made. */
  activeCall: CallId;
  /** What the consult call is for. Default 'transfer'. */
  consultType?: 'transfer' | 'conference';
}

/**
 * TRANSFER_CALL_REQ / CONFERENCE_CALL_REQ. With `activeCall` (the consult call) it completes a
 * consult; without it, `dialedNumber` makes it single step (Finesse's TRANSFER_SST).
 */
export interface JoinCallsRequest extends CallContext {
  /** The original call, on hold on the agent's phone. */
  heldCall: CallId;
  activeCall?: CallId;
  dialedNumber?: string;
  agentInstrument?: string;
  peripheralId?: number;
}

export interface SetCallDataRequest extends CallId, CallContext {
  ani?: string;
  callerEnteredDigits?: string;
  /** Default 0: leave the call type alone. */
  callType?: number;
  peripheralId?: number;
}

export interface SendDtmfRequest extends CallRequest {
  /** 0-9, *, #, A-D: GED-188's DTMFString, Finesse's `dtmfString` ActionParam. */
  dtmfString: string;
  /** Default 0: the peripheral's own. */
  toneDurationMs?: number;
  pauseDurationMs?: number;
}

export interface SuperviseCallRequest {
  /** The agent's call to monitor or barge into. */
  agentCall: CallId;
  supervisorInstrument: string;
  action: 'monitor' | 'barge' | 'clear' | 'whisper' | 'intercept';
  /** The supervisor's own call, e.g. the monitor call when barging in. */
  supervisorCall?: CallId;
  peripheralId?: number;
}

/** What every call-control CONF gives back. */
export interface CallControlResult {
  invokeId: number;
}

/** MAKE / CONSULTATION / SUPERVISE: the identity of the call the request created or joined. */
export interface NewCallResult extends CallControlResult {
  call: Required<CallId>;
}

/** TRANSFER / CONFERENCE: the resulting call and every party on it. */
export interface JoinedCallResult extends NewCallResult {
  parties: Required<CallId>[];
}
