import { AgentState, CtiStatus, ForcedFlag, LocalConnectionState as LCS } from '../protocol/index.ts';
import type { Connection } from './calls.ts';
import type { Routable } from './routing.ts';
import type { AcdAgentConfig, AcdFailure, AgentView, SetAgentStateInput } from './types.ts';
import { fail, type Step, type World } from './world.ts';

/**
 * Agents and their state machine (finesse-api.md §2). An agent has a *base* state it chose
 * (NOT_READY + reason, AVAILABLE, a wrap-up state, LOGOUT) and a *shown* state derived from its
 * phone: RESERVED while a routed call alerts, TALKING on a call, HOLD when all its calls are held.
 * A READY/NOT_READY/WORK request during a call becomes the *pending* state (AGENT_STATE_EVENT
 * NextAgentState) and applies when the call ends — never overridden by the call ending (B.3 #4).
 */

/** UCCE's reason code for "Not Ready: ring no answer" (RONA). */
export const RONA_REASON_CODE = 32767;
/** Finesse's wrapUpTimer default (finesse-api.md §2): used when an agent asks for wrap-up but none is configured. */
const DEFAULT_WRAP_UP_SEC = 7200;

export interface StateAndReason {
  state: number;
  reason: number;
}

export interface AgentRecord extends Routable {
  /** Replaced (not changed) when the agent's desk settings change (AcdEngine.configureAgent). */
  config: AcdAgentConfig;
  readonly device: string;
  /** The last published view (what the last AGENT_STATE_EVENT said). */
  view: AgentView;
  base: StateAndReason;
  pending: StateAndReason | undefined;
  /** In wrap-up: the timer that ends it, and the state it ends in. */
  wrapUp: { timer: unknown; endsIn: StateAndReason } | undefined;
  /** From the first connection on the agent's phone to the last one gone. */
  session: { isTalked: boolean; isOutbound: boolean; isRouted: boolean; isRona: boolean } | undefined;
  availableSince: number;
  /** Publish at the next settle even if nothing changed, with this SkillGroupState. */
  announce: number | undefined;
}

/** The state an agent shows now, from its base state and the connections on its phone. */
export function shownState(agent: AgentRecord, conns: readonly Connection[]): StateAndReason {
  if (agent.base.state === AgentState.LOGOUT || conns.length === 0) return agent.base;
  const answered = conns.filter((c) => c.state !== LCS.ALERTING);
  if (answered.length === 0) {
    // Only ringing: a routed call reserves the agent; a direct call leaves the state alone.
    return conns.some((c) => c.isRouted) ? { state: AgentState.RESERVED, reason: 0 } : agent.base;
  }
  if (answered.every((c) => c.state === LCS.HOLD)) return { state: AgentState.HOLD, reason: 0 };
  return { state: AgentState.TALKING, reason: 0 };
}

/** Routable now: logged in, AVAILABLE, nothing on its phone, phone in service. */
export function isAvailable(world: World, agent: AgentRecord): boolean {
  return (
    agent.base.state === AgentState.AVAILABLE &&
    !world.isOutOfService(agent.device) &&
    world.calls.onDevice(agent.device).length === 0
  );
}

/**
 * SET_AGENT_STATE_REQ with UCCE's rules: LOGIN puts the agent in NOT_READY; READY and NOT_READY
 * need a logged-in agent and become pending during a call; LOGOUT only from NOT_READY unless
 * forced; WORK states only during a call (pending) or wrap-up. A second LOGIN is refused unless
 * forced, in which case the current state is announced again.
 */
