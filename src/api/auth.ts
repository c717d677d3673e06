import crypto from 'node:crypto';
import type { ApiError, Result, UserConfig } from '../core/index.ts';
import type { SignInLockouts, Store } from '../store/index.ts';
import { apiError } from './errors.ts';

export interface AuthenticatorOptions {
  /** How long a verified Authorization header is trusted without checking the password again. */
  ttlMs?: number;
  /** Most cached headers kept; the oldest go first. */
  maxEntries?: number;
  now?: () => number;
  /** Consecutive wrong passwords that lock an account (Finesse: 5). */
  maxFailures?: number;
  /** How long a locked account is refused (Finesse: 5 minutes). */
  lockMs?: number;
  /** Told when an account gets locked, to log it (never with the password). */
  onLockout?(event: { userId: string; failures: number; until: number }): void;
  /**
   * Where wrong passwords are counted: the store, so that every node of a cluster agrees on who
   * is locked out. Without it, no account is ever locked.
   */
  lockouts?: SignInLockouts;
}

export interface Authenticator {
  /** The user behind an `Authorization: Basic …` header, or the 401 to answer. */
  authenticate(header: string | undefined): Promise<Result<UserConfig, ApiError>>;
}

export interface BasicCredentials {
  username: string;
  password: string;
}

/** RFC 7617: `Basic base64(user-id ":" password)`, the user id being everything before the first colon. */
export function parseBasic(header: string | undefined): BasicCredentials | undefined {
  const m = /^Basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * HTTP Basic against the store, with a short cache of verified headers.
 *
 * Why a cache: passwords are scrypt hashes (tens of milliseconds each, by design), and a Finesse
 * desktop sends its credentials with every request — five or more in the second after sign-in,
 * then one per action. The cache is keyed by a SHA-256 of the whole header, so no password is kept
 * in memory in clear, and it remembers only the user id: roles and teams are read fresh from the
 * store on every request, so only a password change takes up to `ttlMs` to bite. Failures are
 * never cached: every wrong guess pays the full hash. Concurrent requests with the same header
 * share one verification.
 */
export function createAuthenticator(store: Store, options: AuthenticatorOptions = {}): Authenticator {
  const ttlMs = options.ttlMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const verified = new Map<string, { userId: string; expires: number }>();
  const inFlight = new Map<string, Promise<UserConfig | undefined>>();
  const lockout = createLockout(options, now);

  const remember = (key: string, userId: string) => {
    verified.delete(key);
    if (verified.size >= maxEntries) {
      const oldest = verified.keys().next();
      if (!oldest.done) verified.delete(oldest.value);
    }
    verified.set(key, { userId, expires: now() + ttlMs });
  };

  return {
    async authenticate(header) {
      const credentials = parseBasic(header);
      if (!credentials) return { ok: false, error: apiError('authentication-failure') };
      const failure = apiError('authentication-failure', credentials.username);
      const key = crypto
        .createHash('sha256')
        .update(header ?? '')
        .digest('base64');

      const hit = verified.get(key);
      if (hit && hit.expires > now()) {
        // A locked account is refused even with a header verified before it was locked.
        if (await lockout.isLocked(hit.userId)) return { ok: false, error: locked(credentials.username) };
        const user = await store.getUser(hit.userId);
        if (user) return { ok: true, value: user };
      }
      verified.delete(key);

      // Which account the name belongs to (login names are case-insensitive): failures count per
      // account, whichever of its names they used. A locked account costs no password hashing.
      const account = await store.getUser(credentials.username);
      if (account && (await lockout.isLocked(account.id)))
        return { ok: false, error: locked(credentials.username) };

      let pending = inFlight.get(key);
      if (!pending) {
        pending = store.verifyPassword(credentials.username, credentials.password);
        inFlight.set(key, pending);
        void pending.finally(() => inFlight.delete(key)).catch(() => {});
      }
      const user = await pending;
      if (!user) {
        if (account) await lockout.failed(account.id);
        return { ok: false, error: failure };
      }
      await lockout.succeeded(user.id);
      remember(key, user.id);
      return { ok: true, value: user };
    },
  };
}

const locked = (username: string) => apiError('account-locked', username);

/**
 * Finesse's sign-in lockout (finesse-api.md §1.1): `maxFailures` consecutive wrong passwords
 * lock the account for `lockMs`; a right password resets the count. The counts live in the store
 * (`SignInLockouts`): a restart keeps them, and the nodes of a cluster count together.
 */
function createLockout(options: AuthenticatorOptions, now: () => number) {
  const maxFailures = options.maxFailures ?? 5;
  const lockMs = options.lockMs ?? 5 * 60_000;
  const store = options.lockouts;
  return {
    async isLocked(userId: string): Promise<boolean> {
      return store !== undefined && (await store.signInLockedUntil(userId)) > now();
    },
    async failed(userId: string): Promise<void> {
      if (!store) return;
      const { failures, lockedUntil } = await store.recordSignInFailure(userId, {
        nowMs: now(),
        maxFailures,
        lockMs,
      });
      if (lockedUntil > 0) options.onLockout?.({ userId, failures, until: lockedUntil });
    },
    async succeeded(userId: string): Promise<void> {
      await store?.clearSignInFailures(userId);
    },
  };
}
