import { isUsersQueue, type QueryQueueStatistics, type QueueStatistics } from '../core/index.ts';
import type { AcdAgentConfig, CtiClient, QuerySkillGroupStatisticsConf } from '../cti/index.ts';
import { type ConfigStore, DEMO } from '../store/index.ts';

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
 * The bundled simulator's agents (the demo users with a phone), each in the skill groups of the
 * store's queues that are its own (Queue id = skill group number). With no queue of its own an
 * agent falls back to the simulator's default, the seed's skill group. Queues changed later reach
 * Switchboard's poller at once, the simulator only when it restarts, as a real ACD's skill groups
 * are configured in ICM, not through Finesse.
 */
export async function simulatorAgents(
  store: Pick<ConfigStore, 'listQueues' | 'getUser'>,
): Promise<AcdAgentConfig[]> {
  const queues = await store.listQueues();
  return Promise.all(
    DEMO.agents.map(async (a) => {
      const user = await store.getUser(a.id);
      const groups = user ? queues.filter((q) => isUsersQueue(user, q)) : [];
      return {
        agentId: a.id,
        instrument: a.extension,
        ...(groups.length > 0 && {
          skillGroups: groups.map((q) => ({ number: Number(q.id), id: skillGroupId(Number(q.id)) })),
        }),
      };
    }),
  );
}

/** The seed's skill group 85881 has SkillTargetID 5000; others get one derived from their number. */
const skillGroupId = (number: number) => (number === 85881 ? 5000 : 5000 + (number % 10_000));
