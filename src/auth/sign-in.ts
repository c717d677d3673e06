/**
 * Every password check of a node, whichever door it comes through (REST Basic, SASL PLAIN and
 * SCRAM over BOSH, WebSocket and XMPP), in one place and one order:
 *
 *   1. the shared cache of verified credentials (a hit is an existing session: no lock applies);
 *   2. the throttle (per address, and per account and address): too soon after failures, the
 *      attempt is refused unverified, with the time to wait;
 *   3. the lockout (lockout.ts, counts in the shared store): a locked account or address is
 *      refused unverified;
 *   4. the check itself (a slow hash, or SCRAM's HMACs), and its result counted.
 *
 * Session tokens (session-token.ts) prove an earlier sign-in: neither throttled nor locked out.
 */
import crypto from 'node:crypto';
import type { ConfigStore } from '../store/index.ts';
import { addressKey } from './address.ts';
import { CredentialCache } from './credential-cache.ts';
import { activeLock, DEFAULT_LOCKOUT, type LockoutOptions, needsSuccessRecord } from './lockout.ts';
import { SCRAM_HASHES, type ScramKeys, type ScramMechanism } from './scram.ts';
import { createSessionTokens, type IssuedToken, type SessionTokenOptions } from './session-token.ts';
import { FailureThrottle, type ThrottleOptions } from './throttle.ts';

type Tuning = Omit<ThrottleOptions, 'now'>;

export interface SignInOptions {
  store: ConfigStore;
  now?: () => number;
  /** How long a verified password is trusted without hashing it again (default 60 s). */
  cacheTtlMs?: number;
  cacheMaxEntries?: number;
  lockout?: Partial<LockoutOptions>;
  /** Progressive delays per address (all accounts) and per account and address. */
  throttle?: { perAddress?: Partial<Tuning>; perAccount?: Partial<Tuning> };
  tokens?: Omit<SessionTokenOptions, 'now'>;
  /** Told once per lock (whichever node's failure set it), to log it; never with the password. */
  onLockout?(event: { userId: string; address: string; scope: 'address' | 'account'; until: number }): void;
}

export interface SignInAttempt {
  /** The name as sent (login id or login name), not checked yet. */
  username: string;
  /** The peer's IP, without port. */
  ip: string;
}

export type Refusal =
  | { reason: 'bad-credentials' }
  | { reason: 'locked'; scope: 'address' | 'account'; until: number }
  | { reason: 'throttled'; retryAfterMs: number }
  /** SCRAM for an account whose keys are not stored yet (password set before SCRAM was kept). */
  | { reason: 'no-scram-keys' };

export type SignInResult =
  | { ok: true; userId: string /** When the password was verified. */; authAt: number }
  | ({ ok: false } & Refusal);

export interface ScramStart {
  ok: true;
  keys: ScramKeys;
  /** The client's proof was right or wrong: counted like a password. */
  finish(isProofValid: boolean): Promise<SignInResult>;
}

export interface SignIn {
  password(attempt: SignInAttempt, password: string): Promise<SignInResult>;
  /** SCRAM's first step: the keys to run the exchange with (made-up ones for an unknown user). */
  scram(attempt: SignInAttempt, mechanism: ScramMechanism): Promise<ScramStart | ({ ok: false } & Refusal)>;
  /** A session token; `username`, when the door names one (SASL), must be the token's user. */
  token(token: string, username?: string): Promise<SignInResult>;
  issueToken(userId: string, authAt: number): Promise<IssuedToken | undefined>;
  /** A token's claimed user, unverified, for log lines. */
  claimedUser(token: string): string | undefined;
}

export const DEFAULT_THROTTLE: { perAddress: Tuning; perAccount: Tuning } = {
  // Spraying many accounts from one address; generous, as a call center's desktops may share one.
  perAddress: { freeFailures: 10, baseDelayMs: 500, maxDelayMs: 60_000, forgetAfterMs: 15 * 60_000 },
  // Guessing one account: slowed from the third failure, before the lock at the fifth.
  perAccount: { freeFailures: 2, baseDelayMs: 1000, maxDelayMs: 60_000, forgetAfterMs: 15 * 60_000 },
};

