import { teamMustExist } from './codes-repo.ts';
import * as rules from './rules.ts';
import { refuseIf, type SqlDb, type SqlTx, unique, write } from './sql.ts';
import {
  checkActionParams,
  checkWorkflow,
  checkWorkflowAction,
  completeAction,
  completeWorkflow,
  WORKFLOW_LIMITS,
} from './workflow-rules.ts';
import type { Workflow, WorkflowAction, WorkflowStore } from './workflow-types.ts';

interface ActionRow {
  id: number;
  name: string;
  type: WorkflowAction['type'];
  handled_by: WorkflowAction['handledBy'];
  body: string;
}

interface WorkflowRow {
  id: number;
  name: string;
  description: string;
  media: string;
  body: string;
}

const toAction = (r: ActionRow): WorkflowAction => ({
  id: r.id,
  name: r.name,
  type: r.type,
  handledBy: r.handled_by,
  ...(JSON.parse(r.body) as Pick<WorkflowAction, 'params' | 'actionVariables'>),
});

type Q = Pick<SqlDb, 'all' | 'get'>;

async function toWorkflow(q: Q, r: WorkflowRow): Promise<Workflow> {
  const refs = await q.all<{ action_id: number }>(
    'SELECT action_id FROM workflow_action_refs WHERE workflow_id = ? ORDER BY position',
    [r.id],
  );
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    media: r.media,
    ...(JSON.parse(r.body) as Pick<Workflow, 'triggerSet' | 'conditionSet'>),
    actionIds: refs.map((x) => x.action_id),
  };
}

const bodyOf = (w: Pick<Workflow, 'triggerSet' | 'conditionSet'>) =>
  JSON.stringify({ triggerSet: w.triggerSet, conditionSet: w.conditionSet });

