/**
 * GED-188 wire constants (CTI Server Message Reference Guide; distilled in
 * shared/spec/cti-and-peers.md A.3–A.5). Every number the codec, the client and the simulator put
 * on the wire comes from a table in this folder; nowhere else has magic numbers.
 */

/** Message type ids (MHDR MessageType), A.3, verified against the v24 message table. */
export const MessageType = {
  // Session management (A.1)
  FAILURE_CONF: 1, // negative reply to any request: InvokeID + Status
  FAILURE_EVENT: 2, // unsolicited failure: Status only
  OPEN_REQ: 3,
  OPEN_CONF: 4,
  HEARTBEAT_REQ: 5, // client-initiated only; the server has none of its own
  HEARTBEAT_CONF: 6,
  CLOSE_REQ: 7,
  CLOSE_CONF: 8,
  // Call events
  CALL_DELIVERED_EVENT: 9,
  CALL_ESTABLISHED_EVENT: 10,
  CALL_HELD_EVENT: 11,
  CALL_RETRIEVED_EVENT: 12,
  CALL_CLEARED_EVENT: 13,
  CALL_CONNECTION_CLEARED_EVENT: 14, // one party left; the call may go on
  CALL_ORIGINATED_EVENT: 15,
  CALL_FAILED_EVENT: 16,
  CALL_CONFERENCED_EVENT: 17,
  CALL_TRANSFERRED_EVENT: 18,
  CALL_DIVERTED_EVENT: 19,
  CALL_SERVICE_INITIATED_EVENT: 20,
  CALL_QUEUED_EVENT: 21,
  CALL_TRANSLATION_ROUTE_EVENT: 22,
  BEGIN_CALL_EVENT: 23, // always precedes the other events of a call
  END_CALL_EVENT: 24, // "this client is no longer associated", not necessarily "call ended"
  CALL_DATA_UPDATE_EVENT: 25,
  SET_CALL_DATA_REQ: 26,
  SET_CALL_DATA_CONF: 27,
  RELEASE_CALL_REQ: 28,
  RELEASE_CALL_CONF: 29,
  // Agent and system
  AGENT_STATE_EVENT: 30,
  SYSTEM_EVENT: 31,
  CLIENT_EVENT_REPORT_REQ: 32,
  CLIENT_EVENT_REPORT_CONF: 33,
  CALL_REACHED_NETWORK_EVENT: 34,
  CONTROL_FAILURE_CONF: 35, // call-control failure with a peripheral-specific code
  QUERY_AGENT_STATE_REQ: 36,
  QUERY_AGENT_STATE_CONF: 37,
  SET_AGENT_STATE_REQ: 38,
  SET_AGENT_STATE_CONF: 39, // InvokeID only: "accepted"; the truth is the next AGENT_STATE_EVENT
  // Call control
  ALTERNATE_CALL_REQ: 40,
  ALTERNATE_CALL_CONF: 41,
  ANSWER_CALL_REQ: 42,
  ANSWER_CALL_CONF: 43,
  CLEAR_CALL_REQ: 44,
  CLEAR_CALL_CONF: 45,
  CLEAR_CONNECTION_REQ: 46,
  CLEAR_CONNECTION_CONF: 47,
  CONFERENCE_CALL_REQ: 48,
  CONFERENCE_CALL_CONF: 49,
  CONSULTATION_CALL_REQ: 50,
  CONSULTATION_CALL_CONF: 51,
  DEFLECT_CALL_REQ: 52,
  DEFLECT_CALL_CONF: 53,
  HOLD_CALL_REQ: 54,
  HOLD_CALL_CONF: 55,
  MAKE_CALL_REQ: 56,
  MAKE_CALL_CONF: 57,
  MAKE_PREDICTIVE_CALL_REQ: 58,
  MAKE_PREDICTIVE_CALL_CONF: 59,
  RECONNECT_CALL_REQ: 60,
  RECONNECT_CALL_CONF: 61,
  RETRIEVE_CALL_REQ: 62,
  RETRIEVE_CALL_CONF: 63,
  TRANSFER_CALL_REQ: 64,
  TRANSFER_CALL_CONF: 65,
  // Queries, snapshots, monitors
  QUERY_DEVICE_INFO_REQ: 78,
  QUERY_DEVICE_INFO_CONF: 79,
  SNAPSHOT_CALL_REQ: 82,
  SNAPSHOT_CALL_CONF: 83,
  SNAPSHOT_DEVICE_REQ: 84,
  SNAPSHOT_DEVICE_CONF: 85,
  CALL_DEQUEUED_EVENT: 86,
  SEND_DTMF_SIGNAL_REQ: 91,
  SEND_DTMF_SIGNAL_CONF: 92,
  MONITOR_START_REQ: 93,
  MONITOR_START_CONF: 94,
  MONITOR_STOP_REQ: 95,
  MONITOR_STOP_CONF: 96,
  CHANGE_MONITOR_MASK_REQ: 97,
  CHANGE_MONITOR_MASK_CONF: 98,
  CLIENT_SESSION_OPENED_EVENT: 99,
  CLIENT_SESSION_CLOSED_EVENT: 100,
  AGENT_PRE_CALL_EVENT: 105, // usually before BEGIN_CALL_EVENT, not guaranteed
  AGENT_PRE_CALL_ABORT_EVENT: 106,
  QUERY_AGENT_STATISTICS_REQ: 112,
  QUERY_AGENT_STATISTICS_CONF: 113,
  QUERY_SKILL_GROUP_STATISTICS_REQ: 114,
  QUERY_SKILL_GROUP_STATISTICS_CONF: 115,
  // Supervisor features
  SUPERVISOR_ASSIST_REQ: 118,
  SUPERVISOR_ASSIST_CONF: 119,
  SUPERVISOR_ASSIST_EVENT: 120,
  EMERGENCY_CALL_REQ: 121,
  EMERGENCY_CALL_CONF: 122,
  EMERGENCY_CALL_EVENT: 123,
  SUPERVISE_CALL_REQ: 124, // silent monitor, barge-in, intercept
  SUPERVISE_CALL_CONF: 125,
  AGENT_TEAM_CONFIG_REQ: 126,
  AGENT_TEAM_CONFIG_CONF: 127,
  AGENT_TEAM_CONFIG_EVENT: 128,
  LIST_AGENT_TEAM_REQ: 133,
  LIST_AGENT_TEAM_CONF: 134,
  MONITOR_AGENT_TEAM_START_REQ: 135,
  MONITOR_AGENT_TEAM_START_CONF: 136,
  MONITOR_AGENT_TEAM_STOP_REQ: 137,
  MONITOR_AGENT_TEAM_STOP_CONF: 138,
  // Active/standby and maintenance, protocol v24+ (A.1)
  STANDBY_ACTIVE_EVENT: 277,
  ACTIVE_MAINTENANCE_REQ: 278,
  ACTIVE_MAINTENANCE_RESP: 279,
  ACTIVE_MAINTENANCE_EVENT: 280,
  STOPPING_REQUESTS_TO_THIS_SIDE_IND: 281,
} as const;

