import { isUsersQueue, type QueryQueueStatistics, type QueueStatistics } from '../core/index.ts';
import type {
  AcdAgentConfig,
  AcdDeskSettings,
  CtiClient,
  QuerySkillGroupStatisticsConf,
} from '../cti/index.ts';
import { DEFAULT_DESK_SETTINGS, deskSettings, pickDeskSettings } from '../resources/index.ts';
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
  store: Pick<ConfigStore, 'listQueues' | 'getUser' | 'listDocuments'>,
): Promise<AcdAgentConfig[]> {
  const queues = await store.listQueues();
  const desks = await simulatorDeskSettings(store);
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
        ...desks.get(a.id),
      };
    }),
  );
}

/**
 * The agent desk settings of the simulator's agents, as a CTI server applies them (CCE reads its
 * agents' desk settings; here they are Switchboard's, src/resources/desk-settings.ts): wrap-up
 * after incoming (routed) calls when REQUIRED or REQUIRED_WITH_WRAP_UP_DATA, after outgoing ones
 * when REQUIRED, for `wrapUpTimer` seconds; OPTIONAL and NOT_ALLOWED start none. After a routed
 * call rang unanswered the agent is Not Ready with `idleReasonOnRona`.
 */
export async function simulatorDeskSettings(
  store: Pick<ConfigStore, 'getUser' | 'listDocuments'>,
): Promise<Map<string, AcdDeskSettings>> {
  const docs = await store.listDocuments(deskSettings.kind);
  const out = new Map<string, AcdDeskSettings>();
  for (const a of DEMO.agents) {
    const user = await store.getUser(a.id);
    const desk = pickDeskSettings(docs, { id: a.id, teamId: user?.teamId ?? '' });
    // No desk settings of its own: the simulator's own options (--wrap-up …) are in charge.
    if (desk === DEFAULT_DESK_SETTINGS) {
      out.set(a.id, {
        wrapUpTimeSec: undefined,
        wrapUpOnIncoming: undefined,
        wrapUpOnOutgoing: undefined,
        ronaReasonCode: undefined,
      });
      continue;
    }
    const incoming =
      desk.wrapUpOnIncoming === 'REQUIRED' || desk.wrapUpOnIncoming === 'REQUIRED_WITH_WRAP_UP_DATA';
    const outgoing = desk.wrapUpOnOutgoing === 'REQUIRED';
    out.set(a.id, {
      wrapUpTimeSec: incoming || outgoing ? desk.wrapUpTimer : 0,
      wrapUpOnIncoming: incoming,
      wrapUpOnOutgoing: outgoing,
      ronaReasonCode: desk.idleReasonOnRona,
    });
  }
  return out;
}

/** The seed's skill group 85881 has SkillTargetID 5000; others get one derived from their number. */
const skillGroupId = (number: number) => (number === 85881 ? 5000 : 5000 + (number % 10_000));
