/**
 * A call, followed by its dialog id: the dialog id is the CTI ConnectionCallID (core/dialogs), so
 * the CTI server's call events (simulator trace → cti.log raw + decoded → webservices) join the
 * Dialog updates core published to the Dialogs nodes (payload `<id>`), each update its delivery
 * to the user's BOSH session, and every Dialog request on it (requestId) its own request chain.
 * A call joined with another — the consult call of a transfer or conference, a call that got a
 * new connection — brings that call's timeline along: the CTI line that joins them names both.
 */
import { overlaps } from './files.ts';
import { apiRequestId, callIdOfDialog, callIdsOf, ctiName, dialogOfPath, userOfPath } from './keys.ts';
import type { Entry } from './scan.ts';
import { hop, mentionsNumber, type Scanner, TRACE_SOURCES, type TraceHop } from './trace.ts';
import { type Chain, DELIVERY_WINDOW_MS, isWs, same, t, type Ws } from './trace-chain.ts';
import { boundaryAt, matchDelivery } from './trace-delivery.ts';
import { traceRequest } from './trace-request.ts';

const EVENT = /<event>([^<]*)<\/event>/;

// The messages that tie two calls together (both ids are in their decoded line).
const JOINS = /Transferred|Conferenced|ConsultationCallConf|CallDataUpdate/i;

export async function traceDialog(
  scanner: Scanner,
  id: string,
  hits: Entry[],
  visited = new Set<string>(),
): Promise<Chain> {
  visited.add(id);
  const missing: string[] = [];
  let brokenAt: string | undefined;
  const broke = (why: string) => {
    brokenAt ??= why;
  };
  const callId = callIdOfDialog(id);
  let lines = hits;
  // A consult's dialog id (`<callId>-<device>`) is not in the CTI lines: they name the call id.
  if (callId !== undefined && String(callId) !== id) {
    const more = await scanner.read(['webservices', 'cti', 'cti-server'], {}, [String(callId)], (e) =>
      callIdsOf(e.record).includes(callId),
    );
    lines = [...hits, ...more.filter((e) => !hits.some((h) => same(h, e)))];
  }

  // Every Dialog request with a requestId: its own chain (access log → … → CTI → publish → delivery).
  const requests: { requestId: string; chain: Chain }[] = [];
  for (const e of hits) {
    if (!isWs(e, 'API_REQUEST') || dialogOfPath(e.record.fields.REQUEST_URL ?? '') !== id) continue;
    const requestId = apiRequestId(e.record);
    if (requestId === undefined || requests.some((r) => r.requestId === requestId)) continue;
    requests.push({ requestId, chain: await traceRequest(scanner, requestId, hits) });
  }
  const hops: TraceHop[] = [];
  const seen = new Set<string>();
  const add = (h: TraceHop) => {
    const key = `${h.file}:${h.line}`;
    if (seen.has(key)) return;
    seen.add(key);
    hops.push(h);
  };
  for (const r of requests) {
    for (const h of r.chain.hops) add(h);
    missing.push(...r.chain.missing.map((m) => `${r.requestId}: ${m}`));
    if (r.chain.brokenAt) broke(`request ${r.requestId}: ${r.chain.brokenAt}`);
  }

  // The call's CTI events, and the requests on it that carried no requestId.
  let ctiEvents = 0;
  for (const e of lines) {
    const step = ctiStep(e, callId);
    if (!step) continue;
    if (step !== 'MESSAGE_TO_CTI_SERVER' && step !== 'CTI SEND') ctiEvents++;
    add(hop(step, e));
  }
  for (const e of hits) {
    const r = e.record;
    if (r.source === 'access' && dialogOfPath(r.path) === id) add(hop('access log', e));
    else if (isWs(e, 'REQUEST_START') ? dialogOfPath(e.record.fields.resource_name ?? '') === id : false)
      add(hop('REQUEST_START', e));
    else if (isWs(e, 'API_REQUEST') && dialogOfPath(e.record.fields.REQUEST_URL ?? '') === id)
      add(hop('API_REQUEST', e));
  }

  // Every update of the dialog core published, and what the notification service did with it.
  const publishes = hits.filter(
    (e): e is Ws =>
      isWs(e, 'XMPP_PUBLISH_ASYNCHRONOUS') && (e.record.fields.Payload ?? '').includes(`<id>${id}</id>`),
  );
  if (publishes.length === 0) {
    broke(
      ctiEvents > 0
        ? `the CTI server reported call ${callId} but no update of dialog ${id} was published`
        : `no CTI event and no published update names dialog ${id}`,
    );
  }
  const agents = new Set<string>();
  const unfollowed = publishes.filter((p) => !seen.has(`${p.file}:${p.line}`));
  if (unfollowed.length > 0) {
    const nodes = [...new Set(unfollowed.map((p) => p.record.fields.NodeId ?? ''))];
    const from = t(unfollowed[0]) ?? 0;
    const to = (t(unfollowed.at(-1)) ?? from) + DELIVERY_WINDOW_MS;
    // Later publishes to the same nodes (of any dialog) bound each update's deliveries.
    const sameNodes = await scanner.read(
      ['webservices'],
      { from, to },
      nodes.map((n) => `[NodeId=${n}]`),
    );
    const notify = await scanner.read(['notify-info', 'notify-debug'], { from: from - 1000, to }, nodes);
    const isDebugOn = scanner.hasFiles('notify-debug', (f) => overlaps(f, { from, to }));
    const isLogged =
      isDebugOn || notify.some((e) => 'event' in e.record && e.record.event.kind === 'delivered');
    for (const p of unfollowed) {
      const node = p.record.fields.NodeId ?? '';
      const agent = userOfPath(node) ?? '';
      agents.add(agent);
      add(hop('XMPP_PUBLISH_ASYNCHRONOUS', p));
      const at = t(p) ?? 0;
      const next = sameNodes.find(
        (e) => isWs(e, 'XMPP_PUBLISH_ASYNCHRONOUS') && e.record.fields.NodeId === node && (t(e) ?? 0) > at,
      );
      const until = Math.min(t(next) ?? Infinity, at + DELIVERY_WINDOW_MS);
      const boundary = next && until === t(next) ? boundaryAt(sameNodes, node, until) : undefined;
      const d = matchDelivery(notify, { publish: p, until, agent, dialogId: id, isLogged, boundary });
      for (const h of d.hops) add(h);
      if (d.missing && !missing.includes(d.missing)) missing.push(d.missing);
      if (d.brokenAt) {
        const event = EVENT.exec(p.record.fields.Payload ?? '')?.[1] ?? '';
        broke(`the ${event} update to ${node}: ${d.brokenAt}`);
      }
    }
  }
  // Calls joined with this one: their own timelines, once each.
  for (const other of joinedCalls(lines, callId)) {
    const otherId = String(other);
    if (visited.has(otherId)) continue;
    const otherHits = await scanner.read(TRACE_SOURCES, {}, [otherId], (e) => mentionsNumber(e.raw, otherId));
    const joined = await traceDialog(scanner, otherId, otherHits, visited);
    for (const h of joined.hops) add(h);
    missing.push(...joined.missing.map((m) => `call ${otherId}: ${m}`));
    if (joined.brokenAt) broke(`joined call ${otherId}: ${joined.brokenAt}`);
  }
  const agentId = requests.find((r) => r.chain.agentId)?.chain.agentId ?? [...agents][0];
  return { hops: causalOrder(hops), brokenAt, missing, agentId };
}

