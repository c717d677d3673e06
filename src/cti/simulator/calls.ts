import { type NamedArrayItem, type NamedVariable, NULL_CALL_ID } from '../protocol/index.ts';
import type { AcdSkillGroup, CallVariables, CallView, Party } from './types.ts';

/**
 * Calls and their connections, the ACD's telephony half. A call has one ConnectionCallID for its
 * whole life (never reused, consult calls get their own), and one connection per party; a
 * connection's `state` is its LocalConnectionState. Nothing here emits events: call-flow.ts does.
 */

export interface Connection extends Party {
  /** LocalConnectionState. */
  state: number;
  /** The call it is on; changes when a transfer or conference moves it. */
  call: Call;
  /** A caller or an outside number, not one of our devices. */
  readonly isExternal: boolean;
  /** Delivered by routing: its agent is RESERVED while it alerts, and RONA applies. */
  isRouted: boolean;
  /** A supervisor's monitor or barge-in leg: no wrap-up, no talk time. */
  isSupervisory: boolean;
  /** RONA or outside-answer timer of this connection. */
  timer?: unknown;
}

export interface CallInit extends CallVariables {
  callType: number;
  ani?: string;
  dnis?: string;
  dialedNumber?: string;
  callerEnteredDigits?: string;
  namedVariables?: readonly NamedVariable[];
  namedArrays?: readonly NamedArrayItem[];
  wrapupData?: string;
  calling: Party;
  called: Party;
  /** ConnectionDeviceID of BEGIN_CALL, and of END_CALL if no agent device ever joined. */
  beginDevice: string;
}

const VARIABLE_NAMES = Array.from({ length: 10 }, (_, i) => `callVariable${i + 1}` as keyof CallVariables);

/** The call-variable fields of an object, without undefined ones. */
export function callVariablesOf(source: CallVariables): CallVariables {
  const out: CallVariables = {};
  for (const name of VARIABLE_NAMES) if (source[name] !== undefined) out[name] = source[name];
  return out;
}

export class Call {
  readonly id: number;
  readonly startedAt: number;
  callType: number;
  ani: string;
  dnis: string;
  dialedNumber: string;
  callerEnteredDigits: string | undefined;
  variables: CallVariables;
  namedVariables: NamedVariable[];
  namedArrays: NamedArrayItem[];
  wrapupData: string | undefined;
  skillGroup: AcdSkillGroup | undefined;
  /** The routing number it was queued on: QueueDeviceID, and ConnectionDeviceID while it waits. */
  routePoint: string;
  routerCallKey: { day: number; callId: number; sequence: number } | undefined;
  calling: Party;
  called: Party;
  lastRedirect: Party | undefined;
  readonly connections: Connection[] = [];
  /** Set while the call waits for an agent; `announced` once CALL_QUEUED went out. */
  queue: { since: number; isRequeue: boolean; isAnnounced: boolean } | undefined;
  /** BEGIN_CALL_EVENT sent. */
  isBegun = false;
  /** Answered at least once: the caller's handle time runs from here. */
  isAnswered = false;
  /** Routed to an agent by the ACD at least once: whoever ends up on it wraps up as after an ACD call. */
  isAcd = false;
  readonly beginDevice: string;
  /** The last of our devices that was on the call: ConnectionDeviceID of CALL_CLEARED / END_CALL. */
  lastDevice: string;
  /** The caller hangs up this long after the first answer (injected and generated calls). */
  handleTimeMs: number | undefined;
  handleTimer: unknown;
  /** A silent-monitor call: the call it monitors. */
  monitorOf: Call | undefined;
  readonly monitors = new Set<Call>();