async function count(tx: SqlTx, table: string): Promise<number> {
  return (await tx.get<{ n: number }>(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM ${table}`))?.n ?? 0;
}

async function setActions(tx: SqlTx, workflowId: number, ids: readonly number[]) {
  await tx.run('DELETE FROM workflow_action_refs WHERE workflow_id = ?', [workflowId]);
  for (const [i, id] of ids.entries()) {
    const found = await tx.get('SELECT id FROM workflow_actions WHERE id = ?', [id]);
    refuseIf(found ? undefined : rules.invalid('workflowActions', `no WorkflowAction ${id}`));
    await tx.run('INSERT INTO workflow_action_refs (workflow_id, position, action_id) VALUES (?, ?, ?)', [
      workflowId,
      i,
      id,
    ]);
  }
}

/** Workflows, workflow actions and the teams' workflows (Finesse's limits in workflow-rules.ts). */
export function workflowsRepo(db: SqlDb): WorkflowStore {
  const actionById = async (q: Q, id: number) => {
    const row = await q.get<ActionRow>('SELECT * FROM workflow_actions WHERE id = ?', [id]);
    return row && toAction(row);
  };
  const workflowById = async (q: Q, id: number) => {
    const row = await q.get<WorkflowRow>('SELECT * FROM workflows WHERE id = ?', [id]);
    return row && toWorkflow(q, row);
  };

  return {
    async listWorkflowActions() {
      return (await db.all<ActionRow>('SELECT * FROM workflow_actions ORDER BY id')).map(toAction);
    },
    getWorkflowAction: (id) => actionById(db, id),

    async createWorkflowAction(given) {
      const a = completeAction(given);
      const bad = checkWorkflowAction(a, true) ?? checkActionParams(a);
      if (bad) return { ok: false, error: bad };
      return write(db, async (tx) => {
        await tx.lock('workflow_actions');
        refuseIf(
          (await count(tx, 'workflow_actions')) >= WORKFLOW_LIMITS.actions
            ? rules.limit('WorkflowAction', WORKFLOW_LIMITS.actions)
            : undefined,
        );
        await unique(tx, 'workflow_actions', 'name', a.name, undefined, 'name');
        const row = await tx.get<ActionRow>(
          'INSERT INTO workflow_actions (name, type, handled_by, body) VALUES (?, ?, ?, ?) RETURNING *',
          [
            a.name,
            a.type,
            a.handledBy,
            JSON.stringify({ params: a.params, actionVariables: a.actionVariables }),
          ],
        );
        tx.emit({ kind: 'workflowAction', op: 'create', id: String(row!.id) });
        return toAction(row!);
      });
    },

    async updateWorkflowAction(id, given) {
      const patch = completeAction(given);
      const bad = checkWorkflowAction(patch, false);
      if (bad) return { ok: false, error: bad };
      return write(db, async (tx) => {
        const current = await actionById(tx, id);
        refuseIf(current ? undefined : rules.notFound('WorkflowAction', id));
        const next = { ...current!, ...patch, id };
        refuseIf(checkActionParams(next));
        await unique(tx, 'workflow_actions', 'name', next.name, id, 'name');
        await tx.run(
          'UPDATE workflow_actions SET name = ?, type = ?, handled_by = ?, body = ? WHERE id = ?',
          [
            next.name,
            next.type,
            next.handledBy,
            JSON.stringify({ params: next.params, actionVariables: next.actionVariables }),
            id,
          ],
        );
        tx.emit({ kind: 'workflowAction', op: 'update', id: String(id) });
        return next;
      });
    },

    deleteWorkflowAction: (id) =>
      write(db, async (tx) => {
        const users = await tx.all<{ workflow_id: number }>(
          'SELECT DISTINCT workflow_id FROM workflow_action_refs WHERE action_id = ?',
          [id],
        );
        const r = await tx.run('DELETE FROM workflow_actions WHERE id = ?', [id]);
        refuseIf(r.changes === 1 ? undefined : rules.notFound('WorkflowAction', id));
        // Close the gaps the cascade left, so that positions stay 0..n-1.
        for (const { workflow_id } of users) {
          const left = await tx.all<{ action_id: number }>(
            'SELECT action_id FROM workflow_action_refs WHERE workflow_id = ? ORDER BY position',
            [workflow_id],
          );
          await setActions(
            tx,
            workflow_id,
            left.map((x) => x.action_id),
          );
          tx.emit({ kind: 'workflow', op: 'update', id: String(workflow_id) });
        }
        tx.emit({ kind: 'workflowAction', op: 'delete', id: String(id) });
      }),

    async listWorkflows() {
      const rows = await db.all<WorkflowRow>('SELECT * FROM workflows ORDER BY id');
      return Promise.all(rows.map((r) => toWorkflow(db, r)));
    },
    getWorkflow: (id) => workflowById(db, id),

    async createWorkflow(given) {
      const w = completeWorkflow(given);
      const bad = checkWorkflow(w, true);
      if (bad) return { ok: false, error: bad };
      return write(db, async (tx) => {
        await tx.lock('workflows');
        refuseIf(
          (await count(tx, 'workflows')) >= WORKFLOW_LIMITS.workflows
            ? rules.limit('Workflow', WORKFLOW_LIMITS.workflows)
            : undefined,
        );
        await unique(tx, 'workflows', 'name', w.name, undefined, 'name');
        const row = await tx.get<WorkflowRow>(
          'INSERT INTO workflows (name, description, media, body) VALUES (?, ?, ?, ?) RETURNING *',
          [w.name, w.description, w.media, bodyOf(w)],
        );
        await setActions(tx, row!.id, w.actionIds);
        tx.emit({ kind: 'workflow', op: 'create', id: String(row!.id) });
        return toWorkflow(tx, row!);
      });
    },

    async updateWorkflow(id, given) {
      const patch = completeWorkflow(given);
      const bad = checkWorkflow(patch, false);
      if (bad) return { ok: false, error: bad };
      return write(db, async (tx) => {
        const current = await workflowById(tx, id);
        refuseIf(current ? undefined : rules.notFound('Workflow', id));
        const next = { ...current!, ...patch, id };
        await unique(tx, 'workflows', 'name', next.name, id, 'name');
        await tx.run('UPDATE workflows SET name = ?, description = ?, media = ?, body = ? WHERE id = ?', [
          next.name,
          next.description,
          next.media,
          bodyOf(next),
          id,
        ]);
        if (patch.actionIds) await setActions(tx, id, patch.actionIds);
        tx.emit({ kind: 'workflow', op: 'update', id: String(id) });
        return next;
      });
    },

    deleteWorkflow: (id) =>
      write(db, async (tx) => {
        const teams = await tx.all<{ team_id: string }>(
          'SELECT team_id FROM team_workflows WHERE workflow_id = ?',
          [id],
        );
        const r = await tx.run('DELETE FROM workflows WHERE id = ?', [id]);
        refuseIf(r.changes === 1 ? undefined : rules.notFound('Workflow', id));
        for (const { team_id } of teams) {
          const left = await teamWorkflowIds(tx, team_id);
          await replaceTeamWorkflows(tx, team_id, left);
          tx.emit({ kind: 'team', op: 'update', id: team_id });
        }
        tx.emit({ kind: 'workflow', op: 'delete', id: String(id) });
      }),

    async listTeamWorkflows(teamId) {
      const ids = await teamWorkflowIds(db, teamId);
      const out: Workflow[] = [];
      for (const id of ids) {
        const w = await workflowById(db, id);
        if (w) out.push(w);
      }
      return out;
    },

    async setTeamWorkflows(teamId, ids) {
      if (ids.length > WORKFLOW_LIMITS.workflowsPerTeam)
        return { ok: false, error: rules.limit('Workflow', WORKFLOW_LIMITS.workflowsPerTeam) };
      if (new Set(ids).size !== ids.length)
        return { ok: false, error: rules.invalid('Workflow', 'a workflow is listed twice') };
      return write(db, async (tx) => {
        await teamMustExist(tx, teamId);
        for (const id of ids) {
          const found = await tx.get('SELECT id FROM workflows WHERE id = ?', [id]);
          refuseIf(found ? undefined : rules.invalid('Workflow', `no Workflow ${id}`));
        }
        await replaceTeamWorkflows(tx, teamId, ids);
        tx.emit({ kind: 'team', op: 'update', id: teamId });
      });
    },
  };
}

async function teamWorkflowIds(q: Q, teamId: string): Promise<number[]> {
  const rows = await q.all<{ workflow_id: number }>(
    'SELECT workflow_id FROM team_workflows WHERE team_id = ? ORDER BY position',
    [teamId],
  );
  return rows.map((r) => r.workflow_id);
}

async function replaceTeamWorkflows(tx: SqlTx, teamId: string, ids: readonly number[]) {
  await tx.run('DELETE FROM team_workflows WHERE team_id = ?', [teamId]);
  for (const [i, id] of ids.entries())
    await tx.run('INSERT INTO team_workflows (team_id, position, workflow_id) VALUES (?, ?, ?)', [
      teamId,
      i,
      id,
    ]);
}
