/**
 * The chain of one REST request, as the first seed follows it by hand:
 * client → access log → REQUEST_START/API_REQUEST/REQUEST_END (one thread) → MESSAGE_TO_CTI_SERVER
 * (invoke id) → cti.log SEND → CTI server → CONF (same invoke id) → AGENT_STATE_EVENT (same agent),
 * or for a Dialog request the call event of the same call id → XMPP_PUBLISH_ASYNCHRONOUS (requestId)
 * → delivery to the user's session(s) → the BOSH response that carried it → client.
 */

import { type LogFile, overlaps } from './files.ts';
import {
  agentIdIn,
  apiRequestId,
  callIdOfDialog,
  callIdsIn,
  clientRequestId,
  dialogOfPath,
  payloadRequestId,
  userOfPath,
} from './keys.ts';
import type { Entry } from './scan.ts';
import { hop, type Scanner, type TraceHop } from './trace.ts';
import {
  type Chain,
  CTI_WINDOW_MS,
  DELIVERY_WINDOW_MS,
  isWs,
  t,
  threadHops,
  type Ws,
  within,
} from './trace-chain.ts';
import { ctiHops } from './trace-cti.ts';
import { boundaryAt, matchDelivery } from './trace-delivery.ts';

export async function traceRequest(scanner: Scanner, id: string, hits: Entry[]): Promise<Chain> {
  const missing: string[] = [];
  const api = hits.find((e): e is Ws => isWs(e, 'API_REQUEST') && apiRequestId(e.record) === id);
  const publish = hits.find(
    (e): e is Ws =>
      isWs(e, 'XMPP_PUBLISH_ASYNCHRONOUS') && payloadRequestId(e.record.fields.Payload ?? '') === id,
  );
  const clientHits = hits.filter((e) => e.record.source === 'client' && clientRequestId(e.record) === id);
  const agent =
    (api && (api.record.fields.agent_id || userOfPath(api.record.fields.REQUEST_URL ?? ''))) ||
    (publish && userOfPath(publish.record.fields.NodeId ?? '')) ||
    clientHits[0]?.file.split('/')[1];
  const node = publish?.record.fields.NodeId;
  const dialogId = api && dialogOfPath(api.record.fields.REQUEST_URL ?? '');
  const callId = dialogId === undefined ? undefined : callIdOfDialog(dialogId);
  const t0 = t(api) ?? t(publish) ?? t(clientHits[0]);
  const hops: TraceHop[] = [];
  let brokenAt: string | undefined;
  const broke = (why: string) => {
    brokenAt ??= why;
  };

  // Webservices around the request: its thread, the CTI traffic, and later publishes to its node.
  const needles = ['MESSAGE_TO_CTI_SERVER', 'FROM_CTI_SERVER'];
  if (api) needles.push(`%CCBU_${api.record.thread}-`);
  if (node) needles.push(`[NodeId=${node}]`);
  const around = t0 === undefined ? {} : { from: t0 - 10_000, to: t0 + DELIVERY_WINDOW_MS };
  const ws = await scanner.read(['webservices'], around, t0 === undefined ? [id] : needles);

  const clientReq = clientHits.find((e) => e.raw.includes('Making REST request'));
  if (clientReq) hops.push(hop('client request', clientReq));
  if (!api)
    broke(
      clientReq
        ? 'the desktop sent the request, but no API_REQUEST with this requestId reached the webservices'
        : 'no API_REQUEST with this requestId in the webservices logs',
    );
  let httpStatus: number | undefined;
  let toCti: Ws | undefined;
  if (api) {
    const { start, end } = threadHops(ws, api);
    const method = (api.record.fields.request_method ?? '').split('.').pop() ?? '';
    const path = '/finesse/api/' + (api.record.fields.REQUEST_URL ?? '');
    const access = await findAccess(scanner, method, path, t(start) ?? t(api));
    if (access) {
      hops.push(hop('access log', access));
      if (access.record.source === 'access') httpStatus = access.record.status;
    } else missing.push('access log line');
    if (start) hops.push(hop('REQUEST_START', start));
    hops.push(hop('API_REQUEST', api));
    if (end) hops.push(hop('REQUEST_END', end));
    else broke(`request never completed: no REQUEST_END on thread ${api.record.thread}`);
    const returned = clientHits.find((e) => e.raw.includes('Returned with status'));
    if (returned) hops.push(hop('client response', returned));
    if (httpStatus !== undefined && httpStatus >= 400)
      broke(`the API rejected the request: HTTP ${httpStatus}`);
    // A Dialog request goes to the CTI server about the dialog's call; a User request about the agent.
    toCti = ws.find(
      (e): e is Ws =>
        isWs(e, 'MESSAGE_TO_CTI_SERVER') &&
        (callId !== undefined
          ? callIdsIn(e.record.fields.cti_message ?? '').includes(callId)
          : agentIdIn(e.record.fields.cti_message ?? '') === agent) &&
        (t(e) ?? 0) >= (t0 ?? 0) &&
        within(e, t0, CTI_WINDOW_MS),
    );
    // A request the webservices answered without the CTI server (e.g. the state it already has).
    if (toCti && publish && (t(publish) ?? 0) < (t(toCti) ?? 0)) toCti = undefined;
    if (!toCti && !publish && brokenAt === undefined)
      broke('the API accepted the request but sent nothing to the CTI server');
  }

  if (toCti) await ctiHops(scanner, ws, toCti, { agent, callId }, hops, missing, broke);

  if (publish) hops.push(hop('XMPP_PUBLISH_ASYNCHRONOUS', publish));
  else broke('no XMPP_PUBLISH_ASYNCHRONOUS carried the requestId: the update was never published');

  if (publish && node && agent) {
    const from = t(publish) ?? 0;
    const next = ws.find(
      (e) => isWs(e, 'XMPP_PUBLISH_ASYNCHRONOUS') && e.record.fields.NodeId === node && (t(e) ?? 0) > from,
    );
    const until = Math.min(t(next) ?? Infinity, from + DELIVERY_WINDOW_MS);
    const notify = await scanner.read(
      ['notify-info', 'notify-debug'],
      { from: from - 1000, to: from + DELIVERY_WINDOW_MS },
      [`${agent}@`, node, id],
    );
    const isLogged =
      scanner.hasFiles('notify-debug', (f) => overlaps(f, { from, to: until })) ||
      notify.some((e) => 'event' in e.record && e.record.event.kind === 'delivered');
    const boundary = next && until === t(next) ? boundaryAt(ws, node, until) : undefined;
    const d = matchDelivery(notify, { publish, until, agent, requestId: id, dialogId, isLogged, boundary });
    hops.push(...d.hops);
    if (d.missing) missing.push(d.missing);
    if (d.brokenAt) broke(d.brokenAt);
    await clientReceived(scanner, agent, node, id, from, clientHits, hops, missing, broke);
  }
  return { hops, brokenAt, missing, agentId: agent };
}

