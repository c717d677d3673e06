import {
  CallType,
  ControlFailureCode as CF,
  CtiStatus,
  DeviceIdType,
  EventCause,
  LocalConnectionState as LCS,
  NULL_CALL_ID,
} from '../protocol/index.ts';
import { clearCall, devicePartyOf, dial, dialedPartyOf, establish, leave, partyOf } from './call-flow.ts';
import { type Connection, callVariablesOf } from './calls.ts';
import type { AcdFailure, CallDataInput, CallOutcome, CallRef, DialInput } from './types.ts';
import { fail, type Step, type World } from './world.ts';

/**
 * Single-call requests (A.4): answer, hold, retrieve, drop, clear, make call, call data, DTMF.
 * Each validates first and changes nothing when it refuses: FAILURE_CONF for what the CTI server
 * itself checks (unknown call, missing data), CONTROL_FAILURE_CONF (a CF_ code) for what the
 * peripheral refuses (wrong state, busy phone).
 */

export type Outcome = AcdFailure | CallOutcome | undefined;

/** A CONTROL_FAILURE_CONF refusal. */
export function refuse(failureCode: number, reason: string): AcdFailure {
  return fail(CtiStatus.E_CTI_UNSPECIFIED_FAILURE, reason, failureCode);
}

/**
 * The connection a request names. ConnectionCallID 0xFFFFFFFF means "the call alerting on the
 * device" (A.4: ANSWER_CALL_REQ when the call id is not known yet).
 */
export function connectionOf(world: World, ref: CallRef): Connection | AcdFailure {
  if (!ref.device) return fail(CtiStatus.E_CTI_REQUIRED_DATA_MISSING, 'no ConnectionDeviceID');
  if (ref.callId === NULL_CALL_ID) {
    const alerting = world.calls.onDevice(ref.device).find((c) => c.state === LCS.ALERTING);
    return alerting ?? refuse(CF.NO_CALL_TO_ANSWER, `nothing alerts on ${ref.device}`);
  }
  const call = world.calls.get(ref.callId);
  if (!call) return fail(CtiStatus.E_CTI_INVALID_CALLID, `no call ${ref.callId}`);
  return (
    call.on(ref.device) ??
    refuse(CF.INVALID_CSTA_CONNECTION_IDENTIFIER, `${ref.device} is not on call ${ref.callId}`)
  );
}

export function isFailure(value: unknown): value is AcdFailure {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}

export function answerCall(world: World, step: Step, ref: CallRef): Outcome {
  const conn = connectionOf(world, ref);
  if (isFailure(conn)) return conn;
  if (conn.state !== LCS.ALERTING)
    return refuse(CF.NO_CALL_TO_ANSWER, `call ${conn.call.id} does not alert on ${ref.device}`);
  establish(world, step, conn);
  return undefined;
}

export function holdCall(world: World, step: Step, ref: CallRef): Outcome {
  const conn = connectionOf(world, ref);
  if (isFailure(conn)) return conn;
  if (conn.state !== LCS.CONNECT)
    return refuse(CF.NO_ACTIVE_CALL, `call ${conn.call.id} is not active on ${ref.device}`);
  conn.state = LCS.HOLD;
  step.call('held', conn.call, conn.device, LCS.HOLD, EventCause.NONE, { party: partyOf(conn) });
  return undefined;
}

export function retrieveCall(world: World, step: Step, ref: CallRef): Outcome {
  const conn = connectionOf(world, ref);
  if (isFailure(conn)) return conn;
  if (conn.state !== LCS.HOLD)
    return refuse(CF.NO_HELD_CALL, `call ${conn.call.id} is not held on ${ref.device}`);
  if (world.calls.onDevice(conn.device).some((c) => c !== conn && c.state !== LCS.HOLD)) {
    return refuse(CF.GENERIC_STATE_INCOMPATIBILITY, `${ref.device} has another active call`);
  }
  conn.state = LCS.CONNECT;
  step.call('retrieved', conn.call, conn.device, LCS.CONNECT, EventCause.NONE, { party: partyOf(conn) });
  return undefined;
}

/** CLEAR_CONNECTION_REQ: the device leaves (Finesse's DROP); a two-party call ends with it. */
export function clearConnection(world: World, step: Step, ref: CallRef): Outcome {
  const conn = connectionOf(world, ref);
  if (isFailure(conn)) return conn;
  leave(world, step, conn, EventCause.NONE);
  return undefined;
}

/** CLEAR_CALL_REQ: the call ends for every party. */
export function clearWholeCall(world: World, step: Step, ref: CallRef): Outcome {
  const conn = connectionOf(world, ref);
  if (isFailure(conn)) return conn;
  clearCall(world, step, conn.call, conn.device, EventCause.NONE);
  return undefined;
}

