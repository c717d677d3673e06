import type { QueryQueueStatistics, QueueConfig, QueueStatistics } from '../core/index.ts';
import type { CtiClient, QuerySkillGroupStatisticsConf } from '../cti/index.ts';

/**
 * The queue poller's CTI port: QUERY_SKILL_GROUP_STATISTICS_REQ by skill group number (the Queue
 * id, finesse-api.md §1.8), its CONF recast as a Finesse Queue's statistics.
 */
export function queueStatisticsPort(cti: Pick<CtiClient, 'querySkillGroupStatistics'>): QueryQueueStatistics {
  return async (skillGroupNumber) =>
    queueStatisticsOf(await cti.querySkillGroupStatistics({ skillGroupNumber }));
}

export function queueStatisticsOf(conf: QuerySkillGroupStatisticsConf): QueueStatistics {
  // Start of the longest wait, on the CTI server's clock: the same value on every poll.
  const startSec = conf.icmCentralControllerTime - conf.longestCallInQ;
  return {
    callsInQueue: conf.callsQueuedNow,
    startTimeOfLongestCallInQueue:
      conf.callsQueuedNow > 0 ? new Date(startSec * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') : '',
    agentsReady: conf.agentsAvail,
    agentsNotReady: conf.agentsNotReady,
    // A reserved agent (a routed call ringing) is neither ready nor talking: Finesse has no other
    // count it could go to.
    agentsBusyOther: conf.agentsBusyOther + conf.agentsReserved,
    agentsLoggedOn: conf.agentsLoggedOn,
    agentsTalkingInbound: conf.agentsTalkingIn,
    agentsTalkingOutbound: conf.agentsTalkingOut,
    agentsTalkingInternal: conf.agentsTalkingOther,
    agentsWrapUpNotReady: conf.agentsWorkNotReady,
    agentsWrapUpReady: conf.agentsWorkReady,
  };
}

/**
 * The queues Switchboard serves: one per skill group the bundled simulator routes to (its
 * configured agents' skill groups), Queue id = skill group number. A real CTI server's skill
 * groups are not discovered: with one, no queues are configured.
 */
export function queuesOfSkillGroups(groups: readonly { number: number }[]): QueueConfig[] {
  return groups.map((g) => ({ id: String(g.number), name: `SkillGroup_${g.number}` }));
}
