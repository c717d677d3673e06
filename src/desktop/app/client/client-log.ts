/**
 * The desktop's client log, kept in the browser and uploaded by "Send Error Report" to
 * POST /User/{id}/ClientLog. Lines have finesse.js ClientLogger's shape (finesse-api.md §5.2):
 * `<local time ±HH:MM>:<sessKey>: <host>: <server time ±HHMM>: <component> : <message>`.
 */
import { realTimers, type Timers } from '../../../clock/index.ts';

export interface LogEntry {
  /** Client clock, ms since the epoch. */
  time: number;
  /** finesse.js's gadget id: `Container`, `Header`, `SignIn`, `CallControl` … */
  component: string;
  message: string;
  /** The REST `requestId` (or GET `nocache`) the line is about, for grepping a request through. */
  requestId?: string;
}

export interface ClientLogOptions {
  /** Oldest entries are dropped past this many. */
  maxEntries?: number;
  /** Where the log survives a reload (the seed's `/desktop/localLog`); undefined = memory only. */
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  storageKey?: string;
  /** The entries' times, and the timer that batches writes to `storage` (tests need not wait). */
  timers?: Timers;
}

/** ClientLog's `logData` may hold at most 1,048,576 characters (finesse-api.md §1.1). */
export const MAX_LOG_DATA = 1_048_576;

const pad = (n: number, w = 2) => String(Math.abs(Math.trunc(n))).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Wall-clock parts of `ms` in a zone `offsetMin` minutes east of UTC. */
function parts(ms: number, offsetMin: number) {
  const d = new Date(ms + offsetMin * 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth(),
    d: pad(d.getUTCDate()),
    hms: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`,
    tz: [sign, pad(offsetMin / 60), pad(offsetMin % 60)] as const,
  };
}

/** `2017-11-15T09:57:27.274 +00:00` in the browser's zone. */
export function formatLocalTime(ms: number): string {
  const off = -new Date(ms).getTimezoneOffset();
  const p = parts(ms, off);
  return `${p.y}-${pad(p.mo + 1)}-${p.d}T${p.hms} ${p.tz[0]}${p.tz[1]}:${p.tz[2]}`;
}

/** `Nov 15 2017 09:57:27.768 +0000`, the server-adjusted column. */
export function formatServerTime(ms: number, offsetMin: number): string {
  const p = parts(ms, offsetMin);
  return `${MONTHS[p.mo]} ${p.d} ${p.y} ${p.hms} ${p.tz.join('')}`;
}

const UNKNOWN_SERVER_TIME = '--- -- ---- --:--:--.--- -----';

export class ClientLog {
  readonly #entries: LogEntry[] = [];
  readonly #max: number;
  readonly #storage: ClientLogOptions['storage'];
  readonly #key: string;
  readonly #timers: Timers;
  #persistTimer: unknown;
  /** Server host for the line prefix; set once SystemInfo answered. */
  host = '';
  /** Server minus client clock, ms (undefined until the first SystemInfo). */
  driftMs: number | undefined;
  /** Server zone, minutes east of UTC. */
  serverOffsetMin: number | undefined;

  constructor(opts: ClientLogOptions = {}) {
    this.#max = opts.maxEntries ?? 5000;
    this.#storage = opts.storage;
    this.#timers = opts.timers ?? realTimers;
    this.#key = opts.storageKey ?? 'switchboard.desktop.clientLog';
    const saved = this.#storage?.getItem(this.#key);
    if (saved) {
      try {
        const list = JSON.parse(saved) as LogEntry[];
        if (Array.isArray(list)) this.#entries.push(...list.slice(-this.#max));
      } catch {
        // A corrupt saved log is not worth failing the page for; start afresh.
      }
    }
  }

  log(component: string, message: string, requestId?: string): void {
    this.#entries.push({ time: this.#timers.now(), component, message, requestId });
    if (this.#entries.length > this.#max) this.#entries.splice(0, this.#entries.length - this.#max);
    this.#schedulePersist();
  }

  get entries(): readonly LogEntry[] {
    return this.#entries;
  }

  format(e: LogEntry): string {
    const server =
      this.driftMs === undefined
        ? UNKNOWN_SERVER_TIME
        : formatServerTime(
            e.time + this.driftMs,
            this.serverOffsetMin ?? -new Date(e.time).getTimezoneOffset(),
          );
    return `${formatLocalTime(e.time)}: : ${this.host}: ${server}: ${e.component} : ${e.message}`;
  }

  /** The newest lines that fit in `maxChars`, oldest first: the upload keeps the end of the story. */
  text(maxChars = MAX_LOG_DATA): string {
    const lines: string[] = [];
    let size = 0;
    for (let i = this.#entries.length - 1; i >= 0; i--) {
      const line = this.format(this.#entries[i]);
      const cost = line.length + (lines.length > 0 ? 1 : 0); // the joining newline
      if (size + cost > maxChars) break;
      lines.push(line);
      size += cost;
    }
    return lines.reverse().join('\n');
  }

  #schedulePersist() {
    if (!this.#storage || this.#persistTimer !== undefined) return;
    // Batched: a burst of REST lines costs one write, not one JSON.stringify per line.
    this.#persistTimer = this.#timers.setTimeout(() => {
      this.#persistTimer = undefined;
      try {
        this.#storage?.setItem(this.#key, JSON.stringify(this.#entries.slice(-this.#max)));
      } catch {
        // Quota exceeded: the in-memory log still works, only the reload copy is lost.
      }
    }, 1000);
  }
}
