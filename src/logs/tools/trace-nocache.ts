/**
 * The chain of a GET, keyed by its nocache value as the seed does for SystemInfo and User:
 * client → access log → REQUEST_START (nocache) → API_REQUEST/REQUEST_END (same thread) → client.
 */
import { agentOf, apiRequestId, nocacheOf } from './keys.ts';
import type { Entry } from './scan.ts';
import { hop, type Scanner, type TraceHop } from './trace.ts';
import { type Chain, DELIVERY_WINDOW_MS, isWs, t, threadHops, type Ws } from './trace-chain.ts';
import { traceRequest } from './trace-request.ts';

/** A GET's chain, keyed by its nocache value; a request that also carries a requestId goes on as one. */
export async function traceNocache(scanner: Scanner, id: string, hits: Entry[]): Promise<Chain> {
  const missing: string[] = [];
  const hops: TraceHop[] = [];
  const start = hits.find(
    (e): e is Ws => isWs(e, 'REQUEST_START') && nocacheOf(e.record.fields.parameter_name ?? '') === id,
  );
  const access = hits.find((e) => e.record.source === 'access' && e.record.query.includes(`nocache=${id}`));
  const client = hits.filter((e) => e.record.source === 'client');
  const clientReq = client.find((e) => e.raw.includes('Making REST request'));
  if (clientReq) hops.push(hop('client request', clientReq));
  if (access) hops.push(hop('access log', access));
  else if (scanner.hasFiles('access')) missing.push('access log line');
  const status = access?.record.source === 'access' ? access.record.status : undefined;
  if (!start) {
    const why = access
      ? `Tomcat answered HTTP ${status ?? '-'} but the webservices logged no REQUEST_START`
      : 'no REQUEST_START with this nocache value';
    return { hops, missing, brokenAt: why, agentId: access ? agentOf(access.record) : undefined };
  }
  const agentId = agentOf(start.record);
  hops.push(hop('REQUEST_START', start));
  const t0 = t(start) ?? 0;
  const ws = await scanner.read(['webservices'], { from: t0 - 1000, to: t0 + 60_000 }, [
    `%CCBU_${start.record.thread}-`,
  ]);
  const { api, end } = threadHops(ws, start);
  const rid = api && apiRequestId(api.record);
  if (rid) {
    const more = await scanner.read(
      ['webservices', 'client', 'notify-info', 'notify-debug'],
      { from: t0 - 60_000, to: t0 + DELIVERY_WINDOW_MS },
      [rid],
    );
    const chain = await traceRequest(scanner, rid, more);
    const seen = new Set(hops.map((h) => `${h.file}:${h.line}`));
    return {
      ...chain,
      hops: [...hops, ...chain.hops.filter((h) => !seen.has(`${h.file}:${h.line}`))],
      missing: [...missing, ...chain.missing],
    };
  }
  let brokenAt: string | undefined;
  if (api) hops.push(hop('API_REQUEST', api));
  if (end) hops.push(hop('REQUEST_END', end));
  else brokenAt = `request never completed: no REQUEST_END on thread ${start.record.thread}`;
  if (status !== undefined && status >= 400) brokenAt ??= `the API answered HTTP ${status}`;
  if (clientReq) {
    const kind = /\] (\w+): requestId=/.exec(clientReq.raw)?.[1];
    const lines = await scanner.read(
      ['client'],
      { from: (t(clientReq) ?? t0) - 1000, to: t0 + 60_000 },
      ['Returned with status'],
      (e) => e.file === clientReq.file && e.line > clientReq.line,
    );
    const returned = lines.find((e) => !kind || e.raw.includes(`] ${kind}: requestId=`));
    if (returned) hops.push(hop('client response', returned));
    else brokenAt ??= 'the client log shows no response to the request';
  }
  return { hops, missing, brokenAt, agentId };
}
