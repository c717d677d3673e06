import type { ConfigChange } from './config-types.ts';
import type { StoreError } from './types.ts';

export type SqlValue = string | number | null;

/**
 * The few operations the configuration store needs from a database, so that one implementation
 * of the Finesse rules (`config-store.ts`) runs on SQLite and on PostgreSQL alike. Statements use
 * `?` placeholders and the SQL both dialects share; the PostgreSQL adapter rewrites `?` to `$n`.
 */
export interface SqlDb {
  readonly dialect: 'sqlite' | 'postgres';
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /**
   * Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. Statements
   * must go through the `tx` handed in, never the outer handle.
   */
  transaction<T>(fn: (tx: SqlTx) => Promise<T>): Promise<T>;
}

export interface SqlTx extends Omit<SqlDb, 'transaction'> {
  /**
   * Serializes writers that check a limit before inserting (count, then insert) on `table`.
   * SQLite's single writer needs nothing; PostgreSQL takes a table lock until commit.
   */
  lock(table: string): Promise<void>;
  /** Reports `change` to every store's listeners once (and only if) the transaction commits. */
  emit(change: ConfigChange): void;
}

/** Thrown inside a transaction to roll it back and answer `error` (an expected refusal). */
export class Refusal extends Error {
  readonly error: StoreError;
  constructor(error: StoreError) {
    super(error.message);
    this.error = error;
  }
}

/**
 * The database cannot be reached (refused, timed out, restarting, connection lost): not a verdict
 * on the request. Readers fall back to what they hold in memory; writers answer 503 with a reason
 * (api/errors.ts `database-unavailable`) and the client may try again.
 */
export class StoreUnavailableError extends Error {
  readonly code = 'store-unavailable';
  constructor(cause: string) {
    super(`the configuration database is unavailable: ${cause}`);
    this.name = 'StoreUnavailableError';
  }
}

export function isStoreUnavailable(e: unknown): e is StoreUnavailableError {
  return e instanceof StoreUnavailableError;
}

/** `?` → `$1`, `$2` …; our statements never hold a literal question mark. */
export function toPostgresPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * A database constraint violation as an expected refusal (a value), or undefined for a fault
 * (thrown further). SQLite reports `SQLITE_CONSTRAINT_*` codes, PostgreSQL SQLSTATE class 23 and
 * 22001 (value too long).
 */
export function constraintError(e: unknown): StoreError | undefined {
  if (e instanceof Refusal) return e.error;
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  const message = (e as Error).message;
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    const isConflict = code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
    return { code: isConflict ? 'conflict' : 'invalid', message };
  }
  if (code === '23505') return { code: 'conflict', message };
  if (code.startsWith('23') || code === '22001') return { code: 'invalid', message };
  return undefined;
}

/** Runs a write transaction; a Refusal or a constraint violation becomes a `StoreError` value. */
export async function write<T>(
  db: SqlDb,
  fn: (tx: SqlTx) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: StoreError }> {
  try {
    return { ok: true, value: await db.transaction(fn) };
  } catch (e) {
    const error = constraintError(e);
    if (error) return { ok: false, error };
    throw e;
  }
}

/** Throws a Refusal for the first failed check: a validation inside a transaction. */
export function refuseIf(error: StoreError | undefined): void {
  if (error) throw new Refusal(error);
}

export const flag = (b: boolean) => (b ? 1 : 0);

/**
 * Refuses with `conflict` on `field` if another row of `table` (not `exceptId`) has `value` in
 * `column` (within `scope`, e.g. the same category): the constraint would refuse it anyway, but
 * without saying which element of the request clashed.
 */
export async function unique(
  tx: SqlTx,
  table: string,
  column: string,
  value: SqlValue,
  exceptId: SqlValue | undefined,
  field: string,
  scope?: [column: string, value: SqlValue],
): Promise<void> {
  const where = scope ? ` AND ${scope[0]} = ?` : '';
  const rows = await tx.all<{ id: SqlValue }>(`SELECT id FROM ${table} WHERE ${column} = ?${where}`, [
    value,
    ...(scope ? [scope[1]] : []),
  ]);
  if (rows.some((r) => String(r.id) !== String(exceptId))) {
    refuseIf({ code: 'conflict', field, message: `${field} ${value} already exists` });
  }
}
