import {
  CallType,
  ConnectionDeviceIdType,
  CtiStatus,
  ctiStatusName,
  LineType,
  type Message,
  type Msg,
  NULL_CALL_ID,
  ServiceMask,
} from '../protocol/index.ts';
import { callVariablesOf } from './calls.ts';
import type { ServerContext } from './handlers.ts';
import type { ServerSession } from './session.ts';
import type { AcdResult, CallOutcome, CallRef, DialInput } from './types.ts';

/**
 * Call-control requests of an open session (A.4): each becomes one ACD operation; the requester
 * gets the CONF (or FAILURE_CONF / CONTROL_FAILURE_CONF), then every ALL_EVENTS client the
 * events — the CONF first, as a CTI server confirms before it reports.
 */

type CallRequestMessage = Extract<
  Message,
  {
    type:
      | 'ANSWER_CALL_REQ'
      | 'CLEAR_CALL_REQ'
      | 'CLEAR_CONNECTION_REQ'
      | 'HOLD_CALL_REQ'
      | 'RETRIEVE_CALL_REQ'
      | 'MAKE_CALL_REQ'
      | 'CONSULTATION_CALL_REQ'
      | 'TRANSFER_CALL_REQ'
      | 'CONFERENCE_CALL_REQ'
      | 'SET_CALL_DATA_REQ'
      | 'SEND_DTMF_SIGNAL_REQ'
      | 'SUPERVISE_CALL_REQ';
  }
>;

const CALL_REQUESTS = new Set<string>([
  'ANSWER_CALL_REQ',
  'CLEAR_CALL_REQ',
  'CLEAR_CONNECTION_REQ',
  'HOLD_CALL_REQ',
  'RETRIEVE_CALL_REQ',
  'MAKE_CALL_REQ',
  'CONSULTATION_CALL_REQ',
  'TRANSFER_CALL_REQ',
  'CONFERENCE_CALL_REQ',
  'SET_CALL_DATA_REQ',
  'SEND_DTMF_SIGNAL_REQ',
  'SUPERVISE_CALL_REQ',
]);

export function isCallRequest(msg: Message): msg is CallRequestMessage {
  return CALL_REQUESTS.has(msg.type);
}

/** A connection named by a request: its call id and device (the instrument when no device is given). */
function refOf(callId: number, device: string | undefined, instrument: string | undefined): CallRef {
  return { callId, device: device ?? instrument ?? '' };
}

function dialInput(m: Msg<'MAKE_CALL_REQ'> | Msg<'CONSULTATION_CALL_REQ'>, instrument: string): DialInput {
  return {
    instrument,
    dialedNumber: m.dialedNumber ?? '',
    ...callVariablesOf(m),
    namedVariables: m.namedVariable,
    namedArrays: m.namedArray,
    wrapupData: m.callWrapupData,
  };
}

