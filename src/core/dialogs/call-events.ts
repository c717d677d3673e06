import type { CallVariable, ParticipantState } from '../model.ts';

/**
 * The CTI call events as core needs them: plain values the composition root builds from the
 * GED-188 messages (cti-and-peers.md A.4), so that core depends on the CTI link only through that
 * adapter, as it does for agent state (`AgentStateReport`). Device fields are the optional floating
 * fields of the messages; a missing one is simply not known.
 */

/**
 * A call on the CTI link. A.4: "Call identity = (ConnectionCallID, ConnectionDeviceIDType,
 * ConnectionDeviceID); two calls may share a ConnectionCallID (consult calls)".
 */
export interface CallRef {
  callId: number;
  deviceIdType: number;
  deviceId: string;
}

/** The call context BEGIN_CALL, CALL_DELIVERED, CALL_DATA_UPDATE and AGENT_PRE_CALL carry. */
export interface CallData {
  ani?: string;
  dnis?: string;
  dialedNumber?: string;
  /** CallVariable1–10 as `callVariable1`…, named variables under their own (`user.xxx`) names. */
  callVariables?: CallVariable[];
  callWrapupData?: string;
  routerCallKeyDay?: number;
  routerCallKeyCallId?: number;
  routerCallKeySequenceNumber?: number;
}

/** One connection of a conference or transfer result (the ConnectedParty lists). */
export interface ConnectedParty {
  call: CallRef;
  device: string;
}

export type CallEvent =
  | ({ type: 'BEGIN_CALL'; call: CallRef; callType?: number } & CallData)
  | ({
      type: 'DELIVERED';
      call: CallRef;
      alertingDevice?: string;
      callingDevice?: string;
      calledDevice?: string;
      serviceNumber?: number;
      skillGroupNumber?: number;
    } & CallData)
  | {
      type: 'ESTABLISHED';
      call: CallRef;
      answeringDevice?: string;
      callingDevice?: string;
      calledDevice?: string;
      serviceNumber?: number;
      skillGroupNumber?: number;
    }
  | { type: 'ORIGINATED'; call: CallRef; callingDevice?: string; calledDevice?: string }
  | {
      type: 'QUEUED';
      call: CallRef;
      callingDevice?: string;
      calledDevice?: string;
      serviceNumber?: number;
      skillGroupNumber?: number;
    }
  | { type: 'HELD'; call: CallRef; holdingDevice?: string }
  | { type: 'RETRIEVED'; call: CallRef; retrievingDevice?: string }
  | { type: 'CONNECTION_CLEARED'; call: CallRef; releasingDevice?: string }
  | { type: 'CLEARED'; call: CallRef }
  | { type: 'FAILED'; call: CallRef; failingDevice?: string; eventCause?: number }
  | {
      type: 'CONFERENCED';
      /** The held (original) call; the consult call merges into it. */
      primary: CallRef;
      secondary: CallRef;
      controllerDevice?: string;
      addedPartyDevice?: string;
      parties: ConnectedParty[];
    }
  | {
      type: 'TRANSFERRED';
      primary: CallRef;
      secondary: CallRef;
      transferringDevice?: string;
      transferredDevice?: string;
      parties: ConnectedParty[];
    }
  | ({ type: 'DATA_UPDATE'; call: CallRef; newCall?: CallRef; callType?: number } & CallData)
  /** Call context for an agent's instrument before its call arrives (A.4: usually before BEGIN_CALL). */
  | ({ type: 'AGENT_PRE_CALL'; instrument: string } & CallData)
  /** "This client is no longer associated with the call", not necessarily "the call ended" (A.4). */
  | { type: 'END_CALL'; call: CallRef };

/**
 * A call as the CTI server has it now (SNAPSHOT_CALL_CONF, asked after a reconnect or when a node
 * starts while calls are up): its context and every party it lists. The composition root maps the
 * parties' LocalConnectionStates to participant states and leaves out those that are none
 * (a connection queued at a route point).
 */
export interface CallSnapshot extends CallData {
  /** The connection it was asked by (the agent's phone's, from the phone's snapshot). */
  call: CallRef;
  callType?: number;
  parties: { call: CallRef; device: string; state: ParticipantState }[];
}

/**
 * GED-188 CallType → the name Finesse shows in `mediaProperties/callType`.
 * (inferred: the CallType table of the CTI Server Message Reference Guide as remembered; only the
 * names finesse-api.md §1.4 quotes — AGENT_INSIDE, PREROUTE_ACD_IN, SUPERVISOR_MONITOR, OUT… — are read.)
 */
const CALL_TYPE_NAMES: Record<number, string> = {
  1: 'ACD_IN',
  2: 'PREROUTE_ACD_IN',
  3: 'PREROUTE_DIRECT_AGENT',
  4: 'TRANSFER_IN',
  5: 'OVERFLOW_IN',
  6: 'OTHER_IN',
  7: 'AUTO_OUT',
  8: 'AGENT_OUT',
  9: 'OUT',
  10: 'AGENT_INSIDE',
  11: 'OFFERED',
  12: 'CONSULT',
  13: 'CONSULT_OFFERED',
  14: 'CONSULT_CONFERENCE',
  15: 'CONFERENCE',
  16: 'UNMONITORED',
  17: 'PREVIEW',
  18: 'RESERVATION',
  19: 'ASSIST',
  20: 'EMERGENCY',
  21: 'SUPERVISOR_MONITOR',
  22: 'SUPERVISOR_WHISPER',
  23: 'SUPERVISOR_BARGE_IN',
  24: 'SUPERVISOR_INTERCEPT',
};

export function callTypeName(code: number | undefined): string {
  if (code === undefined || code === 0) return '';
  return CALL_TYPE_NAMES[code] ?? String(code);
}

/**
 * GED-188 EventCause of a CALL_FAILED_EVENT → participant `stateCause` (finesse-api.md §1.4).
 * (inferred: EventCause values as remembered from the guide; 22 CEC_NEW_CALL and 50
 * CEC_CALL_PARTY_UPDATE_IND agree with A.1 and the codec fixtures.)
 */
export function failureCause(eventCause: number | undefined): string {
  switch (eventCause) {
    case 3: // CEC_BUSY
    case 33: // CEC_TRUNKS_BUSY
      return 'BUSY';
    case 13: // CEC_DEST_NOT_OBTAINABLE
    case 15: // CEC_INCOMPATIBLE_DESTINATION
    case 21: // CEC_NETWORK_NOT_OBTAINABLE
    case 29: // CEC_REORDER_TONE
      return 'BAD_DESTINATION';
    case 30: // CEC_RESOURCES_NOT_AVAILABLE
      return 'DEVICE_RESOURCE_NOT_AVAILABLE';
    default:
      return 'OTHER';
  }
}
