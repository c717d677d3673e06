/**
 * Pure line parsers: one log line in, one typed record out (or `undefined` for a line that is not
 * of that log's shape — continuation lines, banners, garbage). The grammar mirrors format.ts, and
 * stays tolerant of the seed documents' own excerpts, which lack the seq/node/time prefix or wrap
 * `%[` as `[%`; such records parse with `time: undefined`.
 */
import { type NotifyEvent, parseNotifyText } from './parse-notify.ts';
import { parseAccessTime, parseCcbuTime, parseIsoTime, splitOpenfireTime } from './time.ts';

export type Source =
  | 'webservices'
  | 'access'
  | 'notify-info'
  | 'notify-debug'
  | 'cti'
  | 'cti-server'
  | 'client';

interface Base {
  /** Milliseconds since the epoch; `undefined` when the line carries no (full) timestamp. */
  time: number | undefined;
}

export interface WebservicesLine extends Base {
  source: 'webservices';
  seq?: number;
  node?: string;
  thread: string;
  severity: number;
  mnemonic: string;
  fields: Record<string, string>;
  text: string;
}

export interface AccessLine extends Base {
  source: 'access';
  remoteAddr: string;
  localAddr: string;
  user: string | undefined;
  port: number;
  method: string;
  path: string;
  /** Without the leading `?`. */
  query: string;
  protocol: string;
  status: number | undefined;
  bytes: number | undefined;
  elapsedMs: number;
}

export interface NotifyLine extends Base {
  source: 'notify-info' | 'notify-debug';
  text: string;
  event: NotifyEvent;
}

export interface CtiLine extends Base {
  source: 'cti';
  direction: 'SEND' | 'RECV';
  name: string;
  invokeId: number | undefined;
  bytes: number;
  raw: string;
  decoded: string;
}

export interface CtiServerLine extends Base {
  source: 'cti-server';
  text: string;
}

export interface ClientLine extends Base {
  source: 'client';
  /** The gadget or component (`Container`, `Header`, …); empty for continuation lines. */
  component: string;
  text: string;
  /** `HH:MM:SS` of the short form, whose date is unknown. */
  clock?: string;
}

export type LogRecord = WebservicesLine | AccessLine | NotifyLine | CtiLine | CtiServerLine | ClientLine;

export function parseLine(source: Source, line: string): LogRecord | undefined {
  switch (source) {
    case 'webservices':
      return parseWebservicesLine(line);
    case 'access':
      return parseAccessLine(line);
    case 'notify-info':
    case 'notify-debug':
      return parseNotifyLine(source, line);
    case 'cti':
      return parseCtiLine(line);
    case 'cti-server':
      return parseCtiServerLine(line);
    case 'client':
      return parseClientLine(line);
  }
}

const CCBU_PREFIX = /^(\d+): (.+?): ([A-Z][a-z]{2} \d{1,2} \d{4} [\d:.]+ [+-]\d{2}:?\d{2}): $/;
const CCBU_HEADER = /^(.*)-([0-7])-(.+)$/s;

/** `0000001060: 10.0.0.1: Jun 17 2017 00:17:04.632 +0530: %CCBU_<thread>-<sev>-<MNEMONIC>: %[k=v]…: text` */
export function parseWebservicesLine(line: string): WebservicesLine | undefined {
  if (line.charCodeAt(0) === 123 /* { */) return parseWebservicesJson(line);
  const at = line.indexOf('%CCBU_');
  if (at < 0) return undefined;
  const prefix = CCBU_PREFIX.exec(line.slice(0, at));
  const colon = line.indexOf(':', at);
  const header = CCBU_HEADER.exec(line.slice(at + 6, colon < 0 ? undefined : colon));
  if (!header) return undefined;
  const { fields, rest } = colon < 0 ? { fields: {}, rest: '' } : parseFields(line, colon + 1);
  return {
    source: 'webservices',
    time: prefix ? parseCcbuTime(prefix[3]) : undefined,
    seq: prefix ? Number(prefix[1]) : undefined,
    node: prefix?.[2],
    thread: header[1],
    severity: Number(header[2]),
    mnemonic: header[3],
    fields,
    text: rest,
  };
}

