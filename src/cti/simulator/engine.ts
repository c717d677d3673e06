import { realTimers, type Timers } from '../../clock/index.ts';
import { AgentBook } from './agent-book.ts';
import { isAvailable, settleAgent } from './agents.ts';
import { announceQueued, deliver } from './call-flow.ts';
import { CallBook } from './calls.ts';
import { isFailure } from './control.ts';
import { Routing } from './routing.ts';
import type { AcdEvent, AcdOptions, AcdResult, CallOutcome } from './types.ts';
import { type Settings, Step, type World } from './world.ts';

/**
 * The ACD's machinery: the World its parts work on, and the step loop. `run` performs one step
 * (a request, or a timer that fired), then settles every agent's state and routes waiting calls
 * until nothing changes. Every timer goes through the injected `timers`, so tests never sleep.
 */
export class Engine implements World {
  readonly settings: Settings;
  readonly calls = new CallBook();
  readonly agents: AgentBook;
  readonly routing: Routing;
  readonly #timers: Timers;
  readonly #now: () => number;
  readonly #onEvents: (events: AcdEvent[]) => void;
  readonly #live = new Set<{ handle: unknown }>();
  readonly #outOfService = new Set<string>();
  #isStopped = false;

  constructor(options: AcdOptions) {
    this.#timers = options.timers ?? realTimers;
    this.#now = options.now ?? (() => this.#timers.now());
    this.#onEvents = options.onEvents ?? (() => {});
    this.settings = {
      peripheralId: options.peripheralId,
      ronaTimeoutMs: (options.ronaTimeoutSec ?? 12) * 1000,
      wrapUpTimeSec: options.wrapUpTimeSec ?? 0,
      outsideAnswerMs: (options.outsideAnswerSec ?? 2) * 1000,
    };
    this.agents = new AgentBook(options.agents, options.peripheralId, this.#now());
    const groups = this.agents.list().flatMap((a) => a.skillGroups);
    this.routing = new Routing(
      groups.length > 0 ? groups : [{ number: 85881, id: 5000 }],
      options.dialedNumbers,
    );
  }

  now(): number {
    return this.#now();
  }

  isDevice(device: string): boolean {
    return this.agents.byDevice(device) !== undefined;
  }

  isOutOfService(device: string): boolean {
    return this.#outOfService.has(device);
  }

  setOutOfService(device: string, isOutOfService: boolean): void {
    if (isOutOfService) this.#outOfService.add(device);
    else this.#outOfService.delete(device);
  }

  later(ms: number, fn: (step: Step) => void): unknown {
    if (this.#isStopped) return undefined;
    const entry = { handle: undefined as unknown };
    entry.handle = this.#timers.setTimeout(() => {
      this.#live.delete(entry);
      if (this.#isStopped) return;
      const result = this.run(fn);
      if (result.ok && result.events.length > 0) this.#onEvents(result.events);
    }, ms);
    this.#live.add(entry);
    return entry;
  }

  cancel(timer: unknown): void {
    const entry = timer as { handle: unknown } | undefined;
    if (!entry || !this.#live.has(entry)) return;
    this.#timers.clearTimeout(entry.handle);
    this.#live.delete(entry);
  }

  /** Cancels every timer; nothing happens by itself afterwards. */
  stop(): void {
    this.#isStopped = true;
    for (const entry of this.#live) this.#timers.clearTimeout(entry.handle);
    this.#live.clear();
  }

  /** Runs one step. A refusal comes back as it is (operations validate before they change anything). */
  run(fn: (step: Step) => unknown): AcdResult {
    const step = new Step();
    const outcome = fn(step);
    if (isFailure(outcome)) return outcome;
    this.#settle(step);
    this.#route(step);
    return isCallOutcome(outcome)
      ? { ok: true, events: step.events, call: outcome }
      : { ok: true, events: step.events };
  }

  #settle(step: Step): void {
    for (const agent of this.agents.list()) settleAgent(this, agent, step);
  }

  /**
   * Longest-available routing, one delivery at a time (each delivery reserves an agent, which
   * settles before the next choice); what finds no agent is announced as queued.
   */
  #route(step: Step): void {
    for (;;) {
      const candidates = this.agents.list().filter((a) => isAvailable(this, a));
      const match = this.routing
        .waiting()
        .map((call) => ({
          call,
          agent: call.skillGroup && this.routing.longestAvailable(call.skillGroup, candidates),
        }))
        .find((m) => m.agent !== undefined);
      if (!match?.agent) break;
      deliver(this, step, match.call, match.agent);
      this.#settle(step);
    }
    for (const call of this.routing.waiting()) announceQueued(this, step, call);
  }
}

function isCallOutcome(value: unknown): value is CallOutcome {
  return typeof value === 'object' && value !== null && typeof (value as CallOutcome).callId === 'number';
}