export type MessageTypeName = keyof typeof MessageType;

const NAME_BY_ID = new Map<number, MessageTypeName>(
  Object.entries(MessageType).map(([name, id]) => [id, name as MessageTypeName]),
);

export function messageTypeName(id: number): MessageTypeName | undefined {
  return NAME_BY_ID.get(id);
}

/**
 * AgentState / SkillGroupState codes, A.5 (v17 guide table 6-5). Finesse's REST vocabulary names
 * AVAILABLE "READY" and WORK_NOT_READY "WORK"; that mapping lives in core, not here.
 */
export const AgentState = {
  LOGIN: 0, // transient: logged on, not necessarily ready
  LOGOUT: 1,
  NOT_READY: 2,
  AVAILABLE: 3,
  TALKING: 4,
  WORK_NOT_READY: 5,
  WORK_READY: 6,
  BUSY_OTHER: 7,
  RESERVED: 8,
  UNKNOWN: 9,
  HOLD: 10,
  ACTIVE: 11,
  PAUSED: 12,
  INTERRUPTED: 13,
  NOT_ACTIVE: 14,
} as const;

export type AgentStateName = keyof typeof AgentState;

const AGENT_STATE_NAMES = Object.keys(AgentState) as AgentStateName[];

/** `2` → `NOT_READY`; unknown codes print as their number so a log never hides a value. */
export function agentStateName(code: number): string {
  return AGENT_STATE_NAMES[code] ?? String(code);
}

/** OPEN_REQ ServicesRequested / OPEN_CONF ServicesGranted bits, A.4. Unused bits ⇒ E_CTI_INVALID_SERVICE_MASK. */
export const ServiceMask = {
  CLIENT_EVENTS: 0x1,
  CALL_DATA_UPDATE: 0x2,
  CLIENT_CONTROL: 0x4,
  CONNECTION_MONITOR: 0x8,
  ALL_EVENTS: 0x10,
  PERIPHERAL_MONITOR: 0x20,
  CLIENT_MONITOR: 0x40,
  SUPERVISOR: 0x80,
  SERVER: 0x100,
  AGENT_REPORTING: 0x400,
  ALL_TASK_EVENTS: 0x800,
  TASK_MONITOR: 0x1000,
  AGENT_STATE_CONTROL_ONLY: 0x2000,
  UPDATE_EVENTS: 0x80000,
  IGNORE_DUPLICATE_AGENT_EVENTS: 0x100000,
  IGNORE_CONF: 0x200000,
  ACD_LINE_ONLY: 0x400000,
  ACTIVE_STANDBY: 0x02000000,
  DEBUG: 0x80000000,
} as const;