/**
 * Where a hop goes among hops of the same millisecond (the logs stamp milliseconds, and one CTI
 * message reaches three logs within one): request → CTI → the event's decode → publish → delivery.
 */
const RANK: Record<string, number> = {
  'client request': 0,
  // Tomcat stamps the request's arrival (%t), though it writes the line when the answer is sent.
  'access log': 1,
  REQUEST_START: 1,
  API_REQUEST: 2,
  MESSAGE_TO_CTI_SERVER: 3,
  'CTI SEND': 4,
  'CTI server': 5,
  'CTI RECV': 6,
  CONF: 6,
  'CTI FAILURE': 6,
  CALL_EVENT: 6,
  REQUEST_END: 7,
  'client response': 7,
  XMPP_PUBLISH_ASYNCHRONOUS: 8,
  delivery: 9,
  'store offline': 9,
  'route failed': 9,
  'BOSH sent': 10,
  'client received': 11,
};
// A message is in cti.log (as received) before the webservices log it decoded.
const SOURCE_RANK: Partial<Record<TraceHop['source'], number>> = {
  access: 0,
  'cti-server': 0,
  cti: 1,
  webservices: 2,
};

function causalOrder(hops: TraceHop[]): TraceHop[] {
  return hops
    .map((h, i) => ({ h, i }))
    .sort(
      (a, b) =>
        (a.h.time ?? 0) - (b.h.time ?? 0) ||
        (RANK[a.h.step] ?? 6) - (RANK[b.h.step] ?? 6) ||
        (SOURCE_RANK[a.h.source] ?? 1) - (SOURCE_RANK[b.h.source] ?? 1) ||
        (a.h.file === b.h.file ? a.h.line - b.h.line : a.i - b.i),
    )
    .map(({ h }) => h);
}

/** Call ids that a transfer, conference, consult or new connection ties to `callId`. */
function joinedCalls(lines: Entry[], callId: number | undefined): number[] {
  if (callId === undefined) return [];
  const out = new Set<number>();
  for (const e of lines) {
    const r = e.record;
    if (r.source !== 'cti' && r.source !== 'webservices') continue;
    const ids = callIdsOf(r);
    if (!ids.includes(callId) || !JOINS.test(ctiName(r))) continue;
    for (const other of ids) if (other !== callId && other !== 0) out.add(other);
  }
  return [...out];
}

/** What a CTI line naming the call is in the timeline; undefined for lines that are not hops. */
function ctiStep(e: Entry, callId: number | undefined): string | undefined {
  if (callId === undefined || !callIdsOf(e.record).includes(callId)) return undefined;
  const r = e.record;
  switch (r.source) {
    case 'cti-server':
      // The simulator traces each event twice (`CALL_EVENT: …` and `send MsgType:…`): one is enough.
      return r.text.includes('CALL_EVENT:') ? 'CTI server' : undefined;
    case 'cti':
      return r.direction === 'SEND' ? 'CTI SEND' : 'CTI RECV';
    case 'webservices':
      if (r.mnemonic === 'MESSAGE_TO_CTI_SERVER') return r.mnemonic;
      if (r.mnemonic.includes('FROM_CTI_SERVER')) return /Conf$/.test(ctiName(r)) ? 'CONF' : 'CALL_EVENT';
      return undefined;
    default:
      return undefined;
  }
}
