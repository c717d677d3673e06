/**
 * Value tables of the call messages. The spec lists these tables as not read (cti-and-peers.md,
 * "Not read … LocalConnectionState/EventCause value tables"), so every table here is (inferred):
 * the numbers agree across two independent open-source GED-188 codecs (a Scala and a C one) and
 * with the values the spec does quote (EventCause 50 = CEC_CALL_PARTY_UPDATE_IND, A.1; the
 * LCS_ALERTING of CALL_DELIVERED, A.4). Names print with the guide's prefixes (LCS_, CEC_ …).
 */

/** "No call": ANSWER_CALL_REQ sends it when the alerting call's id is unknown (A.4). */
export const NULL_CALL_ID = 0xffffffff;
/** No skill group / no service in the fixed part of a call event. */
export const NULL_SKILL_GROUP = 0xffffffff;
export const NULL_SERVICE = 0xffffffff;

/** LocalConnectionState: the state of the connection the event reports (LCS_…). (inferred) */
export const LocalConnectionState = {
  NONE: 0xffff,
  NULL: 0, // the connection is gone
  INITIATE: 1, // dialing
  ALERTING: 2, // ringing
  CONNECT: 3,
  HOLD: 4,
  QUEUED: 5,
  FAIL: 6,
} as const;

/** EventCause (CEC_…): why the event happened. The subset a voice ACD produces. (inferred) */
export const EventCause = {
  NONE: 0xffff,
  ACTIVE_MONITOR: 1,
  ALTERNATE: 2,
  BUSY: 3,
  CALL_BACK: 4,
  CALL_CANCELLED: 5,
  CALL_FORWARD_ALWAYS: 6,
  CALL_FORWARD_BUSY: 7,
  CALL_FORWARD_NO_ANSWER: 8,
  CALL_FORWARD: 9,
  CALL_NOT_ANSWERED: 10,
  CALL_PICKUP: 11,
  CAMP_ON: 12,
  DEST_NOT_OBTAINABLE: 13,
  DO_NOT_DISTURB: 14,
  INCOMPATIBLE_DESTINATION: 15,
  INVALID_ACCOUNT_CODE: 16,
  KEY_CONFERENCE: 17,
  LOCKOUT: 18,
  MAINTENANCE: 19,
  NETWORK_CONGESTION: 20,
  NETWORK_NOT_OBTAINABLE: 21,
  NEW_CALL: 22,
  NO_AVAILABLE_AGENTS: 23,
  OVERRIDE: 24,
  PARK: 25,
  OVERFLOW: 26,
  RECALL: 27,
  REDIRECTED: 28,
  REORDER_TONE: 29,
  RESOURCES_NOT_AVAILABLE: 30,
  SILENT_MONITOR: 31,
  TRANSFER: 32,
  TRUNKS_BUSY: 33,
  VOICE_UNIT_INITIATOR: 34,
  TIME_OUT: 35,
  NEW_CALL_INTERFLOW: 36,
  SIMULATION_INIT_REQUEST: 37,
  SIMULATION_RESET_REQUEST: 38,
  CTI_LINK_DOWN: 39,
  PERIPHERAL_RESET_REQUEST: 40,
  MD110_CONFERENCE_TRANSFER: 41,
  REMAINS_IN_Q: 42,
  SUPERVISOR_ASSIST: 43,
  EMERGENCY_CALL: 44,
  SUPERVISOR_CLEAR: 45,
  SUPERVISOR_MONITOR: 46,
  SUPERVISOR_WHISPER: 47,
  SUPERVISOR_BARGE_IN: 48,
  SUPERVISOR_INTERCEPT: 49,
  CALL_PARTY_UPDATE_IND: 50, // (read, A.1) state rebuild after a side switch
  CONSULT: 51,
  NIC_CALL_CLEAR: 52,
} as const;

/** CallType of BEGIN_CALL / CALL_DATA_UPDATE: what Finesse shows as the Dialog's callType. (inferred) */
export const CallType = {
  ACD_IN: 1,
  PREROUTE_ACD_IN: 2,
  PREROUTE_DIRECT_AGENT: 3,
  TRANSFER_IN: 4,
  OVERFLOW_IN: 5,
  OTHER_IN: 6,
  AUTO_OUT: 7,
  AGENT_OUT: 8,
  OUT: 9,
  AGENT_INSIDE: 10,
  OFFERED: 11,
  CONSULT: 12,
  CONSULT_OFFERED: 13,
  CONSULT_CONFERENCE: 14,
  CONFERENCE: 15,
  UNMONITORED: 16,
  PREVIEW: 17,
  RESERVATION: 18,
  ASSIST: 19,
  EMERGENCY: 20,
  SUPERVISOR_MONITOR: 21,
  SUPERVISOR_WHISPER: 22,
  SUPERVISOR_BARGEIN: 23,
  SUPERVISOR_INTERCEPT: 24,
  TASK_ROUTED_BY_ICM: 25,
  TASK_ROUTED_BY_APPLICATION: 26,
  NON_ACD: 27,
} as const;

/** ConnectionDeviceIDType (and the Primary/Secondary/Active/Held … variants). (inferred) */
export const ConnectionDeviceIdType = { STATIC: 0, DYNAMIC: 1, NONE: 0xffff } as const;

