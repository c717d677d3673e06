import crypto from 'node:crypto';
import pg from 'pg';
import { appendChanges, ChangeFeed, latestChange, PRUNE_EVERY_MS, pruneChanges } from './change-feed.ts';
import { ChangeListener, describeDbError } from './change-listener.ts';
import { createConfigStore } from './config-store.ts';
import type { ConfigChange, ConfigStore, StoreChange, StoreEvent } from './config-types.ts';
import { POSTGRES, pendingMigrations, SCHEMA_MIGRATIONS_TABLE } from './migrations.ts';
import type { PasswordHashing } from './password.ts';
import {
  Refusal,
  type SqlDb,
  type SqlTx,
  type SqlValue,
  StoreUnavailableError,
  toPostgresPlaceholders,
} from './sql.ts';

const hasNul = (params: readonly SqlValue[] | undefined) =>
  params?.some((p) => typeof p === 'string' && p.includes('\u0000')) ?? false;

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database`; or give `pool`. */
  connectionString?: string;
  /** node-postgres pool options (host, port, user, database, max …), merged over the URL. */
  pool?: pg.PoolConfig;
  /** ConfigStoreParts.reservedUserNames: the system accounts' names. */
  reservedUserNames?: readonly string[];
  /** LISTEN on `switchboard_config` for other nodes' writes (default true). */
  listen?: boolean;
  /** Faults and recoveries of the database connections, for the node's log. */
  onEvent?: (event: StoreEvent) => void;
  /** Reads the change log this often even when no NOTIFY rang (default 10 s): LISTEN is only a doorbell. */
  pollMs?: number;
  /** LISTEN reconnect backoff, doubled per failed try (default 250 ms up to 5 s). */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** How new passwords are hashed (default OWASP_HASHING). */
  passwordHashing?: PasswordHashing;
  /** ConfigStoreParts.hashConcurrency. */
  hashConcurrency?: number;
}

export interface PostgresStore extends ConfigStore {
  /** Versions of the migrations this open applied. */
  readonly appliedOnOpen: readonly number[];
}

/** The NOTIFY channel every configuration write rings (cluster mode, DESIGN.md). */
export const CHANGE_CHANNEL = 'switchboard_config';
// Serializes schema migrations when several nodes start at once against a fresh database.
const MIGRATION_LOCK = 0x5b0a4d;

/**
 * The Finesse database on PostgreSQL, for cluster mode: N nodes share it. Each write appends its
 * changes to `config_changes` in its own transaction and rings `NOTIFY switchboard_config`; every
 * node reads the log in sequence (on the doorbell, after its LISTEN connection comes back, and on
 * a slow poll) and hands each change to its `onChange` listeners once, in order, marking those
 * written through itself `isLocal`. A write resolves after its own change has been handed on.
 *
 * The database going away never throws anything but `StoreUnavailableError` from a call, and
 * nothing here ends the process: LISTEN reconnects with backoff for as long as the store is open.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const config: pg.PoolConfig = {
    connectionString: options.connectionString,
    // A storm of sign-ins (a node's desktops arriving after a failover) queues for these
    // connections instead of failing: pg-pool's wait for a free one is bounded by
    // connectionTimeoutMillis too, so that is long; a refused connection (database down) fails
    // at once whatever it says. A database that does not answer holds nothing forever.
    max: 20,
    connectionTimeoutMillis: 15_000,
    query_timeout: 15_000,
    keepAlive: true,
    ...options.pool,
  };
  const emit = options.onEvent ?? (() => {});
  const pool = new pg.Pool(config);
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const origin = crypto.randomUUID();
  const health = createHealth(emit);
  let feed: ChangeFeed | undefined;
  const db = postgresDb(pool, health, origin, async () => {
    await feed?.ring().catch(() => {});
  });

  let appliedOnOpen: number[];
  let fromSeq: number;
  try {
    appliedOnOpen = await migrate(pool);
    fromSeq = await latestChange(db);
  } catch (e) {
    await pool.end();
    throw new Error(`cannot open the configuration database ${where(config)}: ${describeDbError(e)}`);
  }

  let dispatch: (change: StoreChange) => void = () => {};
  const changes = new ChangeFeed(db, origin, fromSeq, (c) => dispatch(c));
  feed = changes;
  const ring = () => void changes.ring().catch(() => {});

  const listener =
    (options.listen ?? true)
      ? new ChangeListener({
          config,
          channel: CHANGE_CHANNEL,
          minBackoffMs: options.reconnectMinMs ?? 250,
          maxBackoffMs: options.reconnectMaxMs ?? 5000,
          onNotify: ring,
          onLost: (error, retryInMs, attempt) => emit({ type: 'listen-lost', error, retryInMs, attempt }),
          onListening(downMs) {
            // What was written while nobody listened is in the log: read it now.
            const before = changes.dispatched;
            void changes
              .ring()
              .catch(() => {})
              .finally(() => {
                if (downMs !== undefined)
                  emit({
                    type: 'listen-restored',
                    downMs,
                    caughtUp: changes.dispatched - before,
                    lastSeq: changes.lastSeq,
                  });
              });
          },
        })
      : undefined;
  try {
    await listener?.start();
  } catch (e) {
    await pool.end();
    throw new Error(`cannot LISTEN on the configuration database ${where(config)}: ${describeDbError(e)}`);
  }

  let lastPrune = 0;
  const poll = setInterval(() => {
    ring();
    if (Date.now() - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = Date.now();
    void pruneChanges(db, lastPrune).catch(() => {});
  }, options.pollMs ?? 10_000);
  poll.unref();

  let closed = false;
  const handle = createConfigStore(db, {
    passwordHashing: options.passwordHashing,
    reservedUserNames: options.reservedUserNames,
    hashConcurrency: options.hashConcurrency,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(poll);
      await listener?.close();
      await pool.end();
    },
  });
  dispatch = handle.dispatch;
  return Object.assign(handle.store, { appliedOnOpen });
}

/** `host:port/database` of a pool config, never its password. */
function where(config: pg.PoolConfig): string {
  try {
    if (config.connectionString) {
      const u = new URL(config.connectionString);
      return `${u.hostname}:${u.port || 5432}${u.pathname}`;
    }
  } catch {}
  return `${config.host ?? 'localhost'}:${config.port ?? 5432}/${config.database ?? ''}`;
}

/** Whether the database answers: logs the moment it stops and the moment it is back, once each. */
function createHealth(emit: (e: StoreEvent) => void) {
  let downSince: number | undefined;
  return {
    ok() {
      if (downSince === undefined) return;
      const downMs = Date.now() - downSince;
      downSince = undefined;
      emit({ type: 'available', downMs });
    },
    failed(error: string) {
      if (downSince !== undefined) return;
      downSince = Date.now();
      emit({ type: 'unavailable', error });
    },
  };
}

type Health = ReturnType<typeof createHealth>;

/**
 * A fault of the connection rather than of the statement: the server refused, closed, restarted
 * or did not answer. SQLSTATE class 08 (connection exception), 57P0x (shutdown, crash, starting
 * up), 53300 (too many connections); anything the driver throws that is not a server error.
 */
function isConnectionFault(e: unknown): boolean {
  if (e instanceof pg.DatabaseError) {
    const code = e.code ?? '';
    return code.startsWith('08') || code.startsWith('57P') || code === '53300';
  }
  return (
    e instanceof Error && !(e instanceof TypeError) && !(e instanceof RangeError) && !(e instanceof Refusal)
  );
}

/** Runs `fn`, turning a connection fault into `StoreUnavailableError` and telling `health`. */
async function guarded<T>(health: Health, fn: () => Promise<T>): Promise<T> {
  try {
    const value = await fn();
    health.ok();
    return value;
  } catch (e) {
    if (!isConnectionFault(e)) throw e;
    const why = describeDbError(e);
    health.failed(why);
    throw new StoreUnavailableError(why);
  }
}

function postgresDb(pool: pg.Pool, health: Health, origin: string, afterCommit: () => Promise<void>): SqlDb {
  const query = async <T>(q: pg.Pool | pg.PoolClient, sql: string, params: readonly SqlValue[] = []) =>
    guarded(
      health,
      () =>
        q.query(toPostgresPlaceholders(sql), params as SqlValue[]) as unknown as Promise<
          pg.QueryResult<T & pg.QueryResultRow>
        >,
    );
  // PostgreSQL text cannot hold NUL, which SQLite stores and compares like any character. No
  // stored value contains one (rules.text refuses control characters), so a lookup by such a value
  // finds nothing — as on SQLite — instead of failing with SQLSTATE 22021.
  const over = (q: pg.Pool | pg.PoolClient) => ({
    dialect: 'postgres' as const,
    all: async <T>(sql: string, params?: readonly SqlValue[]) =>
      hasNul(params) ? [] : ((await query<T>(q, sql, params)).rows as T[]),
    get: async <T>(sql: string, params?: readonly SqlValue[]) =>
      hasNul(params) ? undefined : ((await query<T>(q, sql, params)).rows[0] as T | undefined),
    run: async (sql: string, params?: readonly SqlValue[]) => {
      if (hasNul(params)) throw new Refusal({ code: 'invalid', message: 'NUL character in a value' });
      return { changes: (await query(q, sql, params)).rowCount ?? 0 };
    },
  });
  return {
    ...over(pool),
    async transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T> {
      const client = await guarded(health, () => pool.connect());
      const changes: ConfigChange[] = [];
      const tx: SqlTx = {
        ...over(client),
        // Blocks other writers of the table (not readers) until commit: count-then-insert limits hold.
        lock: async (table) => void (await tx.run(`LOCK TABLE ${table} IN SHARE ROW EXCLUSIVE MODE`)),
        emit: (c) => changes.push(c),
      };
      let isBroken = false;
      let value: T;
      try {
        await tx.run('BEGIN');
        value = await fn(tx);
        if (changes.length > 0) {
          await appendChanges(tx, changes, origin, Date.now());
          // The doorbell: delivered to every LISTENer at COMMIT, never before.
          await tx.run('SELECT pg_notify(?, ?)', [CHANGE_CHANNEL, '']);
        }
        await tx.run('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {
          isBroken = true;
        });
        throw e;
      } finally {
        client.release(isBroken);
      }
      if (changes.length > 0) await afterCommit();
      return value;
    },
  };
}

async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(SCHEMA_MIGRATIONS_TABLE);
    const applied = (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows;
    const done: number[] = [];
    for (const m of pendingMigrations(applied.map((r) => r.version))) {
      for (const statement of m.up(POSTGRES)) await client.query(statement);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
      done.push(m.version);
    }
    await client.query('COMMIT');
    return done;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}
