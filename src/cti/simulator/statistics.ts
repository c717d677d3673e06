import { AgentState, CtiStatus, SKILL_GROUP_NOT_GIVEN } from '../protocol/index.ts';
import type { AgentRecord } from './agents.ts';
import type { AcdFailure, AcdSkillGroup } from './types.ts';
import { fail, type World } from './world.ts';

/**
 * Live statistics of one skill group, for QUERY_SKILL_GROUP_STATISTICS_REQ (stats-layouts.ts):
 * counted from what the agents last showed (their published AGENT_STATE_EVENT state) and the
 * calls waiting in the queue, at the moment of the request. Nothing is accumulated over time.
 */
export interface SkillGroupStatistics {
  skillGroup: AcdSkillGroup;
  /** The ACD's clock (ms) when counted. */
  now: number;
  agentsLoggedOn: number;
  agentsAvail: number;
  agentsNotReady: number;
  agentsTalkingIn: number;
  agentsTalkingOut: number;
  agentsTalkingOther: number;
  agentsWorkNotReady: number;
  agentsWorkReady: number;
  agentsBusyOther: number;
  agentsReserved: number;
  callsQueuedNow: number;
  /** Clock time (ms) the longest-waiting call was queued; undefined when none waits. */
  oldestQueuedSince: number | undefined;
}

type Counter = Exclude<keyof SkillGroupStatistics, 'skillGroup' | 'now' | 'oldestQueuedSince'>;

/** The skill group named by number or id (0xFFFFFFFF = not given); E_CTI_INVALID_SKILL_GROUP if none. */
export function skillGroupStatistics(
  world: World,
  lookup: { skillGroupNumber: number; skillGroupId: number },
): { ok: true; statistics: SkillGroupStatistics } | AcdFailure {
  const group = world.routing.skillGroups.find(
    (g) =>
      (lookup.skillGroupNumber !== SKILL_GROUP_NOT_GIVEN && g.number === lookup.skillGroupNumber) ||
      (lookup.skillGroupNumber === SKILL_GROUP_NOT_GIVEN && g.id === lookup.skillGroupId),
  );
  if (!group) {
    return fail(
      CtiStatus.E_CTI_INVALID_SKILL_GROUP,
      `no skill group ${lookup.skillGroupNumber}/${lookup.skillGroupId}`,
    );
  }
  const stats: SkillGroupStatistics = {
    skillGroup: group,
    now: world.now(),
    agentsLoggedOn: 0,
    agentsAvail: 0,
    agentsNotReady: 0,
    agentsTalkingIn: 0,
    agentsTalkingOut: 0,
    agentsTalkingOther: 0,
    agentsWorkNotReady: 0,
    agentsWorkReady: 0,
    agentsBusyOther: 0,
    agentsReserved: 0,
    callsQueuedNow: 0,
    oldestQueuedSince: undefined,
  };
  for (const agent of world.agents.list()) {
    if (!agent.skillGroups.some((g) => g.number === group.number)) continue;
    const counter = counterOf(agent);
    if (counter === undefined) continue;
    stats.agentsLoggedOn++;
    stats[counter]++;
  }
  for (const call of world.routing.waiting()) {
    if (call.skillGroup?.number !== group.number || !call.queue) continue;
    stats.callsQueuedNow++;
    const since = call.queue.since;
    if (stats.oldestQueuedSince === undefined || since < stats.oldestQueuedSince)
      stats.oldestQueuedSince = since;
  }
  return { ok: true, statistics: stats };
}

/** Which count a logged-on agent adds to; undefined for a logged-out one. */
function counterOf(agent: AgentRecord): Counter | undefined {
  switch (agent.view.state) {
    case AgentState.LOGOUT:
      return undefined;
    case AgentState.AVAILABLE:
      return 'agentsAvail';
    case AgentState.TALKING:
    case AgentState.HOLD:
      // A routed call is inbound ACD work; a call the agent dialled is outbound; the rest (a
      // direct call to the agent's phone, a consult it received) is "other" (Finesse: internal).
      if (agent.session?.isRouted) return 'agentsTalkingIn';
      return agent.session?.isOutbound ? 'agentsTalkingOut' : 'agentsTalkingOther';
    case AgentState.WORK_NOT_READY:
      return 'agentsWorkNotReady';
    case AgentState.WORK_READY:
      return 'agentsWorkReady';
    case AgentState.RESERVED:
      return 'agentsReserved';
    case AgentState.BUSY_OTHER:
      return 'agentsBusyOther';
    default:
      // LOGIN (transient) and NOT_READY; the other codes are never shown by this ACD.
      return 'agentsNotReady';
  }
}
