import type { CallData, CallEvent, CallRef, CallVariable, CtiCallControl } from '../core/index.ts';
import type { CallControl, CallId, NamedArrayItem } from '../cti/index.ts';
import { type CallEvent as CtiCallEvent, NULL_CALL_ID, NULL_SKILL_GROUP } from '../cti/index.ts';

/**
 * The composition root's adapters between the CTI client and core's Dialogs: GED-188 call events
 * to core's `CallEvent`s, and core's call-control requests to the client's typed methods. Core
 * depends on the CTI link only through these (as it does through the agent-state mapping).
 */

type Msg<T extends CtiCallEvent['type']> = Extract<CtiCallEvent, { type: T }>;

const VARIABLES = Array.from({ length: 10 }, (_, i) => `callVariable${i + 1}` as const);

export function ref(m: {
  connectionCallId: number;
  connectionDeviceIdType: number;
  connectionDeviceId?: string;
}): CallRef {
  return {
    callId: m.connectionCallId,
    deviceIdType: m.connectionDeviceIdType,
    deviceId: m.connectionDeviceId ?? '',
  };
}

/** 0xFFFFFFFF is GED-188's "none" in the fixed part (no skill group, no service). */
const known = (n: number | undefined) => (n === undefined || n === NULL_SKILL_GROUP ? undefined : n);

type CallDataFields = Partial<Record<(typeof VARIABLES)[number], string>> & {
  ani?: string;
  dnis?: string;
  dialedNumber?: string;
  callWrapupData?: string;
  namedVariable?: { name: string; value: string }[];
  namedArray?: NamedArrayItem[];
  routerCallKeyDay?: number;
  routerCallKeyCallId?: number;
  routerCallKeySequenceNumber?: number;
};

export function callData(m: CallDataFields): CallData {
  const callVariables: CallVariable[] = [];
  for (const name of VARIABLES) if (m[name] !== undefined) callVariables.push({ name, value: m[name] });
  for (const v of m.namedVariable ?? []) callVariables.push({ name: v.name, value: v.value });
  for (const v of m.namedArray ?? []) callVariables.push({ name: `${v.name}[${v.index}]`, value: v.value });
  return {
    ani: m.ani,
    dnis: m.dnis,
    dialedNumber: m.dialedNumber,
    callVariables,
    callWrapupData: m.callWrapupData,
    routerCallKeyDay: m.routerCallKeyDay,
    routerCallKeyCallId: m.routerCallKeyCallId,
    routerCallKeySequenceNumber: m.routerCallKeySequenceNumber,
  };
}

function joined(m: Msg<'CALL_CONFERENCED_EVENT'> | Msg<'CALL_TRANSFERRED_EVENT'>) {
  const ids = m.connectedPartyCallId ?? [];
  return {
    primary: {
      callId: m.primaryCallId,
      deviceIdType: m.primaryDeviceIdType,
      deviceId: m.primaryDeviceId ?? '',
    },
    // A single-step transfer names no consult call (0xFFFFFFFF).
    secondary: {
      callId: m.secondaryCallId,
      deviceIdType: m.secondaryDeviceIdType,
      deviceId: m.secondaryDeviceId ?? '',
    },
    parties: ids.map((callId, i) => ({
      call: {
        callId,
        deviceIdType: m.connectedPartyDeviceIdType?.[i] ?? 0,
        deviceId: m.connectedPartyDeviceId?.[i] ?? '',
      },
      device: m.connectedPartyDeviceId?.[i] ?? '',
    })),
  };
}

/** A call event as core takes it; undefined for those core has no use for (CALL_DEQUEUED). */
export function callEventOf(m: CtiCallEvent): CallEvent | undefined {
  switch (m.type) {
    case 'BEGIN_CALL_EVENT':
      return { type: 'BEGIN_CALL', call: ref(m), callType: m.callType, ...callData(m) };
    case 'CALL_DELIVERED_EVENT':
      return {
        type: 'DELIVERED',
        call: ref(m),
        alertingDevice: m.alertingDeviceId,
        callingDevice: m.callingDeviceId,
        calledDevice: m.calledDeviceId,
        serviceNumber: known(m.serviceNumber),
        skillGroupNumber: known(m.skillGroupNumber),
        ...callData(m),
      };
    case 'CALL_ESTABLISHED_EVENT':
      return {
        type: 'ESTABLISHED',
        call: ref(m),
        answeringDevice: m.answeringDeviceId,
        callingDevice: m.callingDeviceId,
        calledDevice: m.calledDeviceId,
        serviceNumber: known(m.serviceNumber),
        skillGroupNumber: known(m.skillGroupNumber),
      };
    case 'CALL_ORIGINATED_EVENT':
      return {
        type: 'ORIGINATED',
        call: ref(m),
        callingDevice: m.callingDeviceId,
        calledDevice: m.calledDeviceId,
      };
    case 'CALL_QUEUED_EVENT':
      return {
        type: 'QUEUED',
        call: ref(m),
        callingDevice: m.callingDeviceId,
        calledDevice: m.calledDeviceId,
        serviceNumber: known(m.serviceNumber),
        skillGroupNumber: known(m.skillGroupNumber?.[0]),
      };
    case 'CALL_HELD_EVENT':
      return { type: 'HELD', call: ref(m), holdingDevice: m.holdingDeviceId };
    case 'CALL_RETRIEVED_EVENT':
      return { type: 'RETRIEVED', call: ref(m), retrievingDevice: m.retrievingDeviceId };
    case 'CALL_CONNECTION_CLEARED_EVENT':
      return { type: 'CONNECTION_CLEARED', call: ref(m), releasingDevice: m.releasingDeviceId };
    case 'CALL_CLEARED_EVENT':
      return { type: 'CLEARED', call: ref(m) };
    case 'CALL_FAILED_EVENT':
      return { type: 'FAILED', call: ref(m), failingDevice: m.failingDeviceId, eventCause: m.eventCause };
    case 'CALL_CONFERENCED_EVENT':
      return {
        type: 'CONFERENCED',
        ...joined(m),
        controllerDevice: m.controllerDeviceId,
        addedPartyDevice: m.addedPartyDeviceId,
      };
    case 'CALL_TRANSFERRED_EVENT':
      return {
        type: 'TRANSFERRED',
        ...joined(m),
        transferringDevice: m.transferringDeviceId,
        transferredDevice: m.transferredDeviceId,
      };
    case 'CALL_DATA_UPDATE_EVENT': {
      const isNew = m.newConnectionCallId !== NULL_CALL_ID && m.newConnectionDeviceId !== undefined;
      return {
        type: 'DATA_UPDATE',
        call: ref(m),
        ...(isNew
          ? {
              newCall: {
                callId: m.newConnectionCallId,
                deviceIdType: m.newConnectionDeviceIdType,
                deviceId: m.newConnectionDeviceId ?? '',
              },
            }
          : {}),
        callType: m.callType || undefined,
        ...callData(m),
      };
    }
    case 'AGENT_PRE_CALL_EVENT':
      return m.agentInstrument
        ? { type: 'AGENT_PRE_CALL', instrument: m.agentInstrument, ...callData(m) }
        : undefined;
    case 'END_CALL_EVENT':
      return { type: 'END_CALL', call: ref(m) };
    default:
      return undefined;
  }
}

