import {
  type CallEvent,
  NULL_CALL_ID,
  NULL_SERVICE,
  NULL_SKILL_GROUP,
  PeripheralType,
} from '../protocol/index.ts';
import {
  callData,
  callDevices,
  connectedParties,
  identity,
  NO_PARTY,
  namedCounts,
  pick,
  routerCallKey,
  routing,
  STATIC,
  skillGroupEntries,
  VOICE_MRD,
} from './call-wire-parts.ts';
import type { AcdCallEvent } from './types.ts';

/**
 * The ACD's call events as GED-188 messages (A.4). ConnectionDeviceIDType is always STATIC here:
 * device ids are extensions and numbers, never dynamic CUCM ids.
 */

/** The GED-188 message of one call event. */
export function callEventMessageOf(e: AcdCallEvent, peripheralId: number): CallEvent {
  const { call } = e;
  const id = identity(e, peripheralId);
  const state = { localConnectionState: e.localConnectionState, eventCause: e.eventCause };
  const party = e.party ?? NO_PARTY;
  const devices = callDevices(call);
  switch (e.kind) {
    case 'preCall':
      return {
        type: 'AGENT_PRE_CALL_EVENT',
        monitorId: 0,
        ...namedCounts(call),
        serviceNumber: NULL_SERVICE,
        serviceId: NULL_SERVICE,
        skillGroupNumber: call.skillGroup?.number ?? NULL_SKILL_GROUP,
        skillGroupId: call.skillGroup?.id ?? NULL_SKILL_GROUP,
        skillGroupPriority: call.skillGroup?.priority ?? 0,
        mrdId: VOICE_MRD,
        agentInstrument: e.target ?? e.device,
        ...routerCallKey(call),
        ...pick(callData(call), 'ani', 'dialedNumber', 'callerEnteredDigits', 'namedVariable', 'namedArray'),
        ...call.variables,
      };
    case 'begin':
      return {
        type: 'BEGIN_CALL_EVENT',
        monitorId: 0,
        peripheralId,
        peripheralType: PeripheralType.ENTERPRISE_AGENT,
        numCtiClients: 0,
        ...namedCounts(call),
        callType: call.callType,
        connectionDeviceIdType: STATIC,
        connectionCallId: call.id,
        calledPartyDisposition: 0,
        connectionDeviceId: e.device,
        ...callData(call),
        ...routerCallKey(call),
      };
    case 'end':
      return { type: 'END_CALL_EVENT', ...id, connectionDeviceId: e.device };
    case 'queued':
    case 'dequeued': {
      const groups = skillGroupEntries(call);
      const queue = {
        serviceNumber: NULL_SERVICE,
        serviceId: NULL_SERVICE,
        queueDeviceType: party.deviceType,
      };
      const counts = { numQueued: e.numQueued ?? 0, numSkillGroups: groups.numSkillGroups };
      const floating = { connectionDeviceId: e.device, queueDeviceId: party.device };
      if (e.kind === 'dequeued') {
        return {
          type: 'CALL_DEQUEUED_EVENT',
          ...id,
          ...queue,
          ...counts,
          ...state,
          ...floating,
          ...groups.lists,
        };
      }
      return {
        type: 'CALL_QUEUED_EVENT',
        ...id,
        ...queue,
        ...devices.types,
        ...counts,
        ...state,
        ...floating,
        ...devices.ids,
        ...groups.lists,
      };
    }
    case 'originated':
      return {
        type: 'CALL_ORIGINATED_EVENT',
        ...id,
        ...routing(call),
        callingDeviceType: call.calling.deviceType,
        calledDeviceType: party.deviceType,
        ...state,
        connectionDeviceId: e.device,
        callingDeviceId: call.calling.device,
        calledDeviceId: party.device,
      };
    case 'delivered':
      return {
        type: 'CALL_DELIVERED_EVENT',
        ...id,
        ...routing(call),
        alertingDeviceType: party.deviceType,
        ...devices.types,
        ...state,
        ...namedCounts(call),
        connectionDeviceId: e.device,
        alertingDeviceId: party.device,
        ...devices.ids,
        ...callData(call),
      };
    case 'established':
      return {
        type: 'CALL_ESTABLISHED_EVENT',
        ...id,
        ...routing(call),
        answeringDeviceType: party.deviceType,
        ...devices.types,
        ...state,
        connectionDeviceId: e.device,
        answeringDeviceId: party.device,
        ...devices.ids,
      };
    case 'failed':
      return {
        type: 'CALL_FAILED_EVENT',
        ...id,
        failingDeviceType: party.deviceType,
        calledDeviceType: party.deviceType,
        ...state,
        connectionDeviceId: e.device,
        failingDeviceId: party.device,
        calledDeviceId: party.device,
      };
    case 'held':
      return {
        type: 'CALL_HELD_EVENT',
        ...id,
        holdingDeviceType: party.deviceType,
        ...state,
        connectionDeviceId: e.device,
        holdingDeviceId: party.device,
      };
    case 'retrieved':
      return {
        type: 'CALL_RETRIEVED_EVENT',
        ...id,
        retrievingDeviceType: party.deviceType,
        ...state,
        connectionDeviceId: e.device,
        retrievingDeviceId: party.device,
      };
    case 'connectionCleared':
      return {
        type: 'CALL_CONNECTION_CLEARED_EVENT',
        ...id,
        releasingDeviceType: party.deviceType,
        ...state,
        connectionDeviceId: e.device,
        releasingDeviceId: party.device,
      };
    case 'cleared':
      return { type: 'CALL_CLEARED_EVENT', ...id, ...state, connectionDeviceId: e.device };
    case 'conferenced':
    case 'transferred': {
      const parties = connectedParties(e);
      const head = {
        monitorId: 0,
        peripheralId,
        peripheralType: PeripheralType.ENTERPRISE_AGENT,
        primaryDeviceIdType: STATIC,
        primaryCallId: call.id,
        ...pick(
          routing(call),
          'lineHandle',
          'lineType',
          'skillGroupNumber',
          'skillGroupId',
          'skillGroupPriority',
        ),
        numParties: parties.numParties,
        secondaryDeviceIdType: STATIC,
        secondaryCallId: e.secondaryCallId ?? NULL_CALL_ID,
      };
      const controller = e.controller ?? NO_PARTY;
      const added = e.added ?? NO_PARTY;
      // The controller's phone holds both calls; a single-step transfer or a barge-in has no secondary.
      const devicesOfCalls = {
        primaryDeviceId: e.device,
        ...(e.secondaryCallId === undefined || e.secondaryCallId === NULL_CALL_ID
          ? {}
          : { secondaryDeviceId: e.device }),
      };
      if (e.kind === 'conferenced') {
        return {
          type: 'CALL_CONFERENCED_EVENT',
          ...head,
          controllerDeviceType: controller.deviceType,
          addedPartyDeviceType: added.deviceType,
          ...state,
          ...devicesOfCalls,
          controllerDeviceId: controller.device,
          addedPartyDeviceId: added.device,
          ...parties.lists,
        };
      }
      return {
        type: 'CALL_TRANSFERRED_EVENT',
        ...head,
        transferringDeviceType: controller.deviceType,
        transferredDeviceType: added.deviceType,
        ...state,
        ...devicesOfCalls,
        transferringDeviceId: controller.device,
        transferredDeviceId: added.device,
        ...parties.lists,
      };
    }
    case 'dataUpdate':
      return {
        type: 'CALL_DATA_UPDATE_EVENT',
        monitorId: 0,
        peripheralId,
        peripheralType: PeripheralType.ENTERPRISE_AGENT,
        numCtiClients: 0,
        ...namedCounts(call),
        callType: call.callType,
        connectionDeviceIdType: STATIC,
        connectionCallId: call.id,
        newConnectionDeviceIdType: STATIC,
        newConnectionCallId: call.id,
        calledPartyDisposition: 0,
        campaignId: 0,
        queryRuleId: 0,
        connectionDeviceId: e.device,
        newConnectionDeviceId: e.device,
        ...callData(call),
        ...routerCallKey(call),
      };
  }
}