async function findAccess(scanner: Scanner, method: string, path: string, near: number | undefined) {
  if (!scanner.hasFiles('access') || near === undefined) return undefined;
  const lines = await scanner.read(['access'], { from: near - 5000, to: near + 60_000 }, [` ${path} `]);
  let best: Entry | undefined;
  for (const e of lines) {
    const r = e.record;
    if (r.source !== 'access' || r.method !== method || r.path !== path) continue;
    if (!best || Math.abs((t(e) ?? 0) - near) < Math.abs((t(best) ?? 0) - near)) best = e;
  }
  return best;
}

async function clientReceived(
  scanner: Scanner,
  agent: string,
  node: string,
  id: string,
  from: number,
  clientHits: Entry[],
  hops: TraceHop[],
  missing: string[],
  broke: (why: string) => void,
) {
  const ofAgent = (f: { agentId?: string }) => f.agentId === agent;
  if (!scanner.hasFiles('client', ofAgent)) {
    missing.push(`client log (no clientlogs/${agent}/)`);
    return;
  }
  // Uploaded client logs cover what the desktop had at the time of the upload, no more.
  const covering = (f: LogFile) => ofAgent(f) && overlaps(f, { from, to: from + DELIVERY_WINDOW_MS });
  if (!scanner.hasFiles('client', covering)) {
    missing.push(`client log (clientlogs/${agent}/ does not cover the time of the delivery)`);
    return;
  }
  let received = clientHits.find((e) => /Received (?:XML )?event/.test(e.raw));
  if (!received) {
    const lines = await scanner.read(
      ['client'],
      { from: from - 1000, to: from + DELIVERY_WINDOW_MS },
      [`'${node}'`],
      () => true,
      ofAgent,
    );
    received = lines.find(
      (e) => /Received (?:XML )?event/.test(e.raw) && (payloadRequestId(e.raw) ?? id) === id,
    );
  }
  if (received) hops.push(hop('client received', received));
  else broke('delivered, but the client log shows no event carrying this requestId');
}