/**
 * `%[k=v][k=v]: text`, also the seed's `[%k=v][k=v]` and `%[k=v] [k=v]`. Values may hold balanced
 * brackets (`parameter_name={ nocache=[1], }`, the decoded CTI beans), so fields end at depth 0.
 */
function parseFields(s: string, from: number): { fields: Record<string, string>; rest: string } {
  const fields: Record<string, string> = {};
  let p = from;
  while (s.charCodeAt(p) === 32) p++;
  if (s.charCodeAt(p) === 37 /* % */) p++;
  while (s.charCodeAt(p) === 91 /* [ */) {
    let depth = 0;
    let end = -1;
    for (let i = p; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 91) depth++;
      else if (c === 93 && --depth === 0) {
        end = i;
        break;
      }
    }
    let body = s.slice(p + 1, end < 0 ? undefined : end);
    if (body.charCodeAt(0) === 37) body = body.slice(1);
    const eq = body.indexOf('=');
    fields[(eq < 0 ? body : body.slice(0, eq)).trim()] = eq < 0 ? '' : body.slice(eq + 1);
    if (end < 0) return { fields, rest: '' };
    p = end + 1;
    if (s.charCodeAt(p) === 32 && s.charCodeAt(p + 1) === 91) p++;
  }
  const rest = s.slice(p);
  return { fields, rest: rest.startsWith(':') ? rest.slice(1).trim() : rest.trim() };
}

/** The `json: true` variant of the webservices log (createLogs), for log shippers. */
function parseWebservicesJson(line: string): WebservicesLine | undefined {
  try {
    const j = JSON.parse(line) as Record<string, unknown>;
    if (typeof j.mnemonic !== 'string' || typeof j.thread !== 'string') return undefined;
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries((j.fields as Record<string, unknown>) ?? {}))
      fields[k] = v === null ? 'null' : String(v ?? '');
    const t = typeof j.time === 'string' ? Date.parse(j.time) : Number.NaN;
    return {
      source: 'webservices',
      time: Number.isNaN(t) ? undefined : t,
      seq: typeof j.seq === 'number' ? j.seq : undefined,
      node: typeof j.node === 'string' ? j.node : undefined,
      thread: j.thread,
      severity: Number(j.severity),
      mnemonic: j.mnemonic,
      fields,
      text: String(j.text ?? ''),
    };
  } catch {
    return undefined;
  }
}

const ACCESS =
  /^(\S+) (\S+) (\S+) (?:\[([^\]]+)\]|-) (\d+) ([A-Z]+) (\S+) (?:\?(\S*) )?\s*(HTTP\/[\d.]+) (\d{3}|-) (-?\d+|-) (\d+)\s*$/;

/** `%a %A %u %t %p %m %U %q %H %s %b %D`; the seed's lines print `-` for %t. */
export function parseAccessLine(line: string): AccessLine | undefined {
  if (line.charCodeAt(0) === 123 /* { */) return parseAccessJson(line);
  const m = ACCESS.exec(line);
  if (!m) return undefined;
  return {
    source: 'access',
    time: m[4] ? parseAccessTime(m[4]) : undefined,
    remoteAddr: m[1],
    localAddr: m[2],
    user: m[3] === '-' ? undefined : m[3],
    port: Number(m[5]),
    method: m[6],
    path: m[7],
    query: m[8] ?? '',
    protocol: m[9],
    status: m[10] === '-' ? undefined : Number(m[10]),
    bytes: m[11] === '-' ? undefined : Number(m[11]),
    elapsedMs: Number(m[12]),
  };
}

