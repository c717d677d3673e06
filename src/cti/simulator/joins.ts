import {
  CallType,
  ControlFailureCode as CF,
  CtiStatus,
  EventCause,
  LocalConnectionState as LCS,
  NULL_CALL_ID,
} from '../protocol/index.ts';
import {
  clearCall,
  detach,
  devicePartyOf,
  dial,
  dialedPartyOf,
  dissolve,
  endIfOver,
  leave,
  partyOf,
} from './call-flow.ts';
import { type Call, type CallInit, type Connection, callVariablesOf } from './calls.ts';
import { cannotDial, connectionOf, isFailure, type Outcome, refuse } from './control.ts';
import type { CallRef, DialInput, SupervisoryActionName } from './types.ts';
import { fail, type Step, type World } from './world.ts';

/**
 * Requests that involve two calls or a second party: consult, transfer (consultative and single
 * step), conference, and a supervisor's silent monitor / barge-in (SUPERVISE_CALL_REQ). The
 * original call keeps its ConnectionCallID; a consult call's parties move onto it and the consult
 * call ends with END_CALL.
 */

/** The call context a consult or monitor call inherits from the original (UCCE copies it). */
function inherited(call: Call): Omit<CallInit, 'callType' | 'calling' | 'called' | 'beginDevice'> {
  return {
    ani: call.ani,
    dnis: call.dnis,
    dialedNumber: call.dialedNumber,
    callerEnteredDigits: call.callerEnteredDigits,
    ...call.variables,
    namedVariables: call.namedVariables,
    namedArrays: call.namedArrays,
    wrapupData: call.wrapupData,
  };
}

/** CONSULTATION_CALL_REQ: CALL_HELD on the active call, then a new call dials as MAKE_CALL does. */
export function consultationCall(world: World, step: Step, active: CallRef, input: DialInput): Outcome {
  const conn = connectionOf(world, active);
  if (isFailure(conn)) return conn;
  if (conn.state !== LCS.CONNECT)
    return refuse(CF.NO_ACTIVE_CALL, `call ${conn.call.id} is not active on ${active.device}`);
  const refusal = cannotDial(world, conn.device, input.dialedNumber, conn);
  if (refusal) return refusal;
  const original = conn.call;
  conn.state = LCS.HOLD;
  step.call('held', original, conn.device, LCS.HOLD, EventCause.CONSULT, { party: partyOf(conn) });
  const calling = devicePartyOf(conn.device);
  const consult = world.calls.create(
    {
      callType: CallType.CONSULT,
      ...inherited(original),
      ...callVariablesOf(input),
      dialedNumber: input.dialedNumber,
      calling,
      called: dialedPartyOf(world, input.dialedNumber),
      beginDevice: conn.device,
    },
    world.now(),
  );
  consult.skillGroup = original.skillGroup;
  consult.add(calling, LCS.INITIATE);
  step.call('begin', consult, conn.device, LCS.NONE, EventCause.NONE);
  step.call('originated', consult, conn.device, LCS.INITIATE, EventCause.CONSULT, { party: consult.called });
  dial(world, step, consult, input.dialedNumber, EventCause.CONSULT);
  return { callId: consult.id, device: conn.device };
}

/** Held (original) and active (consult) connections of one phone, for TRANSFER/CONFERENCE. */
function heldAndActive(world: World, held: CallRef, active: CallRef) {
  const h = connectionOf(world, held);
  if (isFailure(h)) return h;
  const a = connectionOf(world, active);
  if (isFailure(a)) return a;
  if (a.device !== h.device || a.call === h.call) {
    return refuse(
      CF.INVALID_CSTA_CONNECTION_IDENTIFIER,
      'held and active calls must be two calls of one device',
    );
  }
  if (h.state !== LCS.HOLD) return refuse(CF.NO_HELD_CALL, `call ${h.call.id} is not held`);
  const others = a.call.connections.filter((c) => c !== a);
  if (others.length === 0) return refuse(CF.NO_CALL_TO_COMPLETE, `call ${a.call.id} has nobody to join`);
  return { h, a, others };
}