export function requestAgentState(world: World, req: SetAgentStateInput): AcdFailure | undefined {
  if (req.agentId === undefined && req.agentInstrument === undefined) {
    return fail(CtiStatus.E_CTI_REQUIRED_DATA_MISSING, 'no AgentID or AgentInstrument');
  }
  const found = world.agents.find({ agentId: req.agentId, agentInstrument: req.agentInstrument });
  if (!found.ok) return found;
  const { agent } = found;
  if (req.peripheralId !== agent.view.peripheralId) {
    return fail(
      CtiStatus.E_CTI_INVALID_PERIPHERAL_ID,
      `agent ${agent.config.agentId} is on ${agent.view.peripheralId}`,
    );
  }
  const forced = req.forcedFlag === ForcedFlag.TRUE;
  const loggedOut = agent.base.state === AgentState.LOGOUT;
  const conns = world.calls.onDevice(agent.device);
  const shown = shownState(agent, conns).state;
  const notLoggedOn = () => fail(CtiStatus.E_CTI_AGENT_NOT_LOGGED_ON, 'not logged in');
  switch (req.agentState) {
    case AgentState.LOGIN:
      if (agent.config.password !== undefined && req.agentPassword !== agent.config.password) {
        return fail(CtiStatus.E_CTI_INVALID_PASSWORD, 'wrong agent password');
      }
      if (!loggedOut && !forced) return fail(CtiStatus.E_CTI_INVALID_OBJECT_STATE, 'already logged in');
      if (!loggedOut) {
        agent.announce = shown;
        return undefined;
      }
      if (world.isOutOfService(agent.device)) {
        return fail(CtiStatus.E_CTI_INVALID_DEVICE, `instrument ${agent.device} is out of service`);
      }
      agent.base = { state: AgentState.NOT_READY, reason: 0 };
      agent.announce = AgentState.LOGIN;
      return undefined;
    case AgentState.LOGOUT:
      if (loggedOut) return notLoggedOn();
      if (shown !== AgentState.NOT_READY && !forced) {
        return fail(CtiStatus.E_CTI_INVALID_OBJECT_STATE, 'LOGOUT is allowed from NOT_READY only');
      }
      logout(world, agent, req.eventReasonCode);
      return undefined;
    case AgentState.NOT_READY:
    case AgentState.AVAILABLE:
    case AgentState.WORK_READY:
    case AgentState.WORK_NOT_READY: {
      if (loggedOut) return notLoggedOn();
      const reason = req.agentState === AgentState.AVAILABLE ? 0 : req.eventReasonCode;
      const wanted = { state: req.agentState, reason };
      const isWork = req.agentState === AgentState.WORK_READY || req.agentState === AgentState.WORK_NOT_READY;
      if (conns.length > 0) {
        agent.pending = wanted;
      } else if (isWork && agent.wrapUp) {
        agent.base = { state: req.agentState, reason: 0 };
        agent.wrapUp.endsIn = afterWrapUp(wanted);
      } else if (isWork) {
        return fail(CtiStatus.E_CTI_INVALID_OBJECT_STATE, 'wrap-up needs a call');
      } else {
        endWrapUp(world, agent);
        agent.base = wanted;
      }
      agent.announce = shownState(agent, conns).state;
      return undefined;
    }
    default:
      // TALKING, HOLD, RESERVED… are the ACD's to set, not a client's.
      return fail(CtiStatus.E_CTI_INVALID_OBJECT_STATE, `agent state ${req.agentState} cannot be requested`);
  }
}

/** LOGOUT now, calls or not (a forced logout leaves the phone's calls alone: they go on). */
export function logout(world: World, agent: AgentRecord, reasonCode: number): void {
  endWrapUp(world, agent);
  agent.pending = undefined;
  agent.session = undefined;
  agent.base = { state: AgentState.LOGOUT, reason: reasonCode };
  agent.announce = AgentState.LOGOUT;
}

/**
 * Brings an agent's published state up to date at the end of a step: tracks its call session,
 * applies the after-call rules when the last connection went, and publishes a change.
 */