function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    const j = JSON.parse(line) as unknown;
    return j && typeof j === 'object' && !Array.isArray(j) ? (j as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The `json: true` access record (createLogs). */
function parseAccessJson(line: string): AccessLine | undefined {
  const j = parseJson(line);
  if (!j || typeof j.method !== 'string' || typeof j.path !== 'string') return undefined;
  const time = typeof j.time === 'string' ? Date.parse(j.time) : Number.NaN;
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return {
    source: 'access',
    time: Number.isNaN(time) ? undefined : time,
    remoteAddr: String(j.remoteAddr ?? ''),
    localAddr: String(j.localAddr ?? ''),
    user: typeof j.user === 'string' && j.user !== '' ? j.user : undefined,
    port: num(j.localPort) ?? 0,
    method: j.method,
    path: j.path,
    query: typeof j.query === 'string' ? j.query : '',
    protocol: String(j.protocol ?? ''),
    status: num(j.status),
    bytes: num(j.bytes),
    elapsedMs: num(j.elapsedMs) ?? 0,
  };
}

/**
 * The timestamp and the text of an Openfire-style line, or of its `json: true` variant
 * `{"time": ISO, "log": …, "text": …}`.
 */
function splitTime(line: string): { time: number | undefined; text: string } | undefined {
  if (line.charCodeAt(0) !== 123 /* { */) return splitOpenfireTime(line);
  const j = parseJson(line);
  if (!j || typeof j.text !== 'string') return undefined;
  const time = typeof j.time === 'string' ? Date.parse(j.time) : Number.NaN;
  return { time: Number.isNaN(time) ? undefined : time, text: j.text };
}

export function parseNotifyLine(
  source: 'notify-info' | 'notify-debug',
  line: string,
): NotifyLine | undefined {
  const t = splitTime(line);
  const text = t ? t.text : line;
  if (!text.trim()) return undefined;
  return { source, time: t?.time, text, event: parseNotifyText(text) };
}

const CTI = /^(SEND|RECV) (\S+) invokeId=(\S+) bytes=(\d+) raw=([0-9a-fA-F]*) decoded=(.*)$/;

/** `SEND SetAgentStateReq invokeId=20 bytes=52 raw=00000034… decoded=Invoke id :20 , …` */
export function parseCtiLine(line: string): CtiLine | undefined {
  const t = splitTime(line);
  const m = CTI.exec(t ? t.text : line);
  if (!m) return undefined;
  const invokeId = Number(m[3]);
  return {
    source: 'cti',
    time: t?.time,
    direction: m[1] as 'SEND' | 'RECV',
    name: m[2],
    invokeId: Number.isInteger(invokeId) ? invokeId : undefined,
    bytes: Number(m[4]),
    raw: m[5],
    decoded: m[6],
  };
}

export function parseCtiServerLine(line: string): CtiServerLine | undefined {
  const t = splitTime(line);
  const text = t ? t.text : line;
  return text.trim() ? { source: 'cti-server', time: t?.time, text } : undefined;
}

const CLIENT_FULL = /^(\d{4}-\d\d-\d\dT[\d:.]+ ?(?:Z|[+-]\d\d:?\d\d)?): ?([^:]*): ([^:]*): (.+)$/;
const SERVER_TIME = /^([A-Z][a-z]{2} \d{1,2} \d{4} [\d:.]+ [+-]\d{4}|--- -- ---- --:--:--\.--- -----): (.*)$/;
const CLIENT_SHORT = /^(\d{2}:\d{2}:\d{2}): (.*)$/;
const COMPONENT = /^([\w.-][\w. -]{0,40}?) : (.*)$/;

/**
 * finesse.js ClientLogger lines: `<client ISO time>: <sessKey>: <host>: <server time>: <gadget> : <msg>`
 * (the server-adjusted time is preferred: it is comparable with the server's logs), or the seed's
 * short `18:40:05: Container : …`.
 */
export function parseClientLine(line: string): ClientLine | undefined {
  if (!line.trim()) return undefined;
  const full = CLIENT_FULL.exec(line);
  if (full) {
    const st = SERVER_TIME.exec(full[4]);
    const server = st ? parseCcbuTime(st[1]) : undefined;
    const body = COMPONENT.exec(st ? st[2] : full[4]);
    return {
      source: 'client',
      time: server ?? parseIsoTime(full[1].trim()),
      component: body?.[1] ?? '',
      text: body ? body[2] : (st?.[2] ?? full[4]),
    };
  }
  const short = CLIENT_SHORT.exec(line);
  const body = COMPONENT.exec(short ? short[2] : line);
  return {
    source: 'client',
    time: undefined,
    clock: short?.[1],
    component: body?.[1] ?? '',
    text: body ? body[2] : short ? short[2] : line,
  };
}
