import type { SignIn } from '../../auth/index.ts';
import type { ApiError, CoreApi, Result, User, UserConfig } from '../../core/index.ts';
import type { ConfigChange, ConfigStore, StoreError } from '../../store/index.ts';
import { parseXml, type XmlElement } from '../../xml/index.ts';
import { READ_USER, resolveTarget } from '../authorize.ts';
import { apiError } from '../errors.ts';
import { errorReply, type Reply, xmlReply } from '../reply.ts';
import type { Handler, RouteContext } from '../router.ts';

/** What the routes beyond the agent's own User/Dialogs need: the collaborators of `createApi`. */
export interface RouteDeps {
  core: CoreApi;
  store: ConfigStore;
  /** The node's sign-in service (session tokens). */
  signIn: SignIn;
  now(): number;
  /** Configuration writes are refused (403) on a node that is not the primary. */
  isPrimaryNode(): boolean;
  /** Called after each successful configuration write. */
  configChanged(change: ConfigChange): void;
  clientLogs: { write(agentId: string, text: string): void };
}

export const isAdmin = (u: UserConfig) => u.roles.includes('Administrator');
export const supervises = (u: UserConfig, teamId: string) =>
  u.roles.includes('Supervisor') && u.supervisedTeams.some((t) => t.id === teamId);

/**
 * Who may read a team's resources: administrators, its supervisors and, with `isMemberAllowed`,
 * its own members. The refusal names the team: Invalid Supervisor for a supervisor of other
 * teams, Authorization Failure for anyone else.
 */
export function teamReadRefusal(
  caller: UserConfig,
  teamId: string,
  isMemberAllowed: boolean,
): Reply | undefined {
  if (isAdmin(caller) || supervises(caller, teamId) || (isMemberAllowed && caller.teamId === teamId))
    return undefined;
  const code = caller.roles.includes('Supervisor') ? 'invalid-supervisor' : 'authorization-failure';
  return errorReply(apiError(code, teamId));
}

/**
 * `GET /User/{id}/…` for the user itself, its supervisors and administrators (READ_USER): logs the
 * request, resolves the user (refusing as `resolveTarget` does), then answers with `fn`.
 */
export function readForUser(core: CoreApi, fn: (user: User, ctx: RouteContext) => Promise<Reply>): Handler {
  return async (ctx) => {
    ctx.logApiRequest(ctx.params.id);
    const target = await resolveTarget(core, ctx.caller!, ctx.params.id, READ_USER);
    return target.ok ? fn(target.value, ctx) : errorReply(target.error);
  };
}

/**
 * Wraps a configuration handler: logs API_REQUEST, then admits Administrators only (401
 * Authorization Failure otherwise, finesse-api.md §1.1), and for writes only on the primary node
 * (403 Forbidden, as Finesse refuses config APIs on its secondary).
 */
export function admin(deps: RouteDeps, isWrite: boolean, fn: Handler): Handler {
  return async (ctx) => {
    ctx.logApiRequest(Object.values(ctx.params).join(' '));
    if (!isAdmin(ctx.caller!)) return errorReply(apiError('authorization-failure', ctx.caller!.id));
    if (isWrite && !deps.isPrimaryNode()) return errorReply(apiError('forbidden'));
    return fn(ctx);
  };
}

/**
 * The body of an asynchronous request (PUT User, PUT Dialog, POST Dialogs) parsed by `parse`, with
 * the API_REQUEST line logged once what it asks for is known (the seed's `request_parameters`);
 * `undefined` when the client left mid-request.
 */
export async function readRequest<T>(
  ctx: RouteContext,
  parse: (body: string) => Result<T, ApiError>,
  describe: (request: T) => string,
): Promise<Result<T, Reply> | undefined> {
  // COMPAT: the Content-Type is not checked. `curl -d` sends form-urlencoded, and a body that is
  // not the XML we expect is refused by the parser just the same (400 Invalid Input).
  const body = await ctx.readBody();
  if (!body.ok) {
    if (body.error === 'aborted') return undefined;
    ctx.logApiRequest('');
    return { ok: false, error: errorReply(body.error) };
  }
  const parsed = parse(body.value);
  ctx.logApiRequest(parsed.ok ? describe(parsed.value) : ' <invalid body>');
  return parsed.ok ? parsed : { ok: false, error: errorReply(parsed.error) };
}

