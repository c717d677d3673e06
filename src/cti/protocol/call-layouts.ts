import {
  agentInstrument,
  ani,
  callData,
  callDeviceIds,
  callDeviceTypes,
  callerEnteredDigits,
  callIdentity,
  callVariables,
  connectedParties,
  connectionCallId,
  connectionDeviceId,
  connectionDeviceIdType,
  ctiClients,
  device,
  dialedNumber,
  eventCause,
  localConnectionState,
  monitorId,
  namedData,
  numNamedArrays,
  numNamedVariables,
  peripheralId,
  peripheralType,
  routerCallKey,
  routing,
  skillGroupEntries,
  userToUserInfo,
} from './call-fields.ts';
import { fixed as f, floating as fl, layout } from './fields.ts';
import { Tag } from './tags.ts';

/**
 * Call events, A.4 (read, 15.0 guide, unless marked). A call is identified by (ConnectionCallID,
 * ConnectionDeviceIDType, ConnectionDeviceID): two calls may share a ConnectionCallID (consult
 * calls), so the device id is part of the key. Layouts marked (inferred) follow the field tables
 * of two open-source GED-188 codecs (Scala, Haskell) that agree with each other; the spec itself
 * does not list them.
 */

/** The fixed part of CONFERENCED / TRANSFERRED up to NumParties: the primary call and its line. */
const twoCallHead = [
  monitorId,
  peripheralId,
  peripheralType,
  f('primaryDeviceIdType', 'ushort'),
  f('primaryCallId', 'uint'),
  f('lineHandle', 'ushort'),
  f('lineType', 'ushort'),
  f('skillGroupNumber', 'uint'),
  f('skillGroupId', 'uint'),
  f('skillGroupPriority', 'ushort'),
  f('numParties', 'ushort'),
  f('secondaryDeviceIdType', 'ushort'),
  f('secondaryCallId', 'uint'),
] as const;
const primaryDeviceIds = [
  device('primaryDeviceId', Tag.PRIMARY_DEVICE_ID),
  device('secondaryDeviceId', Tag.SECONDARY_DEVICE_ID),
] as const;
const queueDeviceId = device('queueDeviceId', Tag.QUEUE_DEVICE_ID);

