import {
  buildFields,
  type CollectionSpec,
  defaults,
  fromStored,
  type ObjectOf,
  objectUri,
  RESOURCES,
  type ResourceSpec,
  readFields,
  SINGLETON_ID,
  type SingletonSpec,
  singletonPath,
  teamAssignmentKind,
} from '../../resources/index.ts';
import { rules, type StoredDocument, type StoreError } from '../../store/index.ts';
import { el } from '../../xml/index.ts';
import { READ_USER, resolveTarget } from '../authorize.ts';
import { apiError } from '../errors.ts';
import { errorReply, type Reply, xmlReply } from '../reply.ts';
import type { Handler, Route, RouteContext } from '../router.ts';
import { field } from '../wire/field.ts';
import { admin, BodyReader, notFound, type RouteDeps, readXml, storeError, written } from './kit.ts';
import { teamMemberRead } from './team-resource.ts';

/**
 * The routes of every resource declared as data (`src/resources`), derived from its spec: a
 * collection's list, create, and one object's GET/PUT/DELETE (plus its team assignments), or a
 * singleton's GET/PUT. Synchronous, as Finesse's configuration APIs are: the answer is the outcome
 * and nothing is published. A create answers `200` with an empty body and a `Location` header,
 * as Finesse documents for its configuration objects ("The response contains an empty response
 * body, and a "location:" header denoting the absolute URL of the newly created … object",
 * developer guide 12.5, ReasonCode—Create); an update `200` with the object; a delete `200`.
 */
export function resourceRoutes(deps: RouteDeps, resources: readonly ResourceSpec[] = RESOURCES): Route[] {
  return resources.flatMap((spec) =>
    spec.shape === 'collection' ? collectionRoutes(deps, spec) : singletonRoutes(deps, spec),
  );
}

type Value = ObjectOf<ResourceSpec['fields']>;

function render(spec: ResourceSpec, value: Value, id?: string) {
  return el(
    spec.name,
    {},
    spec.hasUri !== false && field('uri', objectUri(spec, id)),
    ...buildFields(spec.fields, value),
  );
}

const apiName = (spec: ResourceSpec) => spec.name.charAt(0).toLowerCase() + spec.name.slice(1);

/** GET for the spec's readers: administrators only, or every signed-in user. */
function reader(deps: RouteDeps, spec: ResourceSpec, fn: Handler): Handler {
  if (spec.readers !== 'users') return admin(deps, false, fn);
  return (ctx) => {
    ctx.logApiRequest(Object.values(ctx.params).join(' '));
    return fn(ctx);
  };
}

/** The body read over `base` and checked by the spec's own rules; a reply when refused. */
async function readBody(
  spec: ResourceSpec,
  ctx: RouteContext,
  base: Value,
): Promise<{ ok: true; value: Value } | { ok: false; reply: Reply | undefined }> {
  const body = await readXml(ctx, spec.name);
  if (!body) return { ok: false, reply: undefined };
  if (!body.ok) return { ok: false, reply: body.error };
  const read = readFields(spec.fields, body.value, base);
  if (!read.ok) return { ok: false, reply: errorReply(storeError(read.error)) };
  const bad = spec.check?.(read.value);
  return bad ? { ok: false, reply: errorReply(storeError(bad)) } : read;
}

function collectionRoutes(deps: RouteDeps, spec: CollectionSpec): Route[] {
  const { store } = deps;
  const name = apiName(spec);
  const load = (d: StoredDocument) => fromStored(spec.fields, d.body);
  const changed = (op: 'create' | 'update' | 'delete', id: string) =>
    deps.configChanged({ kind: spec.kind, op, id });

  /** Limits and uniqueness against the other objects, inside the store's transaction. */
  const against =
    (value: Value, isNew: boolean) =>
    (others: readonly StoredDocument[]): StoreError | undefined => {
      if (isNew && others.length >= spec.max) return rules.limit(spec.name, spec.max);
      const loaded = others.map(load);
      for (const f of spec.unique ?? []) {
        if (loaded.some((o) => o[f] === value[f]))
          return { code: 'conflict', field: f, message: `${f} ${String(value[f])} already exists` };
      }
      return spec.checkAgainst?.(value, loaded);
    };

  const withId = (fn: (id: string, ctx: RouteContext) => Promise<Reply | undefined>) => (ctx: RouteContext) =>
    /^\d{1,9}$/.test(ctx.params.id)
      ? fn(ctx.params.id, ctx)
      : Promise.resolve(notFound(`${spec.name} ${ctx.params.id}`));

  const routes: Route[] = [
    {
      pattern: `/${spec.many}`,
      apiName: name,
      methods: {
        GET: reader(deps, spec, async () =>
          xmlReply(
            200,
            el(
              spec.many,
              {},
              ...(await store.listDocuments(spec.kind)).map((d) => render(spec, load(d), d.id)),
            ).toString(),
          ),
        ),
      },
    },
    {
      pattern: `/${spec.name}`,
      apiName: name,
      methods: {
        POST: admin(deps, true, async (ctx) => {
          const body = await readBody(spec, ctx, defaults(spec.fields));
          if (!body.ok) return body.reply;
          const r = await store.putDocument(spec.kind, {
            body: body.value,
            check: against(body.value, true),
          });
          if (!r.ok) return errorReply(storeError(r.error));
          changed('create', r.value.id);
          return xmlReply(200, '', { Location: objectUri(spec, r.value.id) });
        }),
      },
    },
    {
      pattern: `/${spec.name}/{id}`,
      apiName: name,
      methods: {
        GET: reader(
          deps,
          spec,
          withId(async (id) => {
            const d = await store.getDocument(spec.kind, id);
            return d ? xmlReply(200, render(spec, load(d), id).toString()) : notFound(`${spec.name} ${id}`);
          }),
        ),
        PUT: admin(
          deps,
          true,
          withId(async (id, ctx) => {
            const current = await store.getDocument(spec.kind, id);
            if (!current) return notFound(`${spec.name} ${id}`);
            const body = await readBody(spec, ctx, load(current));
            if (!body.ok) return body.reply;
            const r = await store.putDocument(spec.kind, {
              id,
              mustExist: true,
              body: body.value,
              check: against(body.value, false),
            });
            if (r.ok) changed('update', id);
            return written(r, () => render(spec, body.value, id).toString());
          }),
        ),
        DELETE: admin(
          deps,
          true,
          withId(async (id) => {
            const r = await store.deleteDocument(spec.kind, id);
            if (r.ok) changed('delete', id);
            return written(r, () => '');
          }),
        ),
      },
    },
  ];
  return spec.isTeamAssigned ? [...routes, ...teamAssignmentRoutes(deps, spec)] : routes;
}

