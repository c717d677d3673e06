/**
 * `switchboard trace <id>`: the seed's manual login trace, done by the tool. One scan of every log
 * in the window finds the lines that carry the id; a second, narrow scan around them follows the
 * keys that do not carry it (thread name, invoke id, node, session) hop by hop.
 */
import { type LogFile, listLogFiles, overlaps, type Window } from './files.ts';
import { agentOf, apiRequestId, callIdsOf, clientRequestId, nocacheOf, payloadRequestId } from './keys.ts';
import type { Source } from './parse.ts';
import { type Entry, readRecords, type ScanStats } from './scan.ts';
import { summarize } from './summary.ts';
import { traceDialog } from './trace-dialog.ts';
import { traceNocache } from './trace-nocache.ts';
import { traceRequest } from './trace-request.ts';

export type TraceKind = 'requestId' | 'nocache' | 'agent' | 'dialog' | 'unknown';

export interface TraceHop {
  /** What the hop is: `access log`, `REQUEST_START`, `CTI SEND`, `delivery`, `presence` … */
  step: string;
  source: Source;
  time: number | undefined;
  /** Time since the previous timed hop: what this hop took. */
  tookMs?: number;
  summary: string;
  /** Log file relative to the log directory, and 1-based line. */
  file: string;
  line: number;
  text: string;
}

export interface TraceResult {
  id: string;
  kind: TraceKind;
  agentId?: string;
  /** In time order; a request's chain, an agent's timeline, or a call's chain by its dialog id. */
  hops: TraceHop[];
  /** Where the chain broke, in words; absent when every expected hop is there. */
  brokenAt?: string;
  /** Hops that were looked for and not found but do not break the chain (e.g. no client log). */
  missing: string[];
  /** First to last timed hop. */
  totalMs?: number;
  scanned: ScanStats;
}

export const TRACE_SOURCES: Source[] = [
  'webservices',
  'access',
  'notify-info',
  'notify-debug',
  'cti',
  'cti-server',
  'client',
];

/** Follows one id (requestId, nocache value, agent id or dialog id) through every log. */
export async function trace(logDir: string, id: string, window: Window = {}): Promise<TraceResult> {
  const files = await listLogFiles(logDir, window, TRACE_SOURCES);
  const scanner = new Scanner(files, window);
  const numeric = /^\d+$/.test(id);
  const hits = await scanner.read(TRACE_SOURCES, {}, [id], (e) => !numeric || mentionsNumber(e.raw, id));
  const kind = detectKind(id, hits);
  const base = { id, kind, missing: [] as string[], scanned: scanner.stats };
  let result: TraceResult;
  if (kind === 'requestId') result = { ...base, ...(await traceRequest(scanner, id, hits)) };
  else if (kind === 'nocache') result = { ...base, ...(await traceNocache(scanner, id, hits)) };
  else if (kind === 'agent') result = { ...base, agentId: id, hops: agentTimeline(id, hits) };
  else if (kind === 'dialog') result = { ...base, ...(await traceDialog(scanner, id, hits)) };
  else {
    result = {
      ...base,
      hops: hits.map((e) => hop(stepOf(e), e)),
      brokenAt: `no request, nocache, agent or dialog with id ${id} in ${files.length} log files`,
    };
  }
  return finish(result);
}

/** A requestId is a UUID; nocache is epoch milliseconds; agents and dialogs are short numbers. */
function detectKind(id: string, hits: Entry[]): TraceKind {
  let nocache = false;
  let agent = false;
  let dialog = false;
  for (const { record: r, raw } of hits) {
    if (r.source === 'webservices') {
      if (r.mnemonic === 'API_REQUEST' && apiRequestId(r) === id) return 'requestId';
      if (r.fields.Payload && payloadRequestId(r.fields.Payload) === id) return 'requestId';
      if (r.mnemonic === 'REQUEST_START' && nocacheOf(r.fields.parameter_name ?? '') === id) nocache = true;
    }
    if (r.source === 'client' && clientRequestId(r) === id) return 'requestId';
    if (raw.includes(`nocache=${id}`) || raw.includes(`nocache=[${id}]`)) nocache = true;
    if (agentOf(r) === id) agent = true;
    if (raw.includes(`Dialog/${id}`) || raw.includes(`<id>${id}</id>`)) dialog = true;
    // A call core never made a dialog of is still traced by its dialog id: its CTI call id.
    if (/^\d+$/.test(id) && callIdsOf(r).includes(Number(id))) dialog = true;
  }
  return nocache ? 'nocache' : agent ? 'agent' : dialog ? 'dialog' : 'unknown';
}

