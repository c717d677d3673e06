import {
  agentInstrument,
  ani,
  callerEnteredDigits,
  callVariables,
  callWrapupData,
  connectedParties,
  connectionCallId,
  connectionDeviceId,
  connectionDeviceIdType,
  device,
  dialingData,
  dialingOptions,
  invokeId,
  namedData,
  numNamedArrays,
  numNamedVariables,
  peripheralId,
  userToUserInfo,
} from './call-fields.ts';
import { fixed as f, floating as fl, layout } from './fields.ts';
import { Tag } from './tags.ts';

/**
 * Call-control requests and their CONFs, A.4: "read for 42/44/56, same pattern inferred for the
 * rest". Where the spec is silent or marks a layout (inferred), the field order follows the tables
 * of two open-source GED-188 codecs (Scala, Haskell), which agree; those rows say (inferred).
 */

/** InvokeID, PeripheralID, the call, and optionally the agent's instrument (read for 42/44). */
const singleCallRequest = layout(
  [invokeId, peripheralId, connectionCallId, connectionDeviceIdType],
  [connectionDeviceId, agentInstrument],
);
const confOnly = layout([invokeId], []);

const activeCallId = f('activeConnectionCallId', 'uint');
const activeDeviceIdType = f('activeConnectionDeviceIdType', 'ushort');
const heldCallId = f('heldConnectionCallId', 'uint');
const heldDeviceIdType = f('heldConnectionDeviceIdType', 'ushort');
const activeDeviceId = device('activeConnectionDeviceId', Tag.ACTIVE_CONN_DEVICE_ID);
const heldDeviceId = device('heldConnectionDeviceId', Tag.HELD_CONN_DEVICE_ID);

/** MAKE/CONSULTATION CONF: the new call's identity (A.4), plus its line (inferred order). */
const newCallConf = layout(
  [
    invokeId,
    f('newConnectionCallId', 'uint'),
    f('newConnectionDeviceIdType', 'ushort'),
    f('lineHandle', 'ushort'),
    f('lineType', 'ushort'),
  ],
  [device('newConnectionDeviceId', Tag.NEW_CONNECTION_DEVICE_ID)],
);
/**
 * TRANSFER/CONFERENCE CONF. (inferred) The spec guesses "InvokeID only"; both open-source tables
 * carry the resulting call and its parties, and a real server's extra bytes would otherwise be
 * misread as floating fields, so we follow them.
 */
const joinedCallConf = layout(
  [
    invokeId,
    f('newConnectionCallId', 'uint'),
    f('newConnectionDeviceIdType', 'ushort'),
    f('numParties', 'ushort'),
    f('lineHandle', 'ushort'),
    f('lineType', 'ushort'),
  ],
  [device('newConnectionDeviceId', Tag.NEW_CONNECTION_DEVICE_ID), ...connectedParties],
);

