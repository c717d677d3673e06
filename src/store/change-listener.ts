import pg from 'pg';

export interface ChangeListenerOptions {
  config: pg.ClientConfig;
  channel: string;
  /** A NOTIFY on the channel: the doorbell, never the change itself. */
  onNotify(): void;
  /** LISTEN is (again) in place; `downMs` is how long it was not, undefined the first time. */
  onListening(downMs: number | undefined): void;
  /** The connection is gone; the next try is in `retryInMs`. */
  onLost(error: string, retryInMs: number, attempt: number): void;
  /** Reconnect backoff: first delay, doubled per failed try up to the maximum, ±25 % jitter. */
  minBackoffMs: number;
  maxBackoffMs: number;
}

/**
 * The one connection that LISTENs for other nodes' writes. It reconnects for as long as the
 * store is open — a PostgreSQL restart, a killed backend (pg_terminate_backend), a network cut —
 * with backoff and jitter, so that N nodes do not all knock at once when the server returns.
 */
export class ChangeListener {
  readonly #o: ChangeListenerOptions;
  #client: pg.Client | undefined;
  #retry: NodeJS.Timeout | undefined;
  #attempt = 0;
  #downSince: number | undefined;
  #closed = false;

  constructor(options: ChangeListenerOptions) {
    this.#o = options;
  }

  get isListening(): boolean {
    return this.#client !== undefined && this.#downSince === undefined;
  }

  /** The first LISTEN; a failure is thrown (a node must not start deaf). */
  async start(): Promise<void> {
    await this.#connect();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    const c = this.#client;
    this.#client = undefined;
    await c?.end().catch(() => {});
  }

  async #connect(): Promise<void> {
    const client = new pg.Client(this.#o.config);
    const lost = (e: unknown) => this.#lost(client, e);
    client.on('error', lost);
    client.on('end', () => lost(new Error('connection ended')));
    client.on('notification', (n) => {
      if (n.channel === this.#o.channel && client === this.#client) this.#o.onNotify();
    });
    this.#client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${this.#o.channel}`);
    } catch (e) {
      if (this.#client === client) this.#client = undefined;
      void client.end().catch(() => {});
      throw e;
    }
    if (this.#closed) {
      await client.end().catch(() => {});
      return;
    }
    const downMs = this.#downSince === undefined ? undefined : Date.now() - this.#downSince;
    this.#downSince = undefined;
    this.#attempt = 0;
    this.#o.onListening(downMs);
  }

  #lost(client: pg.Client, e: unknown): void {
    if (client !== this.#client || this.#closed) return;
    this.#client = undefined;
    void client.end().catch(() => {});
    this.#downSince ??= Date.now();
    this.#schedule(describeDbError(e));
  }

  #schedule(error: string): void {
    const { minBackoffMs, maxBackoffMs } = this.#o;
    const base = Math.min(maxBackoffMs, minBackoffMs * 2 ** this.#attempt);
    const delay = Math.round(base * (0.75 + Math.random() * 0.5));
    this.#attempt++;
    this.#o.onLost(error, delay, this.#attempt);
    clearTimeout(this.#retry);
    this.#retry = setTimeout(() => {
      if (this.#closed) return;
      this.#connect().catch((err: unknown) => {
        if (!this.#closed) this.#schedule(describeDbError(err));
      });
    }, delay);
  }
}

/** A connection error in one line; Node's AggregateError (IPv4 and IPv6 refused) has no message. */
export function describeDbError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  if (e.message) return e.message;
  const inner = (e as { errors?: unknown[] }).errors?.[0];
  if (inner instanceof Error && inner.message) return inner.message;
  return (e as { code?: string }).code ?? e.name;
}
