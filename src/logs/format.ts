/**
 * Pure formatters for the line shapes of the seed documents. Kept apart from the files so the
 * trace and diagnose tools can share the exact same grammar when they read the lines back.
 */

import { balanceField, neutralizeLine, neutralizeToken } from './neutralize.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function offset(d: Date, sep = ''): string {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off);
  return sign + pad(Math.floor(a / 60)) + sep + pad(a % 60);
}

/** `Jun 17 2017 00:16:04.630 +0530` — the webservices log timestamp. */
export function formatCcbuTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${MONTHS[d.getMonth()]} ${pad(d.getDate())} ${d.getFullYear()} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)} ${offset(d)}`
  );
}

/**
 * `2017.06.17 00:16:04` — Openfire's info.log/debug.log timestamp. Openfire prints seconds only;
 * we add milliseconds (`2017.06.17 00:16:04.123`) because the trace tool orders hops by them.
 */
export function formatOpenfireTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}.${pad(d.getMonth() + 1)}.${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
  );
}

/** `22/Nov/2026:10:00:00.123 +0000` — Tomcat's %t with milliseconds. */
export function formatAccessTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${pad(d.getDate())}/${MONTHS[d.getMonth()]}/${d.getFullYear()}:` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)} ${offset(d)}`
  );
}

/** `2026-11-22T10-00-00.000` — the timestamp in `Desktop-webservices.<ts>.log`. */
export function formatFileTimestamp(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T` +
    `${pad(d.getHours())}-${pad(d.getMinutes())}-${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
  );
}

/** Syslog-style severities used by the CCBU lines. */
export const Severity = { ERROR: 3, WARNING: 4, INFO: 6, DEBUG: 7 } as const;
export type Severity = (typeof Severity)[keyof typeof Severity];

export type Fields = Record<string, string | number | boolean | null | undefined> | [string, unknown][];

export interface CcbuRecord {
  seq: number;
  node: string;
  time: number;
  thread: string;
  severity: Severity;
  mnemonic: string;
  fields: Fields;
  text: string;
}

function fieldValue(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return 'null';
  // One record, one line: the seed's multi-line payloads come from wrapping, not from the logger.
  // A value never ends its field early (neutralize.ts); values from outside come escaped whole.
  return balanceField(String(v).replace(/\r?\n/g, ' '));
}

/**
 * `0000001060: 10.0.0.1: Jun 17 2017 00:17:04.632 +0530: %CCBU_CoreImpl-worker12-6-PRESENCE DRIVEN LOGOUT: %[k=v][k=v]: text`
 */
export function formatCcbuLine(r: CcbuRecord): string {
  const entries = Array.isArray(r.fields) ? r.fields : Object.entries(r.fields);
  let fields = '';
  for (const [k, v] of entries) fields += `[${k}=${fieldValue(v)}]`;
  return neutralizeLine(
    `${pad(r.seq, 10)}: ${r.node}: ${formatCcbuTime(r.time)}: %CCBU_${r.thread}-${r.severity}-${r.mnemonic}: ` +
      `%${fields}: ${r.text}`,
  );
}

export interface AccessRecord {
  time: number;
  remoteAddr: string;
  localAddr: string;
  user: string | undefined;
  localPort: number;
  method: string;
  path: string;
  query: string;
  protocol: string;
  status: number;
  bytes: number;
  elapsedMs: number;
}

/**
 * The seed's Tomcat access log shape (`%a %A %u %t %p %m %U %q %H %s %b %D`):
 * `127.0.0.1 127.0.0.1 2001 [22/Nov/2026:10:00:00.123 +0000] 8082 GET /finesse/api/User/2001 ?nocache=1 HTTP/1.1 200 336 12`.
 * The seed shows `-` where %t stands; we print the time, which the trace tool needs.
 */
export function formatAccessLine(r: AccessRecord): string {
  const t = neutralizeToken;
  return (
    `${t(r.remoteAddr)} ${t(r.localAddr)} ${t(r.user || '-')} [${formatAccessTime(r.time)}] ${r.localPort} ${t(r.method)} ` +
    `${t(r.path)} ${r.query ? '?' + t(r.query) : ''} ${t(r.protocol)} ${r.status} ${r.bytes > 0 ? r.bytes : '-'} ${Math.round(r.elapsedMs)}`
  );
}

export interface CtiLogRecord {
  direction: 'SEND' | 'RECV';
  /** Finesse-style message name, e.g. `SetAgentStateReq`. */
  name: string;
  invokeId: number | undefined;
  frame: Uint8Array;
  decoded: string;
}

/**
 * The CTI message log (after the Openfire-style timestamp): the raw frame and its decoding on one
 * line, as the seed shows both (`RAW` first, then `Decoded`):
 * `SEND SetAgentStateReq invokeId=20 bytes=52 raw=00000034… decoded=Invoke id :20 , agentstate : 0, …`
 */
export function formatCtiLine(r: CtiLogRecord): string {
  return (
    `${r.direction} ${r.name} invokeId=${r.invokeId ?? '-'} bytes=${r.frame.length} ` +
    `raw=${Buffer.from(r.frame).toString('hex')} decoded=${neutralizeLine(r.decoded.replace(/\r?\n/g, ' '))}`
  );
}
