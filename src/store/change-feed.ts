import type { ConfigChange, ConfigKind, StoreChange } from './config-types.ts';
import type { SqlDb, SqlTx } from './sql.ts';

/** A row of `config_changes` (migration 5). */
interface ChangeRow {
  seq: number | string;
  kind: string;
  op: string;
  object_id: string;
  team_ids: string;
  origin: string;
}

// Taken by every writer just before it appends its changes, held until its commit: sequence
// numbers are then handed out in commit order, so "every row after the last one I read" never
// skips a row that commits late.
const CHANGE_LOG_LOCK = 0x5b0a4e;
const PAGE = 500;
/** Rows older than this are pruned; a node cut off from the database longer must restart. */
export const CHANGE_RETENTION_MS = 7 * 24 * 3_600_000;
/** How often a store prunes the log (each prunes; the DELETE is idempotent). */
export const PRUNE_EVERY_MS = 3_600_000;

/**
 * Appends a committed write's changes to the log, inside its transaction. SQLite's writers are
 * serialized by the database itself (BEGIN IMMEDIATE, one writer per file), PostgreSQL's by the lock.
 */
export async function appendChanges(
  tx: SqlTx,
  changes: readonly ConfigChange[],
  origin: string,
  nowMs: number,
): Promise<void> {
  if (changes.length === 0) return;
  if (tx.dialect === 'postgres') await tx.run('SELECT pg_advisory_xact_lock(?)', [CHANGE_LOG_LOCK]);
  for (const c of changes) {
    await tx.run(
      'INSERT INTO config_changes (kind, op, object_id, team_ids, origin, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [c.kind, c.op, c.id, c.teamIds ? JSON.stringify(c.teamIds) : '', origin, nowMs],
    );
  }
}

/** The highest sequence number written so far: a node starting up reads from there. */
export async function latestChange(db: SqlDb): Promise<number> {
  const row = await db.get<{ seq: number | string | null }>('SELECT MAX(seq) AS seq FROM config_changes');
  return Number(row?.seq ?? 0);
}

export async function pruneChanges(db: SqlDb, nowMs: number): Promise<void> {
  await db.run('DELETE FROM config_changes WHERE created_at < ?', [nowMs - CHANGE_RETENTION_MS]);
}

/**
 * Reads the change log in sequence and hands each change, once and in order, to `dispatch`.
 * `ring()` is the doorbell (a NOTIFY, a reconnect, a poll, a local commit): it resolves after a
 * read that began after the call, so a writer that awaits it knows its own change was handed on.
 */
export class ChangeFeed {
  readonly #db: SqlDb;
  readonly #origin: string;
  readonly #dispatch: (change: StoreChange) => void;
  #last: number;
  #running: Promise<void> | undefined;
  #again = false;
  /** Changes handed on since the feed started: for the catch-up log line. */
  dispatched = 0;

  constructor(db: SqlDb, origin: string, fromSeq: number, dispatch: (change: StoreChange) => void) {
    this.#db = db;
    this.#origin = origin;
    this.#last = fromSeq;
    this.#dispatch = dispatch;
  }

  get lastSeq(): number {
    return this.#last;
  }

  ring(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    const run = async () => {
      try {
        do {
          this.#again = false;
          await this.#drain();
        } while (this.#again);
      } finally {
        this.#running = undefined;
      }
    };
    this.#running = run();
    return this.#running;
  }

  async #drain(): Promise<void> {
    for (;;) {
      const rows = await this.#db.all<ChangeRow>(
        'SELECT seq, kind, op, object_id, team_ids, origin FROM config_changes WHERE seq > ? ORDER BY seq LIMIT ?',
        [this.#last, PAGE],
      );
      for (const r of rows) {
        this.#last = Number(r.seq);
        this.dispatched++;
        this.#dispatch(toChange(r, this.#origin));
      }
      if (rows.length < PAGE) return;
    }
  }
}

function toChange(r: ChangeRow, origin: string): StoreChange {
  const teamIds = r.team_ids ? (JSON.parse(r.team_ids) as string[]) : undefined;
  return {
    kind: r.kind as ConfigKind,
    op: r.op as ConfigChange['op'],
    id: r.object_id,
    ...(teamIds && { teamIds }),
    isLocal: r.origin === origin,
  };
}
