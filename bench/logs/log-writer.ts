/** Fast log writing for the benchmark: buffered synchronous appends, createLogs' names and rotation. */
import fs from 'node:fs';
import path from 'node:path';
import { formatAccessTime, formatCcbuTime, formatOpenfireTime } from '../../src/logs/index.ts';

const ROTATE_BYTES = 20 * 1024 * 1024;
const FLUSH_BYTES = 1 << 20;

/** One log; a new file once it passes 20 MB (renamed to `archive` first for fixed names like info.log). */
export class LogWriter {
  #fd = -1;
  #file = '';
  #buf: string[] = [];
  #pending = 0;
  #size = 0;
  #last = 0;
  files = 0;
  bytes = 0;
  readonly #dir: string;
  readonly #name: (t: number) => string;
  readonly #archive?: (t: number) => string;

  constructor(dir: string, name: (t: number) => string, archive?: (t: number) => string) {
    this.#dir = dir;
    this.#name = name;
    this.#archive = archive;
    fs.mkdirSync(dir, { recursive: true });
  }

  write(line: string, t: number): void {
    if (this.#fd < 0) this.#open(t);
    this.#buf.push(line, '\n');
    this.#pending += line.length + 1;
    this.bytes += line.length + 1;
    this.#last = t;
    if (this.#pending > FLUSH_BYTES) this.#flush();
    if (this.#size + this.#pending > ROTATE_BYTES) {
      this.close();
      if (this.#archive) fs.renameSync(this.#file, path.join(this.#dir, this.#archive(t)));
    }
  }

  /** Flushes and closes; the file's mtime becomes its last line's time, as on a real server. */
  close(): void {
    if (this.#fd < 0) return;
    this.#flush();
    fs.closeSync(this.#fd);
    fs.utimesSync(this.#file, this.#last / 1000, this.#last / 1000);
    this.#fd = -1;
  }

  #open(t: number): void {
    this.#file = path.join(this.#dir, this.#name(t));
    this.#fd = fs.openSync(this.#file, 'a');
    this.#size = 0;
    this.files++;
  }

  #flush(): void {
    if (this.#pending === 0) return;
    fs.writeSync(this.#fd, this.#buf.join(''));
    this.#size += this.#pending;
    this.#buf = [];
    this.#pending = 0;
  }
}

export interface Stamps {
  ccbu: string;
  openfire: string;
  access: string;
}

/** The three timestamp texts of a time; the Date work is done once per second, not per line. */
export function createClock(): (t: number) => Stamps {
  let sec = Number.NaN;
  let parts: [string, string][] = [];
  const split = (s: string): [string, string] => {
    const dot = s.lastIndexOf('.');
    return [s.slice(0, dot + 1), s.slice(dot + 4)];
  };
  return (t) => {
    const s = Math.floor(t / 1000);
    if (s !== sec) {
      sec = s;
      parts = [formatCcbuTime, formatOpenfireTime, formatAccessTime].map((f) => split(f(s * 1000)));
    }
    const ms = String(t - s * 1000).padStart(3, '0');
    return {
      ccbu: parts[0][0] + ms + parts[0][1],
      openfire: parts[1][0] + ms,
      access: parts[2][0] + ms + parts[2][1],
    };
  };
}
