import type { IncomingMessage } from 'node:http';
import type { ApiError, Result, UserConfig } from '../core/index.ts';
import type { Reply } from './reply.ts';

export type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

export interface RouteContext {
  req: IncomingMessage;
  /** Path parameters by name, percent-decoded (`{id}` → `params.id`). */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The authenticated caller; absent on public routes (SystemInfo). */
  caller: UserConfig | undefined;
  /** How the caller signed in: when its password was verified, and what it showed now. */
  session?: { authAt: number; via: 'password' | 'token' };
  /** The client's `requestId` header, if any. */
  requestId: string | undefined;
  /** The body as UTF-8, within the route's limit. */
  readBody(): Promise<Result<string, ApiError | 'aborted'>>;
  /** Logs API_REQUEST (and REGISTER_API_STATS_OBJECT the first time) with these parameters. */
  logApiRequest(parameters: string): void;
}

export type Handler = (ctx: RouteContext) => Promise<Reply | undefined>;

export interface Route {
  /** Below `/finesse/api`, with `{name}` for a one-segment parameter: `/User/{id}/Dialogs`. */
  pattern: string;
  /** The resource name in API_REQUEST's `request_method` (`user` in `user.PUT`). */
  apiName: string;
  /** Answered without credentials and while out of service (SystemInfo only, as in Finesse). */
  isPublic?: boolean;
  /** Answered while out of service, to the credentials it asks for (MaintenanceMode). */
  isServiceability?: boolean;
  /** Largest request body accepted, bytes (default 64 KiB). */
  bodyLimit?: number;
  methods: Partial<Record<Method, Handler>>;
}

export interface Match {
  route: Route;
  params: Record<string, string>;
}

/**
 * Finds the route for a path below `/finesse/api`. Matching is case-sensitive and exact, as
 * Finesse's (Jersey) is: no trailing slash, no empty segment. A segment that is not valid
 * percent-encoding matches nothing.
 */
export function matchRoute(routes: readonly Route[], path: string): Match | undefined {
  const segments = path.split('/').slice(1);
  for (const route of routes) {
    const parts = route.pattern.split('/').slice(1);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let isMatch = true;
    for (let i = 0; i < parts.length && isMatch; i++) {
      const name = /^\{(\w+)\}$/.exec(parts[i])?.[1];
      if (name === undefined) {
        isMatch = parts[i] === segments[i];
        continue;
      }
      const value = decodeSegment(segments[i]);
      if (value === undefined || value === '') isMatch = false;
      else params[name] = value;
    }
    if (isMatch) return { route, params };
  }
  return undefined;
}

function decodeSegment(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** `/User/{id}/ReasonCodes` + GET → `User-[id]-ReasonCodes-GET`, the seed's stats object name. */
export function statsComponent(route: Route, method: string): string {
  const path = route.pattern
    .slice(1)
    .replace(/\{(\w+)\}/g, '[$1]')
    .replace(/\//g, '-');
  return `${path}-${method}`;
}
