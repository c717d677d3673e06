import { AgentState, CtiStatus, ForcedFlag } from '../protocol/index.ts';

/**
 * The simulator's ACD: agents and their state machine, with no knowledge of sockets or bytes.
 * Requests go in, domain events (or a GED-188 failure status) come out; server.ts turns them into
 * messages. Calls, routing, RONA and wrap-up will extend `AcdEvent` and the agent record.
 */

export interface AcdSkillGroup {
  number: number;
  id: number;
  priority?: number;
}

export interface AcdAgentConfig {
  agentId: string;
  /** The agent's phone: extension and instrument are the same device here. */
  instrument: string;
  /** Default: the simulator's peripheral. */
  peripheralId?: number;
  /** Default: the one skill group of the seed trace (85881 / 5000). */
  skillGroups?: readonly AcdSkillGroup[];
  /** Checked on LOGIN only when set; Finesse on UCCE authenticates agents itself and sends none. */
  password?: string;
}

export interface AgentView {
  readonly agentId: string;
  readonly instrument: string;
  readonly extension: string;
  readonly peripheralId: number;
  readonly skillGroups: readonly AcdSkillGroup[];
  /** ICM's numeric agent (skill target) id. */
  readonly icmAgentId: number;
  /** GED-188 agent state code (AgentState). */
  readonly state: number;
  readonly reasonCode: number;
  /** Clock time (ms) the current state began. */
  readonly stateSince: number;
}

export type AcdEvent = {
  type: 'agentState';
  agent: AgentView;
  /** LOGIN on the login event and LOGOUT on the logout event, as the seed trace shows; else the state. */
  skillGroupState: number;
};

export type AcdResult = { ok: true; events: AcdEvent[] } | { ok: false; status: number; reason: string };

export interface SetAgentStateInput {
  peripheralId: number;
  agentState: number;
  eventReasonCode: number;
  forcedFlag: number;
  agentId?: string;
  agentInstrument?: string;
  agentPassword?: string;
}

export interface AgentLookup {
  agentId?: string;
  agentExtension?: string;
  agentInstrument?: string;
}

export interface AcdOptions {
  agents: readonly AcdAgentConfig[];
  peripheralId: number;
  now?: () => number;
}

const SEED_SKILL_GROUP: AcdSkillGroup = { number: 85881, id: 5000, priority: 0 };
const FIRST_ICM_AGENT_ID = 5001;

interface Agent {
  config: AcdAgentConfig;
  view: AgentView;
}

export class Acd {
  readonly peripheralId: number;
  readonly #agents = new Map<string, Agent>();
  readonly #now: () => number;

