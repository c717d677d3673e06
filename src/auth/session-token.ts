/**
 * Desktop session tokens: what a signed-in desktop shows instead of its password, on any node of
 * the cluster, so that a failover costs an HMAC and at most one store read instead of a slow hash.
 *
 *   sbt1.<keyId>.<payload>.<mac>      payload = base64url(JSON {u, e, a, x}), mac = base64url(
 *                                     HMAC-SHA256(key, "sbt1.<keyId>.<payload>"))
 *
 * `u` the login id, `e` the user's credential epoch when issued (a new password raises it, which
 * revokes every token of the user at once on every node), `a` when the password was verified (a
 * renewal keeps it: a session lasts at most `maxSessionMs` without the password again), `x` when
 * the token expires. A node keeps the epochs it read for EPOCH_TTL_MS, and forgets a user's at
 * once when the store reports a change of that user (`forget`, on every node: the store's change
 * feed), so a desktop's XMPP sign-in and its REST requests after it read the store once. Keys live in the shared store, one per rotation period (id `k<period>`);
 * every node signs with the current period's and accepts those of the periods a live token can
 * still come from. Tokens are bearer credentials: they are never logged, and are accepted only
 * where a password in clear would be (`--plain-auth`). A lockout does not revoke them: it refuses
 * new password sign-ins, and a desktop signed in before it must keep working (docs/security.md).
 */
import crypto from 'node:crypto';
import type { SessionTokenKey, SignInCredentials } from '../store/index.ts';

const PREFIX = 'sbt1';
const KEY_RELOAD_MS = 1000;
// Keys are read again this often: a key deleted from the database (every token revoked at once)
// stops verifying on every node within a minute.
const KEY_REFRESH_MS = 60_000;
/**
 * How long an epoch read from the store is trusted without reading it again, should a change
 * report not arrive (the same minute as the keys and the cache of verified passwords).
 */
export const EPOCH_TTL_MS = 60_000;
/** Epochs remembered at most (the oldest go first): one per user signed in within EPOCH_TTL_MS. */
const MAX_EPOCHS = 10_000;

export interface SessionTokenOptions {
  /** How long a token is accepted (default 8 h); the desktop renews it at half-life. */
  ttlMs?: number;
  /** Longest session since the password was last verified, renewals included (default 24 h). */
  maxSessionMs?: number;
  /** How often a new signing key is made (default 24 h). */
  rotationMs?: number;
  now: () => number;
}

export interface SessionTokenClaims {
  userId: string;
  epoch: number;
  /** When the password was verified. */
  authAt: number;
  expiresAt: number;
}

export interface IssuedToken {
  token: string;
  expiresAt: number;
}

export interface SessionTokens {
  issue(userId: string, authAt: number): Promise<IssuedToken | undefined>;
  /** The claims of a token that is genuine, unexpired and not revoked; undefined otherwise. */
  verify(token: string): Promise<SessionTokenClaims | undefined>;
  /** A token's claimed user, unverified, for log lines' `usr` (never the token itself). */
  claimedUser(token: string): string | undefined;
  /** The user changed (a new password raises the epoch): its remembered epoch goes. */
  forget(userId: string): void;
}