export function handleCallRequest(ctx: ServerContext, session: ServerSession, msg: CallRequestMessage) {
  const granted = session.servicesGranted;
  const mayControl = (granted & ServiceMask.CLIENT_CONTROL) !== 0;
  const maySetData = mayControl || (granted & ServiceMask.CALL_DATA_UPDATE) !== 0;
  if (!(msg.type === 'SET_CALL_DATA_REQ' ? maySetData : mayControl)) {
    session.fail(msg.invokeId, CtiStatus.E_CTI_FUNCTION_NOT_AVAILABLE);
    return;
  }
  if (!ctx.peripheralIds.has(msg.peripheralId)) {
    session.fail(msg.invokeId, CtiStatus.E_CTI_INVALID_PERIPHERAL_ID);
    return;
  }
  const { acd } = ctx;
  const respond = (result: AcdResult, conf: (outcome: CallOutcome | undefined) => Message) =>
    reply(ctx, session, msg, result, conf);
  const simple = () => ({ type: `${msg.type.slice(0, -4)}_CONF`, invokeId: msg.invokeId }) as Message;
  switch (msg.type) {
    case 'ANSWER_CALL_REQ':
    case 'CLEAR_CALL_REQ':
    case 'CLEAR_CONNECTION_REQ':
    case 'HOLD_CALL_REQ':
    case 'RETRIEVE_CALL_REQ': {
      const ref = refOf(msg.connectionCallId, msg.connectionDeviceId, msg.agentInstrument);
      const op = {
        ANSWER_CALL_REQ: () => acd.answerCall(ref),
        CLEAR_CALL_REQ: () => acd.clearCall(ref),
        CLEAR_CONNECTION_REQ: () => acd.clearConnection(ref),
        HOLD_CALL_REQ: () => acd.holdCall(ref),
        RETRIEVE_CALL_REQ: () => acd.retrieveCall(ref),
      }[msg.type];
      return respond(op(), simple);
    }
    case 'MAKE_CALL_REQ':
      return respond(acd.makeCall(dialInput(msg, msg.agentInstrument ?? '')), (o) =>
        newCallConf(ctx, msg, o),
      );
    case 'CONSULTATION_CALL_REQ': {
      const active = refOf(msg.activeConnectionCallId, msg.activeConnectionDeviceId, msg.agentInstrument);
      const result = acd.consultationCall(active, dialInput(msg, active.device));
      return respond(result, (o) => newCallConf(ctx, msg, o));
    }
    case 'TRANSFER_CALL_REQ':
    case 'CONFERENCE_CALL_REQ': {
      const held = refOf(msg.heldConnectionCallId, msg.heldConnectionDeviceId, msg.agentInstrument);
      const active =
        msg.activeConnectionCallId === NULL_CALL_ID
          ? undefined
          : refOf(msg.activeConnectionCallId, msg.activeConnectionDeviceId, msg.agentInstrument);
      const result =
        msg.type === 'TRANSFER_CALL_REQ'
          ? acd.transferCall(held, active, msg.dialedNumber)
          : acd.conferenceCall(held, active);
      return respond(result, (o) => joinedCallConf(msg, o));
    }
    case 'SET_CALL_DATA_REQ': {
      const ref = refOf(msg.connectionCallId, msg.connectionDeviceId, undefined);
      const result = acd.setCallData(ref, {
        ...callVariablesOf(msg),
        ani: msg.ani,
        callerEnteredDigits: msg.callerEnteredDigits,
        wrapupData: msg.callWrapupData,
        namedVariables: msg.namedVariable,
        namedArrays: msg.namedArray,
      });
      return respond(result, simple);
    }
    case 'SEND_DTMF_SIGNAL_REQ': {
      const ref = refOf(msg.connectionCallId, msg.connectionDeviceId, msg.agentInstrument);
      const result = acd.sendDtmf(ref, msg.dtmfString);
      if (result.ok) ctx.trace(`Trace: DTMF "${msg.dtmfString}" on call ${ref.callId} from ${ref.device}`);
      return respond(result, simple);
    }
    case 'SUPERVISE_CALL_REQ': {
      const agentCall = refOf(msg.agentConnectionCallId, msg.agentConnectionDeviceId, undefined);
      const supervisor = msg.agentInstrument ?? msg.supervisorConnectionDeviceId ?? '';
      const result = acd.superviseCall(agentCall, supervisor, msg.supervisoryAction);
      return respond(result, (o) => ({
        type: 'SUPERVISE_CALL_CONF',
        invokeId: msg.invokeId,
        connectionCallId: o?.callId ?? NULL_CALL_ID,
        connectionDeviceIdType: ConnectionDeviceIdType.STATIC,
        connectionDeviceId: o?.device ?? supervisor,
      }));
    }
  }
}

function reply(
  ctx: ServerContext,
  session: ServerSession,
  msg: CallRequestMessage,
  result: AcdResult,
  conf: (outcome: CallOutcome | undefined) => Message,
): void {
  if (!result.ok) {
    ctx.trace(
      `Trace: ${msg.type} refused: ${result.failureCode === undefined ? ctiStatusName(result.status) : `CF ${result.failureCode}`}: ${result.reason}`,
    );
    if (result.failureCode === undefined) session.fail(msg.invokeId, result.status);
    else
      session.send({
        type: 'CONTROL_FAILURE_CONF',
        invokeId: msg.invokeId,
        failureCode: result.failureCode,
        peripheralErrorCode: 0,
        text: result.reason.slice(0, 254),
      });
    return;
  }
  session.send(conf(result.call));
  ctx.broadcast(result.events);
}

function newCallConf(
  ctx: ServerContext,
  msg: { invokeId: number; type: string },
  o: CallOutcome | undefined,
): Message {
  const callType = o ? ctx.acd.call(o.callId)?.callType : undefined;
  return {
    type: msg.type === 'MAKE_CALL_REQ' ? 'MAKE_CALL_CONF' : 'CONSULTATION_CALL_CONF',
    invokeId: msg.invokeId,
    newConnectionCallId: o?.callId ?? NULL_CALL_ID,
    newConnectionDeviceIdType: ConnectionDeviceIdType.STATIC,
    lineHandle: 0,
    lineType: callType === CallType.AGENT_OUT ? LineType.OUTBOUND : LineType.INSIDE,
    newConnectionDeviceId: o?.device ?? '',
  };
}

function joinedCallConf(msg: { invokeId: number; type: string }, o: CallOutcome | undefined): Message {
  const parties = o?.parties ?? [];
  return {
    type: msg.type === 'TRANSFER_CALL_REQ' ? 'TRANSFER_CALL_CONF' : 'CONFERENCE_CALL_CONF',
    invokeId: msg.invokeId,
    newConnectionCallId: o?.callId ?? NULL_CALL_ID,
    newConnectionDeviceIdType: ConnectionDeviceIdType.STATIC,
    numParties: parties.length,
    lineHandle: 0,
    lineType: LineType.INBOUND_ACD,
    newConnectionDeviceId: o?.device ?? '',
    connectedPartyCallId: parties.map((p) => p.callId),
    connectedPartyDeviceIdType: parties.map(() => ConnectionDeviceIdType.STATIC),
    connectedPartyDeviceId: parties.map((p) => p.device),
  };
}