const partiesOf = (call: Call) => call.connections.map((c) => ({ callId: call.id, device: c.device }));

/**
 * TRANSFER_CALL_REQ. Consultative: the consult call's parties move to the original call, the
 * transferring phone leaves both (CALL_TRANSFERRED, END_CALL of the consult call). Single step
 * (no active call): the phone leaves and the dialed number rings on the original call.
 */
export function transferCall(
  world: World,
  step: Step,
  held: CallRef,
  active: CallRef | undefined,
  dialedNumber: string | undefined,
): Outcome {
  if (!active || active.callId === NULL_CALL_ID) return singleStepTransfer(world, step, held, dialedNumber);
  const found = heldAndActive(world, held, active);
  if (isFailure(found)) return found;
  const { h, a, others } = found;
  if (a.state !== LCS.CONNECT && a.state !== LCS.INITIATE)
    return refuse(CF.NO_ACTIVE_CALL, `call ${a.call.id} is not active`);
  const [original, consult] = [h.call, a.call];
  detach(world, h);
  detach(world, a);
  for (const conn of others) original.adopt(conn);
  original.lastRedirect = partyOf(h);
  step.call('transferred', original, h.device, LCS.NULL, EventCause.TRANSFER, {
    secondaryCallId: consult.id,
    controller: partyOf(h),
    added: partyOf(others[0]),
    parties: original.connections.map(partyOf),
  });
  dissolve(world, step, consult, others.find((c) => !c.isExternal)?.device ?? h.device);
  endIfOver(world, step, original);
  return { callId: original.id, device: others[0].device, parties: partiesOf(original) };
}

function singleStepTransfer(world: World, step: Step, held: CallRef, number: string | undefined): Outcome {
  const conn = connectionOf(world, held);
  if (isFailure(conn)) return conn;
  if (!number)
    return fail(CtiStatus.E_CTI_REQUIRED_DATA_MISSING, 'no DialedNumber for a single-step transfer');
  if (number === conn.device) return refuse(CF.INVALID_DESTINATION, `${number} cannot take its own call`);
  if (conn.state !== LCS.CONNECT && conn.state !== LCS.HOLD)
    return refuse(CF.NO_ACTIVE_CALL, `call ${conn.call.id} is not connected`);
  if (world.isDevice(number) && world.isOutOfService(number))
    return refuse(CF.RESOURCE_OUT_OF_SERVICE, `${number} is out of service`);
  const call = conn.call;
  const target = dialedPartyOf(world, number);
  detach(world, conn);
  call.lastRedirect = partyOf(conn);
  const ringing = world.routing.isDialedNumber(number) ? [] : [target];
  step.call('transferred', call, conn.device, LCS.NULL, EventCause.TRANSFER, {
    secondaryCallId: NULL_CALL_ID,
    controller: partyOf(conn),
    added: target,
    parties: [...call.connections.map(partyOf), ...ringing],
  });
  dial(world, step, call, number, EventCause.TRANSFER);
  endIfOver(world, step, call);
  return { callId: call.id, device: number, parties: partiesOf(call) };
}

/** CONFERENCE_CALL_REQ: the consult call's parties join the original; CALL_CONFERENCED, END_CALL of the consult. */
export function conferenceCall(
  world: World,
  step: Step,
  held: CallRef,
  active: CallRef | undefined,
): Outcome {
  if (!active || active.callId === NULL_CALL_ID) {
    return refuse(CF.INVALID_FEATURE, 'single-step conference is not supported; consult first');
  }
  const found = heldAndActive(world, held, active);
  if (isFailure(found)) return found;
  const { h, a, others } = found;
  if (a.state !== LCS.CONNECT || others.some((c) => c.state !== LCS.CONNECT)) {
    return refuse(CF.NO_CALL_TO_COMPLETE, `call ${a.call.id} is not answered yet`);
  }
  const [original, consult] = [h.call, a.call];
  detach(world, a);
  for (const conn of others) original.adopt(conn);
  h.state = LCS.CONNECT;
  step.call('conferenced', original, h.device, LCS.CONNECT, EventCause.NONE, {
    secondaryCallId: consult.id,
    controller: partyOf(h),
    added: partyOf(others[0]),
    parties: original.connections.map(partyOf),
  });
  dissolve(world, step, consult, others.find((c) => !c.isExternal)?.device ?? h.device);
  return { callId: original.id, device: h.device, parties: partiesOf(original) };
}

