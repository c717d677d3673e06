import {
  agentInstrument,
  ani,
  callerEnteredDigits,
  callVariables,
  callWrapupData,
  connectionCallId,
  connectionDeviceId,
  connectionDeviceIdType,
  ctiClients,
  device,
  dialedNumber,
  dnis,
  invokeId,
  namedData,
  numNamedArrays,
  numNamedVariables,
  peripheralId,
  userToUserInfo,
} from './call-fields.ts';
import { fixed as f, floating as fl, layout, list } from './fields.ts';
import { Tag } from './tags.ts';

/**
 * Snapshots: what a client that missed events asks the CTI server about the calls that are up.
 * Layouts (read) from the CTI Server Message Reference Guide, Protocol Version 15 (UCCE 8.5(1)),
 * Client Control Service: Table 5-125 SNAPSHOT_CALL_REQ, 5-126 SNAPSHOT_CALL_CONF, 5-127
 * SNAPSHOT_DEVICE_REQ, 5-128 SNAPSHOT_DEVICE_CONF (the v17 guide has the same tables under the same
 * numbers). The floating tags of the per-call and per-device lists are from the 15.0 (v25) guide's
 * tag-values table (tags.ts). Up to 16 calls per device and 16 devices per call (MAX_NUM_CALLS,
 * MAX_NUM_DEVICES, same guide, "Special Values").
 *
 * Where we had to infer: the types of the COC* fields (the v14 table gives COCConnectionCallID as
 * UINT; its DeviceIDType and DeviceID follow every other connection's USHORT and STRING 64), and
 * the size of CallReferenceID (UNSPEC 32 in the v14 table; BEGIN_CALL_EVENT's 17 is itself a
 * guess). SNAPSHOT_DEVICE_CONF's SilentMonitorStatus (tag 218) is left undeclared: its type is not
 * in the tables we read, and an unknown tag is skipped by its length. UCCX's variant (reserved
 * fields, CallDeviceConnectionState 61 instead of CallState 75 per call) is not spoken.
 */

/** The call list of SNAPSHOT_DEVICE_CONF, one entry per NumCalls, written entry by entry. */
const deviceCalls = [
  list(fl('callConnectionCallId', 'uint', Tag.CALL_CONNECTION_CALL_ID), 'call'),
  list(fl('callConnectionDeviceIdType', 'ushort', Tag.CALL_CONNECTION_DEVICE_ID_TYPE), 'call'),
  list(device('callConnectionDeviceId', Tag.CALL_CONNECTION_DEVICE_ID), 'call'),
  // The LocalConnectionState of the device's connection on that call.
  list(fl('callState', 'ushort', Tag.CALL_STATE), 'call'),
] as const;

/**
 * The device list of SNAPSHOT_CALL_CONF, one entry per NumCallDevices: each device's connection
 * (CallID, DeviceIDType, DeviceID), the device itself (type, id) and its LocalConnectionState.
 * "This field always immediately follows the corresponding …" (Table 5-126): entry by entry.
 */
const callDevices = [
  list(fl('callConnectionCallId', 'uint', Tag.CALL_CONNECTION_CALL_ID), 'callDevice'),
  list(fl('callConnectionDeviceIdType', 'ushort', Tag.CALL_CONNECTION_DEVICE_ID_TYPE), 'callDevice'),
  list(device('callConnectionDeviceId', Tag.CALL_CONNECTION_DEVICE_ID), 'callDevice'),
  list(fl('callDeviceType', 'ushort', Tag.CALL_DEVICE_TYPE), 'callDevice'),
  list(device('callDeviceId', Tag.CALL_DEVICE_ID), 'callDevice'),
  list(fl('callDeviceConnectionState', 'ushort', Tag.CALL_DEVICE_CONNECTION_STATE), 'callDevice'),
] as const;

export const SNAPSHOT_LAYOUTS = {
  // Table 5-125. "Maximum message size (including header): 88".
  SNAPSHOT_CALL_REQ: layout(
    [invokeId, peripheralId, connectionCallId, connectionDeviceIdType],
    [connectionDeviceId],
  ),
  // Table 5-126, in the guide's order.
  SNAPSHOT_CALL_CONF: layout(
    [
      invokeId,
      f('callType', 'ushort'),
      f('numCtiClients', 'ushort'),
      f('numCallDevices', 'ushort'), // ≤ 16
      numNamedVariables,
      numNamedArrays,
      f('calledPartyDisposition', 'ushort'),
    ],
    [
      ani,
      userToUserInfo,
      dnis,
      dialedNumber,
      callerEnteredDigits,
      fl('routerCallKeyDay', 'uint', Tag.ROUTER_CALL_KEY_DAY),
      fl('routerCallKeyCallId', 'uint', Tag.ROUTER_CALL_KEY_CALL_ID),
      ...callVariables,
      callWrapupData,
      ...namedData,
      ...ctiClients,
      ...callDevices,
      fl('callReferenceId', 'unspec', Tag.CALL_REFERENCE_ID, 32),
      // "If specified, indicates that this call is a call on behalf of a consult call" (v14 table).
      fl('cocConnectionCallId', 'uint', Tag.COC_CONNECTION_CALL_ID),
      fl('cocConnectionDeviceIdType', 'ushort', Tag.COC_CONNECTION_DEVICE_ID_TYPE),
      device('cocConnectionDeviceId', Tag.COC_CONNECTION_DEVICE_ID),
    ],
  ),
  // Table 5-127. SnapshotDeviceType: the DeviceIDType of AgentInstrument, for non-agent devices.
  // "Maximum message size (including header): 82".
  SNAPSHOT_DEVICE_REQ: layout([invokeId, peripheralId, f('snapshotDeviceType', 'ushort')], [agentInstrument]),
  // Table 5-128.
  SNAPSHOT_DEVICE_CONF: layout([invokeId, f('numCalls', 'ushort')], [...deviceCalls]),
} as const;
