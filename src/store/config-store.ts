import { clusterRepo } from './cluster-repo.ts';
import { codesRepo } from './codes-repo.ts';
import type { ConfigStore, StoreChange } from './config-types.ts';
import { credentialsRepo } from './credentials-repo.ts';
import { desktopLayoutsRepo } from './desktop-layouts-repo.ts';
import { documentsRepo } from './documents-repo.ts';
import { lockoutsRepo } from './lockouts-repo.ts';
import { miscRepo } from './misc-repo.ts';
import { createPasswordHasher, type PasswordHashing, type StoredCredentials } from './password.ts';
import { phoneBooksRepo } from './phonebooks-repo.ts';
import { queuesRepo } from './queues-repo.ts';
import * as rules from './rules.ts';
import { flag, refuseIf, type SqlDb, type SqlTx, write } from './sql.ts';
import type { ConfigSnapshot } from './types.ts';
import { UserCache } from './user-cache.ts';
import { formatRoles, passwordColumns } from './user-rows.ts';
import { usersRepo } from './users-repo.ts';
import { workflowsRepo } from './workflows-repo.ts';

export interface ConfigStoreParts {
  /** Closes the database (and any LISTEN connection). */
  close(): Promise<void>;
  /** How new passwords are hashed (default OWASP_HASHING; tests pass a cheap cost). */
  passwordHashing?: PasswordHashing;
  /**
   * Names no user may take as id or login name, whatever the case: the notification service's
   * system accounts (default: `webservices`, the default system account).
   */
  reservedUserNames?: readonly string[];
  /**
   * How many password hashes run at once (default 2: a sign-in storm queues instead of starving
   * file I/O, which shares libuv's pool). `switchboard import` raises it to the machine's cores.
   */
  hashConcurrency?: number;
  /**
   * True when another process committed to the database since the last call (SQLite, which has no
   * change log between processes): users remembered in memory are then read again.
   */
  othersWrote?: () => boolean;
}

export interface ConfigStoreHandle {
  store: ConfigStore;
  /** Hands a committed change to the listeners: the adapters call it (after COMMIT, or on NOTIFY). */
  dispatch(change: StoreChange): void;
}

// Tables whose ids an import may set explicitly; PostgreSQL's identity sequences must follow.
const IDENTITY_TABLES = [
  'reason_codes',
  'wrap_up_reasons',
  'phone_books',
  'contacts',
  'layouts',
  'workflows',
  'workflow_actions',
];

/**
 * The Finesse configuration store over any `SqlDb`: the same rules, limits and SQL for the embedded
 * SQLite database and for PostgreSQL (cluster mode). Dialect adapters only open, migrate, run
 * statements and deliver change notifications.
 */
