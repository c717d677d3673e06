import type { UserState } from '../model.ts';

/**
 * The agent's `pendingState` after an agent event (finesse-api.md §2). A READY/NOT_READY asked
 * for during a call is sent to the CTI server at once; a server that keeps it says so in
 * AGENT_STATE_EVENT NextAgentState (`next`) and applies it when the call ends — our simulator
 * does, so the call's end cannot override it (cti-and-peers.md B.3 #4). Entering wrap-up also ends
 * it: TALKING → WORK is how UCCE honours a NOT_READY chosen during the call (§2 table).
 */
export function pendingAfter(
  current: UserState | '',
  state: UserState,
  next: UserState | undefined,
): UserState | '' {
  if (state === 'LOGOUT') return '';
  if (next !== undefined && next !== 'UNKNOWN') return next === state ? '' : next;
  if (current === state || state === 'WORK' || state === 'WORK_READY') return '';
  return current;
}
