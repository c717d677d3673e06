import { fixed as f, layout } from './fields.ts';

/**
 * Skill group statistics, A.3 ids 114/115 (QUERY_SKILL_GROUP_STATISTICS_REQ/CONF). The guide's
 * table was not read beyond the ids, so both layouts are (inferred).
 *
 * REQ (inferred, the pattern of QUERY_AGENT_STATE_REQ): InvokeID, PeripheralID, then the skill
 * group by number or by id; the one not given is 0xFFFFFFFF.
 *
 * CONF (inferred): the real CONF carries many more counters (today, half-hour …) in an order we
 * could not confirm; we carry only what Finesse's Queue object needs (finesse-api.md §1.8), all
 * fixed, in the order below. Agents on hold count as talking; a reserved (ringing) agent is its
 * own count. ICMCentralControllerTime lets the reader turn LongestCallInQ (seconds) into the
 * start time of that call on the server's own clock, so the value does not jitter between polls.
 */
const NOT_GIVEN = 0xffffffff;
export const SKILL_GROUP_NOT_GIVEN = NOT_GIVEN;

const invokeId = f('invokeId', 'uint');
const peripheralId = f('peripheralId', 'uint');
const skillGroupNumber = f('skillGroupNumber', 'uint');
const skillGroupId = f('skillGroupId', 'uint');

export const STATS_LAYOUTS = {
  QUERY_SKILL_GROUP_STATISTICS_REQ: layout([invokeId, peripheralId, skillGroupNumber, skillGroupId], []),
  QUERY_SKILL_GROUP_STATISTICS_CONF: layout(
    [
      invokeId,
      peripheralId,
      skillGroupNumber,
      skillGroupId,
      f('icmCentralControllerTime', 'time'),
      f('agentsLoggedOn', 'uint'),
      f('agentsAvail', 'uint'), // Ready and routable: Finesse's agentsReady
      f('agentsNotReady', 'uint'),
      f('agentsTalkingIn', 'uint'), // on a routed (ACD) call
      f('agentsTalkingOut', 'uint'), // on a call the agent placed
      f('agentsTalkingOther', 'uint'), // on any other call (internal, direct)
      f('agentsWorkNotReady', 'uint'),
      f('agentsWorkReady', 'uint'),
      f('agentsBusyOther', 'uint'),
      f('agentsReserved', 'uint'),
      f('callsQueuedNow', 'uint'),
      f('longestCallInQ', 'uint'), // seconds the oldest waiting call has waited; 0 when none
    ],
    [],
  ),
} as const;
