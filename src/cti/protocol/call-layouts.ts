import { fixed as f, floating as fl, layout, list } from './fields.ts';
import { Tag } from './tags.ts';

/**
 * Call events and the single-call control requests, A.4 (read, 15.0 guide, unless marked). A call
 * is identified by (ConnectionCallID, ConnectionDeviceIDType, ConnectionDeviceID): two calls may
 * share a ConnectionCallID (consult calls), so the device id is part of the key.
 */

const monitorId = f('monitorId', 'uint');
const peripheralId = f('peripheralId', 'uint');
const peripheralType = f('peripheralType', 'ushort');
const connectionDeviceIdType = f('connectionDeviceIdType', 'ushort');
const connectionCallId = f('connectionCallId', 'uint');
const localConnectionState = f('localConnectionState', 'ushort');
const eventCause = f('eventCause', 'ushort');
const callIdentity = [
  monitorId,
  peripheralId,
  peripheralType,
  connectionDeviceIdType,
  connectionCallId,
] as const;

const device = <const N extends string>(name: N, tag: number) => fl(name, 'string', tag, 64);
const connectionDeviceId = fl('connectionDeviceId', 'string', Tag.CONNECTION_DEVICE_ID, 64);

/** The call context Finesse shows as call variables; 41 bytes each in the 15.0 guide. */
const callData = [
  fl('ani', 'string', Tag.ANI, 40),
  fl('userToUserInfo', 'unspec', Tag.UUI, 131),
  fl('dnis', 'string', Tag.DNIS, 32),
  fl('dialedNumber', 'string', Tag.DIALED_NUMBER, 40),
  fl('callerEnteredDigits', 'string', Tag.CALLER_ENTERED_DIGITS, 40),
  fl('callVariable1', 'string', Tag.CALL_VARIABLE_1, 41),
  fl('callVariable2', 'string', Tag.CALL_VARIABLE_2, 41),
  fl('callVariable3', 'string', Tag.CALL_VARIABLE_3, 41),
  fl('callVariable4', 'string', Tag.CALL_VARIABLE_4, 41),
  fl('callVariable5', 'string', Tag.CALL_VARIABLE_5, 41),
  fl('callVariable6', 'string', Tag.CALL_VARIABLE_6, 41),
  fl('callVariable7', 'string', Tag.CALL_VARIABLE_7, 41),
  fl('callVariable8', 'string', Tag.CALL_VARIABLE_8, 41),
  fl('callVariable9', 'string', Tag.CALL_VARIABLE_9, 41),
  fl('callVariable10', 'string', Tag.CALL_VARIABLE_10, 41),
  fl('callWrapupData', 'string', Tag.CALL_WRAPUP_DATA, 40),
  // NAMEDVAR name ≤ 33 + value ≤ 211, both NUL-terminated (A.2); NAMEDARRAY adds its index byte.
  list(fl('namedVariable', 'namedVariable', Tag.NAMED_VARIABLE, 244)),
  list(fl('namedArray', 'namedArray', Tag.NAMED_ARRAY, 245)),
] as const;

const callDeviceTypes = [f('callingDeviceType', 'ushort'), f('calledDeviceType', 'ushort')] as const;
const callDeviceIds = [
  device('callingDeviceId', Tag.CALLING_DEVICE_ID),
  device('calledDeviceId', Tag.CALLED_DEVICE_ID),
  device('lastRedirectDeviceId', Tag.LAST_REDIRECT_DEVICE_ID),
  fl('trunkNumber', 'uint', Tag.TRUNK_NUMBER),
  fl('trunkGroupNumber', 'uint', Tag.TRUNK_GROUP_NUMBER),
] as const;
const routing = [
  f('lineHandle', 'ushort'),
  f('lineType', 'ushort'),
  f('serviceNumber', 'uint'),
  f('serviceId', 'uint'),
  f('skillGroupNumber', 'uint'),
  f('skillGroupId', 'uint'),
  f('skillGroupPriority', 'ushort'),
] as const;

/** InvokeID, PeripheralID, the call, and optionally the agent's instrument: A.4 (read for 42/44, inferred for the rest). */
const singleCallRequest = layout(
  [f('invokeId', 'uint'), peripheralId, connectionCallId, connectionDeviceIdType],
  [connectionDeviceId, fl('agentInstrument', 'string', Tag.AGENT_INSTRUMENT, 64)],
);
const confOnly = layout([f('invokeId', 'uint')], []);

export const CALL_LAYOUTS = {
  BEGIN_CALL_EVENT: layout(
    [
      monitorId,
      peripheralId,
      peripheralType,
      f('numCtiClients', 'ushort'),
      f('numNamedVariables', 'ushort'),
      f('numNamedArrays', 'ushort'),
      f('callType', 'ushort'),
      connectionDeviceIdType,
      connectionCallId,
      f('calledPartyDisposition', 'ushort'),
    ],
    [
      connectionDeviceId,
      ...callData,
      fl('routerCallKeyDay', 'uint', Tag.ROUTER_CALL_KEY_DAY),
      fl('routerCallKeyCallId', 'uint', Tag.ROUTER_CALL_KEY_CALL_ID),
      fl('routerCallKeySequenceNumber', 'uint', Tag.ROUTER_CALL_KEY_SEQUENCE_NUM),
      // Each CTIClientTimestamp must follow its CTIClientSignature (A.2).
      list(fl('ctiClientSignature', 'string', Tag.CTI_CLIENT_SIGNATURE, 64), 'ctiClient'),
      list(fl('ctiClientTimestamp', 'time', Tag.CTI_CLIENT_TIMESTAMP), 'ctiClient'),
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
      f('numNamedVariables', 'ushort'),
      f('numNamedArrays', 'ushort'),
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
  // ConnectionCallID 0xFFFFFFFF when the alerting call's id is not known yet (A.4).
  ANSWER_CALL_REQ: singleCallRequest,
  ANSWER_CALL_CONF: confOnly,
  CLEAR_CALL_REQ: singleCallRequest,
  CLEAR_CALL_CONF: confOnly,
  CLEAR_CONNECTION_REQ: singleCallRequest,
  CLEAR_CONNECTION_CONF: confOnly,
  HOLD_CALL_REQ: singleCallRequest,
  HOLD_CALL_CONF: confOnly,
  RETRIEVE_CALL_REQ: singleCallRequest,
  RETRIEVE_CALL_CONF: confOnly,
  // (inferred layout) peripheral-specific failure of a call-control request.
  CONTROL_FAILURE_CONF: layout(
    [f('invokeId', 'uint'), f('failureCode', 'ushort'), f('peripheralErrorCode', 'uint')],
    [fl('text', 'string', Tag.TEXT, 255)],
  ),
} as const;
