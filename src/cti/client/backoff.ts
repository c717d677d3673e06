export interface ReconnectOptions {
  /** Delay before the first retry (on the other side), ms. */
  initialDelayMs?: number;
  /** Ceiling for the delay, ms. */
  maxDelayMs?: number;
  /** Growth per failed attempt. */
  factor?: number;
  /** ± fraction of randomness, so a farm of nodes does not reconnect in lock-step (A.1 storms). */
  jitter?: number;
}

const DEFAULTS: Required<ReconnectOptions> = {
  initialDelayMs: 250,
  maxDelayMs: 30_000,
  factor: 2,
  jitter: 0.2,
};

/** Delay before reconnect attempt `attempt` (0-based): exponential, jittered, capped. */
export function reconnectDelay(
  attempt: number,
  options: ReconnectOptions = {},
  random = Math.random,
): number {
  const o = { ...DEFAULTS, ...options };
  const base = Math.min(o.maxDelayMs, o.initialDelayMs * o.factor ** attempt);
  return Math.round(Math.min(o.maxDelayMs, base * (1 - o.jitter + 2 * o.jitter * random())));
}
