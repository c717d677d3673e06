import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';
import { CtiStatus, ctiStatusName, type NamedVariable } from '../protocol/index.ts';
import type { AcdSnapshot } from './acd.ts';
import type { CallGeneratorHandle, GeneratorSettings } from './generator.ts';
import type { AcdResult, CallVariables, InjectCallInput } from './types.ts';

/**
 * The simulator's admin interface: HTTP/JSON on its own port, for tests, demos and the CLI to
 * play the telephone network (callers, phones going out of service, the call generator, a
 * supervisor's forced logout). Bad input is a 4xx with `{ error, message }`, never a crash.
 *
 *   GET    /state                          agents, calls, queues, generator
 *   POST   /calls                          {dnis, ani?, vars?, handleTimeSec?}  → 201 {callId}
 *   DELETE /calls/{id}                     the caller hangs up                  → 204
 *   POST   /devices/{ext}/out-of-service                                        → 204
 *   DELETE /devices/{ext}/out-of-service   back in service                      → 204
 *   POST   /generator                      {enabled?, rate?, handleTimeSec?, seed?, dnis?} → 200 state
 *   POST   /agents/{id}/logout             {reasonCode?}  forced logout (999)   → 204
 *   POST   /service/restart                {downSec?}  the CTI service restarts, calls go on
 *                                                       → 200 {sessionsClosed, downSec}
 *   POST   /service/maintenance            {downSec?}  the side goes into maintenance (v24
 *                                          handshake), calls go on → 200 {sessionsAsked, downSec}
 *
 * It plays the whole telephone network, so it is guarded (#12): it listens on loopback unless
 * told otherwise, every request carries `Authorization: Bearer <token>` when a token is set (401
 * without), and a body must be `Content-Type: application/json` (415). Neither header is one a web
 * page may send across origins without a CORS preflight, and no preflight is ever answered: a
 * page the operator visits cannot drive the simulator, not even by a plain-text POST.
 */

export interface AdminTarget {
  injectCall(input: InjectCallInput): AcdResult;
  dropCall(callId: number): AcdResult;
  setDeviceOutOfService(device: string, isOutOfService?: boolean): AcdResult;
  forceLogout(agentId: string, reasonCode?: number): AcdResult;
  restartService(downMs: number): { sessionsClosed: number };
  beginMaintenance(downMs: number): { sessionsAsked: number };
  readonly generator: CallGeneratorHandle;
  state(): AcdSnapshot;
}

export interface AdminServer {
  readonly port: number;
  close(): Promise<void>;
}

/** A CTI service restart (or maintenance) keeps sessions refused this long unless told (`downSec`). */
const DEFAULT_RESTART_DOWN_SEC = 5;
/** …and at most this long: an hour without CTI is an outage, not a restart. */
const MAX_RESTART_DOWN_SEC = 3600;

/** Request bodies above this are refused (413): the API takes a few small fields. */
const MAX_BODY = 64 * 1024;

class HttpError extends Error {
  readonly statusCode: number;
  readonly code: string;
  constructor(statusCode: number, code: string, message: string) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
  }
}

const NOT_FOUND_STATUSES = new Set<number>([
  CtiStatus.E_CTI_INVALID_CALLID,
  CtiStatus.E_CTI_INVALID_DEVICE,
  CtiStatus.E_CTI_INVALID_AGENT_DATA,
]);

/** An ACD refusal as an HTTP error: unknown things 404, wrong state 409, bad values 400. */
function check(result: AcdResult): Extract<AcdResult, { ok: true }> {
  if (result.ok) return result;
  const status = NOT_FOUND_STATUSES.has(result.status)
    ? 404
    : result.status === CtiStatus.E_CTI_AGENT_NOT_LOGGED_ON
      ? 409
      : 400;
  throw new HttpError(status, ctiStatusName(result.status), result.reason);
}

const text = (v: unknown, what: string): string | undefined => {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' && typeof v !== 'number')
    throw new HttpError(400, 'bad-field', `${what} must be a string`);
  return String(v);
};
const number = (v: unknown, what: string): number | undefined => {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new HttpError(400, 'bad-field', `${what} must be a number`);
  return v;
};

