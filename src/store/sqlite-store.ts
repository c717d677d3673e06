import Database from 'better-sqlite3';
import type { ReasonCode, ReasonCodeCategory, Result, Role, TeamRef, UserConfig } from '../core/model.ts';
import { pendingMigrations, SCHEMA_MIGRATIONS_TABLE, SQLITE } from './migrations.ts';
import { burnVerification, hashPassword, verifyPasswordHash } from './password.ts';
import type { ConfigImporter, ConfigSnapshot, Store, StoreError } from './types.ts';

export interface SqliteStoreOptions {
  /** Database file, or ':memory:' for a private in-memory database (tests). */
  file: string;
}

export interface SqliteStore extends Store, ConfigImporter {
  readonly file: string;
  /** Versions of the migrations this open applied (empty when the schema was already current). */
  readonly appliedOnOpen: readonly number[];
}

interface UserRow {
  login_id: string;
  login_name: string;
  first_name: string;
  last_name: string;
  roles: string;
  team_id: string | null;
  team_name: string | null;
  password_hash: string;
}

interface ReasonCodeRow {
  id: number;
  category: ReasonCodeCategory;
  code: number;
  label: string;
  for_all: number;
  system_code: number;
}

const ROLE_ORDER: readonly Role[] = ['Agent', 'Supervisor', 'Administrator'];

const USER_SELECT = `SELECT u.login_id, u.login_name, u.first_name, u.last_name, u.roles, u.team_id,
  t.name AS team_name, u.password_hash FROM users u LEFT JOIN teams t ON t.id = u.team_id`;

