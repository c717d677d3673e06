import type { ConfigStore, LockedOutUser } from './config-types.ts';
import type { SqlDb } from './sql.ts';

type LockoutsRepo = Pick<
  ConfigStore,
  'signInLockedUntil' | 'recordSignInFailure' | 'clearSignInFailures' | 'listLockedOutUsers'
>;

interface FailureRow {
  failures: number | string;
  locked_until: number | string;
}

/**
 * The sign-in lockout's counters (finesse-api.md §1.1: 5 wrong passwords → 5 minutes), in the
 * database so that every node of a cluster sees the same ones. Each step is one atomic statement
 * (an upsert that counts, a conditional update that locks), so two nodes counting wrong
 * passwords for one account at once neither lose a failure nor both report the lock.
 */
export function lockoutsRepo(db: SqlDb): LockoutsRepo {
  return {
    async signInLockedUntil(userId) {
      const row = await db.get<FailureRow>('SELECT locked_until FROM sign_in_failures WHERE login_id = ?', [
        userId,
      ]);
      return row ? Number(row.locked_until) : 0;
    },

    async recordSignInFailure(userId, { nowMs, maxFailures, lockMs }) {
      return db.transaction(async (tx) => {
        // A lock that has run out starts the count afresh.
        await tx.run(
          'UPDATE sign_in_failures SET failures = 0, locked_until = 0 WHERE login_id = ? AND locked_until > 0 AND locked_until <= ?',
          [userId, nowMs],
        );
        const row = await tx.get<FailureRow>(
          `INSERT INTO sign_in_failures (login_id, failures, locked_until)
           SELECT login_id, 1, 0 FROM users WHERE login_id = ?
           ON CONFLICT (login_id) DO UPDATE SET failures = sign_in_failures.failures + 1
           RETURNING failures, locked_until`,
          [userId],
        );
        if (!row || Number(row.failures) < maxFailures || Number(row.locked_until) > nowMs)
          return { failures: row ? Number(row.failures) : 0, lockedUntil: 0 };
        const until = nowMs + lockMs;
        const locked = await tx.run(
          'UPDATE sign_in_failures SET failures = 0, locked_until = ? WHERE login_id = ? AND failures >= ?',
          [until, userId, maxFailures],
        );
        return { failures: Number(row.failures), lockedUntil: locked.changes === 1 ? until : 0 };
      });
    },

    async clearSignInFailures(userId) {
      await db.run('DELETE FROM sign_in_failures WHERE login_id = ?', [userId]);
    },

    async listLockedOutUsers(nowMs) {
      const rows = await db.all<{
        login_id: string;
        login_name: string;
        first_name: string;
        last_name: string;
        locked_until: number | string;
      }>(
        `SELECT u.login_id, u.login_name, u.first_name, u.last_name, f.locked_until
         FROM sign_in_failures f JOIN users u ON u.login_id = f.login_id
         WHERE f.locked_until > ? ORDER BY u.login_id`,
        [nowMs],
      );
      return rows.map(
        (r): LockedOutUser => ({
          id: r.login_id,
          loginName: r.login_name,
          firstName: r.first_name,
          lastName: r.last_name,
          lockedUntil: Number(r.locked_until),
        }),
      );
    },
  };
}
