/**
 * `switchboard logs collect`: Finesse's `file get activelog /desktop recurs compress` — one
 * .tar.gz of every log file whose time range overlaps the window, streamed file by file through
 * gzip, so a day of logs never sits in memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { type LogFile, listLogFiles, type Window } from './files.ts';
import { type TarEntry, tarStream } from './tar.ts';

export interface CollectOptions extends Window {
  /** The .tar.gz to write. */
  out: string;
}

export interface CollectResult {
  file: string;
  /** Log files in the archive. */
  files: number;
  /** Size of the archive written. */
  bytes: number;
}

/** Folder every archived file sits under, as `desktop/logs/…` does in a Finesse collection. */
const ARCHIVE_ROOT = 'logs';

export async function collect(logDir: string, opts: CollectOptions): Promise<CollectResult> {
  const out = path.resolve(opts.out);
  const files = (await listLogFiles(logDir, { from: opts.from, to: opts.to })).filter(
    (f) => path.resolve(f.path) !== out,
  );
  fs.mkdirSync(path.dirname(out), { recursive: true });
  let archived = 0;
  const entries = async function* (): AsyncGenerator<TarEntry> {
    for (const f of files) {
      const entry = await open(f);
      if (!entry) continue;
      archived++;
      yield entry;
    }
  };
  await pipeline(Readable.from(tarStream(entries())), zlib.createGzip(), fs.createWriteStream(out));
  return { file: out, files: archived, bytes: fs.statSync(out).size };
}

/**
 * Opens the file before its header is written: a file rotated away since the listing is skipped,
 * and one still being written is archived as it was at this moment (its size now).
 */
async function open(f: LogFile): Promise<TarEntry | undefined> {
  let fh: fs.promises.FileHandle;
  try {
    fh = await fs.promises.open(f.path, 'r');
  } catch {
    return undefined;
  }
  const st = await fh.stat();
  const size = st.size;
  async function* data(): AsyncGenerator<Buffer> {
    try {
      if (size > 0)
        yield* fh.createReadStream({ start: 0, end: size - 1, autoClose: false, highWaterMark: 1 << 20 });
    } finally {
      await fh.close();
    }
  }
  return { name: `${ARCHIVE_ROOT}/${f.rel}`, size, mtime: st.mtimeMs, data: data() };
}
