import type { ReasonCodeCategory, Result } from '../../core/index.ts';
import type { StoreError } from '../../store/index.ts';
import { apiError } from '../errors.ts';
import { errorReply, type Reply, xmlReply } from '../reply.ts';
import type { Handler, Route, RouteContext } from '../router.ts';
import { renderLayout, renderWrapUpReasons } from '../wire/config.ts';
import { renderReasonCodes } from '../wire/index.ts';
import { admin, BodyReader, notFound, type RouteDeps, readXml, storeError, teamReadRefusal } from './kit.ts';
import { phoneBooksWithContacts } from './phonebook-view.ts';

const CATEGORIES: readonly string[] = ['NOT_READY', 'LOGOUT'];

/** `?category=NOT_READY|LOGOUT|ALL`: undefined for ALL or none, a reply for anything else. */
export function categoryOf(ctx: RouteContext): Result<ReasonCodeCategory | undefined, Reply> {
  const c = ctx.query.get('category');
  if (c === null || c === 'ALL') return { ok: true, value: undefined };
  if (CATEGORIES.includes(c)) return { ok: true, value: c as ReasonCodeCategory };
  return { ok: false, error: errorReply(apiError('invalid-input', 'category')) };
}

/**
 * A GET of what a team's members may use: for its agents, its supervisors (401 Invalid Supervisor
 * for others) and administrators; 404 for a team that does not exist.
 */
export function teamMemberRead(
  deps: RouteDeps,
  fn: (teamId: string, ctx: RouteContext) => Promise<Reply>,
): Handler {
  return async (ctx) => {
    ctx.logApiRequest(ctx.params.teamId);
    const teamId = ctx.params.teamId;
    const refusal = teamReadRefusal(ctx.caller!, teamId, true);
    if (refusal) return refusal;
    if (!(await deps.store.getTeam(teamId))) return notFound(`Team ${teamId}`);
    return fn(teamId, ctx);
  };
}

/**
 * `/TeamResource/{teamId}/ReasonCodes|WrapUpReasons|PhoneBooks|MediaPropertiesLayout` (12.5+):
 * what the members of a team may use — everything `forAll` plus what is assigned to the team.
 * GET for the team's agents and supervisors and for administrators; PUT (Administrator) replaces
 * the team's assignments with the listed objects (`<uri>` or `<id>` per item) and answers the
 * team's new list. Inferred: Finesse documents the GETs; the PUT shape mirrors them.
 */
export function teamResourceRoutes(deps: RouteDeps): Route[] {
  const { store } = deps;
  const read = (fn: (teamId: string, ctx: RouteContext) => Promise<Reply>) => teamMemberRead(deps, fn);

  /** An admin PUT whose body lists `item`s inside `root`; `assign` stores them. */
  const assign = (
    root: string,
    item: string,
    apply: (teamId: string, ids: number[], ctx: RouteContext) => Promise<Result<void, StoreError>>,
    answer: (teamId: string, ctx: RouteContext) => Promise<Reply>,
  ): Handler =>
    admin(deps, true, async (ctx) => {
      const body = await readXml(ctx, root);
      if (!body) return undefined;
      if (!body.ok) return body.error;
      // The list is the root's own children: `<ReasonCodes><ReasonCode><uri>…</uri></ReasonCode>…`.
      const reader = new BodyReader(body.value);
      const ids = reader.refIds(item);
      if (reader.error) return errorReply(reader.error);
      const r = await apply(ctx.params.teamId, ids, ctx);
      if (!r.ok) return errorReply(storeError(r.error));
      deps.configChanged({ kind: 'team', op: 'update', id: ctx.params.teamId });
      return answer(ctx.params.teamId, ctx);
    });

  const reasonCodes = async (teamId: string, ctx: RouteContext) => {
    const category = categoryOf(ctx);
    if (!category.ok) return category.error;
    return xmlReply(
      200,
      renderReasonCodes(await store.listTeamReasonCodes(teamId, category.value), category.value),
    );
  };
  const wrapUps = async (teamId: string) =>
    xmlReply(200, renderWrapUpReasons(await store.listTeamWrapUpReasons(teamId)));
  const phoneBooks = async (teamId: string, ctx: RouteContext) =>
    phoneBooksWithContacts(store, await store.listTeamPhoneBooks(teamId), ctx);
  const layout = async (teamId: string) => xmlReply(200, renderLayout(await store.getTeamLayout(teamId)));

  // Finesse's team configuration paths are `/Team/{id}/ReasonCodes|WrapUpReasons|PhoneBooks`;
  // `/TeamResource/{teamId}/…` (12.5's desktop reads) answers the same.
  const route = (name: string, get: Handler, put: Handler): Route[] => [
    { pattern: `/Team/{teamId}/${name}`, apiName: 'team', methods: { GET: get, PUT: put } },
    { pattern: `/TeamResource/{teamId}/${name}`, apiName: 'teamResource', methods: { GET: get, PUT: put } },
  ];
  return [
    ...route(
      'ReasonCodes',
      read(reasonCodes),
      assign(
        'ReasonCodes',
        'ReasonCode',
        async (teamId, ids, ctx) => {
          const category = categoryOf(ctx);
          if (!category.ok)
            return { ok: false, error: { code: 'invalid', field: 'category', message: 'category' } };
          return store.setTeamReasonCodes(teamId, ids, category.value);
        },
        reasonCodes,
      ),
    ),
    ...route(
      'WrapUpReasons',
      read(wrapUps),
      assign(
        'WrapUpReasons',
        'WrapUpReason',
        (teamId, ids) => store.setTeamWrapUpReasons(teamId, ids),
        wrapUps,
      ),
    ),
    ...route(
      'PhoneBooks',
      read(phoneBooks),
      assign('PhoneBooks', 'PhoneBook', (teamId, ids) => store.setTeamPhoneBooks(teamId, ids), phoneBooks),
    ),
    ...route(
      'MediaPropertiesLayout',
      read(layout),
      admin(deps, true, async (ctx) => {
        const body = await readXml(ctx, 'MediaPropertiesLayout');
        if (!body) return undefined;
        if (!body.ok) return body.error;
        const raw = (
          body.value.getChildText('id') ??
          body.value.getChildText('uri')?.split('/').pop() ??
          ''
        ).trim();
        // An empty reference returns the team to the DEFAULT layout.
        if (raw !== '' && !/^\d{1,9}$/.test(raw))
          return errorReply(apiError('invalid-input', 'MediaPropertiesLayout'));
        const r = await store.setTeamLayout(ctx.params.teamId, raw === '' ? undefined : Number(raw));
        if (!r.ok) return errorReply(storeError(r.error));
        deps.configChanged({ kind: 'team', op: 'update', id: ctx.params.teamId });
        return layout(ctx.params.teamId);
      }),
    ),
  ];
}
