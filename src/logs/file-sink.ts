import fs from 'node:fs';
import path from 'node:path';

export interface FileSinkOptions {
  dir: string;
  /** Name of the file being written. Called again at each rotation. */
  fileName: () => string;
  /** For fixed-name logs (info.log): the name the full file is renamed to on rotation. */
  archiveName?: () => string;
  /** Prefix that identifies this log's files in `dir`, for retention. */
  prefix: string;
  /** Rotate once the current file passes this size. */
  maxFileBytes: number;
  /** Keep at most this many files of this log (current included). */
  maxFiles: number;
}

/**
 * An append-only log file with size-based rotation. Lines are buffered and written in one
 * `appendFile` per event-loop turn, so logging never blocks a request; `flushSync` exists for
 * process exit, where pending lines must not be lost.
 */
export class FileSink {
  readonly #opts: FileSinkOptions;
  #file: string;
  #size: number;
  #queue: string[] = [];
  #writing: Promise<void> = Promise.resolve();
  #scheduled = false;

  constructor(opts: FileSinkOptions) {
    this.#opts = opts;
    fs.mkdirSync(opts.dir, { recursive: true });
    this.#file = path.join(opts.dir, opts.fileName());
    this.#size = fileSize(this.#file);
  }

  get file(): string {
    return this.#file;
  }

  write(line: string): void {
    this.#queue.push(line.endsWith('\n') ? line : line + '\n');
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.#drain());
    }
  }

  flush(): Promise<void> {
    this.#drain();
    return this.#writing;
  }

  flushSync(): void {
    this.#scheduled = false;
    const data = this.#take();
    if (data) this.#appendSync(data);
  }

  #take(): string {
    if (this.#queue.length === 0) return '';
    const data = this.#queue.join('');
    this.#queue = [];
    return data;
  }

  #drain(): void {
    this.#scheduled = false;
    const data = this.#take();
    if (!data) return;
    this.#writing = this.#writing.then(() => this.#append(data));
  }

  async #append(data: string): Promise<void> {
    try {
      await fs.promises.appendFile(this.#file, data);
    } catch (e) {
      // A log that cannot be written must not take the service down with it.
      process.stderr.write(`switchboard: cannot write ${this.#file}: ${(e as Error).message}\n`);
      return;
    }
    this.#grew(Buffer.byteLength(data));
  }

  #appendSync(data: string): void {
    try {
      fs.appendFileSync(this.#file, data);
      this.#grew(Buffer.byteLength(data));
    } catch {
      // see #append
    }
  }

  #grew(bytes: number): void {
    this.#size += bytes;
    if (this.#size >= this.#opts.maxFileBytes) this.#rotate();
  }

  #rotate(): void {
    const { dir, archiveName, fileName } = this.#opts;
    try {
      if (archiveName) fs.renameSync(this.#file, path.join(dir, archiveName()));
      let next = path.join(dir, fileName());
      // Timestamped names can collide within one millisecond.
      for (let i = 1; !archiveName && next === this.#file; i++) next = path.join(dir, `${fileName()}.${i}`);
      this.#file = next;
      this.#size = fileSize(this.#file);
      this.#prune();
    } catch (e) {
      process.stderr.write(`switchboard: cannot rotate ${this.#file}: ${(e as Error).message}\n`);
    }
  }

  #prune(): void {
    const { dir, prefix, maxFiles } = this.#opts;
    // The current file may not exist yet (it is created by its first write): keep maxFiles - 1 others.
    const current = path.basename(this.#file);
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.startsWith(prefix) && f !== current)
      .map((f) => ({ f, t: fs.statSync(path.join(dir, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t || b.f.localeCompare(a.f));
    for (const { f } of files.slice(Math.max(0, maxFiles - 1))) fs.rmSync(path.join(dir, f), { force: true });
  }
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