export const CALL_EVENT_LAYOUTS = {
  BEGIN_CALL_EVENT: layout(
    [
      monitorId,
      peripheralId,
      peripheralType,
      f('numCtiClients', 'ushort'),
      numNamedVariables,
      numNamedArrays,
      f('callType', 'ushort'),
      connectionDeviceIdType,
      connectionCallId,
      f('calledPartyDisposition', 'ushort'),
    ],
    [
      connectionDeviceId,
      ...callData,
      ...routerCallKey,
      ...ctiClients,
      fl('callReferenceId', 'unspec', Tag.CALL_REFERENCE_ID, 17), // (inferred size)
    ],
  ),
  // "This client is no longer associated with the call", not necessarily "the call ended" (A.4).
  END_CALL_EVENT: layout([...callIdentity], [connectionDeviceId]),
  CALL_DELIVERED_EVENT: layout(
    [
      ...callIdentity,
      ...routing,
      f('alertingDeviceType', 'ushort'),
      ...callDeviceTypes,
      f('lastRedirectDeviceType', 'ushort'),
      localConnectionState, // LCS_ALERTING on the agent's phone
      eventCause,
      numNamedVariables,
      numNamedArrays,
    ],
    [
      connectionDeviceId,
      device('alertingDeviceId', Tag.ALERTING_DEVICE_ID),
      ...callDeviceIds,
      fl('secondaryConnectionCallId', 'uint', Tag.SECONDARY_CONNECTION_CALL_ID),
      fl('aniII', 'string', Tag.ANI_II, 3),
      ...callData,
    ],
  ),
  CALL_ESTABLISHED_EVENT: layout(
    [
      ...callIdentity,
      ...routing,
      f('answeringDeviceType', 'ushort'),
      ...callDeviceTypes,
      f('lastRedirectDeviceType', 'ushort'),
      localConnectionState,
      eventCause,
    ],
    [connectionDeviceId, device('answeringDeviceId', Tag.ANSWERING_DEVICE_ID), ...callDeviceIds],
  ),
  CALL_HELD_EVENT: layout(
    [...callIdentity, f('holdingDeviceType', 'ushort'), localConnectionState, eventCause],
    [connectionDeviceId, device('holdingDeviceId', Tag.HOLDING_DEVICE_ID)],
  ),
  CALL_RETRIEVED_EVENT: layout(
    [...callIdentity, f('retrievingDeviceType', 'ushort'), localConnectionState, eventCause],
    [connectionDeviceId, device('retrievingDeviceId', Tag.RETRIEVING_DEVICE_ID)],
  ),
  CALL_CLEARED_EVENT: layout([...callIdentity, localConnectionState, eventCause], [connectionDeviceId]),
  // One party left; the call may go on (read via a UCCX trace and a partial guide).
  CALL_CONNECTION_CLEARED_EVENT: layout(
    [...callIdentity, f('releasingDeviceType', 'ushort'), localConnectionState, eventCause],
    [connectionDeviceId, device('releasingDeviceId', Tag.RELEASING_DEVICE_ID)],
  ),
  // (inferred layout) The calling device dialed: its connection is LCS_INITIATE.
  CALL_ORIGINATED_EVENT: layout(
    [...callIdentity, ...routing, ...callDeviceTypes, localConnectionState, eventCause],
    [
      connectionDeviceId,
      device('callingDeviceId', Tag.CALLING_DEVICE_ID),
      device('calledDeviceId', Tag.CALLED_DEVICE_ID),
    ],
  ),
  // (inferred layout) The call could not reach the called device (Finesse: Dialog FAILED).
  CALL_FAILED_EVENT: layout(
    [
      ...callIdentity,
      f('failingDeviceType', 'ushort'),
      f('calledDeviceType', 'ushort'),
      localConnectionState,
      eventCause,
    ],
    [
      connectionDeviceId,
      device('failingDeviceId', Tag.FAILING_DEVICE_ID),
      device('calledDeviceId', Tag.CALLED_DEVICE_ID),
    ],
  ),
  // (inferred layout) The secondary (consult) call joined the primary one; the lists name every
  // party of the resulting call.
  CALL_CONFERENCED_EVENT: layout(
    [
      ...twoCallHead,
      f('controllerDeviceType', 'ushort'),
      f('addedPartyDeviceType', 'ushort'),
      localConnectionState,
      eventCause,
    ],
    [
      ...primaryDeviceIds,
      device('controllerDeviceId', Tag.CONTROLLER_DEVICE_ID),
      device('addedPartyDeviceId', Tag.ADDED_PARTY_DEVICE_ID),
      ...connectedParties,
    ],
  ),
  // (inferred layout) The transferring device left; the lists name the parties that remain.
  CALL_TRANSFERRED_EVENT: layout(
    [
      ...twoCallHead,
      f('transferringDeviceType', 'ushort'),
      f('transferredDeviceType', 'ushort'),
      localConnectionState,
      eventCause,
    ],
    [
      ...primaryDeviceIds,
      device('transferringDeviceId', Tag.TRANSFERRING_DEVICE_ID),
      device('transferredDeviceId', Tag.TRANSFERRED_DEVICE_ID),
      ...connectedParties,
    ],
  ),
  // (inferred layout) The call waits in a queue (QueueDeviceID) for one of NumSkillGroups groups.
  CALL_QUEUED_EVENT: layout(
    [
      ...callIdentity,
      f('serviceNumber', 'uint'),
      f('serviceId', 'uint'),
      f('queueDeviceType', 'ushort'),
      ...callDeviceTypes,
      f('lastRedirectDeviceType', 'ushort'),
      f('numQueued', 'ushort'),
      f('numSkillGroups', 'ushort'),
      localConnectionState,
      eventCause,
    ],
    [
      connectionDeviceId,
      queueDeviceId,
      device('callingDeviceId', Tag.CALLING_DEVICE_ID),
      device('calledDeviceId', Tag.CALLED_DEVICE_ID),
      device('lastRedirectDeviceId', Tag.LAST_REDIRECT_DEVICE_ID),
      ...skillGroupEntries,
    ],
  ),
  // (inferred layout) The call left the queue: routed to an agent, or abandoned.
  CALL_DEQUEUED_EVENT: layout(
    [
      ...callIdentity,
      f('queueDeviceType', 'ushort'),
      f('serviceNumber', 'uint'),
      f('serviceId', 'uint'),
      f('numQueued', 'ushort'),
      f('numSkillGroups', 'ushort'),
      localConnectionState,
      eventCause,
    ],
    [connectionDeviceId, queueDeviceId, ...skillGroupEntries],
  ),
  // (read via a UCCX sample and an open-source client; exact order inferred) The call context
  // after a SET_CALL_DATA_REQ (or a change of the connection, NewConnection*).
  CALL_DATA_UPDATE_EVENT: layout(
    [
      monitorId,
      peripheralId,
      peripheralType,
      f('numCtiClients', 'ushort'),
      numNamedVariables,
      numNamedArrays,
      f('callType', 'ushort'),
      connectionDeviceIdType,
      connectionCallId,
      f('newConnectionDeviceIdType', 'ushort'),
      f('newConnectionCallId', 'uint'),
      f('calledPartyDisposition', 'ushort'),
      f('campaignId', 'uint'),
      f('queryRuleId', 'uint'),
    ],
    [
      connectionDeviceId,
      device('newConnectionDeviceId', Tag.NEW_CONNECTION_DEVICE_ID),
      ...callData,
      fl('customerPhoneNumber', 'string', Tag.CUSTOMER_PHONE_NUMBER, 20),
      fl('customerAccountNumber', 'string', Tag.CUSTOMER_ACCOUNT_NUMBER, 32),
      ...routerCallKey,
      ...ctiClients,
    ],
  ),
  // (read, v15) The router picked an agent: the call's context arrives before the call does,
  // usually ahead of BEGIN_CALL_EVENT but not guaranteed (A.4).
  AGENT_PRE_CALL_EVENT: layout(
    [
      monitorId,
      numNamedVariables,
      numNamedArrays,
      f('serviceNumber', 'uint'),
      f('serviceId', 'uint'),
      f('skillGroupNumber', 'uint'),
      f('skillGroupId', 'uint'),
      f('skillGroupPriority', 'ushort'),
      f('mrdId', 'int'),
    ],
    [
      agentInstrument, // the target
      ...routerCallKey,
      ani,
      userToUserInfo,
      dialedNumber,
      callerEnteredDigits,
      ...callVariables,
      ...namedData,
      connectionDeviceId,
    ],
  ),
} as const;
