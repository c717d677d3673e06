import { AgentState, CtiStatus } from '../protocol/index.ts';
import type { AgentRecord } from './agents.ts';
import type { AcdAgentConfig, AcdFailure, AcdSkillGroup, AgentLookup } from './types.ts';
import { fail } from './world.ts';

/** The seed trace's one skill group, for agents configured without any. */
const SEED_SKILL_GROUP: AcdSkillGroup = { number: 85881, id: 5000, priority: 0 };
/** ICM agent (skill target) ids are numbered from here, in configuration order. */
const FIRST_ICM_AGENT_ID = 5001;

/** The ACD's agents, by id and by phone, in configuration order. */
export class AgentBook {
  readonly #byId = new Map<string, AgentRecord>();

  constructor(configs: readonly AcdAgentConfig[], peripheralId: number, now: number) {
    configs.forEach((config, index) => {
      if (this.#byId.has(config.agentId)) throw new Error(`ACD: agent ${config.agentId} configured twice`);
      if (this.byDevice(config.instrument))
        throw new Error(`ACD: instrument ${config.instrument} configured twice`);
      const skillGroups = config.skillGroups ?? [SEED_SKILL_GROUP];
      this.#byId.set(config.agentId, {
        config,
        index,
        device: config.instrument,
        skillGroups,
        view: Object.freeze({
          agentId: config.agentId,
          instrument: config.instrument,
          extension: config.instrument,
          peripheralId: config.peripheralId ?? peripheralId,
          skillGroups,
          icmAgentId: FIRST_ICM_AGENT_ID + index,
          state: AgentState.LOGOUT,
          reasonCode: 0,
          stateSince: now,
        }),
        base: { state: AgentState.LOGOUT, reason: 0 },
        pending: undefined,
        wrapUp: undefined,
        session: undefined,
        availableSince: 0,
        announce: undefined,
      });
    });
  }

  get(agentId: string): AgentRecord | undefined {
    return this.#byId.get(agentId);
  }

  byDevice(device: string | undefined): AgentRecord | undefined {
    for (const agent of this.#byId.values()) if (agent.device === device) return agent;
    return undefined;
  }

  /** In configuration order. */
  list(): AgentRecord[] {
    return [...this.#byId.values()];
  }

  /** QUERY_AGENT_STATE_REQ / SET_AGENT_STATE_REQ: any one identifier finds the agent. */
  find(lookup: AgentLookup): { ok: true; agent: AgentRecord } | AcdFailure {
    const device = lookup.agentInstrument ?? lookup.agentExtension;
    if (lookup.agentId === undefined && device === undefined) {
      return fail(CtiStatus.E_CTI_REQUIRED_DATA_MISSING, 'no AgentID, AgentExtension or AgentInstrument');
    }
    const agent = lookup.agentId !== undefined ? this.#byId.get(lookup.agentId) : this.byDevice(device);
    if (!agent) return fail(CtiStatus.E_CTI_INVALID_AGENT_DATA, `no agent ${lookup.agentId ?? device}`);
    if (device !== undefined && agent.device !== device) {
      return fail(
        CtiStatus.E_CTI_INCONSISTENT_AGENT_DATA,
        `agent ${agent.config.agentId} is not on ${device}`,
      );
    }
    return { ok: true, agent };
  }
}