/**
 * `GET|PUT /Team/{teamId}/{many}` (and the TeamResource alias): the team's objects, listed by
 * reference in a PUT (`<{many}><{name}><uri>…/{id}</uri></{name}>…`, `<id>` works too), as
 * Finesse's Team Workflows; `GET /User/{id}/{many}`: the user's team's.
 */
function teamAssignmentRoutes(deps: RouteDeps, spec: CollectionSpec): Route[] {
  const { store, core } = deps;
  const kind = teamAssignmentKind(spec);
  const assigned = async (teamId: string) => {
    const ids = ((await store.getDocument(kind, teamId))?.body as { ids?: string[] } | undefined)?.ids ?? [];
    const docs = await Promise.all(ids.map((id) => store.getDocument(spec.kind, id)));
    // Objects deleted since they were assigned are no longer the team's.
    const items = docs
      .filter((d) => d !== undefined)
      .map((d) => render(spec, fromStored(spec.fields, d.body), d.id));
    return xmlReply(200, el(spec.many, {}, ...items).toString());
  };
  const put: Handler = admin(deps, true, async (ctx) => {
    const body = await readXml(ctx, spec.many);
    if (!body) return undefined;
    if (!body.ok) return body.error;
    const reader = new BodyReader(body.value);
    const ids = reader.refIds(spec.name).map(String);
    if (reader.error) return errorReply(reader.error);
    const missing = [];
    for (const id of ids) if (!(await store.getDocument(spec.kind, id))) missing.push(id);
    if (missing.length > 0) return errorReply(apiError('not-found', `${spec.name} ${missing[0]}`));
    const teamId = ctx.params.teamId;
    if (!(await store.getTeam(teamId))) return notFound(`Team ${teamId}`);
    const r = await store.putDocument(kind, { id: teamId, body: { ids: [...new Set(ids)] } });
    if (!r.ok) return errorReply(storeError(r.error));
    deps.configChanged({ kind: 'team', op: 'update', id: teamId });
    return assigned(teamId);
  });
  const route = (base: string): Route => ({
    pattern: `/${base}/{teamId}/${spec.many}`,
    apiName: base === 'Team' ? 'team' : 'teamResource',
    methods: { GET: teamMemberRead(deps, assigned), PUT: put },
  });
  return [
    route('Team'),
    route('TeamResource'),
    {
      pattern: `/User/{id}/${spec.many}`,
      apiName: apiName(spec),
      methods: {
        async GET(ctx) {
          ctx.logApiRequest(ctx.params.id);
          const target = await resolveTarget(core, ctx.caller!, ctx.params.id, READ_USER);
          if (!target.ok) return errorReply(target.error);
          return target.value.teamId
            ? assigned(target.value.teamId)
            : xmlReply(200, el(spec.many).toString());
        },
      },
    },
  ];
}

function singletonRoutes(deps: RouteDeps, spec: SingletonSpec): Route[] {
  const { store } = deps;
  const current = async () => {
    const d = await store.getDocument(spec.kind, SINGLETON_ID);
    return d ? fromStored(spec.fields, d.body) : defaults(spec.fields);
  };
  return [
    {
      pattern: singletonPath(spec),
      apiName: apiName(spec),
      methods: {
        GET: reader(deps, spec, async () => xmlReply(200, render(spec, await current()).toString())),
        PUT: admin(deps, true, async (ctx) => {
          const body = await readBody(spec, ctx, await current());
          if (!body.ok) return body.reply;
          const r = await store.putDocument(spec.kind, { id: SINGLETON_ID, body: body.value });
          if (r.ok) deps.configChanged({ kind: spec.kind, op: 'update', id: spec.name });
          return written(r, () => render(spec, body.value).toString());
        }),
      },
    },
  ];
}
