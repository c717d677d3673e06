/**
 * A streaming tar writer (POSIX ustar, with pax extended headers for long names and huge
 * files), enough for `tar -xzf` to open what `collect` writes. Each entry's bytes are streamed
 * from its source; nothing is held in memory beyond one chunk.
 */

const BLOCK = 512;
/** Largest size the 11 octal digits of a ustar header can hold (8 GiB - 1). */
const MAX_USTAR_SIZE = 0o77777777777;

export interface TarEntry {
  /** Path inside the archive, `/`-separated. */
  name: string;
  size: number;
  /** Milliseconds since the epoch. */
  mtime: number;
  /** The entry's bytes; at most `size` of them are written, and a short source is padded with zeros. */
  data: AsyncIterable<Buffer>;
}

export async function* tarStream(
  entries: AsyncIterable<TarEntry> | Iterable<TarEntry>,
): AsyncGenerator<Buffer> {
  for await (const e of entries) {
    yield* entryHeaders(e);
    let written = 0;
    for await (const chunk of e.data) {
      const part = written + chunk.length > e.size ? chunk.subarray(0, e.size - written) : chunk;
      if (part.length > 0) yield part;
      written += part.length;
      if (written >= e.size) break;
    }
    // A file that shrank while being read (truncated by its writer): keep the archive well-formed.
    if (written < e.size) yield Buffer.alloc(e.size - written);
    const pad = (BLOCK - (e.size % BLOCK)) % BLOCK;
    if (pad > 0) yield Buffer.alloc(pad);
  }
  yield Buffer.alloc(2 * BLOCK); // end of archive
}

function* entryHeaders(e: TarEntry): Generator<Buffer> {
  const split = splitName(e.name);
  const pax: Record<string, string> = {};
  if (!split) pax.path = e.name;
  if (e.size > MAX_USTAR_SIZE) pax.size = String(e.size);
  if (Object.keys(pax).length > 0) {
    const body = Buffer.from(
      Object.entries(pax)
        .map(([k, v]) => paxRecord(k, v))
        .join(''),
    );
    yield header({
      name: `PaxHeader/${e.name.slice(-80).replace(/^\/+/, '')}`,
      prefix: '',
      size: body.length,
      mtime: e.mtime,
      type: 'x',
    });
    yield body;
    const pad = (BLOCK - (body.length % BLOCK)) % BLOCK;
    if (pad > 0) yield Buffer.alloc(pad);
  }
  const { name, prefix } = split ?? { name: e.name.slice(-100), prefix: '' };
  yield header({ name, prefix, size: Math.min(e.size, MAX_USTAR_SIZE), mtime: e.mtime, type: '0' });
}

/** ustar keeps names up to 100 bytes, or 155 + 100 when split at a `/`. */
function splitName(full: string): { name: string; prefix: string } | undefined {
  if (Buffer.byteLength(full) <= 100) return { name: full, prefix: '' };
  for (let i = full.indexOf('/'); i > 0; i = full.indexOf('/', i + 1)) {
    const prefix = full.slice(0, i);
    const name = full.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100 && name) return { name, prefix };
  }
  return undefined;
}

/** `"<len> key=value\n"`, where len counts the whole record including its own digits. */
function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(rest) + 1;
  while (String(len).length + Buffer.byteLength(rest) !== len)
    len = String(len).length + Buffer.byteLength(rest);
  return `${len}${rest}`;
}

function header(h: { name: string; prefix: string; size: number; mtime: number; type: string }): Buffer {
  const b = Buffer.alloc(BLOCK);
  const str = (off: number, len: number, s: string) => b.write(s, off, len, 'utf8');
  const oct = (off: number, len: number, n: number) =>
    str(off, len, n.toString(8).padStart(len - 1, '0') + '\0');
  str(0, 100, h.name);
  oct(100, 8, 0o644);
  oct(108, 8, 0);
  oct(116, 8, 0);
  oct(124, 12, h.size);
  oct(136, 12, Math.floor(h.mtime / 1000));
  str(148, 8, '        '); // checksum counts itself as spaces
  str(156, 1, h.type);
  str(257, 6, 'ustar\0');
  str(263, 2, '00');
  str(265, 32, 'switchboard');
  str(297, 32, 'switchboard');
  str(345, 155, h.prefix);
  let sum = 0;
  for (const byte of b) sum += byte;
  str(148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return b;
}
