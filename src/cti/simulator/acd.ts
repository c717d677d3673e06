import {
  AgentState,
  CallType,
  CtiStatus,
  DeviceIdType,
  EventCause,
  LocalConnectionState as LCS,
  SupervisoryAction,
  SystemEventId,
} from '../protocol/index.ts';
import { logout, requestAgentState } from './agents.ts';
import { callerHangsUp, externalPartyOf, leave, rona } from './call-flow.ts';
import { callVariablesOf } from './calls.ts';
import * as control from './control.ts';
import { Engine } from './engine.ts';
import { type CallGeneratorHandle, createCallGenerator } from './generator.ts';
import * as joins from './joins.ts';
import { checkLengths } from './limits.ts';
import { type DeviceCall, deviceCalls } from './snapshots.ts';
import { type SkillGroupStatistics, skillGroupStatistics } from './statistics.ts';
import type {
  AcdDeskSettings,
  AcdEvent,
  AcdFailure,
  AcdOptions,
  AcdResult,
  AcdSkillGroup,
  AgentLookup,
  AgentView,
  CallDataInput,
  CallRef,
  CallView,
  DialInput,
  InjectCallInput,
  SetAgentStateInput,
  SupervisoryActionName,
} from './types.ts';
import { fail } from './world.ts';

export type {
  AcdAgentConfig,
  AcdEvent,
  AcdOptions,
  AcdResult,
  AcdSkillGroup,
  AgentLookup,
  AgentView,
  SetAgentStateInput,
} from './types.ts';

/** Supervisor-forced logout reason (finesse-api.md §1.3: 999 on CCE). */
export const SUPERVISOR_LOGOUT_REASON = 999;
/** UCCE system reason "device error" (A.6), for an agent whose phone went out of service. */
export const DEVICE_ERROR_REASON = 50003;
/** The caller number of an injected call that names none. */
const DEFAULT_ANI = '5550100';

const ACTION_NAMES: Record<number, SupervisoryActionName> = {
  [SupervisoryAction.MONITOR]: 'monitor',
  [SupervisoryAction.BARGE_IN]: 'barge',
  [SupervisoryAction.CLEAR]: 'clear',
  [SupervisoryAction.WHISPER]: 'whisper',
  [SupervisoryAction.INTERCEPT]: 'intercept',
};

export interface AcdSnapshot {
  agents: (AgentView & { isOutOfService: boolean })[];
  calls: CallView[];
  queues: { skillGroup: AcdSkillGroup; callIds: number[] }[];
  dialedNumbers: Record<string, number>;
  generator: CallGeneratorHandle['state'];
}

/**
 * The simulator's ACD: agents, phones, skill groups, a queue, longest-available routing, calls,
 * RONA, wrap-up, supervisor features and a call generator, with no knowledge of sockets or bytes.
 * Requests go in and come back with their events (or a refusal); events of timers go to
 * `options.onEvents`. server.ts turns both into GED-188 messages.
 */
export class Acd {
  readonly peripheralId: number;
  readonly generator: CallGeneratorHandle;
  readonly #engine: Engine;
  readonly #onEvents: (events: AcdEvent[]) => void;
  #routerCallId = 0;

