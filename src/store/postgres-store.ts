import crypto from 'node:crypto';
import pg from 'pg';
import { createConfigStore } from './config-store.ts';
import type { ConfigChange, ConfigStore, StoreChange } from './config-types.ts';
import { POSTGRES, pendingMigrations, SCHEMA_MIGRATIONS_TABLE } from './migrations.ts';
import { Refusal, type SqlDb, type SqlTx, type SqlValue, toPostgresPlaceholders } from './sql.ts';

const hasNul = (params: readonly SqlValue[] | undefined) =>
  params?.some((p) => typeof p === 'string' && p.includes('\u0000')) ?? false;

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database`; or give `pool`. */
  connectionString?: string;
  /** node-postgres pool options (host, port, user, database, max …), merged over the URL. */
  pool?: pg.PoolConfig;
  /** LISTEN on `switchboard_config` for other nodes' writes (default true). */
  listen?: boolean;
}

export interface PostgresStore extends ConfigStore {
  /** Versions of the migrations this open applied. */
  readonly appliedOnOpen: readonly number[];
}

/** The NOTIFY channel every configuration write is announced on (cluster mode, DESIGN.md). */
export const CHANGE_CHANNEL = 'switchboard_config';
// Serializes schema migrations when several nodes start at once against a fresh database.
const MIGRATION_LOCK = 0x5b0a4d;
const RELISTEN_MS = 1000;

/**
 * The Finesse database on PostgreSQL, for cluster mode: N nodes share it, and each write is
 * announced with `NOTIFY switchboard_config` inside its transaction (so it is delivered only on
 * commit). Every store LISTENs on that channel and hands each change to `onChange` listeners,
 * marking those written through itself `isLocal`.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const config: pg.PoolConfig = { connectionString: options.connectionString, ...options.pool };
  const pool = new pg.Pool(config);
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const origin = crypto.randomUUID();
  let appliedOnOpen: number[];
  try {
    appliedOnOpen = await migrate(pool);
  } catch (e) {
    await pool.end();
    throw e;
  }

  let dispatch: (change: StoreChange) => void = () => {};
  let closed = false;
  let listener: pg.Client | undefined;
  let relisten: NodeJS.Timeout | undefined;
  const listen = async () => {
    const client = new pg.Client(config);
    client.on('error', () => {
      if (listener === client) listener = undefined;
      void client.end().catch(() => {});
      if (!closed) relisten = setTimeout(() => void listen().catch(() => {}), RELISTEN_MS);
    });
    client.on('notification', (n) => {
      if (n.channel !== CHANGE_CHANNEL || !n.payload) return;
      try {
        const {
          kind,
          op,
          id,
          teamIds,
          origin: from,
        } = JSON.parse(n.payload) as ConfigChange & {
          origin: string;
        };
        dispatch({ kind, op, id, ...(teamIds && { teamIds }), isLocal: from === origin });
      } catch {}
    });
    await client.connect();
    await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    if (closed) await client.end();
    else listener = client;
  };
  if (options.listen ?? true) {
    try {
      await listen();
    } catch (e) {
      await pool.end();
      throw e;
    }
  }

  const handle = createConfigStore(postgresDb(pool, origin), {
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(relisten);
      await listener?.end().catch(() => {});
      await pool.end();
    },
  });
  dispatch = handle.dispatch;
  return Object.assign(handle.store, { appliedOnOpen });
}

function postgresDb(pool: pg.Pool, origin: string): SqlDb {
  const query = async <T>(q: pg.Pool | pg.PoolClient, sql: string, params: readonly SqlValue[] = []) =>
    q.query(toPostgresPlaceholders(sql), params as SqlValue[]) as unknown as Promise<
      pg.QueryResult<T & pg.QueryResultRow>
    >;
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
      const client = await pool.connect();
      const changes: ConfigChange[] = [];
      const tx: SqlTx = {
        ...over(client),
        // Blocks other writers of the table (not readers) until commit: count-then-insert limits hold.
        lock: async (table) => void (await client.query(`LOCK TABLE ${table} IN SHARE ROW EXCLUSIVE MODE`)),
        emit: (c) => changes.push(c),
      };
      let isBroken = false;
      try {
        await client.query('BEGIN');
        const value = await fn(tx);
        for (const c of changes) {
          await client.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, JSON.stringify({ ...c, origin })]);
        }
        await client.query('COMMIT');
        return value;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {
          isBroken = true;
        });
        throw e;
      } finally {
        client.release(isBroken);
      }
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
