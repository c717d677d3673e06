import type { InjectCallInput } from './types.ts';

/**
 * A caller population: Poisson arrivals at `rate` calls per minute, each with a caller number
 * (ANI), a dialed number (DNIS), call variables and a handle time, all drawn from one seeded
 * PRNG, so the same seed gives the same calls at the same times. Off until started.
 */

export interface GeneratorSettings {
  /** Calls per minute. */
  rate: number;
  /** Mean handle time, seconds; each call draws 0.5–1.5 × this. */
  handleTimeSec: number;
  seed: number;
  /** Dialed numbers the calls arrive on, drawn uniformly. */
  dnis: readonly string[];
}

export interface GeneratorState extends GeneratorSettings {
  isRunning: boolean;
  /** Calls generated since the last start. */
  generated: number;
}

export interface CallGeneratorHandle {
  /** Starts (or restarts) from the seed; settings given here stay for later starts. */
  start(settings?: Partial<GeneratorSettings>): GeneratorState;
  stop(): GeneratorState;
  readonly state: GeneratorState;
}

/** mulberry32: small, fast, and the same sequence on every platform for a seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS = ['billing', 'sales', 'support', 'claims'] as const;
const LANGUAGES = ['en', 'de', 'fr'] as const;

/** The next arrival: how long after the previous one, and the call. Pure in the PRNG. */
export function nextArrival(
  random: () => number,
  s: GeneratorSettings,
): { delayMs: number; call: InjectCallInput } {
  const digits = (n: number) => String(Math.floor(random() * 10 ** n)).padStart(n, '0');
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const delayMs = Math.max(1, Math.round((-Math.log(1 - random()) * 60_000) / s.rate));
  return {
    delayMs,
    call: {
      dnis: pick(s.dnis),
      ani: `555${digits(7)}`,
      callVariable1: `A${digits(6)}`,
      callVariable2: pick(TOPICS),
      callVariable3: pick(LANGUAGES),
      handleTimeSec: Math.max(1, Math.round(s.handleTimeSec * (0.5 + random()))),
    },
  };
}

export function createCallGenerator(
  defaults: GeneratorSettings,
  schedule: (ms: number, fn: () => void) => unknown,
  cancel: (timer: unknown) => void,
  inject: (call: InjectCallInput) => void,
): CallGeneratorHandle {
  let settings = { ...defaults };
  let timer: unknown;
  let isRunning = false;
  let generated = 0;
  let random = mulberry32(settings.seed);
  const state = (): GeneratorState => ({ ...settings, dnis: [...settings.dnis], isRunning, generated });
  const next = () => {
    const arrival = nextArrival(random, settings);
    timer = schedule(arrival.delayMs, () => {
      if (!isRunning) return;
      generated += 1;
      next();
      inject(arrival.call);
    });
  };
  return {
    start(changes = {}) {
      const updated = { ...settings, ...changes };
      if (!(updated.rate > 0) || !(updated.handleTimeSec > 0) || updated.dnis.length === 0) {
        throw new RangeError('generator: rate and handleTimeSec must be > 0 and dnis non-empty');
      }
      cancel(timer);
      settings = updated;
      random = mulberry32(settings.seed);
      generated = 0;
      isRunning = true;
      next();
      return state();
    },
    stop() {
      cancel(timer);
      timer = undefined;
      isRunning = false;
      return state();
    },
    get state() {
      return state();
    },
  };
}