/** OPEN_REQ CallMsgMask bits: which call events the client wants, A.4. */
export const CallMsgMask = {
  DELIVERED: 0x1,
  QUEUED: 0x2,
  ESTABLISHED: 0x4,
  HELD: 0x8,
  RETRIEVED: 0x10,
  CLEARED: 0x20,
  CONNECTION_CLEARED: 0x40,
  ORIGINATED: 0x80,
  CONFERENCED: 0x100,
  TRANSFERRED: 0x200,
  DIVERTED: 0x400,
  SERVICE_INITIATED: 0x800,
  TRANSLATION_ROUTE: 0x1000,
  BEGIN_CALL: 0x2000,
  END_CALL: 0x4000,
  CALL_DATA_UPDATE: 0x8000,
  FAILED: 0x10000,
  REACHED_NETWORK: 0x20000,
  DEQUEUED: 0x40000,
  AGENT_PRE_CALL: 0x80000,
  PRE_CALL_ABORT: 0x100000,
  RTP_STARTED: 0x200000,
  RTP_STOPPED: 0x400000,
} as const;

/**
 * OPEN_REQ AgentStateMask: one bit per agent state, A.4. UNKNOWN (9) has no bit, so HOLD (10) is
 * 0x200 rather than 1 << 10.
 */
export const AgentStateMask = {
  LOGIN: 0x1,
  LOGOUT: 0x2,
  NOT_READY: 0x4,
  AVAILABLE: 0x8,
  TALKING: 0x10,
  WORK_NOT_READY: 0x20,
  WORK_READY: 0x40,
  BUSY_OTHER: 0x80,
  RESERVED: 0x100,
  HOLD: 0x200,
  ACTIVE: 0x400,
  PAUSED: 0x800,
  INTERRUPTED: 0x1000,
  NOT_ACTIVE: 0x2000,
} as const;

/** The AgentStateMask bit for a state code; 0 for UNKNOWN and codes outside the table. */
export function agentStateMaskBit(code: number): number {
  const name = AGENT_STATE_NAMES[code];
  return name === undefined || name === 'UNKNOWN' ? 0 : AgentStateMask[name];
}

export function maskOf(bits: Record<string, number>): number {
  return Object.values(bits).reduce((a, b) => (a | b) >>> 0, 0);
}

/** SET_AGENT_STATE_REQ AgentWorkMode (UCCE), A.4. */
export const AgentWorkMode = {
  UNSPECIFIED: 0,
  AUTO_IN: 1,
  MANUAL_IN: 2,
  RA_CALL_BY_CALL: 3,
  RA_NAILED_CONNECTION: 4,
} as const;

/** SET_AGENT_STATE_REQ ForcedFlag, A.4: only meaningful with LOGIN and LOGOUT. */
export const ForcedFlag = { FALSE: 0, TRUE: 1, AUTHENTICATE_ONLY: 2 } as const;

/** PeripheralType; 17 is what a UCCE (Enterprise Agent) peripheral reports. (read: open-source enums) */
export const PeripheralType = { ENTERPRISE_AGENT: 17 } as const;

/** OPEN_CONF SessionType, protocol v24+. */
export const SessionType = { UNKNOWN: 0, ACTIVE: 1, STANDBY: 2 } as const;

/** SYSTEM_EVENT SystemEventID. (inferred: numbering of open-source enums, not read in a guide) */
export const SystemEventId = {
  CENTRAL_CONTROLLER_ONLINE: 1,
  CENTRAL_CONTROLLER_OFFLINE: 2,
  PERIPHERAL_ONLINE: 3, // SystemEventArg1 = PeripheralID
  PERIPHERAL_OFFLINE: 4,
  TEXT_FYI: 5,
  PERIPHERAL_GATEWAY_OFFLINE: 6,
  CTI_SERVER_OFFLINE: 7,
  CTI_SERVER_ONLINE: 8,
  HALF_HOUR_CHANGE: 9,
  INSTRUMENT_OUT_OF_SERVICE: 10, // EventDeviceID names the instrument
  INSTRUMENT_BACK_IN_SERVICE: 11,
} as const;

const SYSTEM_EVENT_NAMES = new Map(Object.entries(SystemEventId).map(([name, id]) => [id as number, name]));

/** `10` → `INSTRUMENT_OUT_OF_SERVICE`; unknown ids print as their number. */
export function systemEventName(id: number): string {
  return SYSTEM_EVENT_NAMES.get(id) ?? String(id);
}

/** IdleTimeout value that disables the server's idle check, A.1. */
export const IDLE_TIMEOUT_DISABLED = 0xffffffff;

/** OPEN_REQ PeripheralID for anything but a Client Events session, A.4. */
export const ALL_PERIPHERALS = 0xffffffff;