export function createConfigStore(db: SqlDb, parts: ConfigStoreParts): ConfigStoreHandle {
  const listeners = new Set<(change: StoreChange) => void>();
  const hasher = createPasswordHasher(parts.passwordHashing, parts.hashConcurrency);
  const users = new UserCache(parts.othersWrote);
  const store: ConfigStore = {
    ...usersRepo(
      db,
      hasher,
      new Set((parts.reservedUserNames ?? ['webservices']).map((n) => n.toLowerCase())),
      users,
    ),
    ...credentialsRepo(db, hasher, users),
    ...codesRepo(db),
    ...phoneBooksRepo(db),
    ...miscRepo(db),
    ...queuesRepo(db),
    ...lockoutsRepo(db),
    ...desktopLayoutsRepo(db),
    ...workflowsRepo(db),
    ...clusterRepo(db),
    ...documentsRepo(db),

    async importConfig(snapshot, opts = {}) {
      // A populated database (every start after the first) costs no hashing: checked once before,
      // and again inside the transaction.
      if (opts.onlyIfEmpty && (await db.transaction((tx) => isPopulated(tx))))
        return { ok: true, value: { imported: false } };
      // Hash first: hashing is slow, and a transaction should not wait for it.
      const hashes = await Promise.all(snapshot.users.map((u) => hasher.credentials(u.password)));
      const imported = await write(db, async (tx) => {
        // Nodes of a cluster starting at once against an empty database seed it once: the first
        // holds the lock, the others then find it populated.
        if (opts.onlyIfEmpty) await tx.lock('users');
        if (opts.onlyIfEmpty && (await isPopulated(tx))) return { imported: false };
        await importRows(tx, snapshot, hashes);
        for (const q of snapshot.queues ?? []) tx.emit({ kind: 'queue', op: 'create', id: q.id });
        if (db.dialect === 'postgres') {
          for (const t of IDENTITY_TABLES) {
            await tx.run(
              `SELECT setval(pg_get_serial_sequence('${t}', 'id'), COALESCE((SELECT MAX(id) FROM ${t}), 0) + 1, false)`,
            );
          }
        }
        return { imported: true };
      });
      // An import reports no user changes (its rows are new): whatever was known is read again.
      users.clear();
      return imported;
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    close: parts.close,
  };
  return {
    store,
    dispatch(change) {
      // Before the listeners: one that reads the user again must find the new row.
      users.changed(change);
      for (const l of listeners) {
        // A listener's failure is its own: the write is committed and the others must hear of it.
        try {
          l(change);
        } catch {}
      }
    },
  };
}

async function isPopulated(tx: SqlTx): Promise<boolean> {
  for (const table of ['users', 'teams', 'reason_codes']) {
    if (await tx.get(`SELECT 1 AS x FROM ${table} LIMIT 1`)) return true;
  }
  return false;
}

async function importRows(tx: SqlTx, s: ConfigSnapshot, credentials: StoredCredentials[]) {
  for (const t of s.teams) await tx.run('INSERT INTO teams (id, name) VALUES (?, ?)', [t.id, t.name]);
  for (const [i, u] of s.users.entries()) {
    const bad = rules.roles(u.roles);
    refuseIf(bad && { ...bad, code: 'invalid' });
    await tx.run(
      `INSERT INTO users (login_id, login_name, first_name, last_name, roles, team_id, password_hash)
       VALUES (?, ?, ?, ?, ?, ?, '')`,
      [u.id, u.loginName, u.firstName, u.lastName, formatRoles(u.roles), u.teamId || null],
    );
    const password = passwordColumns(credentials[i]);
    await tx.run(`UPDATE users SET ${password.set} WHERE login_id = ?`, [...password.values, u.id]);
    for (const teamId of u.supervisedTeamIds ?? []) {
      await tx.run('INSERT INTO team_supervisors (team_id, login_id) VALUES (?, ?)', [teamId, u.id]);
    }
  }
  for (const c of s.reasonCodes) {
    const values = [c.category, c.code, c.label, flag(c.forAll ?? true), flag(c.systemCode ?? false)];
    if (c.id === undefined) {
      await tx.run(
        'INSERT INTO reason_codes (category, code, label, for_all, system_code) VALUES (?, ?, ?, ?, ?)',
        values,
      );
    } else {
      await tx.run(
        'INSERT INTO reason_codes (id, category, code, label, for_all, system_code) VALUES (?, ?, ?, ?, ?, ?)',
        [c.id, ...values],
      );
    }
  }
  for (const q of s.queues ?? []) {
    refuseIf(rules.queueId(q.id) ?? rules.line('name', q.name, rules.LIMITS.queueName, 1));
    await tx.run('INSERT INTO queues (id, name) VALUES (?, ?)', [q.id, q.name]);
    for (const t of q.teamIds ?? [])
      await tx.run('INSERT INTO queue_teams (queue_id, team_id) VALUES (?, ?)', [q.id, t]);
  }
  for (const w of s.wrapUpReasons ?? []) {
    if (w.id === undefined) {
      await tx.run('INSERT INTO wrap_up_reasons (label, for_all) VALUES (?, ?)', [
        w.label,
        flag(w.forAll ?? true),
      ]);
    } else {
      await tx.run('INSERT INTO wrap_up_reasons (id, label, for_all) VALUES (?, ?, ?)', [
        w.id,
        w.label,
        flag(w.forAll ?? true),
      ]);
    }
  }
}