/** How long a restart or a maintenance keeps sessions refused: `downSec`, within its bounds. */
function downSecOf(body: Record<string, unknown>): number {
  const downSec = number(body.downSec, 'downSec') ?? DEFAULT_RESTART_DOWN_SEC;
  if (downSec < 0 || downSec > MAX_RESTART_DOWN_SEC)
    throw new HttpError(400, 'bad-field', `downSec must be 0 … ${MAX_RESTART_DOWN_SEC}`);
  return downSec;
}

/** `vars`: callVariable1–10 by name, anything else a named (ECC) variable such as `user.lang`. */
function callInput(body: Record<string, unknown>): InjectCallInput {
  const dnis = text(body.dnis, 'dnis');
  if (!dnis) throw new HttpError(400, 'bad-field', 'dnis is required');
  const vars = body.vars ?? {};
  if (typeof vars !== 'object' || Array.isArray(vars))
    throw new HttpError(400, 'bad-field', 'vars must be an object');
  const variables: CallVariables = {};
  const named: NamedVariable[] = [];
  for (const [name, value] of Object.entries(vars as Record<string, unknown>)) {
    const v = text(value, `vars.${name}`) ?? '';
    if (/^callVariable([1-9]|10)$/.test(name)) variables[name as keyof CallVariables] = v;
    else named.push({ name, value: v });
  }
  const handleTimeSec = number(body.handleTimeSec, 'handleTimeSec');
  return {
    dnis,
    ani: text(body.ani, 'ani'),
    callerEnteredDigits: text(body.callerEnteredDigits, 'callerEnteredDigits'),
    ...variables,
    ...(named.length > 0 ? { namedVariables: named } : {}),
    ...(handleTimeSec === undefined ? {} : { handleTimeSec }),
  };
}

function generatorChanges(body: Record<string, unknown>): Partial<GeneratorSettings> {
  const dnis = body.dnis;
  if (dnis !== undefined && (!Array.isArray(dnis) || dnis.some((d) => typeof d !== 'string'))) {
    throw new HttpError(400, 'bad-field', 'dnis must be a list of strings');
  }
  const changes: Partial<GeneratorSettings> = {};
  for (const key of ['rate', 'handleTimeSec', 'seed'] as const) {
    const v = number(body[key], key);
    if (v !== undefined) changes[key] = v;
  }
  if (dnis) changes.dnis = dnis as string[];
  return changes;
}

type Route = (
  target: AdminTarget,
  params: string[],
  body: Record<string, unknown>,
) => [status: number, body?: unknown];

const ROUTES: [method: string, pattern: RegExp, route: Route][] = [
  ['GET', /^\/state$/, (t) => [200, t.state()]],
  ['POST', /^\/calls$/, (t, _, body) => [201, { callId: check(t.injectCall(callInput(body))).call?.callId }]],
  [
    'DELETE',
    /^\/calls\/(\d+)$/,
    (t, [id]) => {
      check(t.dropCall(Number(id)));
      return [204];
    },
  ],
  [
    'POST',
    /^\/devices\/([^/]+)\/out-of-service$/,
    (t, [ext]) => {
      check(t.setDeviceOutOfService(ext, true));
      return [204];
    },
  ],
  [
    'DELETE',
    /^\/devices\/([^/]+)\/out-of-service$/,
    (t, [ext]) => {
      check(t.setDeviceOutOfService(ext, false));
      return [204];
    },
  ],
  [
    'POST',
    /^\/generator$/,
    (t, _, body) => {
      const changes = generatorChanges(body);
      const enabled = body.enabled ?? t.generator.state.isRunning;
      if (typeof enabled !== 'boolean') throw new HttpError(400, 'bad-field', 'enabled must be a boolean');
      try {
        return [200, enabled ? t.generator.start(changes) : t.generator.stop()];
      } catch (error) {
        throw new HttpError(400, 'bad-field', error instanceof Error ? error.message : String(error));
      }
    },
  ],
  [
    'POST',
    /^\/agents\/([^/]+)\/logout$/,
    (t, [id], body) => {
      check(t.forceLogout(id, number(body.reasonCode, 'reasonCode')));
      return [204];
    },
  ],
  [
    'POST',
    /^\/service\/restart$/,
    (t, _, body) => {
      const downSec = downSecOf(body);
      const { sessionsClosed } = t.restartService(Math.round(downSec * 1000));
      return [200, { sessionsClosed, downSec }];
    },
  ],
  [
    'POST',
    /^\/service\/maintenance$/,
    (t, _, body) => {
      const downSec = downSecOf(body);
      const { sessionsAsked } = t.beginMaintenance(Math.round(downSec * 1000));
      return [200, { sessionsAsked, downSec }];
    },
  ],
];