/** Why `instrument` cannot start a new call now, if it cannot. */
export function cannotDial(
  world: World,
  instrument: string,
  number: string,
  keep?: Connection,
): AcdFailure | undefined {
  if (!instrument || !number)
    return fail(CtiStatus.E_CTI_REQUIRED_DATA_MISSING, 'no AgentInstrument or DialedNumber');
  if (!world.isDevice(instrument)) return refuse(CF.INVALID_CALLING_DEVICE, `${instrument} is not a device`);
  if (world.isOutOfService(instrument))
    return refuse(CF.RESOURCE_OUT_OF_SERVICE, `${instrument} is out of service`);
  if (number === instrument) return refuse(CF.INVALID_DESTINATION, `${instrument} cannot call itself`);
  if (world.calls.onDevice(instrument).some((c) => c !== keep && c.state !== LCS.HOLD)) {
    return refuse(CF.RESOURCE_BUSY, `${instrument} is on another call`);
  }
  return undefined;
}

/**
 * MAKE_CALL_REQ: BEGIN_CALL and CALL_ORIGINATED on the dialing phone, then the far end rings
 * (CALL_DELIVERED), fails (CALL_FAILED), or the call queues (a routing number).
 */
export function makeCall(world: World, step: Step, input: DialInput): Outcome {
  const refusal = cannotDial(world, input.instrument, input.dialedNumber);
  if (refusal) return refusal;
  const target = dialedPartyOf(world, input.dialedNumber);
  const calling = devicePartyOf(input.instrument);
  const call = world.calls.create(
    {
      callType: target.deviceType === DeviceIdType.EXTERNAL ? CallType.AGENT_OUT : CallType.AGENT_INSIDE,
      ani: input.instrument,
      dnis: input.dialedNumber,
      dialedNumber: input.dialedNumber,
      ...callVariablesOf(input),
      namedVariables: input.namedVariables,
      namedArrays: input.namedArrays,
      wrapupData: input.wrapupData,
      calling,
      called: target,
      beginDevice: input.instrument,
    },
    world.now(),
  );
  call.add(calling, LCS.INITIATE);
  step.call('begin', call, input.instrument, LCS.NONE, EventCause.NONE);
  step.call('originated', call, input.instrument, LCS.INITIATE, EventCause.NEW_CALL, { party: target });
  dial(world, step, call, input.dialedNumber, EventCause.NEW_CALL);
  return { callId: call.id, device: input.instrument };
}

/** Combined NAMEDVAR/NAMEDARRAY data above this is E_CTI_TOO_MUCH_DATA (A.2). */
const MAX_NAMED_DATA = 2000;

/** SET_CALL_DATA_REQ: the new values, then CALL_DATA_UPDATE_EVENT with the whole call context. */
export function setCallData(world: World, step: Step, ref: CallRef, data: CallDataInput): Outcome {
  const conn = connectionOf(world, ref);
  if (isFailure(conn)) return conn;
  const call = conn.call;
  const named = [...(data.namedVariables ?? []), ...(data.namedArrays ?? [])];
  const size = named.reduce((n, v) => n + Buffer.byteLength(`${v.name}\0${v.value}\0`) + 1, 0);
  if (size > MAX_NAMED_DATA) return fail(CtiStatus.E_CTI_TOO_MUCH_DATA, `${size} bytes of named data`);
  call.variables = { ...call.variables, ...callVariablesOf(data) };
  if (data.ani !== undefined) call.ani = data.ani;
  if (data.callerEnteredDigits !== undefined) call.callerEnteredDigits = data.callerEnteredDigits;
  if (data.wrapupData !== undefined) call.wrapupData = data.wrapupData;
  for (const v of data.namedVariables ?? []) {
    call.namedVariables = [...call.namedVariables.filter((old) => old.name !== v.name), v];
  }
  for (const v of data.namedArrays ?? []) {
    call.namedArrays = [...call.namedArrays.filter((old) => old.name !== v.name || old.index !== v.index), v];
  }
  step.call('dataUpdate', call, conn.device, conn.state, EventCause.NONE);
  return undefined;
}

const DTMF_DIGITS = /^[0-9*#A-Da-d]+$/;

/** SEND_DTMF_SIGNAL_REQ: accepted on an active call; the tones leave no event behind. */
export function sendDtmf(world: World, ref: CallRef, dtmfString: string | undefined): Outcome {
  const conn = connectionOf(world, ref);
  if (isFailure(conn)) return conn;
  if (!dtmfString || !DTMF_DIGITS.test(dtmfString))
    return fail(CtiStatus.E_CTI_INVALID_DIGITS, `bad DTMF string "${dtmfString ?? ''}"`);
  if (conn.state !== LCS.CONNECT)
    return refuse(CF.NO_ACTIVE_CALL, `call ${conn.call.id} is not active on ${ref.device}`);
  return undefined;
}