  constructor(options: AcdOptions) {
    this.peripheralId = options.peripheralId;
    this.#onEvents = options.onEvents ?? (() => {});
    this.#engine = new Engine(options);
    const dnis = Object.keys(this.#engine.routing.dialedNumbers);
    this.generator = createCallGenerator(
      { rate: 2, handleTimeSec: 120, seed: 1, dnis: dnis.length > 0 ? dnis : ['8000'] },
      (ms, fn) => this.#engine.later(ms, fn),
      (timer) => this.#engine.cancel(timer),
      (call) => {
        const result = this.injectCall(call);
        if (result.ok) this.#onEvents(result.events);
      },
    );
  }

  get(agentId: string): AgentView | undefined {
    return this.#engine.agents.get(agentId)?.view;
  }

  list(): AgentView[] {
    return this.#engine.agents.list().map((a) => a.view);
  }

  /**
   * QUERY_AGENT_STATE_REQ: any one identifier finds the agent; `numTasks` counts the calls on its
   * phone now (the CONF's NumTasks), which is how a client that missed events learns none is left.
   */
  find(lookup: AgentLookup): { ok: true; agent: AgentView; numTasks: number } | AcdFailure {
    const found = this.#engine.agents.find(lookup);
    if (!found.ok) return found;
    const numTasks = new Set(this.#engine.calls.onDevice(found.agent.device).map((c) => c.call)).size;
    return { ok: true, agent: found.agent.view, numTasks };
  }

  /** SNAPSHOT_DEVICE_REQ: the calls on one of our phones now, with the phone's connection state. */
  snapshotDevice(device: string): { ok: true; calls: DeviceCall[] } | AcdFailure {
    return deviceCalls(this.#engine, device);
  }

  setAgentState(req: SetAgentStateInput): AcdResult {
    return this.#engine.run(() => requestAgentState(this.#engine, req));
  }

  /** LOGOUT now, on a call or not (a supervisor's or the system's): reason 999 unless told. */
  /**
   * An agent's desk settings changed (wrap-up, RONA reason): they apply from the agent's next
   * call on, as a CTI server reads its agent desk settings.
   */
  configureAgent(agentId: string, desk: AcdDeskSettings): boolean {
    const agent = this.#engine.agents.get(agentId);
    if (!agent) return false;
    agent.config = { ...agent.config, ...desk };
    return true;
  }

  forceLogout(agentId: string, reasonCode = SUPERVISOR_LOGOUT_REASON): AcdResult {
    const agent = this.#engine.agents.get(agentId);
    if (!agent) return fail(CtiStatus.E_CTI_INVALID_AGENT_DATA, `no agent ${agentId}`);
    if (agent.base.state === AgentState.LOGOUT)
      return fail(CtiStatus.E_CTI_AGENT_NOT_LOGGED_ON, 'not logged in');
    return this.#engine.run(() => logout(this.#engine, agent, reasonCode));
  }

  /** A caller dials `dnis`: the call is routed to the longest available agent, or queued. */
  injectCall(input: InjectCallInput): AcdResult {
    if (!input.dnis) return fail(CtiStatus.E_CTI_REQUIRED_DATA_MISSING, 'no DNIS');
    const tooLong = checkLengths(input);
    if (tooLong) return tooLong;
    const engine = this.#engine;
    return engine.run(() => {
      const ani = input.ani || DEFAULT_ANI;
      const calling = externalPartyOf(ani);
      const call = engine.calls.create(
        {
          callType: CallType.PREROUTE_ACD_IN,
          ani,
          dnis: input.dnis,
          dialedNumber: input.dnis,
          callerEnteredDigits: input.callerEnteredDigits,
          ...callVariablesOf(input),
          namedVariables: input.namedVariables,
          calling,
          called: { device: input.dnis, deviceType: DeviceIdType.ROUTE_POINT },
          beginDevice: input.dnis,
        },
        engine.now(),
      );
      call.skillGroup = engine.routing.skillGroupFor(input.dnis);
      this.#routerCallId += 1;
      call.routerCallKey = {
        day: Math.floor(engine.now() / 86_400_000),
        callId: this.#routerCallId,
        sequence: 1,
      };
      call.add(calling, LCS.CONNECT, { isExternal: true });
      if (input.handleTimeSec !== undefined) call.handleTimeMs = input.handleTimeSec * 1000;
      engine.routing.enqueue(call, engine.now(), false);
      return { callId: call.id, device: input.dnis };
    });
  }

  /** The caller hangs up (or, for a call without an outside party, the call is cleared). */
  dropCall(callId: number): AcdResult {
    const call = this.#engine.calls.get(callId);
    if (!call) return fail(CtiStatus.E_CTI_INVALID_CALLID, `no call ${callId}`);
    return this.#engine.run((step) => callerHangsUp(this.#engine, step, call));
  }

  /**
   * A phone goes out of service (SYSTEM_EVENT INSTRUMENT_OUT_OF_SERVICE): its calls lose it, its
   * agent is logged out with 50003; or it comes back (INSTRUMENT_BACK_IN_SERVICE).
   */
  setDeviceOutOfService(device: string, isOutOfService = true): AcdResult {
    const engine = this.#engine;
    const agent = engine.agents.byDevice(device);
    if (!agent) return fail(CtiStatus.E_CTI_INVALID_DEVICE, `no device ${device}`);
    if (engine.isOutOfService(device) === isOutOfService) return { ok: true, events: [] };
    return engine.run((step) => {
      engine.setOutOfService(device, isOutOfService);
      if (!isOutOfService) return step.system(SystemEventId.INSTRUMENT_BACK_IN_SERVICE, device);
      step.system(SystemEventId.INSTRUMENT_OUT_OF_SERVICE, device);
      for (const conn of engine.calls.onDevice(device)) {
        // A routed call that had not been answered goes back to the queue, as on RONA.
        if (conn.isRouted && conn.state === LCS.ALERTING) rona(engine, step, conn);
        else leave(engine, step, conn, EventCause.RESOURCES_NOT_AVAILABLE);
      }
      if (agent.base.state !== AgentState.LOGOUT) logout(engine, agent, DEVICE_ERROR_REASON);
    });
  }

  answerCall(ref: CallRef): AcdResult {
    return this.#engine.run((step) => control.answerCall(this.#engine, step, ref));
  }

  holdCall(ref: CallRef): AcdResult {
    return this.#engine.run((step) => control.holdCall(this.#engine, step, ref));
  }

  retrieveCall(ref: CallRef): AcdResult {
    return this.#engine.run((step) => control.retrieveCall(this.#engine, step, ref));
  }

  clearConnection(ref: CallRef): AcdResult {
    return this.#engine.run((step) => control.clearConnection(this.#engine, step, ref));
  }

  clearCall(ref: CallRef): AcdResult {
    return this.#engine.run((step) => control.clearWholeCall(this.#engine, step, ref));
  }

  makeCall(input: DialInput): AcdResult {
    const tooLong = checkLengths(input);
    if (tooLong) return tooLong;
    return this.#engine.run((step) => control.makeCall(this.#engine, step, input));
  }

  consultationCall(active: CallRef, input: DialInput): AcdResult {
    const tooLong = checkLengths(input);
    if (tooLong) return tooLong;
    return this.#engine.run((step) => joins.consultationCall(this.#engine, step, active, input));
  }

  /** Consultative with `active`, single step with `dialedNumber`. */
  transferCall(held: CallRef, active: CallRef | undefined, dialedNumber?: string): AcdResult {
    const tooLong = checkLengths({ dialedNumber });
    if (tooLong) return tooLong;
    return this.#engine.run((step) => joins.transferCall(this.#engine, step, held, active, dialedNumber));
  }

  conferenceCall(held: CallRef, active: CallRef | undefined): AcdResult {
    return this.#engine.run((step) => joins.conferenceCall(this.#engine, step, held, active));
  }

  setCallData(ref: CallRef, data: CallDataInput): AcdResult {
    const tooLong = checkLengths(data);
    if (tooLong) return tooLong;
    return this.#engine.run((step) => control.setCallData(this.#engine, step, ref, data));
  }

  sendDtmf(ref: CallRef, dtmfString: string | undefined): AcdResult {
    return this.#engine.run(() => control.sendDtmf(this.#engine, ref, dtmfString));
  }

  /** `action` as SupervisoryAction code or name. */
  superviseCall(
    agentCall: CallRef,
    supervisorInstrument: string,
    action: number | SupervisoryActionName,
  ): AcdResult {
    const name = typeof action === 'number' ? ACTION_NAMES[action] : action;
    return this.#engine.run((step) =>
      joins.superviseCall(this.#engine, step, agentCall, supervisorInstrument, name),
    );
  }

  /** QUERY_SKILL_GROUP_STATISTICS_REQ: the group by number, or by id when the number is 0xFFFFFFFF. */
  skillGroupStatistics(lookup: {
    skillGroupNumber: number;
    skillGroupId: number;
  }): { ok: true; statistics: SkillGroupStatistics } | AcdFailure {
    return skillGroupStatistics(this.#engine, lookup);
  }

  call(callId: number): CallView | undefined {
    return this.#engine.calls.get(callId)?.view();
  }

  calls(): CallView[] {
    return this.#engine.calls.list().map((c) => c.view());
  }

  snapshot(): AcdSnapshot {
    const engine = this.#engine;
    const waiting = engine.routing.waiting();
    return {
      agents: this.list().map((a) => ({ ...a, isOutOfService: engine.isOutOfService(a.instrument) })),
      calls: this.calls(),
      queues: engine.routing.skillGroups.map((skillGroup) => ({
        skillGroup,
        callIds: waiting.filter((c) => c.skillGroup?.number === skillGroup.number).map((c) => c.id),
      })),
      dialedNumbers: engine.routing.dialedNumbers,
      generator: this.generator.state,
    };
  }

  /** Stops the generator and every timer. */
  stop(): void {
    this.generator.stop();
    this.#engine.stop();
  }
}
