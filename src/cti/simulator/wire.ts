import { type AgentStateEvent, PeripheralType, type QueryAgentStateConf } from '../protocol/index.ts';
import type { AcdEvent, AgentView } from './acd.ts';

/** The ACD's view of an agent as GED-188 messages. Voice only: MRD 1, one task at most. */

const VOICE_MRD = 1;
const AGENT_MODE_ROUTABLE = 1;

/**
 * One AGENT_STATE_EVENT per change: the fixed part names the agent's first skill group, as in the
 * seed (NumFltSkillGroups 0); agents in several skill groups also get the FltSkillGroup lists.
 */
export function agentStateEventOf(event: AcdEvent, now: number): AgentStateEvent {
  const { agent } = event;
  const [first] = agent.skillGroups;
  const many = agent.skillGroups.length > 1;
  return {
    type: 'AGENT_STATE_EVENT',
    monitorId: 0,
    peripheralId: agent.peripheralId,
    sessionId: 0,
    peripheralType: PeripheralType.ENTERPRISE_AGENT,
    skillGroupState: event.skillGroupState,
    stateDuration: secondsSince(agent, now),
    skillGroupNumber: first?.number ?? 0,
    skillGroupId: first?.id ?? 0,
    skillGroupPriority: first?.priority ?? 0,
    agentState: agent.state,
    eventReasonCode: agent.reasonCode,
    mrdId: VOICE_MRD,
    numTasks: 0,
    agentMode: AGENT_MODE_ROUTABLE,
    maxTaskLimit: 1,
    icmAgentId: agent.icmAgentId,
    agentAvailabilityStatus: 0,
    numFltSkillGroups: many ? agent.skillGroups.length : 0,
    departmentId: 0, // dropped by the serializer for clients below v24
    ctiClientSignature: '',
    agentId: agent.agentId,
    agentExtension: agent.extension,
    agentInstrument: agent.instrument,
    ...(many
      ? {
          fltSkillGroupNumber: agent.skillGroups.map((g) => g.number),
          fltSkillGroupId: agent.skillGroups.map((g) => g.id),
          fltSkillGroupPriority: agent.skillGroups.map((g) => g.priority ?? 0),
          fltSkillGroupState: agent.skillGroups.map(() => event.skillGroupState),
        }
      : {}),
  };
}

export function queryAgentStateConfOf(invokeId: number, agent: AgentView): QueryAgentStateConf {
  return {
    type: 'QUERY_AGENT_STATE_CONF',
    invokeId,
    agentState: agent.state,
    numSkillGroups: agent.skillGroups.length,
    mrdId: VOICE_MRD,
    numTasks: 0,
    agentMode: AGENT_MODE_ROUTABLE,
    maxTaskLimit: 1,
    icmAgentId: agent.icmAgentId,
    agentAvailabilityStatus: 0,
    agentId: agent.agentId,
    agentExtension: agent.extension,
    agentInstrument: agent.instrument,
    skillGroupNumber: agent.skillGroups.map((g) => g.number),
    skillGroupId: agent.skillGroups.map((g) => g.id),
    skillGroupPriority: agent.skillGroups.map((g) => g.priority ?? 0),
    skillGroupState: agent.skillGroups.map(() => agent.state),
  };
}

export function secondsSince(agent: AgentView, now: number): number {
  return Math.max(0, Math.floor((now - agent.stateSince) / 1000));
}