export function createSignIn(options: SignInOptions): SignIn {
  const { store } = options;
  const now = options.now ?? Date.now;
  const lockout = { ...DEFAULT_LOCKOUT, ...options.lockout };
  const cache = new CredentialCache({
    ttlMs: options.cacheTtlMs ?? 60_000,
    maxEntries: options.cacheMaxEntries ?? 10_000,
    now,
  });
  const byAddress = new FailureThrottle({
    ...DEFAULT_THROTTLE.perAddress,
    ...options.throttle?.perAddress,
    now,
  });
  const byAccount = new FailureThrottle({
    ...DEFAULT_THROTTLE.perAccount,
    ...options.throttle?.perAccount,
    now,
  });
  const tokens = createSessionTokens(store, { ...options.tokens, now });
  // Unknown users get SCRAM keys made up from this secret: the same salt every time for a name, so
  // that the exchange does not tell which names exist (RFC 5802 §5.1).
  const madeUpKeys = crypto.randomBytes(32);
  // A user changed (new password, deleted; on any node: the store reports other nodes' writes):
  // its cached credentials and its remembered token epoch go at once.
  store.onChange((change) => {
    if (change.kind !== 'user') return;
    cache.forget(change.id);
    tokens.forget(change.id);
  });

  const throttled = (address: string, account: string): SignInResult | undefined => {
    const wait = Math.max(byAddress.waitMs(address), byAccount.waitMs(`${account}@${address}`));
    return wait > 0 ? { ok: false, reason: 'throttled', retryAfterMs: wait } : undefined;
  };

  /** The account's lock for this address, or the record to update after the check. */
  async function lockState(userId: string, address: string) {
    const record = await store.signInRecord(userId, address);
    const lock = activeLock(record, now(), lockout.familiarMs);
    return { record, refusal: lock && ({ ok: false, reason: 'locked', ...lock } as const) };
  }

  /** Counts the outcome of a check everywhere it counts. */
  async function counted(
    isOk: boolean,
    userId: string | undefined,
    name: string,
    address: string,
    record: Awaited<ReturnType<ConfigStore['signInRecord']>> | undefined,
  ): Promise<SignInResult> {
    const accountKey = `${userId ?? name}@${address}`;
    if (isOk && userId !== undefined) {
      byAddress.succeeded(address, false);
      byAccount.succeeded(accountKey, true);
      // A write per sign-in only when something changes: cheap sign-ins stay cheap.
      if (!record || needsSuccessRecord(record, now()))
        await store.recordSignInSuccess(userId, address, now());
      return { ok: true, userId, authAt: now() };
    }
    byAddress.failed(address);
    byAccount.failed(accountKey);
    if (userId !== undefined) {
      const { locked } = await store.recordSignInFailure(userId, address, { nowMs: now(), ...lockout });
      for (const l of locked) options.onLockout?.({ userId, address, ...l });
    }
    return { ok: false, reason: 'bad-credentials' };
  }

  async function accountOf(name: string) {
    return (await store.getUser(name))?.id;
  }

  return {
    async password(attempt, password) {
      const address = addressKey(attempt.ip);
      const key = cache.keyOf(attempt.username, password, address);
      const cached = cache.get(key);
      if (cached !== undefined) return { ok: true, userId: cached, authAt: now() };
      return cache.verifyOnce(key, async (): Promise<SignInResult> => {
        const userId = await accountOf(attempt.username);
        const wait = throttled(address, userId ?? attempt.username.toLowerCase());
        if (wait) return wait;
        const state = userId === undefined ? undefined : await lockState(userId, address);
        if (state?.refusal) return state.refusal;
        const user = await store.verifyPassword(attempt.username, password);
        return counted(
          user !== undefined,
          user?.id ?? userId,
          attempt.username.toLowerCase(),
          address,
          state?.record,
        );
      });
    },

    async scram(attempt, mechanism) {
      const address = addressKey(attempt.ip);
      const found = await store.getScramKeys(attempt.username, mechanism);
      const wait = throttled(address, found?.userId ?? attempt.username.toLowerCase());
      if (wait?.ok === false) return wait;
      const state = found && (await lockState(found.userId, address));
      if (state?.refusal) return state.refusal;
      if (found && !found.keys) return { ok: false, reason: 'no-scram-keys' };
      const keys =
        found?.keys ?? madeUp(madeUpKeys, attempt.username, mechanism, store.passwordHashing.scramIterations);
      return {
        ok: true,
        keys,
        finish: (isProofValid) =>
          counted(
            isProofValid && found !== undefined,
            found?.userId,
            attempt.username.toLowerCase(),
            address,
            state?.record,
          ),
      };
    },

    async token(token, username) {
      const claims = await tokens.verify(token);
      if (!claims || (username !== undefined && username !== claims.userId))
        return { ok: false, reason: 'bad-credentials' };
      return { ok: true, userId: claims.userId, authAt: claims.authAt };
    },

    issueToken: (userId, authAt) => tokens.issue(userId, authAt),
    claimedUser: (token) => tokens.claimedUser(token),
  };
}

/** Keys no password matches, stable per name (salt and count as a real account's would look). */
function madeUp(secret: Buffer, username: string, mechanism: ScramMechanism, iterations: number): ScramKeys {
  const derive = (label: string) =>
    crypto.createHmac('sha256', secret).update(`${mechanism}\u0000${label}\u0000${username}`).digest();
  const size = SCRAM_HASHES[mechanism].bytes;
  return {
    salt: derive('salt').subarray(0, 16),
    iterations: Math.max(iterations, 4096),
    storedKey: derive('stored').subarray(0, size),
    serverKey: derive('server').subarray(0, size),
  };
}