/**
 * SUPERVISE_CALL_REQ. Monitor: a new SUPERVISOR_MONITOR call on the supervisor's phone (BEGIN_CALL,
 * CALL_ESTABLISHED). Barge-in: the supervisor joins the agent's call (CALL_CONFERENCED), ending its
 * monitor call first. Clear: the supervisor leaves either.
 */
export function superviseCall(
  world: World,
  step: Step,
  agentCall: CallRef,
  supervisor: string,
  action: SupervisoryActionName | undefined,
): Outcome {
  const call = world.calls.get(agentCall.callId);
  if (!call) return fail(CtiStatus.E_CTI_INVALID_CALLID, `no call ${agentCall.callId}`);
  const agentConn = call.on(agentCall.device);
  if (!agentConn) return refuse(CF.AGENT_NOT_PARTY_ON_CALL, `${agentCall.device} is not on call ${call.id}`);
  if (!supervisor) return fail(CtiStatus.E_CTI_REQUIRED_DATA_MISSING, "no supervisor's AgentInstrument");
  if (!world.isDevice(supervisor))
    return refuse(CF.INVALID_CSTA_DEVICE_IDENTIFIER, `${supervisor} is not a device`);
  const monitor = [...call.monitors].find((m) => m.on(supervisor));
  const barged = call.on(supervisor);
  if (action === 'clear') {
    if (monitor) clearCall(world, step, monitor, supervisor, EventCause.SUPERVISOR_CLEAR);
    else if (barged) leave(world, step, barged, EventCause.SUPERVISOR_CLEAR);
    else return refuse(CF.NO_CALL_TO_CLEAR, `${supervisor} neither monitors nor is on call ${call.id}`);
    return { callId: (monitor ?? call).id, device: supervisor };
  }
  if (action !== 'monitor' && action !== 'barge')
    return refuse(CF.INVALID_FEATURE, `supervisory action ${action} is not supported`);
  if (barged || (monitor && action === 'monitor')) {
    return refuse(
      CF.GENERIC_STATE_INCOMPATIBILITY,
      `${supervisor} already ${barged ? 'is on' : 'monitors'} call ${call.id}`,
    );
  }
  const refusal = cannotDial(world, supervisor, agentCall.device, monitor?.on(supervisor));
  if (refusal) return refusal;
  const party = devicePartyOf(supervisor);
  if (action === 'monitor') return startMonitor(world, step, call, agentConn, supervisor);
  if (monitor) clearCall(world, step, monitor, supervisor, EventCause.SUPERVISOR_BARGE_IN);
  call.add(party, LCS.CONNECT, { isSupervisory: true });
  step.call('conferenced', call, supervisor, LCS.CONNECT, EventCause.SUPERVISOR_BARGE_IN, {
    secondaryCallId: monitor?.id ?? NULL_CALL_ID,
    controller: party,
    added: party,
    parties: call.connections.map(partyOf),
  });
  return { callId: call.id, device: supervisor };
}

function startMonitor(
  world: World,
  step: Step,
  call: Call,
  agentConn: Connection,
  supervisor: string,
): Outcome {
  const party = devicePartyOf(supervisor);
  const monitor = world.calls.create(
    {
      callType: CallType.SUPERVISOR_MONITOR,
      ...inherited(call),
      calling: partyOf(agentConn),
      called: party,
      beginDevice: supervisor,
    },
    world.now(),
  );
  monitor.monitorOf = call;
  call.monitors.add(monitor);
  monitor.add(party, LCS.CONNECT, { isSupervisory: true });
  step.call('begin', monitor, supervisor, LCS.NONE, EventCause.NONE);
  step.call('established', monitor, supervisor, LCS.CONNECT, EventCause.SILENT_MONITOR, { party });
  return { callId: monitor.id, device: supervisor };
}
