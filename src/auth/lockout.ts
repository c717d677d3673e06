/**
 * The lockout rule (finesse-api.md §1.1: "5 consecutive bad passwords → account blocked for 5
 * minutes"), made safe against anyone who knows an agent's id (the red team locked the
 * administrator over and over):
 *
 * - five wrong passwords in a row from one address lock the account **for that address**: the
 *   agent at its own desk signs in as usual while a stranger is locked out;
 * - guesses spread over many addresses still add up: `maxAccountFailures` in a row from all
 *   addresses together lock the account for every address that is not **familiar** (none of its
 *   sign-ins succeeded there in the last `familiarMs`);
 * - a lock refuses new password sign-ins only. Sessions already signed in go on: their cached
 *   verified credentials, their XMPP streams, their session tokens (src/auth/sign-in.ts).
 *
 * The counts are the store's (`SignInLockouts`), shared by the nodes of a cluster.
 */
import type { SignInRecord } from '../store/index.ts';

export interface LockoutOptions {
  maxFailures: number;
  maxAccountFailures: number;
  lockMs: number;
  familiarMs: number;
}

export const DEFAULT_LOCKOUT: LockoutOptions = {
  maxFailures: 5,
  maxAccountFailures: 20,
  lockMs: 5 * 60_000,
  familiarMs: 30 * 24 * 3600_000,
};

// How stale "familiar" may get before a success writes it again (one write per hour per desk).
const FAMILIAR_REFRESH_MS = 3600_000;

/** The lock that refuses a password sign-in from this address now, if any. */
export function activeLock(
  r: SignInRecord,
  nowMs: number,
  familiarMs: number,
): { scope: 'address' | 'account'; until: number } | undefined {
  if (r.addressLockedUntil > nowMs) return { scope: 'address', until: r.addressLockedUntil };
  const isFamiliar = r.lastSuccessAt > 0 && nowMs - r.lastSuccessAt < familiarMs;
  if (r.accountLockedUntil > nowMs && !isFamiliar) return { scope: 'account', until: r.accountLockedUntil };
  return undefined;
}

/** Whether a successful sign-in must be written (counts to reset, familiarity to refresh). */
export function needsSuccessRecord(r: SignInRecord, nowMs: number): boolean {
  return r.addressFailures > 0 || r.accountFailures > 0 || nowMs - r.lastSuccessAt >= FAMILIAR_REFRESH_MS;
}
