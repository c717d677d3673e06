import crypto from 'node:crypto';

/**
 * Passwords verified recently, shared by every door of a node (REST Basic and SASL PLAIN), so that
 * a desktop's REST requests and its XMPP sign-in pay one slow hash between them, not one each.
 * A hit skips the lockout (src/auth/lockout.ts: a lock refuses new sign-ins, not sessions that
 * go on), so it counts only from the address the password was verified from.
 * Entries are keyed by an HMAC of name and password under a key made at start and kept only in
 * memory: nothing here can be turned back into a password, or checked against guesses by anyone
 * who reads this process's memory dump without also knowing that key. An entry remembers only the
 * user id; it lives `ttlMs`, and `forget` (the user changed: new password, deleted) drops it at
 * once. Failures are never cached. Concurrent checks of the same credentials share one
 * verification.
 */
export interface CredentialCacheOptions {
  ttlMs: number;
  maxEntries: number;
  now: () => number;
}

export class CredentialCache {
  readonly #o: CredentialCacheOptions;
  readonly #key = crypto.randomBytes(32);
  readonly #verified = new Map<string, { userId: string; expires: number }>();
  readonly #inFlight = new Map<string, Promise<unknown>>();

  constructor(options: CredentialCacheOptions) {
    this.#o = options;
  }

  /**
   * The cache key of a name and password from one address: a hit is the session that was verified
   * there going on, whatever door it uses; the same password from elsewhere is a new sign-in, and
   * meets the throttle and the lockout.
   */
  keyOf(username: string, password: string, address: string): string {
    return crypto
      .createHmac('sha256', this.#key)
      .update(`${username}\u0000${address}\u0000`)
      .update(password)
      .digest('base64');
  }

  get(key: string): string | undefined {
    const hit = this.#verified.get(key);
    if (hit && hit.expires > this.#o.now()) return hit.userId;
    if (hit) this.#verified.delete(key);
    return undefined;
  }

  /**
   * Runs `verify` once for any number of concurrent callers with the same key (so a failure is
   * also counted once), and remembers a success.
   */
  verifyOnce<R extends { ok: true; userId: string } | { ok: false }>(
    key: string,
    verify: () => Promise<R>,
  ): Promise<R> {
    let pending = this.#inFlight.get(key) as Promise<R> | undefined;
    if (!pending) {
      pending = verify().then((result) => {
        if (result.ok) this.#remember(key, result.userId);
        return result;
      });
      this.#inFlight.set(key, pending);
      void pending.finally(() => this.#inFlight.delete(key)).catch(() => {});
    }
    return pending;
  }

  forget(userId: string): void {
    for (const [key, entry] of this.#verified) if (entry.userId === userId) this.#verified.delete(key);
  }

  #remember(key: string, userId: string): void {
    this.#verified.delete(key);
    if (this.#verified.size >= this.#o.maxEntries) {
      const oldest = this.#verified.keys().next();
      if (!oldest.done) this.#verified.delete(oldest.value);
    }
    this.#verified.set(key, { userId, expires: this.#o.now() + this.#o.ttlMs });
  }
}
