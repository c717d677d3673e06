import type { UserState } from './model.ts';

/**
 * GED-188 agent state codes (cti-and-peers.md A.5) and how Finesse names them. The CTI codes are
 * repeated here rather than imported so that core depends on the CTI link only through `CtiPort`.
 */
export const CtiAgentState = {
  LOGIN: 0,
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
} as const;

const FROM_CTI: Record<number, UserState> = {
  0: 'LOGIN',
  1: 'LOGOUT',
  2: 'NOT_READY',
  3: 'READY',
  4: 'TALKING',
  5: 'WORK',
  6: 'WORK_READY',
  // Busy on another media/skill group: for the voice desktop that is not ready for a call.
  7: 'NOT_READY',
  8: 'RESERVED',
  9: 'UNKNOWN',
  10: 'HOLD',
};

export function userStateFromCti(code: number): UserState {
  return FROM_CTI[code] ?? 'UNKNOWN';
}

/** The states an agent (or its supervisor) may ask for with `PUT /User/{id}`. */
export const REQUESTABLE = {
  LOGIN: CtiAgentState.LOGIN,
  LOGOUT: CtiAgentState.LOGOUT,
  NOT_READY: CtiAgentState.NOT_READY,
  READY: CtiAgentState.AVAILABLE,
} as const;
export type RequestableState = keyof typeof REQUESTABLE;

export function isRequestable(state: string): state is RequestableState {
  return Object.hasOwn(REQUESTABLE, state);
}

/** States in which a READY/NOT_READY request becomes the pending state (finesse-api.md §2). */
export function isOnCall(state: UserState): boolean {
  return (
    state === 'TALKING' || state === 'HOLD' || state === 'RESERVED' || state === 'RESERVED_OUTBOUND_PREVIEW'
  );
}

export const SystemReasonCode = {
  /** Finesse forced logout after the desktop's presence went unavailable. */
  PRESENCE_LOGOUT: 255,
  /** Supervisor forced not ready (CCE). */
  SUPERVISOR_NOT_READY: 999,
} as const;