  constructor(id: number, init: CallInit, now: number) {
    this.id = id;
    this.startedAt = now;
    this.callType = init.callType;
    this.ani = init.ani ?? '';
    this.dnis = init.dnis ?? '';
    this.dialedNumber = init.dialedNumber ?? '';
    this.callerEnteredDigits = init.callerEnteredDigits;
    this.variables = callVariablesOf(init);
    this.namedVariables = [...(init.namedVariables ?? [])];
    this.namedArrays = [...(init.namedArrays ?? [])];
    this.wrapupData = init.wrapupData;
    this.routePoint = this.dnis;
    this.calling = init.calling;
    this.called = init.called;
    this.beginDevice = init.beginDevice;
    this.lastDevice = init.beginDevice;
  }

  /** Our (non-external) connection on a device, if any. */
  on(device: string): Connection | undefined {
    return this.connections.find((c) => c.device === device && !c.isExternal);
  }

  add(
    party: Party,
    state: number,
    flags: { isExternal?: boolean; isRouted?: boolean; isSupervisory?: boolean } = {},
  ) {
    const conn: Connection = {
      device: party.device,
      deviceType: party.deviceType,
      state,
      call: this,
      isExternal: flags.isExternal ?? false,
      isRouted: flags.isRouted ?? false,
      isSupervisory: flags.isSupervisory ?? false,
    };
    this.connections.push(conn);
    if (!conn.isExternal) this.lastDevice = conn.device;
    return conn;
  }

  /** Moves a connection of another call onto this one (transfer, conference). */
  adopt(conn: Connection): void {
    conn.call.remove(conn);
    conn.call = this;
    this.connections.push(conn);
    if (!conn.isExternal) this.lastDevice = conn.device;
  }

  remove(conn: Connection): void {
    const i = this.connections.indexOf(conn);
    if (i >= 0) this.connections.splice(i, 1);
  }

  view(): CallView {
    return Object.freeze({
      id: this.id,
      callType: this.callType,
      ani: this.ani,
      dnis: this.dnis,
      dialedNumber: this.dialedNumber,
      ...(this.callerEnteredDigits === undefined ? {} : { callerEnteredDigits: this.callerEnteredDigits }),
      variables: { ...this.variables },
      namedVariables: this.namedVariables.map((v) => ({ ...v })),
      namedArrays: this.namedArrays.map((v) => ({ ...v })),
      ...(this.wrapupData === undefined ? {} : { wrapupData: this.wrapupData }),
      ...(this.skillGroup ? { skillGroup: this.skillGroup } : {}),
      ...(this.routerCallKey ? { routerCallKey: { ...this.routerCallKey } } : {}),
      calling: this.calling,
      called: this.called,
      ...(this.lastRedirect ? { lastRedirect: this.lastRedirect } : {}),
      connections: this.connections.map((c) => ({
        device: c.device,
        deviceType: c.deviceType,
        state: c.state,
      })),
      isQueued: this.queue !== undefined,
      startedAt: this.startedAt,
    });
  }
}

/** ConnectionCallID of the first call: what UCCE prints as 16777217 (0x01000001). */
const FIRST_CALL_ID = 0x01000001;

export class CallBook {
  readonly #calls = new Map<number, Call>();
  #nextId = FIRST_CALL_ID;

  create(init: CallInit, now: number): Call {
    const call = new Call(this.#nextId, init, now);
    // A UINT that skips NULL_CALL_ID when it wraps.
    this.#nextId = this.#nextId + 1 >= NULL_CALL_ID ? FIRST_CALL_ID : this.#nextId + 1;
    this.#calls.set(call.id, call);
    return call;
  }

  get(id: number): Call | undefined {
    return this.#calls.get(id);
  }

  delete(call: Call): void {
    this.#calls.delete(call.id);
  }

  list(): Call[] {
    return [...this.#calls.values()];
  }

  /** Every connection of ours on a device, in call order. */
  onDevice(device: string): Connection[] {
    const out: Connection[] = [];
    for (const call of this.#calls.values()) {
      for (const conn of call.connections) if (conn.device === device && !conn.isExternal) out.push(conn);
    }
    return out;
  }
}
