import type { QueueConfig } from '../core/model.ts';
import type { ConfigStore, NewQueue } from './config-types.ts';
import * as rules from './rules.ts';
import { refuseIf, type SqlDb, type SqlTx, unique, write } from './sql.ts';

type QueuesRepo = Pick<
  ConfigStore,
  'listQueues' | 'getQueue' | 'createQueue' | 'updateQueue' | 'deleteQueue'
>;

const checkQueue = (q: Partial<NewQueue>, isNew: boolean) =>
  rules.firstError(
    isNew ? rules.queueId(q.id) : undefined,
    isNew || q.name !== undefined ? rules.line('name', q.name, rules.LIMITS.queueName, 1) : undefined,
  );

/**
 * Queues: the skill groups whose statistics Finesse shows (finesse-api.md §1.8), configured
 * data rather than whatever a CTI server happens to route to. `teamIds` limits whose queue it is
 * (`GET /User/{id}/Queues`); a queue without teams is everybody's.
 */
export function queuesRepo(db: SqlDb): QueuesRepo {
  const teamsOf = async (q: Pick<SqlDb, 'all'>) => {
    const rows = await q.all<{ queue_id: string; team_id: string }>(
      'SELECT queue_id, team_id FROM queue_teams ORDER BY queue_id, team_id',
    );
    const byQueue = new Map<string, string[]>();
    for (const r of rows) byQueue.set(r.queue_id, [...(byQueue.get(r.queue_id) ?? []), r.team_id]);
    return byQueue;
  };
  const toQueue = (r: { id: string; name: string }, teams: Map<string, string[]>): QueueConfig => {
    const teamIds = teams.get(r.id);
    return teamIds ? { id: r.id, name: r.name, teamIds } : { id: r.id, name: r.name };
  };
  const setTeams = async (tx: SqlTx, id: string, teamIds: readonly string[]) => {
    await tx.run('DELETE FROM queue_teams WHERE queue_id = ?', [id]);
    for (const t of new Set(teamIds)) {
      const team = await tx.get('SELECT id FROM teams WHERE id = ?', [t]);
      refuseIf(team ? undefined : rules.invalid('teams', `no team ${t}`));
      await tx.run('INSERT INTO queue_teams (queue_id, team_id) VALUES (?, ?)', [id, t]);
    }
  };
  const read = async (q: Pick<SqlDb, 'get' | 'all'>, id: string) => {
    const row = await q.get<{ id: string; name: string }>('SELECT id, name FROM queues WHERE id = ?', [id]);
    return row && toQueue(row, await teamsOf(q));
  };

  return {
    async listQueues() {
      // By skill group number, as numbers: 9 before 10.
      const rows = await db.all<{ id: string; name: string }>(
        'SELECT id, name FROM queues ORDER BY length(id), id',
      );
      const teams = await teamsOf(db);
      return rows.map((r) => toQueue(r, teams));
    },

    getQueue: (id) => read(db, id),

    async createQueue(q) {
      const bad = checkQueue(q, true);
      if (bad) return { ok: false, error: bad };
      return write(db, async (tx) => {
        await tx.lock('queues');
        const n = await tx.get<{ n: number }>('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM queues');
        refuseIf((n?.n ?? 0) >= rules.LIMITS.queues ? rules.limit('Queue', rules.LIMITS.queues) : undefined);
        await unique(tx, 'queues', 'id', q.id, undefined, 'id');
        await unique(tx, 'queues', 'name', q.name, undefined, 'name');
        await tx.run('INSERT INTO queues (id, name) VALUES (?, ?)', [q.id, q.name]);
        await setTeams(tx, q.id, q.teamIds ?? []);
        tx.emit({ kind: 'queue', op: 'create', id: q.id });
        return (await read(tx, q.id))!;
      });
    },

    async updateQueue(id, patch) {
      const bad = checkQueue(patch, false);
      if (bad) return { ok: false, error: bad };
      return write(db, async (tx) => {
        const before = await read(tx, id);
        refuseIf(before ? undefined : rules.notFound('Queue', id));
        if (patch.name !== undefined) {
          await unique(tx, 'queues', 'name', patch.name, id, 'name');
          await tx.run('UPDATE queues SET name = ? WHERE id = ?', [patch.name, id]);
        }
        if (patch.teamIds !== undefined) await setTeams(tx, id, patch.teamIds);
        tx.emit({ kind: 'queue', op: 'update', id });
        return (await read(tx, id))!;
      });
    },

    deleteQueue: (id) =>
      write(db, async (tx) => {
        const r = await tx.run('DELETE FROM queues WHERE id = ?', [id]);
        refuseIf(r.changes === 1 ? undefined : rules.notFound('Queue', id));
        tx.emit({ kind: 'queue', op: 'delete', id });
      }),
  };
}