/** DeviceIDType of Calling/Called/Alerting/Answering … DeviceType fields (DEVID_…). (inferred) */
export const DeviceIdType = {
  DEVICE_IDENTIFIER: 0,
  TRUNK_IDENTIFIER: 70,
  TRUNK_GROUP_IDENTIFIER: 71,
  IP_PHONE_MAC_IDENTIFIER: 72,
  CTI_PORT: 73,
  ROUTE_POINT: 74,
  EXTERNAL: 75,
  AGENT_DEVICE: 76,
  QUEUE: 77,
  NON_ACD_DEVICE_IDENTIFIER: 78,
  SHARED_DEVICE_IDENTIFIER: 79,
  NONE: 0xffff,
} as const;

/** LineType of the call events. (inferred) */
export const LineType = {
  INBOUND_ACD: 0,
  OUTBOUND_ACD: 1,
  INSIDE: 2,
  UNKNOWN: 3,
  SUPERVISOR: 4,
  MESSAGE: 5,
  HELP: 6,
  OUTBOUND: 7,
  DID: 8,
  SILENT_MONITOR: 9,
  NON_ACD_IN: 10,
  NON_ACD_OUT: 11,
} as const;

/** SUPERVISE_CALL_REQ SupervisoryAction: Finesse's SILENT_MONITOR and BARGE_CALL. (inferred) */
export const SupervisoryAction = { CLEAR: 0, MONITOR: 1, WHISPER: 2, BARGE_IN: 3, INTERCEPT: 4 } as const;

/** CONSULTATION_CALL_REQ ConsultType. (inferred) */
export const ConsultType = { UNSPECIFIED: 0, TRANSFER: 1, CONFERENCE: 2 } as const;

/** CallPlacementType, CallMannerType, CallOption, FacilityType, AnsweringMachine: 0 = unspecified. (inferred) */
export const CallPlacementType = {
  UNSPECIFIED: 0,
  LINE_CALL: 1,
  OUTBOUND: 2,
  OUTBOUND_NO_ACCESS_CODE: 3,
  DIRECT_POSITION: 4,
  DIRECT_AGENT: 5,
  SUPERVISOR_ASSIST: 6,
} as const;

/** CONTROL_FAILURE_CONF FailureCode (CF_…): the subset the simulator answers with. (inferred) */
export const ControlFailureCode = {
  GENERIC_UNSPECIFIED: 0,
  GENERIC_OPERATION: 1,
  REQUEST_INCOMPATIBLE_WITH_OBJECT: 2,
  VALUE_OUT_OF_RANGE: 3,
  OBJECT_NOT_KNOWN: 4,
  INVALID_CALLING_DEVICE: 5,
  INVALID_CALLED_DEVICE: 6,
  INVALID_CSTA_CALL_IDENTIFIER: 11,
  INVALID_CSTA_DEVICE_IDENTIFIER: 12,
  INVALID_CSTA_CONNECTION_IDENTIFIER: 13,
  INVALID_DESTINATION: 14,
  INVALID_FEATURE: 15,
  GENERIC_STATE_INCOMPATIBILITY: 21,
  INVALID_OBJECT_STATE: 22,
  NO_ACTIVE_CALL: 24,
  NO_HELD_CALL: 25,
  NO_CALL_TO_CLEAR: 26,
  NO_CONNECTION_TO_CLEAR: 27,
  NO_CALL_TO_ANSWER: 28,
  NO_CALL_TO_COMPLETE: 29,
  RESOURCE_BUSY: 33,
  RESOURCE_OUT_OF_SERVICE: 34,
  AGENT_NOT_PARTY_ON_CALL: 268,
} as const;

type Table = Readonly<Record<string, number>>;

function namer(table: Table, prefix: string): (code: number) => string {
  const names = new Map(Object.entries(table).map(([name, code]) => [code, `${prefix}${name}`]));
  return (code) => names.get(code) ?? String(code);
}

/** `2` → `LCS_ALERTING`; unknown codes print as their number so a log never hides a value. */
export const localConnectionStateName = namer(LocalConnectionState, 'LCS_');
export const eventCauseName = namer(EventCause, 'CEC_');
export const callTypeName = namer(CallType, 'CALLTYPE_');
export const connectionDeviceIdTypeName = namer(ConnectionDeviceIdType, 'CONNECTION_ID_');
export const deviceIdTypeName = namer(DeviceIdType, 'DEVID_');
export const lineTypeName = namer(LineType, 'LINETYPE_');
export const supervisoryActionName = namer(SupervisoryAction, 'SUPERVISOR_');
export const consultTypeName = namer(ConsultType, 'CT_');
export const controlFailureCodeName = namer(ControlFailureCode, 'CF_');

const DEVICE_TYPE_FIELD = /DeviceType$/;
const CONNECTION_ID_TYPE_FIELD = /DeviceIdType$/;
const FIELD_NAMERS: Record<string, (code: number) => string> = {
  localConnectionState: localConnectionStateName,
  // The snapshot CONFs' per-call and per-device LocalConnectionStates.
  callState: localConnectionStateName,
  callDeviceConnectionState: localConnectionStateName,
  eventCause: eventCauseName,
  callType: callTypeName,
  lineType: lineTypeName,
  supervisoryAction: supervisoryActionName,
  consultType: consultTypeName,
  failureCode: controlFailureCodeName,
};

/**
 * The symbolic name of a call-message field's value (`localConnectionState` 2 → `LCS_ALERTING`),
 * or undefined for fields that carry plain numbers. Shared by describe.ts and the simulator trace.
 */
export function callValueName(field: string, value: number): string | undefined {
  const namerOf =
    FIELD_NAMERS[field] ??
    (CONNECTION_ID_TYPE_FIELD.test(field)
      ? connectionDeviceIdTypeName
      : DEVICE_TYPE_FIELD.test(field)
        ? deviceIdTypeName
        : undefined);
  return namerOf?.(value);
}
