import crypto from 'node:crypto';
import type { ApiError, Result, UserConfig } from '../core/index.ts';
import type { Store } from '../store/index.ts';
import { apiError } from './errors.ts';

export interface AuthenticatorOptions {
  /** How long a verified Authorization header is trusted without checking the password again. */
  ttlMs?: number;
  /** Most cached headers kept; the oldest go first. */
  maxEntries?: number;
  now?: () => number;
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
        const user = await store.getUser(hit.userId);
        if (user) return { ok: true, value: user };
      }
      verified.delete(key);

      let pending = inFlight.get(key);
      if (!pending) {
        pending = store.verifyPassword(credentials.username, credentials.password);
        inFlight.set(key, pending);
        void pending.finally(() => inFlight.delete(key)).catch(() => {});
      }
      const user = await pending;
      if (!user) return { ok: false, error: failure };
      remember(key, user.id);
      return { ok: true, value: user };
    },
  };
}
