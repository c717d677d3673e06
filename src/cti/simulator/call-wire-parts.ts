import {
  CallType,
  ConnectionDeviceIdType,
  DeviceIdType,
  LineType,
  NULL_SERVICE,
  NULL_SKILL_GROUP,
  PeripheralType,
} from '../protocol/index.ts';
import type { AcdCallEvent, CallView, Party } from './types.ts';

/** The field groups call-wire.ts assembles call events from. */

export const STATIC = ConnectionDeviceIdType.STATIC;
export const VOICE_MRD = 1;
export const NO_PARTY: Party = { device: '', deviceType: DeviceIdType.NONE };

export function identity(e: AcdCallEvent, peripheralId: number) {
  return {
    monitorId: 0,
    peripheralId,
    peripheralType: PeripheralType.ENTERPRISE_AGENT,
    connectionDeviceIdType: STATIC,
    connectionCallId: e.call.id,
  };
}

/** Inbound ACD for routed calls, outbound for calls to outside numbers, inside for the rest. */
export function lineTypeOf(call: CallView): number {
  if (call.callType === CallType.PREROUTE_ACD_IN) return LineType.INBOUND_ACD;
  if (call.callType === CallType.AGENT_OUT) return LineType.OUTBOUND;
  return LineType.INSIDE;
}

export function routing(call: CallView) {
  return {
    lineHandle: 0,
    lineType: lineTypeOf(call),
    serviceNumber: NULL_SERVICE,
    serviceId: NULL_SERVICE,
    skillGroupNumber: call.skillGroup?.number ?? NULL_SKILL_GROUP,
    skillGroupId: call.skillGroup?.id ?? NULL_SKILL_GROUP,
    skillGroupPriority: call.skillGroup?.priority ?? 0,
  };
}

export const nonEmpty = (value: string | undefined) => (value ? value : undefined);

/** ANI … NamedArray: the call context, empty values left out. */
export function callData(call: CallView) {
  return defined({
    ani: nonEmpty(call.ani),
    dnis: nonEmpty(call.dnis),
    dialedNumber: nonEmpty(call.dialedNumber),
    callerEnteredDigits: nonEmpty(call.callerEnteredDigits),
    ...call.variables,
    callWrapupData: nonEmpty(call.wrapupData),
    namedVariable: call.namedVariables.length > 0 ? [...call.namedVariables] : undefined,
    namedArray: call.namedArrays.length > 0 ? [...call.namedArrays] : undefined,
  });
}

export function namedCounts(call: CallView) {
  return { numNamedVariables: call.namedVariables.length, numNamedArrays: call.namedArrays.length };
}

export function routerCallKey(call: CallView) {
  const key = call.routerCallKey;
  return key
    ? {
        routerCallKeyDay: key.day,
        routerCallKeyCallId: key.callId,
        routerCallKeySequenceNumber: key.sequence,
      }
    : {};
}

/** Calling/Called/LastRedirect device types (fixed part) and ids (floating part). */
export function callDevices(call: CallView) {
  return {
    types: {
      callingDeviceType: call.calling.deviceType,
      calledDeviceType: call.called.deviceType,
      lastRedirectDeviceType: call.lastRedirect?.deviceType ?? DeviceIdType.NONE,
    },
    ids: defined({
      callingDeviceId: nonEmpty(call.calling.device),
      calledDeviceId: nonEmpty(call.called.device),
      lastRedirectDeviceId: call.lastRedirect?.device,
    }),
  };
}

export function skillGroupEntries(call: CallView) {
  const g = call.skillGroup;
  return g
    ? {
        numSkillGroups: 1,
        lists: { skillGroupNumber: [g.number], skillGroupId: [g.id], skillGroupPriority: [g.priority ?? 0] },
      }
    : { numSkillGroups: 0, lists: {} };
}

export function connectedParties(e: AcdCallEvent) {
  const parties = e.parties ?? [];
  return {
    numParties: parties.length,
    lists: {
      connectedPartyCallId: parties.map(() => e.call.id),
      connectedPartyDeviceIdType: parties.map(() => STATIC),
      connectedPartyDeviceId: parties.map((p) => p.device),
    },
  };
}

export function defined<T extends Record<string, unknown>>(
  fields: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as never;
}

export function pick<T extends Record<string, unknown>, K extends keyof T>(
  source: T,
  ...keys: K[]
): Pick<T, K> {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]])) as Pick<
    T,
    K
  >;
}
