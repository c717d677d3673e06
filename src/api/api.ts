import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSignIn, type PlainAuthPolicy, type SignIn } from '../auth/index.ts';
import type { CoreApi, UserConfig } from '../core/index.ts';
import type { Logs } from '../logs/index.ts';
import type { ResourceSpec } from '../resources/index.ts';
import { type ConfigChange, type ConfigStore, isStoreUnavailable } from '../store/index.ts';
import {
  type AuthFailure,
  createAuthenticator,
  credentialRequestOf,
  parseBasic,
  parseBearer,
} from './auth.ts';
import { readBody } from './body.ts';
import { apiError } from './errors.ts';
import { errorReply, type Reply, writeReply } from './reply.ts';
import { createRequestLogger, type RequestTrace } from './request-log.ts';
import {
  type Match,
  type Method,
  matchRoute,
  type Route,
  type RouteContext,
  statsComponent,
} from './router.ts';
import { configCodeRoutes } from './routes/config-codes.ts';
import { configLayoutUserRoutes } from './routes/config-layouts-users.ts';
import { configPhoneBookRoutes } from './routes/config-phonebooks.ts';
import { dialogRoute } from './routes/dialog.ts';
import { dialogsRoute } from './routes/dialogs.ts';
import type { RouteDeps } from './routes/kit.ts';
import { layoutConfigRoutes } from './routes/layout-config.ts';
import { lockedOutUserRoutes } from './routes/locked-out-users.ts';
import { loggingRoutes } from './routes/logging.ts';
import { type MaintenancePort, maintenanceModeRoutes } from './routes/maintenance-mode.ts';
import { queueRoutes } from './routes/queue.ts';
import { reasonCodesRoute } from './routes/reason-codes.ts';
import { resourceRoutes } from './routes/resources.ts';
import { sessionTokenRoutes } from './routes/session-token.ts';
import { systemConfigRoutes } from './routes/system-config.ts';
import { systemInfoRoute } from './routes/system-info.ts';
import { teamRoutes } from './routes/team.ts';
import { teamMessageRoutes } from './routes/team-message.ts';
import { teamResourceRoutes } from './routes/team-resource.ts';
import { troubleshootingRoutes } from './routes/troubleshooting.ts';
import { userRoute } from './routes/user.ts';
import { userResourceRoutes } from './routes/user-resources.ts';
import { workflowRoutes } from './routes/workflows.ts';

export interface ApiOptions {
  core: CoreApi;
  store: ConfigStore;
  logs: Logs;
  now?: () => number;
  /**
   * Where `POST /User/{id}/ClientLog` uploads go, one call per upload. Default: `logs.clientLogs`,
   * one file per agent under `<logs.dir>/clientlogs/<agentId>/`, rotated with a retention limit.
   */
  clientLogs?: { write(agentId: string, text: string): void };
  /** Called after each successful configuration write (create XMPP nodes, tell other nodes …). */
  onConfigChange?(change: ConfigChange): void;
  /** Configuration writes are answered 403 unless this says true (default: always true). */
  isPrimaryNode?: () => boolean;
  /**
   * The node's sign-in service, shared with the notification service (its cache of verified
   * passwords, throttle and lockout). Default: one of the API's own over `store`.
   */
  signIn?: SignIn;
  /** Credentials in clear without TLS: from loopback only (default), always, or never. */
  plainAuth?: PlainAuthPolicy;
  /** `PUT /Logging` switches notification debug through this (default: the `logs.notifyDebug` flag). */
  setNotificationDebug?: (on: boolean) => void;
  /** The configuration resources declared as data to serve (default: `src/resources`' RESOURCES). */
  resources?: readonly ResourceSpec[];
  /** This node's maintenance mode (`/MaintenanceMode`); without it the resource is not served. */
  maintenance?: MaintenancePort;
}

