import type { Logs } from '../../logs/index.ts';
import { type DiagnoseResult, diagnose, type TraceResult, trace } from '../../logs/index.ts';
import { apiError } from '../errors.ts';
import { errorReply, type Reply } from '../reply.ts';
import type { Route, RouteContext } from '../router.ts';
import { admin, type RouteDeps } from './kit.ts';

/**
 * `GET /Troubleshooting/Trace?id=…[&from=&to=]` and `GET /Troubleshooting/Diagnose[?from=&to=]`:
 * `switchboard trace` and `switchboard diagnose` over this node's own log directory, for the
 * desktop's Troubleshooting page. Switchboard's extension (Finesse has no such API), so the answer
 * is the tools' own result as JSON (`Content-Type: application/json`, the same document as
 * `switchboard trace --json`): the results are nested, typed records read by our own desktop, and
 * an XML twin of them would be a second format to keep in step for no client. Errors stay
 * Finesse ApiErrors (XML), like every other route. Administrator only: the logs hold every user's
 * traffic. `from`/`to` are ISO 8601 times.
 */
export function troubleshootingRoutes(deps: RouteDeps, logs: Logs): Route[] {
  return [
    {
      pattern: '/Troubleshooting/Trace',
      apiName: 'troubleshooting',
      methods: {
        GET: admin(deps, false, async (ctx) => {
          const id = ctx.query.get('id')?.trim();
          if (!id) return errorReply(apiError('parameter-missing', 'id'));
          const window = windowOf(ctx);
          if (!window.ok) return window.error;
          // Lines still in the writers' buffers are part of the story: the request just made.
          await logs.flush();
          return json(withoutOwnRequests(await trace(logs.dir, id, window.value)));
        }),
      },
    },
    {
      pattern: '/Troubleshooting/Diagnose',
      apiName: 'troubleshooting',
      methods: {
        GET: admin(deps, false, async (ctx) => {
          const window = windowOf(ctx);
          if (!window.ok) return window.error;
          await logs.flush();
          const r: DiagnoseResult = await diagnose(logs.dir, window.value);
          return json(r);
        }),
      },
    },
  ];
}

type WindowResult = { ok: true; value: { from?: number; to?: number } } | { ok: false; error: Reply };

function windowOf(ctx: RouteContext): WindowResult {
  const value: { from?: number; to?: number } = {};
  for (const name of ['from', 'to'] as const) {
    const raw = ctx.query.get(name)?.trim();
    if (!raw) continue;
    const t = Date.parse(raw);
    if (Number.isNaN(t)) return { ok: false, error: errorReply(apiError('invalid-input', name)) };
    value[name] = t;
  }
  if (value.from !== undefined && value.to !== undefined && value.from > value.to)
    return { ok: false, error: errorReply(apiError('invalid-input', 'from')) };
  return { ok: true, value };
}

/**
 * Each trace request names the id in its own URL, so the access and webservices logs of earlier
 * Troubleshooting requests carry it too: they are the admin looking, not hops of the request.
 */
function withoutOwnRequests(r: TraceResult): TraceResult {
  return { ...r, hops: r.hops.filter((h) => !h.text.includes('Troubleshooting/Trace')) };
}

function json(value: unknown): Reply {
  return { status: 200, body: JSON.stringify(value), headers: { 'Content-Type': 'application/json' } };
}
