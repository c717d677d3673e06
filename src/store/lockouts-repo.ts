import type { ConfigStore, LockedOutUser, SignInRecord } from './config-types.ts';
import type { SqlDb, SqlTx } from './sql.ts';

type LockoutsRepo = Pick<
  ConfigStore,
  | 'signInRecord'
  | 'recordSignInFailure'
  | 'recordSignInSuccess'
  | 'clearSignInFailures'
  | 'listLockedOutUsers'
>;

interface CountRow {
  failures: number | string;
  locked_until: number | string;
}

/**
 * The sign-in lockout's counters, in the database so that every node of a cluster sees the same
 * ones: per account and address (`sign_in_addresses`) and per account (`sign_in_failures`).
 * Each step is one transaction of atomic statements (an upsert that counts, a conditional update
 * that locks), so two nodes counting wrong passwords for one account at once neither lose a
 * failure nor both report the lock. What the counts mean is src/auth/lockout.ts's business.
 */
export function lockoutsRepo(db: SqlDb): LockoutsRepo {
  /** Counts one failure in `table` (keyed by `where`), after resetting a lock that has run out. */
  async function count(tx: SqlTx, table: string, keys: string[], values: string[], nowMs: number) {
    const where = keys.map((k) => `${k} = ?`).join(' AND ');
    await tx.run(
      `UPDATE ${table} SET failures = 0, locked_until = 0 WHERE ${where} AND locked_until > 0 AND locked_until <= ?`,
      [...values, nowMs],
    );
    // Only for an existing user (the SELECT yields no row otherwise): no rows for made-up names.
    const row = await tx.get<CountRow>(
      `INSERT INTO ${table} (${keys.join(', ')}, failures, locked_until)
       SELECT login_id, ${keys.length > 1 ? 'CAST(? AS VARCHAR(64)), ' : ''}1, 0 FROM users WHERE login_id = ?
       ON CONFLICT (${keys.join(', ')}) DO UPDATE SET failures = ${table}.failures + 1
       RETURNING failures, locked_until`,
      keys.length > 1 ? [values[1], values[0]] : [values[0]],
    );
    return row && { failures: Number(row.failures), lockedUntil: Number(row.locked_until) };
  }

  /** Locks the row if it reached `max` and is not locked yet; the until it set, or 0. */
  async function lockAt(
    tx: SqlTx,
    table: string,
    keys: string[],
    values: string[],
    max: number,
    until: number,
  ) {
    const where = keys.map((k) => `${k} = ?`).join(' AND ');
    const r = await tx.run(
      `UPDATE ${table} SET failures = 0, locked_until = ? WHERE ${where} AND failures >= ? AND locked_until = 0`,
      [until, ...values, max],
    );
    return r.changes === 1;
  }

  return {
    async signInRecord(userId, address): Promise<SignInRecord> {
      // One statement (one round trip to PostgreSQL, one snapshot) for both counters: every
      // password and SCRAM sign-in reads them.
      const r = await db.get<{
        address_failures: number | string | null;
        address_locked_until: number | string | null;
        last_success_at: number | string | null;
        account_failures: number | string | null;
        account_locked_until: number | string | null;
      }>(
        `SELECT a.failures AS address_failures, a.locked_until AS address_locked_until, a.last_success_at,
                f.failures AS account_failures, f.locked_until AS account_locked_until
         FROM (SELECT CAST(? AS VARCHAR(64)) AS login_id, CAST(? AS VARCHAR(64)) AS address) q
         LEFT JOIN sign_in_addresses a ON a.login_id = q.login_id AND a.address = q.address
         LEFT JOIN sign_in_failures f ON f.login_id = q.login_id`,
        [userId, address],
      );
      return {
        addressFailures: Number(r?.address_failures ?? 0),
        addressLockedUntil: Number(r?.address_locked_until ?? 0),
        lastSuccessAt: Number(r?.last_success_at ?? 0),
        accountFailures: Number(r?.account_failures ?? 0),
        accountLockedUntil: Number(r?.account_locked_until ?? 0),
      };
    },

    recordSignInFailure: (userId, address, { nowMs, maxFailures, maxAccountFailures, lockMs }) =>
      db.transaction(async (tx) => {
        const here = await count(tx, 'sign_in_addresses', ['login_id', 'address'], [userId, address], nowMs);
        const all = await count(tx, 'sign_in_failures', ['login_id'], [userId], nowMs);
        const locked: { scope: 'address' | 'account'; until: number }[] = [];
        const until = nowMs + lockMs;
        if (
          here &&
          (await lockAt(
            tx,
            'sign_in_addresses',
            ['login_id', 'address'],
            [userId, address],
            maxFailures,
            until,
          ))
        )
          locked.push({ scope: 'address', until });
        if (all && (await lockAt(tx, 'sign_in_failures', ['login_id'], [userId], maxAccountFailures, until)))
          locked.push({ scope: 'account', until });
        return { failures: here?.failures ?? 0, accountFailures: all?.failures ?? 0, locked };
      }),

    recordSignInSuccess: (userId, address, nowMs) =>
      db.transaction(async (tx) => {
        await tx.run(
          `INSERT INTO sign_in_addresses (login_id, address, failures, locked_until, last_success_at)
           SELECT login_id, CAST(? AS VARCHAR(64)), 0, 0, CAST(? AS BIGINT) FROM users WHERE login_id = ?
           ON CONFLICT (login_id, address) DO UPDATE SET failures = 0, last_success_at = ?`,
          [address, nowMs, userId, nowMs],
        );
        await tx.run('UPDATE sign_in_failures SET failures = 0 WHERE login_id = ?', [userId]);
      }),

    clearSignInFailures: (userId, nowMs) =>
      db.transaction(async (tx) => {
        const active = await tx.get<{ n: number | string }>(
          `SELECT (SELECT COUNT(*) FROM sign_in_failures WHERE login_id = ? AND locked_until > ?)
                + (SELECT COUNT(*) FROM sign_in_addresses WHERE login_id = ? AND locked_until > ?) AS n`,
          [userId, nowMs, userId, nowMs],
        );
        await tx.run('DELETE FROM sign_in_failures WHERE login_id = ?', [userId]);
        // Familiarity (last_success_at) is kept: lifting a lock is no reason to forget it.
        await tx.run('UPDATE sign_in_addresses SET failures = 0, locked_until = 0 WHERE login_id = ?', [
          userId,
        ]);
        return Number(active?.n ?? 0) > 0;
      }),

    async listLockedOutUsers(nowMs) {
      const rows = await db.all<{
        login_id: string;
        login_name: string;
        first_name: string;
        last_name: string;
        address: string | null;
        locked_until: number | string;
      }>(
        `SELECT u.login_id, u.login_name, u.first_name, u.last_name, l.address, l.locked_until FROM (
           SELECT login_id, NULL AS address, locked_until FROM sign_in_failures WHERE locked_until > ?
           UNION ALL
           SELECT login_id, address, locked_until FROM sign_in_addresses WHERE locked_until > ?
         ) l JOIN users u ON u.login_id = l.login_id ORDER BY u.login_id, l.address`,
        [nowMs, nowMs],
      );
      const byUser = new Map<string, LockedOutUser>();
      for (const r of rows) {
        const user = byUser.get(r.login_id) ?? {
          id: r.login_id,
          loginName: r.login_name,
          firstName: r.first_name,
          lastName: r.last_name,
          lockedUntil: 0,
          isLockedEverywhere: false,
          addresses: [],
        };
        user.lockedUntil = Math.max(user.lockedUntil, Number(r.locked_until));
        if (r.address === null) user.isLockedEverywhere = true;
        else user.addresses.push(r.address);
        byUser.set(r.login_id, user);
      }
      return [...byUser.values()];
    },
  };
}