export const isSessionToken = (s: string) => s.startsWith(`${PREFIX}.`);

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export function createSessionTokens(store: SignInCredentials, options: SessionTokenOptions): SessionTokens {
  const ttlMs = options.ttlMs ?? 8 * 3600_000;
  const maxSessionMs = options.maxSessionMs ?? 24 * 3600_000;
  const rotationMs = options.rotationMs ?? 24 * 3600_000;
  const { now } = options;
  let keys = new Map<string, SessionTokenKey>();
  let lastLoad = Number.NEGATIVE_INFINITY;
  // A token can be at most ttlMs old and its key was made at most rotationMs before it.
  const oldestUsable = () => now() - rotationMs - ttlMs;

  // One read at a time: the verifications that arrive while it is under way (a failover's storm
  // of desktops whose key this node has not seen yet) wait for it instead of being refused.
  let loading: Promise<void> | undefined;
  const read = async () => {
    lastLoad = now();
    keys = new Map((await store.listSessionTokenKeys()).map((k) => [k.id, k]));
  };
  const load = () => {
    if (!loading)
      loading = read().finally(() => {
        loading = undefined;
      });
    return loading;
  };

  async function currentKey(): Promise<SessionTokenKey> {
    if (now() - lastLoad >= KEY_REFRESH_MS) await load();
    const id = `k${Math.floor(now() / rotationMs)}`;
    const known = keys.get(id);
    if (known) return known;
    await load();
    if (!keys.has(id)) {
      await store.addSessionTokenKey({
        id,
        secret: crypto.randomBytes(32).toString('base64'),
        createdAt: now(),
      });
      await store.deleteSessionTokenKeysBefore(oldestUsable());
      // Another node may have made this period's key first: everyone signs with the stored one.
      await load();
    }
    const key = keys.get(id);
    if (!key) throw new Error(`session token key ${id} could not be stored`);
    return key;
  }

  const epochs = new Map<string, { epoch: number | undefined; until: number }>();
  // Bumped by every forget: a read that was under way meanwhile may be older than the change.
  let changes = 0;
  const remember = (userId: string, epoch: number | undefined) => {
    epochs.delete(userId);
    epochs.set(userId, { epoch, until: now() + EPOCH_TTL_MS });
    if (epochs.size > MAX_EPOCHS) epochs.delete(epochs.keys().next().value as string);
  };
  async function epochOf(userId: string): Promise<number | undefined> {
    const known = epochs.get(userId);
    if (known && known.until > now()) return known.epoch;
    const before = changes;
    const epoch = await store.getCredentialEpoch(userId);
    if (changes === before) remember(userId, epoch);
    return epoch;
  }

  const mac = (key: SessionTokenKey, signed: string) =>
    crypto.createHmac('sha256', Buffer.from(key.secret, 'base64')).update(signed).digest();

  function parse(token: string) {
    const parts = token.split('.');
    if (parts.length !== 4 || parts[0] !== PREFIX) return undefined;
    try {
      const claims = JSON.parse(Buffer.from(parts[2], 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >;
      const { u, e, a, x } = claims;
      if (typeof u !== 'string' || ![e, a, x].every((n) => Number.isSafeInteger(n))) return undefined;
      const c: SessionTokenClaims = {
        userId: u,
        epoch: e as number,
        authAt: a as number,
        expiresAt: x as number,
      };
      return { keyId: parts[1], signed: parts.slice(0, 3).join('.'), mac: parts[3], claims: c };
    } catch {
      return undefined;
    }
  }

  return {
    async issue(userId, authAt) {
      // From the store, not what this node remembers: a token carries the epoch of now.
      const before = changes;
      const epoch = await store.getCredentialEpoch(userId);
      if (changes === before) remember(userId, epoch);
      if (epoch === undefined) return undefined;
      const key = await currentKey();
      const expiresAt = Math.min(now() + ttlMs, authAt + maxSessionMs);
      const payload = b64url(JSON.stringify({ u: userId, e: epoch, a: authAt, x: expiresAt }));
      const signed = `${PREFIX}.${key.id}.${payload}`;
      return { token: `${signed}.${b64url(mac(key, signed))}`, expiresAt };
    },

    async verify(token) {
      const t = parse(token);
      if (!t) return undefined;
      if (now() - lastLoad >= KEY_REFRESH_MS) await load();
      let key = keys.get(t.keyId);
      // A key another node made a moment ago; reloads are rate-limited against made-up key ids.
      if (!key && (loading || now() - lastLoad >= KEY_RELOAD_MS)) {
        await load();
        key = keys.get(t.keyId);
      }
      if (!key || key.createdAt < oldestUsable()) return undefined;
      const expected = mac(key, t.signed);
      const got = Buffer.from(t.mac, 'base64url');
      if (got.length !== expected.length || !crypto.timingSafeEqual(got, expected)) return undefined;
      const { claims } = t;
      if (claims.expiresAt <= now() || claims.authAt + maxSessionMs <= now()) return undefined;
      if ((await epochOf(claims.userId)) !== claims.epoch) return undefined;
      return claims;
    },

    claimedUser: (token) => parse(token)?.claims.userId,

    forget(userId) {
      changes++;
      epochs.delete(userId);
    },
  };
}