/**
 * The embedded Finesse database (better-sqlite3). Calls are synchronous underneath and wrapped
 * in promises to honour the `Store` contract the PostgreSQL store shares; password hashing runs
 * on libuv's thread pool, so it never blocks the event loop.
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const db = new Database(options.file);
  // WAL: readers never wait for the writer, and a crash mid-write cannot corrupt the file.
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const appliedOnOpen = migrate(db);

  const byId = db.prepare<[string], UserRow>(`${USER_SELECT} WHERE u.login_id = ?`);
  const byName = db.prepare<[string], UserRow>(`${USER_SELECT} WHERE u.login_name = ?`);
  const allUsers = db.prepare<[], UserRow>(`${USER_SELECT} ORDER BY u.login_id`);
  const supervisedBy = db.prepare<[string], TeamRef>(
    `SELECT t.id, t.name FROM team_supervisors s JOIN teams t ON t.id = s.team_id
     WHERE s.login_id = ? ORDER BY t.id`,
  );
  const allSupervisions = db.prepare<[], TeamRef & { login_id: string }>(
    `SELECT s.login_id, t.id, t.name FROM team_supervisors s JOIN teams t ON t.id = s.team_id
     ORDER BY t.id`,
  );
  const codesAll = db.prepare<[], ReasonCodeRow>('SELECT * FROM reason_codes ORDER BY id');
  const codesOf = db.prepare<[string], ReasonCodeRow>(
    'SELECT * FROM reason_codes WHERE category = ? ORDER BY id',
  );
  const codeById = db.prepare<[number], ReasonCodeRow>('SELECT * FROM reason_codes WHERE id = ?');

  // Login id first: Finesse addresses users by loginId, the login name is the convenience.
  const findRow = (idOrLoginName: string) => byId.get(idOrLoginName) ?? byName.get(idOrLoginName);
  const toUser = (row: UserRow, supervised: TeamRef[]): UserConfig => ({
    id: row.login_id,
    loginName: row.login_name,
    firstName: row.first_name,
    lastName: row.last_name,
    roles: parseRoles(row.roles),
    teamId: row.team_id ?? '',
    teamName: row.team_name ?? '',
    supervisedTeams: supervised,
  });
  const withTeams = (row: UserRow) => toUser(row, supervisedBy.all(row.login_id));

  return {
    file: options.file,
    appliedOnOpen,

    async getUser(idOrLoginName) {
      const row = findRow(idOrLoginName);
      return row && withTeams(row);
    },

    async listUsers() {
      const supervised = new Map<string, TeamRef[]>();
      for (const s of allSupervisions.all()) {
        const list = supervised.get(s.login_id) ?? [];
        list.push({ id: s.id, name: s.name });
        supervised.set(s.login_id, list);
      }
      return allUsers.all().map((row) => toUser(row, supervised.get(row.login_id) ?? []));
    },

    async verifyPassword(idOrLoginName, password) {
      const row = findRow(idOrLoginName);
      if (!row) {
        await burnVerification(password);
        return undefined;
      }
      if (!(await verifyPasswordHash(password, row.password_hash))) return undefined;
      // Re-read: the row may have changed while the hash was computed off-thread.
      const current = byId.get(row.login_id);
      return current && current.password_hash === row.password_hash ? withTeams(current) : undefined;
    },

    async listReasonCodes(category) {
      return (category ? codesOf.all(category) : codesAll.all()).map(toReasonCode);
    },

    async getReasonCode(id) {
      const row = codeById.get(id);
      return row && toReasonCode(row);
    },

    async importConfig(snapshot, opts = {}) {
      // Hash before the transaction: better-sqlite3 transactions are synchronous.
      const hashes = await Promise.all(snapshot.users.map((u) => hashPassword(u.password)));
      return importSnapshot(db, snapshot, hashes, opts.onlyIfEmpty ?? false);
    },

    async close() {
      if (db.open) db.close();
    },
  };
}

function migrate(db: Database.Database): number[] {
  db.exec(SCHEMA_MIGRATIONS_TABLE);
  const applied = db.prepare<[], number>('SELECT version FROM schema_migrations').pluck().all();
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const m of pendingMigrations(applied)) {
    db.transaction(() => {
      for (const statement of m.up(SQLITE)) db.exec(statement);
      record.run(m.version, m.name, new Date().toISOString());
    })();
    done.push(m.version);
  }
  return done;
}

function importSnapshot(
  db: Database.Database,
  s: ConfigSnapshot,
  hashes: string[],
  onlyIfEmpty: boolean,
): Result<{ imported: boolean }, StoreError> {
  const count = (table: string) => db.prepare<[], number>(`SELECT COUNT(*) FROM ${table}`).pluck().get() ?? 0;
  const insertTeam = db.prepare('INSERT INTO teams (id, name) VALUES (?, ?)');
  const insertUser = db.prepare(
    `INSERT INTO users (login_id, login_name, first_name, last_name, password_hash, roles, team_id)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSupervisor = db.prepare('INSERT INTO team_supervisors (team_id, login_id) VALUES (?, ?)');
  const insertCode = db.prepare(
    `INSERT INTO reason_codes (id, category, code, label, for_all, system_code)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertWrapUp = db.prepare('INSERT INTO wrap_up_reasons (id, label, for_all) VALUES (?, ?, ?)');
  const run = db.transaction((): boolean => {
    if (onlyIfEmpty && count('users') + count('teams') + count('reason_codes') > 0) return false;
    for (const t of s.teams) insertTeam.run(t.id, t.name);
    s.users.forEach((u, i) => {
      const roles = formatRoles(u.roles);
      insertUser.run(u.id, u.loginName, u.firstName, u.lastName, hashes[i], roles, u.teamId || null);
      for (const teamId of u.supervisedTeamIds ?? []) insertSupervisor.run(teamId, u.id);
    });
    for (const c of s.reasonCodes) {
      const flags = [c.forAll ?? true, c.systemCode ?? false].map(Number);
      insertCode.run(c.id ?? null, c.category, c.code, c.label, ...flags);
    }
    for (const w of s.wrapUpReasons ?? []) insertWrapUp.run(w.id ?? null, w.label, Number(w.forAll ?? true));
    return true;
  });
  try {
    return { ok: true, value: { imported: run() } };
  } catch (e) {
    const error = storeError(e);
    if (error) return { ok: false, error };
    throw e;
  }
}

/** Constraint violations are expected outcomes (a value); anything else is a fault (thrown). */
function storeError(e: unknown): StoreError | undefined {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) {
    return e instanceof InvalidRoles ? { code: 'invalid', message: e.message } : undefined;
  }
  const isConflict = code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  return { code: isConflict ? 'conflict' : 'invalid', message: (e as Error).message };
}

class InvalidRoles extends Error {}

function formatRoles(roles: readonly string[]): string {
  const unknown = roles.filter((r) => !ROLE_ORDER.includes(r as Role));
  if (unknown.length > 0 || roles.length === 0) {
    throw new InvalidRoles(`invalid roles: ${roles.join(',') || '(none)'}`);
  }
  return ROLE_ORDER.filter((r) => roles.includes(r)).join(',');
}

function parseRoles(s: string): Role[] {
  const listed = s.split(',');
  return ROLE_ORDER.filter((r) => listed.includes(r));
}

function toReasonCode(row: ReasonCodeRow): ReasonCode {
  return {
    id: row.id,
    category: row.category,
    code: row.code,
    label: row.label,
    forAll: row.for_all === 1,
    systemCode: row.system_code === 1,
  };
}