export interface Api {
  /**
   * Serves a request under `/finesse/api`; returns false, without touching the request, for any
   * other path so that the caller can route it elsewhere (BOSH, the desktop …).
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

const API_ROOT = '/finesse/api';
/** The body a route reads unless it sets its own `bodyLimit`; more is refused with 413. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;
/**
 * What a requestId may hold: finesse.js sends a UUID, other clients counters or names. It is echoed
 * in a header and written into the logs' `[request_identifier=…]` field, where `]`, `[`, `=` or a
 * line break would forge fields or lines (docs/security.md), so anything else is refused (400), as
 * is anything much longer than a UUID.
 */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The REST API (Finesse's Tomcat + WAR) on plain `node:http`, so that it shares one HTTP stack
 * with BOSH. Order of checks: route (404/405), service status (503, SystemInfo exempt — before
 * credentials, so that an outage costs no password hashing), credentials (401), then the route's
 * own authorization and validation.
 */
export function createApi(opts: ApiOptions): Api {
  const now = opts.now ?? Date.now;
  const signIn =
    opts.signIn ??
    createSignIn({ store: opts.store, now, onLockout: (event) => logLockout(opts.logs, event) });
  const deps: RouteDeps = {
    core: opts.core,
    store: opts.store,
    signIn,
    now,
    isPrimaryNode: opts.isPrimaryNode ?? (() => true),
    configChanged(change) {
      // The write is committed: a listener's failure must not turn it into an error answer.
      try {
        opts.onConfigChange?.(change);
      } catch {}
    },
    clientLogs: opts.clientLogs ?? opts.logs.clientLogs,
  };
  const routes = createRoutes(deps, opts);
  const auth = createAuthenticator(opts.store, signIn, opts.plainAuth);
  const logger = createRequestLogger(opts.logs, now);

  async function serve(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) {
    // The claimed name only, for REQUEST_START's `usr`; it is verified later.
    const authorization = req.headers.authorization;
    const token = parseBearer(authorization);
    const claimed = parseBasic(authorization)?.username ?? (token && signIn.claimedUser(token)) ?? '';
    const trace = logger.begin(req, res, path, query, claimed);
    // A client that goes away must never take the process with it.
    req.on('error', () => {});
    res.on('error', () => {});
    let reply: Reply | undefined;
    try {
      reply = await dispatch(req, path, query, trace);
    } catch (e) {
      trace.error(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
      // The database down is no fault of the request: say so, and that it is worth trying again.
      reply = isStoreUnavailable(e)
        ? errorReply(apiError('database-unavailable'), { ...echoed(req), 'Retry-After': '5' })
        : errorReply(apiError('internal-server-error'), echoed(req));
    }
    if (reply) trace.bytes = writeReply(res, reply);
    else if (!res.writableEnded) res.destroy();
  }

  async function dispatch(
    req: IncomingMessage,
    path: string,
    query: URLSearchParams,
    trace: RequestTrace,
  ): Promise<Reply | undefined> {
    const match = matchRoute(routes, path.slice(API_ROOT.length));
    if (!match) return errorReply(apiError('not-found', path));
    const method = req.method ?? '';
    const handler = Object.hasOwn(match.route.methods, method)
      ? match.route.methods[method as Method]
      : undefined;
    if (!handler) {
      const allow = Object.keys(match.route.methods).join(', ');
      return errorReply(apiError('method-not-allowed', method), { Allow: allow });
    }

    const requestId = headerValue(req.headers.requestid);
    const echo = echoed(req);
    if (requestId !== undefined && !REQUEST_ID.test(requestId)) {
      return errorReply(apiError('invalid-input', 'requestId'));
    }

    let caller: UserConfig | undefined;
    let session: RouteContext['session'];
    if (!match.route.isPublic) {
      if (!match.route.isServiceability && !opts.core.isInService())
        return errorReply(apiError('service-unavailable'), echo);
      const who = await auth.authenticate(credentialRequestOf(req));
      if (!who.ok) {
        logRefusal(opts.logs, trace.thread, req.socket.remoteAddress ?? '', who.error);
        return errorReply(who.error.error, { ...echo, ...who.error.headers });
      }
      caller = who.value.user;
      session = { authAt: who.value.authAt, via: who.value.via };
      trace.user = caller.id;
    }

    const reply = await handler({
      ...context(req, path, match, query, caller, requestId, trace, method),
      session,
    });
    if (!reply) return undefined;
    reply.headers = { ...echo, ...reply.headers };
    // A client that sent more than we accept is not kept for further requests.
    if (reply.status === 413) reply.headers.Connection = 'close';
    return reply;
  }

  function context(
    req: IncomingMessage,
    path: string,
    match: Match,
    query: URLSearchParams,
    caller: UserConfig | undefined,
    requestId: string | undefined,
    trace: RequestTrace,
    method: string,
  ): RouteContext {
    const { route, params } = match;
    return {
      req,
      params,
      query,
      caller,
      requestId,
      readBody: () => readBody(req, route.bodyLimit ?? DEFAULT_BODY_LIMIT),
      logApiRequest(parameters) {
        trace.apiRequest({
          url: path.slice(API_ROOT.length + 1),
          agentId: caller?.id ?? '',
          // The seed shows `null` for an authenticated request without one, nothing for SystemInfo.
          requestId: requestId ?? (route.isPublic ? '' : 'null'),
          apiMethod: `${route.apiName}.${method}`,
          parameters,
        });
        trace.registerStats(statsComponent(route, method));
      },
    };
  }

  return {
    handle(req, res) {
      const { path, query } = splitUrl(req.url ?? '');
      if (path !== API_ROOT && !path.startsWith(`${API_ROOT}/`)) return false;
      void serve(req, res, path, query).catch(() => {
        if (!res.writableEnded) res.destroy();
      });
      return true;
    },
  };
}

/** Every route of the API, in matching order: `createApi` serves these (the fuzz test walks them). */
export function createRoutes(
  deps: RouteDeps,
  opts: Pick<ApiOptions, 'logs' | 'setNotificationDebug' | 'resources' | 'maintenance'>,
): Route[] {
  return [
    systemInfoRoute(deps.core),
    userRoute(deps.core),
    ...reasonCodesRoute(deps.core),
    dialogsRoute(deps.core),
    dialogRoute(deps.core),
    ...queueRoutes(deps.core),
    ...userResourceRoutes(deps),
    ...teamRoutes(deps),
    ...teamResourceRoutes(deps),
    ...teamMessageRoutes(deps),
    ...configCodeRoutes(deps),
    ...configPhoneBookRoutes(deps),
    ...configLayoutUserRoutes(deps),
    ...layoutConfigRoutes(deps),
    ...workflowRoutes(deps),
    ...systemConfigRoutes(deps),
    ...resourceRoutes(deps, opts.resources),
    ...lockedOutUserRoutes(deps),
    ...maintenanceModeRoutes(deps, opts.maintenance),
    ...sessionTokenRoutes(deps),
    ...loggingRoutes(deps, opts),
    ...troubleshootingRoutes(deps, opts.logs),
  ];
}

/** Origin-form (`/a?b`) or absolute-form (`http://host/a?b`, from proxies) request targets. */
function splitUrl(target: string): { path: string; query: URLSearchParams } {
  const origin = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const q = origin.indexOf('?');
  const path = q < 0 ? origin : origin.slice(0, q);
  return { path, query: new URLSearchParams(q < 0 ? '' : origin.slice(q + 1)) };
}

/** The client's `requestId` header, echoed on every answer to the request that carried it. */
function echoed(req: IncomingMessage): Record<string, string> {
  const requestId = headerValue(req.headers.requestid);
  return requestId !== undefined && REQUEST_ID.test(requestId) ? { requestId } : {};
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** The lock, once per lock cluster-wide (the store reports it to the failure that set it). */
export function logLockout(
  logs: Logs,
  event: { userId: string; address: string; scope: 'address' | 'account'; until: number },
): void {
  logs.webservices.error(
    'http-auth',
    'USER_LOCKED_OUT',
    [
      ['usr', event.userId],
      ['client_address', event.scope === 'address' ? event.address : '*'],
      ['locked_until', new Date(event.until).toISOString()],
    ],
    event.scope === 'address'
      ? 'Account locked for sign-ins from this address after consecutive failed sign-in attempts'
      : 'Account locked for sign-ins from unfamiliar addresses after failed sign-in attempts from many addresses',
  );
}

/** Every refused sign-in gets a line: who was claimed, from where, and why (never a password). */
function logRefusal(logs: Logs, thread: string, ip: string, failure: AuthFailure): void {
  const { error, refusal } = failure;
  const fields: [string, string | number][] = [
    ['usr', error.errorData ?? ''],
    ['client_address', ip],
    ['reason', refusal?.reason ?? error.errorMessage],
  ];
  if (refusal?.reason === 'locked') fields.push(['locked_until', new Date(refusal.until).toISOString()]);
  if (refusal?.reason === 'throttled') fields.push(['retry_after_ms', refusal.retryAfterMs]);
  logs.webservices.info(thread, 'AUTHENTICATION_REFUSED', fields, `Sign-in refused: ${error.errorMessage}`);
}
