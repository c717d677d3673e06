import crypto from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { appendChanges, ChangeFeed, PRUNE_EVERY_MS, pruneChanges } from './change-feed.ts';
import { createConfigStore } from './config-store.ts';
import type { ConfigChange, ConfigStore, StoreChange } from './config-types.ts';
import { pendingMigrations, SCHEMA_MIGRATIONS_TABLE, SQLITE } from './migrations.ts';
import type { PasswordHashing } from './password.ts';
import type { SqlDb, SqlTx, SqlValue } from './sql.ts';

export interface SqliteStoreOptions {
  /** Database file, or ':memory:' for a private in-memory database (tests). */
  file: string;
  /** How new passwords are hashed (default OWASP_HASHING). */
  passwordHashing?: PasswordHashing;
  /** ConfigStoreParts.reservedUserNames: the system accounts' names. */
  reservedUserNames?: readonly string[];
  /** ConfigStoreParts.hashConcurrency. */
  hashConcurrency?: number;
  /** How often another process's writes are looked for (default 1000 ms; see `createSqliteStore`). */
  pollMs?: number;
}

export interface SqliteStore extends ConfigStore {
  readonly file: string;
  /** Versions of the migrations this open applied (empty when the schema was already current). */
  readonly appliedOnOpen: readonly number[];
}

/**
 * The embedded Finesse database (better-sqlite3). Calls are synchronous underneath and wrapped
 * in promises to honour the `Store` contract the PostgreSQL store shares; password hashing runs
 * on libuv's thread pool, so it never blocks the event loop.
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  keepToOwner(options.file);
  const db = new Database(options.file);
  // WAL: readers never wait for the writer, and a crash mid-write cannot corrupt the file.
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const appliedOnOpen = migrate(db);
  let dispatch: (change: StoreChange) => void = () => {};
  // This store's writes are handed on at once, after COMMIT; they also go to the change log, as on
  // PostgreSQL, where other processes on the file read them: `switchboard user add` or `import`
  // beside a running node reaches its directory, its desktops' notification nodes and its caches.
  const origin = crypto.randomUUID();
  const sql = sqliteDb(db, origin, (changes) => {
    for (const c of changes) dispatch({ ...c, isLocal: true });
  });
  const lastSeq = db.prepare<[], number | null>('SELECT MAX(seq) FROM config_changes').pluck();
  const feed = new ChangeFeed(sql, origin, lastSeq.get() ?? 0, (c) => {
    if (!c.isLocal) dispatch(c);
  });
  // PRAGMA data_version changes when another connection commits: only then is the log read. One
  // tracker for the poll and for every read of a remembered user (which must not wait for the poll:
  // a new password's revoked tokens stop working at once), so neither can take the other's news.
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  let seenVersion = dataVersion.get();
  const othersWrote = () => {
    if (!db.open) return false;
    const now = dataVersion.get();
    if (now === seenVersion) return false;
    seenVersion = now;
    void feed.ring().catch(() => {});
    return true;
  };
  let lastPrune = 0;
  const poll = setInterval(() => {
    othersWrote();
    if (Date.now() - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = Date.now();
    void pruneChanges(sql, lastPrune).catch(() => {});
  }, options.pollMs ?? 1000);
  poll.unref();
  const handle = createConfigStore(sql, {
    passwordHashing: options.passwordHashing,
    reservedUserNames: options.reservedUserNames,
    hashConcurrency: options.hashConcurrency,
    othersWrote,
    async close() {
      clearInterval(poll);
      if (db.open) db.close();
    },
  });
  dispatch = handle.dispatch;
  return Object.assign(handle.store, { file: options.file, appliedOnOpen });
}

/**
 * better-sqlite3 as a `SqlDb`. One connection serves everything, so an open transaction must not
 * see other requests' statements interleaved between its awaits: transactions run one at a time,
 * and statements from outside wait until the open one ends. Without a transaction open, a
 * statement runs at once (the common case: reads on every request).
 */
function sqliteDb(db: Database.Database, origin: string, onCommit: (changes: ConfigChange[]) => void): SqlDb {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };
  const direct = {
    dialect: 'sqlite' as const,
    all: async <T>(sql: string, params: readonly SqlValue[] = []) => prepare(sql).all(...params) as T[],
    get: async <T>(sql: string, params: readonly SqlValue[] = []) =>
      prepare(sql).get(...params) as T | undefined,
    run: async (sql: string, params: readonly SqlValue[] = []) => {
      const s = prepare(sql);
      // A SELECT run for its side effect (none here) or a RETURNING insert: read it, count nothing.
      if (s.reader) {
        s.all(...params);
        return { changes: 0 };
      }
      return { changes: s.run(...params).changes };
    },
  };
  let queue: Promise<unknown> = Promise.resolve();
  let isOpen = false;
  const idle = async () => {
    while (isOpen) await queue.catch(() => {});
  };
  return {
    dialect: 'sqlite',
    async all(sql, params) {
      if (isOpen) await idle();
      return direct.all(sql, params);
    },
    async get(sql, params) {
      if (isOpen) await idle();
      return direct.get(sql, params);
    },
    async run(sql, params) {
      if (isOpen) await idle();
      return direct.run(sql, params);
    },
    transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
      const run = async () => {
        const changes: ConfigChange[] = [];
        const tx: SqlTx = { ...direct, lock: async () => {}, emit: (c) => changes.push(c) };
        isOpen = true;
        db.exec('BEGIN IMMEDIATE');
        try {
          const value = await fn(tx);
          await appendChanges(tx, changes, origin, Date.now());
          db.exec('COMMIT');
          isOpen = false;
          onCommit(changes);
          return value;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        } finally {
          isOpen = false;
        }
      };
      const result = queue.then(run, run);
      queue = result.catch(() => {});
      return result;
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

/**
 * The database holds every password hash and the whole contact center's configuration: readable
 * by its owner only (#12; SQLite gives its -wal and -shm files the database file's mode). Created
 * 0600, and an older file that others could read is tightened.
 */
function keepToOwner(file: string): void {
  if (file === '' || file === ':memory:' || file.startsWith('file:')) return;
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if (fs.statSync(f).mode & 0o077) fs.chmodSync(f, 0o600);
    } catch {
      // No -wal or -shm yet.
    }
  }
}