export const CALL_CONTROL_LAYOUTS = {
  // ConnectionCallID 0xFFFFFFFF when the alerting call's id is not known yet (A.4).
  ANSWER_CALL_REQ: singleCallRequest,
  ANSWER_CALL_CONF: confOnly,
  CLEAR_CALL_REQ: singleCallRequest,
  CLEAR_CALL_CONF: confOnly,
  CLEAR_CONNECTION_REQ: singleCallRequest,
  CLEAR_CONNECTION_CONF: confOnly,
  // (inferred) Reservation BOOL after the call: keep the agent reserved while the call is held.
  HOLD_CALL_REQ: layout(
    [invokeId, peripheralId, connectionCallId, connectionDeviceIdType, f('reservation', 'bool')],
    [connectionDeviceId, agentInstrument],
  ),
  HOLD_CALL_CONF: confOnly,
  RETRIEVE_CALL_REQ: singleCallRequest,
  RETRIEVE_CALL_CONF: confOnly,
  // (read, A.4) AgentInstrument and DialedNumber are required in practice.
  MAKE_CALL_REQ: layout([invokeId, peripheralId, ...dialingOptions], [...dialingData]),
  MAKE_CALL_CONF: newCallConf,
  // (inferred order) Consult from the active call; ConsultType says what will follow.
  CONSULTATION_CALL_REQ: layout(
    [
      invokeId,
      peripheralId,
      activeCallId,
      activeDeviceIdType,
      f('callPlacementType', 'ushort'),
      f('callMannerType', 'ushort'),
      f('consultType', 'ushort'),
      ...dialingOptions.slice(2),
    ],
    [activeDeviceId, ...dialingData],
  ),
  CONSULTATION_CALL_CONF: newCallConf,
  // (inferred order) Held = the original (primary) call, active = the consult call. A single-step
  // transfer sends ActiveConnectionCallID 0xFFFFFFFF and a DialedNumber instead.
  TRANSFER_CALL_REQ: layout(
    [
      invokeId,
      peripheralId,
      activeCallId,
      heldCallId,
      activeDeviceIdType,
      heldDeviceIdType,
      ...dialingOptions,
    ],
    [activeDeviceId, heldDeviceId, ...dialingData],
  ),
  TRANSFER_CALL_CONF: joinedCallConf,
  // (inferred order) Note the held call comes first here, unlike TRANSFER_CALL_REQ.
  CONFERENCE_CALL_REQ: layout(
    [
      invokeId,
      peripheralId,
      heldCallId,
      activeCallId,
      heldDeviceIdType,
      activeDeviceIdType,
      ...dialingOptions,
    ],
    [heldDeviceId, activeDeviceId, ...dialingData],
  ),
  CONFERENCE_CALL_CONF: joinedCallConf,
  // (inferred order) ConnectionDeviceIDType comes before ConnectionCallID in this one.
  SET_CALL_DATA_REQ: layout(
    [
      invokeId,
      peripheralId,
      connectionDeviceIdType,
      connectionCallId,
      numNamedVariables,
      numNamedArrays,
      f('callType', 'ushort'),
      f('calledPartyDisposition', 'ushort'),
      f('campaignId', 'uint'),
      f('queryRuleId', 'uint'),
    ],
    [
      connectionDeviceId,
      ani,
      userToUserInfo,
      callerEnteredDigits,
      ...callVariables,
      callWrapupData,
      ...namedData,
      fl('customerPhoneNumber', 'string', Tag.CUSTOMER_PHONE_NUMBER, 20),
      fl('customerAccountNumber', 'string', Tag.CUSTOMER_ACCOUNT_NUMBER, 32),
    ],
  ),
  SET_CALL_DATA_CONF: confOnly,
  // (inferred) ToneDuration USHORT and PauseDuration UINT, ms; the digits float (DTMFString ≤ 32).
  SEND_DTMF_SIGNAL_REQ: layout(
    [
      invokeId,
      peripheralId,
      connectionCallId,
      connectionDeviceIdType,
      f('toneDuration', 'ushort'),
      f('pauseDuration', 'uint'),
    ],
    [connectionDeviceId, fl('dtmfString', 'string', Tag.DTMF_STRING, 33), agentInstrument],
  ),
  SEND_DTMF_SIGNAL_CONF: confOnly,
  // (inferred) Silent monitor / barge-in / clear by a supervisor: the agent's call, the
  // supervisor's own call (0xFFFFFFFF if none yet), and the supervisor's instrument.
  SUPERVISE_CALL_REQ: layout(
    [
      invokeId,
      peripheralId,
      f('agentConnectionCallId', 'uint'),
      f('supervisorConnectionCallId', 'uint'),
      f('agentConnectionDeviceIdType', 'ushort'),
      f('supervisorConnectionDeviceIdType', 'ushort'),
      f('supervisoryAction', 'ushort'),
    ],
    [
      device('agentConnectionDeviceId', Tag.AGENT_CONNECTION_DEVICE_ID),
      device('supervisorConnectionDeviceId', Tag.SUPERVISOR_CONNECTION_DEVICE_ID),
      agentInstrument, // the supervisor's
    ],
  ),
  // (inferred) The supervisor's connection: the monitor call, or the barged-into call.
  SUPERVISE_CALL_CONF: layout([invokeId, connectionCallId, connectionDeviceIdType], [connectionDeviceId]),
  // (inferred layout) Peripheral-specific failure of a call-control request.
  CONTROL_FAILURE_CONF: layout(
    [invokeId, f('failureCode', 'ushort'), f('peripheralErrorCode', 'uint')],
    [fl('text', 'string', Tag.TEXT, 255)],
  ),
} as const;