export function settleAgent(world: World, agent: AgentRecord, step: Step): void {
  const conns = world.calls.onDevice(agent.device);
  if (agent.base.state === AgentState.LOGOUT) {
    agent.session = undefined;
  } else if (conns.length > 0) {
    agent.session ??= {
      isTalked: false,
      isOutbound: conns.some((c) => c.state === LCS.INITIATE || c.state === LCS.FAIL),
      isRouted: false,
      isRona: false,
    };
    // An ACD call counts however it reached the agent: routed to it, or transferred (or
    // conferenced) to it by the agent it was routed to — that agent's wrap-up applies to it too.
    if (conns.some((c) => c.isRouted || (!c.isSupervisory && c.call.isAcd))) agent.session.isRouted = true;
    if (conns.some((c) => !c.isSupervisory && (c.state === LCS.CONNECT || c.state === LCS.HOLD))) {
      agent.session.isTalked = true;
    }
  } else if (agent.session) {
    afterCall(world, agent, agent.session);
  }
  const shown = shownState(agent, conns);
  const next = agent.pending?.state;
  const view = agent.view;
  const stateChanged = shown.state !== view.state || shown.reason !== view.reasonCode;
  if (!stateChanged && next === view.nextAgentState && agent.announce === undefined) return;
  const now = world.now();
  if (shown.state === AgentState.AVAILABLE && view.state !== AgentState.AVAILABLE) agent.availableSince = now;
  const { nextAgentState: _previous, ...rest } = view;
  agent.view = Object.freeze({
    ...rest,
    state: shown.state,
    reasonCode: shown.reason,
    stateSince: stateChanged ? now : view.stateSince,
    ...(next === undefined ? {} : { nextAgentState: next }),
  });
  step.events.push({ type: 'agentState', agent: agent.view, skillGroupState: agent.announce ?? shown.state });
  agent.announce = undefined;
}

/**
 * The last call left the agent's phone. RONA → NOT_READY 32767 (or the agent's own pending
 * NOT_READY reason); an answered call → wrap-up if configured or asked for; otherwise the pending
 * state, or the state from before the call (finesse-api.md §2: "returns to pre-call state").
 */
function afterCall(world: World, agent: AgentRecord, session: NonNullable<AgentRecord['session']>): void {
  agent.session = undefined;
  const pending = agent.pending;
  agent.pending = undefined;
  if (session.isRona) {
    const reason =
      pending?.state === AgentState.NOT_READY
        ? pending.reason
        : (agent.config.ronaReasonCode ?? RONA_REASON_CODE);
    endWrapUp(world, agent);
    agent.base = { state: AgentState.NOT_READY, reason };
    return;
  }
  const asked = pending?.state === AgentState.WORK_READY || pending?.state === AgentState.WORK_NOT_READY;
  const configuredSec = agent.config.wrapUpTimeSec ?? world.settings.wrapUpTimeSec;
  // Configured wrap-up follows ACD (routed) calls, and outgoing calls with wrapUpOnOutgoing
  // (Finesse's wrapUpOnIncoming / wrapUpOnOutgoing settings, finesse-api.md §1.3).
  const configured =
    configuredSec > 0 &&
    ((session.isRouted && agent.config.wrapUpOnIncoming !== false) ||
      (session.isOutbound && agent.config.wrapUpOnOutgoing === true));
  if (session.isTalked && (asked || configured)) {
    const toNotReady =
      pending?.state === AgentState.NOT_READY || pending?.state === AgentState.WORK_NOT_READY;
    const seconds = configuredSec > 0 ? configuredSec : DEFAULT_WRAP_UP_SEC;
    endWrapUp(world, agent);
    agent.base = { state: toNotReady ? AgentState.WORK_NOT_READY : AgentState.WORK_READY, reason: 0 };
    const endsIn = afterWrapUp(pending ?? { state: AgentState.WORK_READY, reason: 0 });
    const timer = world.later(seconds * 1000, () => {
      const wrapUp = agent.wrapUp;
      if (!wrapUp || wrapUp.timer !== timer) return;
      agent.base = wrapUp.endsIn;
      agent.wrapUp = undefined;
    });
    agent.wrapUp = { timer, endsIn };
    return;
  }
  if (pending?.state === AgentState.NOT_READY || pending?.state === AgentState.AVAILABLE)
    agent.base = pending;
}

/** WORK_READY ends in READY, WORK_NOT_READY (or a NOT_READY asked for) in NOT_READY with its reason. */
function afterWrapUp(wanted: StateAndReason): StateAndReason {
  return wanted.state === AgentState.NOT_READY || wanted.state === AgentState.WORK_NOT_READY
    ? { state: AgentState.NOT_READY, reason: wanted.reason }
    : { state: AgentState.AVAILABLE, reason: 0 };
}

function endWrapUp(world: World, agent: AgentRecord): void {
  if (!agent.wrapUp) return;
  world.cancel(agent.wrapUp.timer);
  agent.wrapUp = undefined;
}
