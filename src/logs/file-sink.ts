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
 * How long a line waits for others before they are written together. Each write is a trip through
 * libuv's thread pool (a wake-up of a worker thread and one of the event loop, ~2 system calls
 * and two context switches, ~50 µs of the event loop's time on this project's 2-core VMs): a busy
 * node signing in hundreds of desktops a second wrote its info.log twice per sign-in, which cost
 * more than the lines' formatting. At most 20 writes a second per log, whatever the load.
 */
export const LINGER_MS = 50;

/**
 * An append-only log file with size-based rotation. Lines are buffered and written with one write
 * at a time on a descriptor kept open while the log is busy (closed after a second of quiet, so
 * that idle sinks hold no descriptor); lines that arrive within LINGER_MS, or during a write, go
 * out together in the next, so logging never blocks a request and a busy log costs few system
 * calls. `flushSync` exists for process exit, where pending lines must not be lost.
 */
export class FileSink {
  readonly #opts: FileSinkOptions;
  #file: string;
  #size: number;
  #queue: string[] = [];
  #fd: number | undefined;
  #writing = false;
  #scheduled = false;
  #idle: NodeJS.Timeout | undefined;
  #linger: NodeJS.Timeout | undefined;
  #flushed: (() => void)[] = [];
  #isReopening = false;

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
    if (!this.#scheduled && !this.#writing) this.#schedule();
  }

  #schedule(): void {
    this.#scheduled = true;
    this.#linger = setTimeout(() => this.#drain(), LINGER_MS);
  }

  flush(): Promise<void> {
    if (!this.#writing) this.#drain();
    if (!this.#writing) return Promise.resolve();
    return new Promise((r) => this.#flushed.push(r));
  }

  /**
   * Writes the next lines to the file by its name again (logrotate renamed the old one away, or
   * `create` made a new one): the descriptor is closed once the write in flight is done.
   */
  reopen(): void {
    this.#isReopening = true;
    this.#close();
  }

  flushSync(): void {
    this.#unschedule();
    const data = this.#take();
    if (!data) return;
    try {
      fs.appendFileSync(this.#file, data);
      this.#grew(Buffer.byteLength(data));
    } catch {
      // see #drain
    }
  }

  #take(): string {
    if (this.#queue.length === 0) return '';
    const data = this.#queue.join('');
    this.#queue = [];
    return data;
  }

  #unschedule(): void {
    clearTimeout(this.#linger);
    this.#scheduled = false;
  }

  #drain(): void {
    this.#unschedule();
    // One write at a time, so lines stay in order and flush() waits for all of them: the write
    // in flight drains again when it completes.
    if (this.#writing) return;
    const data = this.#take();
    if (!data) {
      for (const r of this.#flushed.splice(0)) r();
      return;
    }
    try {
      if (this.#fd === undefined && this.#isReopening) {
        this.#isReopening = false;
        this.#size = fileSize(this.#file);
      }
      this.#fd ??= fs.openSync(this.#file, 'a');
    } catch (e) {
      this.#failed(e as Error);
      this.#drain();
      return;
    }
    this.#writing = true;
    const bytes = Buffer.from(data);
    fs.write(this.#fd, bytes, 0, bytes.length, null, (err) => {
      this.#writing = false;
      if (err) this.#failed(err);
      else this.#grew(bytes.length);
      if (this.#isReopening) this.#close();
      // One idle timer re-armed per write, not a new one.
      else if (this.#idle) this.#idle.refresh();
      else this.#idle = setTimeout(() => this.#close(), 1000).unref();
      // Lines that came during the write wait their turn too, unless flush() waits for them.
      if (this.#flushed.length > 0) this.#drain();
      else if (this.#queue.length > 0) this.#schedule();
    });
  }

  #failed(e: Error): void {
    // A log that cannot be written must not take the service down with it.
    process.stderr.write(`switchboard: cannot write ${this.#file}: ${e.message}\n`);
    this.#close();
  }

  #close(): void {
    clearTimeout(this.#idle);
    this.#idle = undefined;
    if (this.#fd === undefined || this.#writing) return;
    const fd = this.#fd;
    this.#fd = undefined;
    fs.close(fd, () => {});
  }

  #grew(bytes: number): void {
    this.#size += bytes;
    if (this.#size >= this.#opts.maxFileBytes) this.#rotate();
  }

  #rotate(): void {
    const { dir, archiveName, fileName } = this.#opts;
    if (this.#fd !== undefined && !this.#writing) {
      fs.closeSync(this.#fd);
      this.#fd = undefined;
    }
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
