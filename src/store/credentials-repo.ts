import type { ConfigStore, SessionTokenKey } from './config-types.ts';
import { needsRehash, type PasswordHasher, parseScramKeys, type ScramMechanism } from './password.ts';
import type { SqlDb } from './sql.ts';
import type { Store } from './types.ts';
import type { UserCache } from './user-cache.ts';
import { findRow, supervised, toUser, type UserRow } from './user-rows.ts';

type CredentialsRepo = Pick<
  Store & ConfigStore,
  | 'verifyPassword'
  | 'getScramKeys'
  | 'getCredentialEpoch'
  | 'listSessionTokenKeys'
  | 'addSessionTokenKey'
  | 'deleteSessionTokenKeysBefore'
  | 'passwordHashing'
>;

const SCRAM_COLUMN: Record<ScramMechanism, 'scram_sha1' | 'scram_sha256'> = {
  'SCRAM-SHA-1': 'scram_sha1',
  'SCRAM-SHA-256': 'scram_sha256',
};

/** Checking passwords, the SCRAM keys beside them, and the session tokens' shared keys. */
export function credentialsRepo(db: SqlDb, hasher: PasswordHasher, cache: UserCache): CredentialsRepo {
  /**
   * After a verified password: a hash made with other parameters than today's is made again
   * (OWASP's advice, and how raised costs reach existing accounts), and missing SCRAM keys are
   * derived, since only now is the password at hand. Only if the row still holds the hash that
   * was verified: a password set meanwhile wins. The epoch stays: the password did not change.
   */
  async function upgrade(row: UserRow, password: string) {
    const { hashing } = hasher;
    const isScramMissing = hashing.scramIterations > 0 && (!row.scram_sha1 || !row.scram_sha256);
    if (needsRehash(row.password_hash, hashing.scrypt)) {
      const c = await hasher.credentials(password);
      await db.run(
        'UPDATE users SET password_hash = ?, scram_sha1 = ?, scram_sha256 = ? WHERE login_id = ? AND password_hash = ?',
        [c.passwordHash, c.scram['SCRAM-SHA-1'], c.scram['SCRAM-SHA-256'], row.login_id, row.password_hash],
      );
    } else if (isScramMissing) {
      const scram = await hasher.scramKeys(password);
      await db.run(
        'UPDATE users SET scram_sha1 = ?, scram_sha256 = ? WHERE login_id = ? AND password_hash = ?',
        [scram['SCRAM-SHA-1'], scram['SCRAM-SHA-256'], row.login_id, row.password_hash],
      );
    }
  }

  return {
    passwordHashing: hasher.hashing,

    async verifyPassword(idOrName, password) {
      const row = await findRow(db, idOrName);
      if (!row) {
        await hasher.burn(password);
        return undefined;
      }
      if (!(await hasher.verify(password, row.password_hash))) return undefined;
      // Re-read: the row may have changed while the hash was computed off-thread.
      const current = await findRow(db, row.login_id);
      if (!current || current.password_hash !== row.password_hash) return undefined;
      await upgrade(current, password);
      return toUser(current, await supervised(db, current.login_id));
    },

    async getScramKeys(idOrName, mechanism) {
      // Every SCRAM sign-in reads this: the one column it needs, without the join of findRow.
      const select = `SELECT login_id, ${SCRAM_COLUMN[mechanism]} AS scram FROM users WHERE`;
      type Row = { login_id: string; scram: string | null };
      const row =
        (await db.get<Row>(`${select} login_id = ?`, [idOrName])) ??
        (await db.get<Row>(`${select} lower(login_name) = lower(?)`, [idOrName]));
      return row && { userId: row.login_id, keys: parseScramKeys(row.scram, mechanism) };
    },

    async getCredentialEpoch(userId) {
      const known = cache.epoch(userId);
      if (known !== undefined) return known;
      const row = await db.get<{ credential_epoch: number | string }>(
        'SELECT credential_epoch FROM users WHERE login_id = ?',
        [userId],
      );
      return row && Number(row.credential_epoch);
    },

    async listSessionTokenKeys() {
      const rows = await db.all<{ id: string; secret: string; created_at: number | string }>(
        'SELECT id, secret, created_at FROM session_token_keys ORDER BY created_at DESC, id',
      );
      return rows.map(
        (r): SessionTokenKey => ({ id: r.id, secret: r.secret, createdAt: Number(r.created_at) }),
      );
    },

    async addSessionTokenKey(key) {
      await db.run(
        'INSERT INTO session_token_keys (id, secret, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING',
        [key.id, key.secret, key.createdAt],
      );
    },

    async deleteSessionTokenKeysBefore(createdAt) {
      await db.run('DELETE FROM session_token_keys WHERE created_at < ?', [createdAt]);
    },
  };
}