  constructor(options: AcdOptions) {
    this.peripheralId = options.peripheralId;
    this.#now = options.now ?? Date.now;
    options.agents.forEach((config, i) => {
      if (this.#agents.has(config.agentId)) throw new Error(`ACD: agent ${config.agentId} configured twice`);
      this.#agents.set(config.agentId, {
        config,
        view: Object.freeze({
          agentId: config.agentId,
          instrument: config.instrument,
          extension: config.instrument,
          peripheralId: config.peripheralId ?? options.peripheralId,
          skillGroups: config.skillGroups ?? [SEED_SKILL_GROUP],
          icmAgentId: FIRST_ICM_AGENT_ID + i,
          state: AgentState.LOGOUT,
          reasonCode: 0,
          stateSince: this.#now(),
        }),
      });
    });
  }

  get(agentId: string): AgentView | undefined {
    return this.#agents.get(agentId)?.view;
  }

  list(): AgentView[] {
    return [...this.#agents.values()].map((a) => a.view);
  }

  /** QUERY_AGENT_STATE_REQ: any one identifier finds the agent. */
  find(lookup: AgentLookup): { ok: true; agent: AgentView } | { ok: false; status: number; reason: string } {
    const device = lookup.agentInstrument ?? lookup.agentExtension;
    if (lookup.agentId === undefined && device === undefined) {
      return fail(CtiStatus.E_CTI_REQUIRED_DATA_MISSING, 'no AgentID, AgentExtension or AgentInstrument');
    }
    const agent = lookup.agentId !== undefined ? this.#agents.get(lookup.agentId) : this.#byDevice(device);
    if (!agent) return fail(CtiStatus.E_CTI_INVALID_AGENT_DATA, `no agent ${lookup.agentId ?? device}`);
    if (device !== undefined && agent.view.instrument !== device) {
      return fail(CtiStatus.E_CTI_INCONSISTENT_AGENT_DATA, `agent ${agent.view.agentId} is not on ${device}`);
    }
    return { ok: true, agent: agent.view };
  }

  /**
   * SET_AGENT_STATE_REQ, with UCCE's rules: LOGIN puts the agent in NOT_READY; READY and NOT_READY
   * need a logged-in agent; LOGOUT is allowed only from NOT_READY unless forced. A second LOGIN is
   * refused unless forced, in which case the current state is announced again.
   */
  setAgentState(req: SetAgentStateInput): AcdResult {
    if (req.agentId === undefined && req.agentInstrument === undefined) {
      return fail(CtiStatus.E_CTI_REQUIRED_DATA_MISSING, 'no AgentID or AgentInstrument');
    }
    const found = this.find({ agentId: req.agentId, agentInstrument: req.agentInstrument });
    if (!found.ok) return found;
    const agent = this.#agents.get(found.agent.agentId)!;
    const { state } = agent.view;
    if (req.peripheralId !== agent.view.peripheralId) {
      return fail(
        CtiStatus.E_CTI_INVALID_PERIPHERAL_ID,
        `agent ${agent.view.agentId} is on ${agent.view.peripheralId}`,
      );
    }
    const forced = req.forcedFlag === ForcedFlag.TRUE;
    const loggedOut = state === AgentState.LOGOUT;
    switch (req.agentState) {
      case AgentState.LOGIN:
        if (agent.config.password !== undefined && req.agentPassword !== agent.config.password) {
          return fail(CtiStatus.E_CTI_INVALID_PASSWORD, 'wrong agent password');
        }
        if (!loggedOut && !forced) return fail(CtiStatus.E_CTI_INVALID_OBJECT_STATE, 'already logged in');
        if (!loggedOut) return this.#announce(agent, state);
        return this.#transition(agent, AgentState.NOT_READY, 0, AgentState.LOGIN);
      case AgentState.LOGOUT:
        if (loggedOut) return fail(CtiStatus.E_CTI_AGENT_NOT_LOGGED_ON, 'not logged in');
        if (state !== AgentState.NOT_READY && !forced) {
          return fail(CtiStatus.E_CTI_INVALID_OBJECT_STATE, 'LOGOUT is allowed from NOT_READY only');
        }
        return this.#transition(agent, AgentState.LOGOUT, req.eventReasonCode, AgentState.LOGOUT);
      case AgentState.NOT_READY:
      case AgentState.AVAILABLE:
        if (loggedOut) return fail(CtiStatus.E_CTI_AGENT_NOT_LOGGED_ON, 'not logged in');
        return this.#transition(
          agent,
          req.agentState,
          req.agentState === AgentState.NOT_READY ? req.eventReasonCode : 0,
          req.agentState,
        );
      default:
        // TALKING, HOLD, RESERVED… are the ACD's to set, not a client's; WORK states need a call.
        return fail(
          CtiStatus.E_CTI_INVALID_OBJECT_STATE,
          `agent state ${req.agentState} cannot be requested`,
        );
    }
  }

  #transition(agent: Agent, state: number, reasonCode: number, skillGroupState: number): AcdResult {
    const changed = state !== agent.view.state || reasonCode !== agent.view.reasonCode;
    agent.view = Object.freeze({
      ...agent.view,
      state,
      reasonCode,
      stateSince: changed ? this.#now() : agent.view.stateSince,
    });
    return { ok: true, events: [{ type: 'agentState', agent: agent.view, skillGroupState }] };
  }

  #announce(agent: Agent, skillGroupState: number): AcdResult {
    return { ok: true, events: [{ type: 'agentState', agent: agent.view, skillGroupState }] };
  }

  #byDevice(device: string | undefined): Agent | undefined {
    if (device === undefined) return undefined;
    for (const agent of this.#agents.values()) if (agent.view.instrument === device) return agent;
    return undefined;
  }
}

function fail(status: number, reason: string): { ok: false; status: number; reason: string } {
  return { ok: false, status, reason };
}
