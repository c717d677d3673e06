import type { AgentBook } from './agent-book.ts';
import type { Call, CallBook } from './calls.ts';
import type { Routing } from './routing.ts';
import type { AcdCallEvent, AcdEvent, AcdFailure, CallEventKind } from './types.ts';

/**
 * What the ACD's parts share: the books of agents and calls, the routing, the clock, and the
 * current step. A step is one thing happening (a request, a timer firing): it collects the call
 * events in the order they happen; engine.ts then appends the agent-state events they caused and
 * runs routing, which may add steps of its own. So within a step, call events always come first,
 * then the agent events (A.4: the two have no guaranteed relative order; we pick one and keep it).
 */

export interface Settings {
  peripheralId: number;
  /** 0 disables RONA. */
  ronaTimeoutMs: number;
  /** Wrap-up after answered routed calls, seconds; 0 = only on request. */
  wrapUpTimeSec: number;
  outsideAnswerMs: number;
}

export interface World {
  readonly settings: Settings;
  readonly calls: CallBook;
  readonly agents: AgentBook;
  readonly routing: Routing;
  now(): number;
  /** One of our phones (an agent's instrument). */
  isDevice(device: string): boolean;
  isOutOfService(device: string): boolean;
  /** Runs `fn` as a step of its own after `ms`; its events go to the ACD's listener. */
  later(ms: number, fn: (step: Step) => void): unknown;
  cancel(timer: unknown): void;
}

type CallEventExtras = Omit<
  AcdCallEvent,
  'type' | 'kind' | 'call' | 'device' | 'localConnectionState' | 'eventCause'
>;

export class Step {
  readonly events: AcdEvent[] = [];

  /** A call event about `device`'s connection, with the call as it is now. */
  call(
    kind: CallEventKind,
    call: Call,
    device: string,
    localConnectionState: number,
    eventCause: number,
    extras: CallEventExtras = {},
  ): void {
    if (kind === 'begin') call.isBegun = true;
    this.events.push({
      type: 'call',
      kind,
      call: call.view(),
      device,
      localConnectionState,
      eventCause,
      ...extras,
    });
  }

  system(systemEventId: number, device: string): void {
    this.events.push({ type: 'system', systemEventId, device });
  }
}

export function fail(status: number, reason: string, failureCode?: number): AcdFailure {
  return failureCode === undefined
    ? { ok: false, status, reason }
    : { ok: false, status, reason, failureCode };
}
