import type { DeskSettings } from '../resources/index.ts';
import { CoreErrors } from './errors.ts';
import type { ApiError, ReasonCode, Result, UserState } from './model.ts';
import { type RequestableState, SystemReasonCode } from './states.ts';

/**
 * Who may ask for which agent state, from which state, with which reason code, and whether the
 * CTI request is forced: the rules of "User—Change Agent State" in the Finesse Web Services
 * Developer Guide 12.5(1) for Unified CCE, quoted where they apply. Pure: core gathers the facts.
 */

/** An agent changes its own state, or a supervisor that of a user of a team it supervises. */
export type Requester = 'self' | 'supervisor';

// "A supervisor can set the state of a user to LOGOUT only if that user is in READY, NOT_READY,
// RESERVED, RESERVED_OUTBOUND, RESERVED_OUTBOUND_PREVIEW, TALKING, HOLD, WORK, or WORK_READY state."
const SUPERVISOR_LOGOUT_FROM: readonly UserState[] = [
  'READY',
  'NOT_READY',
  'RESERVED',
  'RESERVED_OUTBOUND',
  'RESERVED_OUTBOUND_PREVIEW',
  'TALKING',
  'HOLD',
  'WORK',
  'WORK_READY',
];
// "A supervisor can set the state of a user to NOT_READY only if that user is in READY, WORK, or
// WORK_READY state."
const SUPERVISOR_NOT_READY_FROM: readonly UserState[] = ['READY', 'WORK', 'WORK_READY'];

export interface StateRequest {
  requester: Requester;
  state: RequestableState;
  /** The ReasonCode database id sent, if any (-1 counts as none). */
  reasonCodeId?: number;
  /** The codes of the state's category the user may use (none for READY and LOGIN). */
  codes: readonly ReasonCode[];
  desk: Pick<DeskSettings, 'idleReasonRequired' | 'logoutReasonRequired'>;
}

export interface PlannedState {
  reason?: ReasonCode;
  /** The EventReasonCode for CTI: the reason's code, 999 for a supervisor's Not Ready, else 0. */
  reasonCode: number;
  /**
   * SET_AGENT_STATE_REQ ForcedFlag, "only meaningful with LOGIN/LOGOUT" (cti-and-peers.md): a
   * sign-in ("Sign-in is forced", finesse-api.md §1.3) and a supervisor's sign-out of an agent,
   * which may be on a call; an agent's own changes are not forced.
   */
  forced: boolean;
}

/** What can be judged without the agent's current state: the state asked for and its reason. */
export function planStateRequest(r: StateRequest): Result<PlannedState> {
  const { requester, state } = r;
  if (requester === 'supervisor' && state === 'LOGIN') {
    // "A supervisor can only set the state of another user to NOT_READY, READY, or LOGOUT."
    return fail(
      CoreErrors.invalidState(
        'A supervisor can only set the state of another user to NOT_READY, READY, or LOGOUT',
        state,
      ),
    );
  }
  const hasReason = r.reasonCodeId !== undefined && r.reasonCodeId !== -1;
  if (requester === 'supervisor' && state === 'NOT_READY' && hasReason) {
    // "When a supervisor uses this API to set the state of a user to NOT_READY, a reason code must
    // not be used. If a reason code is provided, Finesse rejects it and returns a 400 Invalid Input
    // error. Finesse sends a hard-coded reason code" — 999 on CCE.
    return fail(
      CoreErrors.invalidInput(
        'A supervisor cannot set a reason code when setting a user to NOT_READY',
        String(r.reasonCodeId),
      ),
    );
  }
  let reason: ReasonCode | undefined;
  if (hasReason) {
    if (state === 'NOT_READY' || state === 'LOGOUT') reason = r.codes.find((c) => c.id === r.reasonCodeId);
    if (!reason)
      return fail(CoreErrors.invalidInput('Invalid reason code for this state', String(r.reasonCodeId)));
  } else if (requester === 'self' && isReasonRequired(r)) {
    return fail(CoreErrors.reasonCodeRequired());
  }
  const reasonCode =
    requester === 'supervisor' && state === 'NOT_READY'
      ? SystemReasonCode.SUPERVISOR_NOT_READY
      : (reason?.code ?? 0);
  const forced = state === 'LOGIN' || (requester === 'supervisor' && state === 'LOGOUT');
  return { ok: true, value: { reason, reasonCode, forced } };
}

/**
 * CCE's agent desk settings "Idle reason required" and "Logout reason required": a Not Ready or
 * Sign Out needs a reason code — when codes exist to choose one from (finesse-api.md §1.5).
 */
function isReasonRequired(r: StateRequest): boolean {
  if (r.codes.length === 0) return false;
  if (r.state === 'NOT_READY') return r.desk.idleReasonRequired;
  if (r.state === 'LOGOUT') return r.desk.logoutReasonRequired;
  return false;
}

/**
 * What depends on the agent's state when the request's turn comes (after the outcome of the
 * requests before it). LOGIN is the caller's (a signed-in user keeps its state).
 */
export function checkFromState(
  requester: Requester,
  state: RequestableState,
  current: UserState,
): ApiError | undefined {
  if (state === 'LOGIN') return undefined;
  if (current === 'LOGOUT') return CoreErrors.invalidState('The agent is not signed in', current);
  if (requester === 'self' && state === 'LOGOUT' && current !== 'NOT_READY') {
    return CoreErrors.invalidState(
      'An agent can set the state to LOGOUT only if that agent is in NOT_READY state',
      current,
    );
  }
  if (requester === 'supervisor' && state === 'LOGOUT' && !SUPERVISOR_LOGOUT_FROM.includes(current)) {
    return CoreErrors.invalidState(
      'A supervisor can set the state of a user to LOGOUT only if that user is in READY, NOT_READY, RESERVED, RESERVED_OUTBOUND, RESERVED_OUTBOUND_PREVIEW, TALKING, HOLD, WORK, or WORK_READY state',
      current,
    );
  }
  if (requester === 'supervisor' && state === 'NOT_READY' && !SUPERVISOR_NOT_READY_FROM.includes(current)) {
    return CoreErrors.invalidState(
      'A supervisor can set the state of a user to NOT_READY only if that user is in READY, WORK, or WORK_READY state',
      current,
    );
  }
  return undefined;
}

const fail = (error: ApiError): Result<never> => ({ ok: false, error });