/** Why a request may not go further (401, 405, 415), before its body is read. */
function refusal(req: http.IncomingMessage, token: Buffer | undefined): HttpError | undefined {
  if (token) {
    const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
    if (given.length !== token.length || !timingSafeEqual(given, token))
      return new HttpError(
        401,
        'unauthorized',
        'Authorization: Bearer <token> (the admin token) is required',
      );
  }
  // CORS preflights get no CORS headers: the browser then refuses to send the real request.
  if (req.method === 'OPTIONS') return new HttpError(405, 'method-not-allowed', 'OPTIONS');
  const hasBody = req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0';
  if ((hasBody || req.headers['transfer-encoding'] !== undefined) && !isJson(req.headers['content-type']))
    return new HttpError(415, 'unsupported-media-type', 'bodies are Content-Type: application/json');
  return undefined;
}

const isJson = (type: string | undefined) => /^application\/json\s*(;|$)/i.test(type ?? '');

export async function startAdminServer(options: {
  host: string;
  port: number;
  target: AdminTarget;
  trace: (line: string) => void;
  /** The bearer token every request must carry; none: no check. */
  token?: string;
}): Promise<AdminServer> {
  const token = options.token ? Buffer.from(options.token) : undefined;
  const server = http.createServer((req, res) => {
    const refused = refusal(req, token);
    (refused ? Promise.reject(refused) : readBody(req))
      .then((raw) => respond(options.target, req.method ?? 'GET', req.url ?? '/', raw))
      .catch((error: unknown) =>
        error instanceof HttpError
          ? ([error.statusCode, { error: error.code, message: error.message }] as const)
          : ([500, { error: 'internal', message: String(error) }] as const),
      )
      .then(([status, body]) => {
        options.trace(`Trace: ADMIN ${req.method} ${req.url} from ${req.socket.remoteAddress} -> ${status}`);
        const headers: Record<string, string> =
          body === undefined ? {} : { 'content-type': 'application/json' };
        if (status === 401) headers['www-authenticate'] = 'Bearer';
        // A refused request's body is not read; the connection goes with it.
        if (refused) headers.connection = 'close';
        res.writeHead(status, headers);
        res.end(body === undefined ? undefined : JSON.stringify(body));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function respond(target: AdminTarget, method: string, url: string, raw: string): readonly [number, unknown?] {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, 'http://simulator').pathname);
  } catch {
    throw new HttpError(400, 'bad-url', 'the path is not valid');
  }
  const matches = ROUTES.filter(([, pattern]) => pattern.test(path));
  if (matches.length === 0) throw new HttpError(404, 'not-found', `no route ${path}`);
  const route = matches.find(([m]) => m === method);
  if (!route) throw new HttpError(405, 'method-not-allowed', `${method} ${path}`);
  let body: unknown = {};
  if (raw.trim() !== '') {
    try {
      body = JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'bad-json', 'the body is not JSON');
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(400, 'bad-json', 'the body must be a JSON object');
  return route[2](target, route[1].exec(path)?.slice(1) ?? [], body as Record<string, unknown>);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'too-large', `bodies are limited to ${MAX_BODY} bytes`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
