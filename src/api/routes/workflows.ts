import type { Workflow, WorkflowAction } from '../../store/index.ts';
import { el } from '../../xml/index.ts';
import { apiError } from '../errors.ts';
import { errorReply, type Reply, xmlReply } from '../reply.ts';
import type { Route, RouteContext } from '../router.ts';
import {
  buildWorkflow,
  buildWorkflowAction,
  parseWorkflow,
  parseWorkflowAction,
  parseWorkflowRefs,
  workflowActionUri,
  workflowUri,
} from '../wire/workflow.ts';
import { crudRoutes } from './crud.ts';
import {
  admin,
  notFound,
  numericId,
  type RouteDeps,
  readForUser,
  readXml,
  storeError,
  teamReadRefusal,
} from './kit.ts';
import { teamMemberRead } from './team-resource.ts';

/**
 * Workflows (Finesse's no-code screen pop; DevNet "Workflow", "WorkflowAction", "Team—Get/Update
 * List of Workflows", "User—Get List of Workflows"): the admin collections `/Workflow(s)` and
 * `/WorkflowAction(s)`, a team's ordered list at `/Team/{id}/Workflows` (GET: the team's
 * supervisors and administrators; PUT: administrators), and `/User/{id}/Workflows` (and 12.5's
 * `/TeamResource/{teamId}/Workflows`, for the team's members) — the workflows of the user's team
 * with their actions in full, which the desktop runs.
 */
export function workflowRoutes(deps: RouteDeps): Route[] {
  const { store } = deps;
  const actionsOf = async (w: Workflow, all?: readonly WorkflowAction[]) => {
    const known = all ?? (await store.listWorkflowActions());
    return w.actionIds.map((id) => known.find((a) => a.id === id)).filter((a): a is WorkflowAction => !!a);
  };
  const renderWorkflows = async (list: readonly Workflow[], isFull = false) => {
    const actions = await store.listWorkflowActions();
    return el(
      'Workflows',
      {},
      ...(await Promise.all(list.map(async (w) => buildWorkflow(w, await actionsOf(w, actions), isFull)))),
    ).toString();
  };

  const teamWorkflows = async (ctx: RouteContext): Promise<Reply> => {
    const teamId = ctx.params.teamId;
    if (!(await store.getTeam(teamId))) return notFound(`Team ${teamId}`);
    return xmlReply(200, await renderWorkflows(await store.listTeamWorkflows(teamId)));
  };

  return [
    ...crudRoutes(deps, {
      one: 'WorkflowAction',
      many: 'WorkflowActions',
      kind: 'workflowAction',
      parseId: numericId,
      list: async () =>
        xmlReply(
          200,
          el(
            'WorkflowActions',
            {},
            ...(await store.listWorkflowActions()).map((a) => buildWorkflowAction(a)),
          ).toString(),
        ),
      get: (id) => store.getWorkflowAction(id),
      async create(body) {
        const p = parseWorkflowAction(body, true);
        if (!p.ok) return { ok: false, apiError: p.error };
        const v = p.value;
        if (v.name === undefined) return { ok: false, apiError: apiError('parameter-missing', 'name') };
        return store.createWorkflowAction({
          name: v.name,
          type: v.type!,
          handledBy: v.handledBy!,
          params: v.params ?? [],
          actionVariables: v.actionVariables ?? [],
        });
      },
      async update(id, body) {
        const p = parseWorkflowAction(body, false);
        return p.ok ? store.updateWorkflowAction(id, p.value) : { ok: false, apiError: p.error };
      },
      remove: (id) => store.deleteWorkflowAction(id),
      render: (a) => buildWorkflowAction(a).toString(),
      changeId: (v) => String(typeof v === 'number' ? v : v.id),
      uri: (v) => workflowActionUri(v.id),
    }),
    ...crudRoutes<Workflow, number>(deps, {
      one: 'Workflow',
      many: 'Workflows',
      kind: 'workflow',
      parseId: numericId,
      list: async () => xmlReply(200, await renderWorkflows(await store.listWorkflows())),
      get: (id) => store.getWorkflow(id),
      async create(body) {
        const p = parseWorkflow(body, true);
        if (!p.ok) return { ok: false, apiError: p.error };
        const v = p.value;
        if (v.name === undefined) return { ok: false, apiError: apiError('parameter-missing', 'name') };
        if (!v.triggerSet) return { ok: false, apiError: apiError('parameter-missing', 'TriggerSet') };
        return store.createWorkflow({
          name: v.name,
          description: v.description ?? '',
          media: v.media ?? '1',
          triggerSet: v.triggerSet,
          conditionSet: v.conditionSet ?? { applyMethod: 'ALL', conditions: [] },
          actionIds: v.actionIds ?? [],
        });
      },
      async update(id, body) {
        const p = parseWorkflow(body, false);
        return p.ok ? store.updateWorkflow(id, p.value) : { ok: false, apiError: p.error };
      },
      remove: (id) => store.deleteWorkflow(id),
      render: async (w) => buildWorkflow(w, await actionsOf(w)).toString(),
      changeId: (v) => String(typeof v === 'number' ? v : v.id),
      uri: (v) => workflowUri(v.id),
    }),
    {
      pattern: '/Team/{teamId}/Workflows',
      apiName: 'team',
      methods: {
        async GET(ctx) {
          ctx.logApiRequest(ctx.params.teamId);
          return teamReadRefusal(ctx.caller!, ctx.params.teamId, false) ?? teamWorkflows(ctx);
        },
        PUT: admin(deps, true, async (ctx) => {
          const body = await readXml(ctx, 'Workflows');
          if (!body) return undefined;
          if (!body.ok) return body.error;
          const ids = parseWorkflowRefs(body.value);
          if (!ids.ok) return errorReply(ids.error);
          const r = await store.setTeamWorkflows(ctx.params.teamId, ids.value);
          if (!r.ok) return errorReply(storeError(r.error));
          deps.configChanged({ kind: 'team', op: 'update', id: ctx.params.teamId });
          return teamWorkflows(ctx);
        }),
      },
    },
    {
      // 12.5+: the team's workflows for its members (User/{id}/Workflows is deprecated there).
      pattern: '/TeamResource/{teamId}/Workflows',
      apiName: 'teamResource',
      methods: {
        GET: teamMemberRead(deps, async (teamId) =>
          xmlReply(200, await renderWorkflows(await store.listTeamWorkflows(teamId), true)),
        ),
      },
    },
    {
      pattern: '/User/{id}/Workflows',
      apiName: 'user',
      methods: {
        GET: readForUser(deps.core, async (user) => {
          const list = user.teamId ? await store.listTeamWorkflows(user.teamId) : [];
          return xmlReply(200, await renderWorkflows(list, true));
        }),
      },
    },
  ];
}
