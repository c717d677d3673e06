/**
 * Which log files exist under a log directory, which log each one is, and the time range it
 * covers — so the tools open only the files that overlap a --from/--to window.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseLine, type Source } from './parse.ts';
import { parseFileStamp } from './time.ts';

export interface Window {
  /** Milliseconds since the epoch; open-ended when absent. */
  from?: number;
  to?: number;
}

export interface LogFile {
  path: string;
  /** Path relative to the log directory, with `/` separators (what evidence lines cite). */
  rel: string;
  /** `undefined` for files the tools do not read (collect still archives them). */
  source: Source | undefined;
  /** First timestamp in the file (or its name's stamp); `undefined` when unknown. */
  start: number | undefined;
  /** Last timestamp in the file, or its modification time when later. */
  end: number;
  size: number;
  mtime: number;
  /** The agent of a client log (`clientlogs/<agentId>/…`). */
  agentId?: string;
  /** Written as JSON lines (createLogs `json: true`): needles are searched in that shape. */
  json?: boolean;
}

/** Bytes read at each end of a file to find its first and last timestamps. */
const PROBE_BYTES = 64 * 1024;

export function sourceOf(rel: string): Source | undefined {
  const parts = rel.split('/');
  const [dir] = parts;
  const name = parts[parts.length - 1];
  if (parts.length === 2 && dir === 'webservices' && name.startsWith('Desktop-webservices'))
    return 'webservices';
  if (parts.length === 2 && dir === 'openfire' && name.startsWith('info')) return 'notify-info';
  if (parts.length === 2 && dir === 'openfire' && name.startsWith('debug')) return 'notify-debug';
  if (parts.length === 2 && dir === 'tomcat' && name.startsWith('localhost_access_log')) return 'access';
  if (parts.length === 2 && dir === 'cti' && name.startsWith('cti')) return 'cti';
  if (parts.length === 2 && dir === 'cti-server') return 'cti-server';
  if (parts.length >= 3 && dir === 'clientlogs') return 'client';
  return undefined;
}

export function overlaps(f: Pick<LogFile, 'start' | 'end'>, w: Window): boolean {
  return (f.start ?? -Infinity) <= (w.to ?? Infinity) && f.end >= (w.from ?? -Infinity);
}

/**
 * Every file under `logDir` (recursively) whose time range overlaps the window, oldest first.
 * `sources` narrows the result to the logs a tool reads.
 */
export async function listLogFiles(
  logDir: string,
  window: Window = {},
  sources?: readonly Source[],
): Promise<LogFile[]> {
  const out: LogFile[] = [];
  for (const rel of await walk(logDir, '')) {
    const source = sourceOf(rel);
    if (sources && (!source || !sources.includes(source))) continue;
    const full = path.join(logDir, rel);
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(full);
    } catch {
      continue; // rotated away between readdir and stat
    }
    const { first, last, json } = source
      ? await probeTimes(full, source, st.size)
      : { first: undefined, last: undefined, json: false };
    const stamp =
      source === 'notify-info' || source === 'notify-debug' ? undefined : parseFileStamp(path.basename(rel));
    const file: LogFile = {
      path: full,
      rel,
      source,
      start: first ?? stamp,
      // A client log is an upload of what the desktop had written: its lines, not the upload's
      // time, say what it covers.
      end: source === 'client' && last !== undefined ? last : Math.max(st.mtimeMs, last ?? -Infinity),
      size: st.size,
      mtime: st.mtimeMs,
      agentId: source === 'client' ? rel.split('/')[1] : undefined,
      json,
    };
    if (overlaps(file, window)) out.push(file);
  }
  return out.sort((a, b) => (a.start ?? 0) - (b.start ?? 0) || a.rel.localeCompare(b.rel));
}

async function walk(root: string, rel: string): Promise<string[]> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(path.join(root, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await walk(root, r)));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

/** The first and last timestamps, read from the head and the tail of the file only. */
async function probeTimes(file: string, source: Source, size: number) {
  let fh: fs.promises.FileHandle | undefined;
  try {
    fh = await fs.promises.open(file, 'r');
    const read = async (pos: number) => {
      const buf = Buffer.alloc(Math.min(PROBE_BYTES, size));
      const { bytesRead } = await fh!.read(buf, 0, buf.length, pos);
      return buf.toString('utf8', 0, bytesRead).split('\n');
    };
    const head = await read(0);
    const tail = size > PROBE_BYTES ? (await read(size - PROBE_BYTES)).slice(1) : head;
    const timeOf = (l: string) => parseLine(source, l.replace(/\r$/, ''))?.time;
    let first: number | undefined;
    for (let i = 0; i < head.length && first === undefined; i++) first = timeOf(head[i]);
    let last: number | undefined;
    for (let i = tail.length - 1; i >= 0 && last === undefined; i--) last = timeOf(tail[i]);
    return { first, last, json: head[0]?.startsWith('{') ?? false };
  } catch {
    return { first: undefined, last: undefined, json: false };
  } finally {
    await fh?.close();
  }
}