/** `2001` in `agent_id=2001` or `User/2001`, not in `12001` or `20015`. */
export function mentionsNumber(raw: string, id: string): boolean {
  for (let at = raw.indexOf(id); at >= 0; at = raw.indexOf(id, at + 1)) {
    const before = raw.charCodeAt(at - 1);
    const after = raw.charCodeAt(at + id.length);
    if (!(before >= 48 && before <= 57) && !(after >= 48 && after <= 57)) return true;
  }
  return false;
}

/** Records about the agent, minus the duplicates (cti.log repeats the webservices CTI lines). */
function agentTimeline(agent: string, hits: Entry[]): TraceHop[] {
  const out: TraceHop[] = [];
  for (const e of hits) {
    const r = e.record;
    if (agentOf(r) !== agent) continue;
    if (r.source === 'webservices') {
      if (r.mnemonic === 'REQUEST_START' || r.mnemonic === 'REGISTER_API_STATS_OBJECT') continue;
      const step =
        r.mnemonic === 'API_REQUEST'
          ? 'request'
          : r.mnemonic.includes('CTI_SERVER')
            ? 'cti'
            : r.mnemonic === 'XMPP_PUBLISH_ASYNCHRONOUS'
              ? 'publish'
              : 'presence';
      out.push(hop(step, e));
    } else if (r.source === 'notify-info' || r.source === 'notify-debug') {
      const k = r.event.kind;
      if (k === 'session-created' || k === 'idle-close' || k === 'session-closed' || k === 'store-offline')
        out.push(hop('session', e));
    } else if (r.source === 'client') out.push(hop('client', e));
  }
  return out;
}

/** The mnemonic of a webservices line, the log's name otherwise. */
function stepOf(e: Entry): string {
  return e.record.source === 'webservices' ? e.record.mnemonic : e.record.source;
}

export function hop(step: string, e: Entry): TraceHop {
  return {
    step,
    source: e.record.source,
    time: e.record.time,
    summary: summarize(e.record),
    file: e.file,
    line: e.line,
    text: e.raw,
  };
}

/** Time order (untimed hops stay behind their predecessor), `tookMs` and the total. */
function finish(r: TraceResult): TraceResult {
  let key = -Infinity;
  const keyed = r.hops.map((h, i) => {
    if (h.time !== undefined) key = h.time;
    return { h, key, i };
  });
  keyed.sort((a, b) => a.key - b.key || a.i - b.i);
  let prev: number | undefined;
  let first: number | undefined;
  r.hops = keyed.map(({ h }) => {
    if (h.time !== undefined) {
      if (prev !== undefined) h.tookMs = h.time - prev;
      first ??= h.time;
      prev = h.time;
    }
    return h;
  });
  if (first !== undefined && prev !== undefined) r.totalMs = prev - first;
  return r;
}

/** Reads parts of the selected files, narrowed to a time window, and sums what it read. */
export class Scanner {
  readonly stats: ScanStats = { files: 0, bytes: 0 };
  readonly #files: readonly LogFile[];
  readonly #window: Window;

  constructor(files: readonly LogFile[], window: Window) {
    this.#files = files;
    this.#window = window;
  }

  hasFiles(source: Source, filter: (f: LogFile) => boolean = () => true): boolean {
    return this.#files.some((f) => f.source === source && filter(f));
  }

  async read(
    sources: readonly Source[],
    narrow: Window,
    needles: readonly string[] | undefined,
    keep: (e: Entry) => boolean = () => true,
    fileFilter: (f: LogFile) => boolean = () => true,
  ): Promise<Entry[]> {
    const w: Window = {
      from: Math.max(this.#window.from ?? -Infinity, narrow.from ?? -Infinity),
      to: Math.min(this.#window.to ?? Infinity, narrow.to ?? Infinity),
    };
    const files = this.#files.filter(
      (f) => f.source !== undefined && sources.includes(f.source) && overlaps(f, w) && fileFilter(f),
    );
    const out: Entry[] = [];
    const s = await readRecords(
      files,
      () => needles,
      w,
      (e) => {
        if (keep(e)) out.push(e);
      },
    );
    this.stats.files += s.files;
    this.stats.bytes += s.bytes;
    return out;
  }
}
