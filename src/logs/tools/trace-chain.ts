/** What the chain tracers share: the result shape, the windows, and small entry helpers. */
import type { WebservicesLine } from './parse.ts';
import type { Entry } from './scan.ts';
import type { TraceHop } from './trace.ts';

export interface Chain {
  hops: TraceHop[];
  brokenAt?: string;
  missing: string[];
  agentId?: string;
}

/** How far after the API_REQUEST the CTI answer and the publish are looked for. */
export const CTI_WINDOW_MS = 30_000;
/** How long after the publish a delivery (a held or the next BOSH request) is looked for. */
export const DELIVERY_WINDOW_MS = 90_000;

export type Ws = Entry<WebservicesLine>;
export const isWs = (e: Entry, mnemonic?: string): e is Ws =>
  e.record.source === 'webservices' && (mnemonic === undefined || e.record.mnemonic === mnemonic);
export const same = (a: Entry, b: Entry) => a.file === b.file && a.line === b.line;
export const t = (e: Entry | undefined) => e?.record.time;
/** In `[from, from + ms]`, with 5 ms of slack: lines of one millisecond reach the logs in any order. */
export const within = (e: Entry, from: number | undefined, ms: number) =>
  from === undefined ||
  e.record.time === undefined ||
  (e.record.time >= from - 5 && e.record.time <= from + ms);
export const isFrom = (e: Entry): e is Ws => isWs(e) && e.record.mnemonic.includes('FROM_CTI_SERVER');

/** The webservices lines of one request: REQUEST_START before `anchor` and REQUEST_END after it, on its thread. */
export function threadHops(ws: Entry[], anchor: Ws): { start?: Ws; api?: Ws; end?: Ws } {
  const thread = anchor.record.thread;
  const at = ws.findIndex((e) => same(e, anchor));
  if (at < 0) return {};
  let start: Ws | undefined;
  let api: Ws | undefined;
  let end: Ws | undefined;
  for (let i = at - 1; i >= 0 && !start; i--) {
    const e = ws[i];
    if (isWs(e) && e.record.thread === thread && e.record.mnemonic === 'REQUEST_START') start = e;
  }
  for (let i = at + 1; i < ws.length && !end; i++) {
    const e = ws[i];
    if (!isWs(e) || e.record.thread !== thread) continue;
    if (e.record.mnemonic === 'REQUEST_START') break;
    if (e.record.mnemonic === 'API_REQUEST') api ??= e;
    if (e.record.mnemonic === 'REQUEST_END') end = e;
  }
  return { start, api, end };
}
