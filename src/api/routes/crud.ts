import type { ApiError, Result, UserConfig } from '../../core/index.ts';
import type { ConfigKind, StoreError } from '../../store/index.ts';
import type { XmlElement } from '../../xml/index.ts';
import { errorReply, type Reply, xmlReply } from '../reply.ts';
import type { Handler, Route, RouteContext } from '../router.ts';
import { admin, isAdmin, notFound, type RouteDeps, readXml, storeError, written } from './kit.ts';

type Write<T> = Promise<Result<T, StoreError> | { ok: false; apiError: ApiError }>;

/** One configuration collection: how to parse, store and render its objects. */
export interface CrudSpec<T, Id> {
  /** The object's element and path name: POST `/{one}`, GET/PUT/DELETE `/{one}/{id}`. */
  one: string;
  /** The list's path: GET `/{many}`. */
  many: string;
  /** The body's root element when it is not `one` (UserConfig bodies are `<User>`). */
  root?: string;
  /** Prefix for nested collections: `/PhoneBook/{bookId}`. */
  base?: string;
  kind: ConfigKind;
  parseId(raw: string): Id | undefined;
  list(ctx: RouteContext): Promise<Reply>;
  get(id: Id, ctx: RouteContext): Promise<T | undefined>;
  create(body: XmlElement, ctx: RouteContext): Write<T>;
  update(id: Id, body: XmlElement, ctx: RouteContext): Write<T>;
  remove(id: Id, ctx: RouteContext): Promise<Result<void, StoreError>>;
  /** May read the store (a workflow renders its actions' summaries). */
  render(value: T): string | Promise<string>;
  /** The id `onConfigChange` reports, and the URI for the Location header. */
  changeId(value: T | Id, ctx: RouteContext): string;
  uri(value: T, ctx: RouteContext): string;
  /**
   * `GET /{one}/{id}` for callers other than administrators: those for whom this says true read
   * the object; for the others it does not exist (404). Absent: administrators only (401).
   */
  readableBy?(value: T, caller: UserConfig): Promise<boolean>;
}

/**
 * The five routes of a configuration collection, Administrator only (finesse-api.md §1.1
 * "GET/POST/PUT/DELETE (collections)"). Synchronous: the answer is the outcome, and no
 * notification is published. A create answers 200 with an empty body and a Location header:
 * "The response contains an empty response body, and a "location:" header denoting the absolute
 * URL of the newly created ReasonCode object" (developer guide 12.5, ReasonCode—Create; the same
 * for WrapUpReason, PhoneBook, Contact …). An update answers 200 with the object (a **Choice**:
 * the guide says only "200: Success"); a delete 200 with no body.
 */
export function crudRoutes<T, Id>(deps: RouteDeps, spec: CrudSpec<T, Id>): Route[] {
  const base = spec.base ?? '';
  const apiName = spec.one.charAt(0).toLowerCase() + spec.one.slice(1);
  const changed = (op: 'create' | 'update' | 'delete', id: string) =>
    deps.configChanged({ kind: spec.kind, op, id });

  const answer = async (r: Awaited<Write<T>>, op: 'create' | 'update', ctx: RouteContext): Promise<Reply> => {
    if (!r.ok) return errorReply('apiError' in r ? r.apiError : storeError(r.error));
    changed(op, spec.changeId(r.value, ctx));
    if (op === 'create') return xmlReply(200, '', { Location: spec.uri(r.value, ctx) });
    const body = await spec.render(r.value);
    return written(r, () => body);
  };
  const withBody = async (ctx: RouteContext, fn: (body: XmlElement) => Promise<Reply>) => {
    const body = await readXml(ctx, spec.root ?? spec.one);
    if (!body) return undefined;
    return body.ok ? fn(body.value) : body.error;
  };
  const withId =
    (fn: (id: Id, ctx: RouteContext) => Promise<Reply | undefined>) => async (ctx: RouteContext) => {
      const id = spec.parseId(ctx.params.id);
      return id === undefined ? notFound(`${spec.one} ${ctx.params.id}`) : fn(id, ctx);
    };

  const readOne = (fn: Handler): Handler => {
    if (!spec.readableBy) return admin(deps, false, fn);
    return (ctx) => {
      ctx.logApiRequest(Object.values(ctx.params).join(' '));
      return fn(ctx);
    };
  };

  return [
    {
      pattern: `${base}/${spec.many}`,
      apiName,
      methods: { GET: admin(deps, false, (ctx) => spec.list(ctx)) },
    },
    {
      pattern: `${base}/${spec.one}`,
      apiName,
      methods: {
        POST: admin(deps, true, (ctx) =>
          withBody(ctx, async (b) => answer(await spec.create(b, ctx), 'create', ctx)),
        ),
      },
    },
    {
      pattern: `${base}/${spec.one}/{id}`,
      apiName,
      methods: {
        GET: readOne(
          withId(async (id, ctx) => {
            const value = await spec.get(id, ctx);
            const caller = ctx.caller!;
            const isReadable =
              value !== undefined && (isAdmin(caller) || (await spec.readableBy?.(value, caller)) === true);
            return isReadable
              ? xmlReply(200, await spec.render(value))
              : notFound(`${spec.one} ${ctx.params.id}`);
          }),
        ),
        PUT: admin(
          deps,
          true,
          withId((id, ctx) =>
            withBody(ctx, async (b) => answer(await spec.update(id, b, ctx), 'update', ctx)),
          ),
        ),
        DELETE: admin(
          deps,
          true,
          withId(async (id, ctx) => {
            const r = await spec.remove(id, ctx);
            if (r.ok) changed('delete', spec.changeId(id, ctx));
            return written(r, () => '');
          }),
        ),
      },
    },
  ];
}

/** Refuses a body whose reader found a bad value; else runs the store write. */
export async function unlessBad<T>(
  error: ApiError | undefined,
  run: () => Promise<Result<T, StoreError>>,
): Write<T> {
  return error ? { ok: false, apiError: error } : run();
}