const callId = (c: CallRef): CallId => ({
  connectionCallId: c.callId,
  connectionDeviceIdType: c.deviceIdType,
  connectionDeviceId: c.deviceId,
});

/**
 * Core's call variables as GED-188 call data (SET_CALL_DATA_REQ, MAKE_CALL_REQ): CallVariable1–10,
 * ECC scalars `user.x` as NamedVariable, ECC array elements `user.x[i]` as NamedArray.
 */
function callContext(variables: readonly CallVariable[] = []) {
  const context: Partial<Record<(typeof VARIABLES)[number], string>> & {
    namedVariable?: CallVariable[];
    namedArray?: NamedArrayItem[];
  } = {};
  const named: CallVariable[] = [];
  const arrays: NamedArrayItem[] = [];
  for (const v of variables) {
    const element = /^(.+)\[(\d+)\]$/.exec(v.name);
    if ((VARIABLES as readonly string[]).includes(v.name))
      context[v.name as (typeof VARIABLES)[number]] = v.value;
    else if (element) arrays.push({ name: element[1], index: Number(element[2]), value: v.value });
    else named.push({ name: v.name, value: v.value });
  }
  if (named.length > 0) context.namedVariable = named;
  if (arrays.length > 0) context.namedArray = arrays;
  return context;
}

/** Core's `CtiCallControl` over the CTI client's call-control methods. */
export function callControlPort(client: CallControl): Required<CtiCallControl> {
  return {
    answerCall: ({ call, instrument }) => client.answerCall({ ...callId(call), agentInstrument: instrument }),
    // CLEAR_CONNECTION names the connection of the device that leaves.
    clearConnection: ({ call, device, instrument }) =>
      client.clearConnection({ ...callId({ ...call, deviceId: device }), agentInstrument: instrument }),
    holdCall: ({ call, instrument }) => client.holdCall({ ...callId(call), agentInstrument: instrument }),
    retrieveCall: ({ call, instrument }) =>
      client.retrieveCall({ ...callId(call), agentInstrument: instrument }),
    consultationCall: ({ call, instrument, dialedNumber }) =>
      client.consultationCall({ activeCall: callId(call), agentInstrument: instrument, dialedNumber }),
    transferCall: ({ held, active, dialedNumber, instrument }) =>
      client.transferCall({
        heldCall: callId(held),
        ...(active ? { activeCall: callId(active) } : {}),
        ...(dialedNumber ? { dialedNumber } : {}),
        agentInstrument: instrument,
      }),
    conferenceCall: ({ held, active, instrument }) =>
      client.conferenceCall({
        heldCall: callId(held),
        activeCall: callId(active),
        agentInstrument: instrument,
      }),
    setCallData: ({ call, callVariables, callWrapupData }) =>
      client.setCallData({
        ...callId(call),
        ...callContext(callVariables),
        ...(callWrapupData !== undefined ? { callWrapupData } : {}),
      }),
    sendDtmf: ({ call, instrument, dtmfString }) =>
      client.sendDtmf({ ...callId(call), agentInstrument: instrument, dtmfString }),
    superviseCall: ({ agentCall, supervisorInstrument, supervisorCall, action }) =>
      client.superviseCall({
        agentCall: callId(agentCall),
        supervisorInstrument,
        ...(supervisorCall ? { supervisorCall: callId(supervisorCall) } : {}),
        action: action === 'MONITOR' ? 'monitor' : 'barge',
      }),
    makeCall: ({ instrument, dialedNumber, callVariables }) =>
      client.makeCall({ agentInstrument: instrument, dialedNumber, ...callContext(callVariables) }),
  };
}