/** The request body parsed as XML with root element `root`; `undefined` when the client left. */
export async function readXml(
  ctx: RouteContext,
  root: string,
): Promise<Result<XmlElement, Reply> | undefined> {
  // COMPAT: the Content-Type is not checked (see routes/user.ts); a non-XML body fails parsing.
  const body = await ctx.readBody();
  if (!body.ok) return body.error === 'aborted' ? undefined : { ok: false, error: errorReply(body.error) };
  const doc = parseXml(body.value, { maxLength: body.value.length });
  if (!doc.ok)
    return { ok: false, error: errorReply(apiError('invalid-input', `Malformed XML: ${doc.error}`)) };
  if (doc.root.local !== root) {
    return {
      ok: false,
      error: errorReply(apiError('invalid-input', `Expected a ${root} element, not ${doc.root.local}`)),
    };
  }
  return { ok: true, value: doc.root };
}

const STORE_ERRORS = {
  conflict: 'duplicate',
  invalid: 'invalid-input',
  missing: 'parameter-missing',
  limit: 'maximum-exceeded',
  'not-found': 'not-found',
  'in-use': 'in-use',
} as const;

/** A store refusal as its ApiError; the offending element is the ErrorData. */
export function storeError(e: StoreError): ApiError {
  return apiError(STORE_ERRORS[e.code], e.field ?? e.message);
}

/** Answers a store write: `status` with the rendered object, or the refusal. */
export function written<T>(
  r: Result<T, StoreError>,
  render: (value: T) => string,
  status = 200,
  headers?: Record<string, string>,
): Reply {
  return r.ok ? xmlReply(status, render(r.value), headers) : errorReply(storeError(r.error));
}

/** A numeric path id (`/ReasonCode/{id}`); anything else names no object. */
export function numericId(s: string): number | undefined {
  return /^\d{1,9}$/.test(s) ? Number(s) : undefined;
}

export const notFound = (what: string) => errorReply(apiError('not-found', what));

/**
 * Reads the children of a request body, remembering the first bad value: `read.int('code')` is
 * the number, `undefined` when absent, and sets `read.error` (Invalid Input, the element as
 * ErrorData) when present but not a number.
 */
export class BodyReader {
  error: ApiError | undefined;
  readonly #root: XmlElement;

  constructor(root: XmlElement) {
    this.#root = root;
  }

  /** The element's text as sent (not trimmed: labels may hold spaces), or undefined if absent. */
  text(name: string, within: XmlElement = this.#root): string | undefined {
    return within.getChild(name)?.text();
  }

  int(name: string, within: XmlElement = this.#root): number | undefined {
    const v = this.text(name, within)?.trim();
    if (v === undefined) return undefined;
    if (/^\d{1,9}$/.test(v)) return Number(v);
    this.error ??= apiError('invalid-input', name);
    return undefined;
  }

  bool(name: string, within: XmlElement = this.#root): boolean | undefined {
    const v = this.text(name, within)?.trim().toLowerCase();
    if (v === undefined) return undefined;
    if (v === 'true' || v === 'false') return v === 'true';
    this.error ??= apiError('invalid-input', name);
    return undefined;
  }

  /** `<container><item>…</item>…</container>`: the items, or undefined without the container. */
  items(container: string, item: string, within: XmlElement = this.#root): XmlElement[] | undefined {
    return within.getChild(container)?.getChildren(item);
  }

  /** Ids of the root's `item` children, from `<item><uri>…/{id}</uri></item>` or `<item><id>…</id></item>`. */
  refIds(item: string): number[] {
    const ids: number[] = [];
    for (const el of this.#root.getChildren(item)) {
      const raw = (el.getChildText('id') ?? el.getChildText('uri')?.split('/').pop() ?? '').trim();
      if (/^\d{1,9}$/.test(raw)) ids.push(Number(raw));
      else this.error ??= apiError('invalid-input', item);
    }
    return ids;
  }
}
