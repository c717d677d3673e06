import { bothWidths, type WireFixture } from './fixtures.ts';

/**
 * QUERY_SKILL_GROUP_STATISTICS_REQ (114) and CONF (115), written byte by byte from the (inferred)
 * layouts described in stats-layouts.ts: every field is fixed, so both tag widths give the same
 * body.
 */

const NOT_GIVEN = 0xffffffff;

export const STATS_FIXTURES: WireFixture[] = [
  ...bothWidths(
    'QUERY_SKILL_GROUP_STATISTICS_REQ by skill group number',
    {
      type: 'QUERY_SKILL_GROUP_STATISTICS_REQ',
      invokeId: 31,
      peripheralId: 5000,
      skillGroupNumber: 85881,
      skillGroupId: NOT_GIVEN,
    },
    114,
    (b) => b.u32(31).u32(5000).u32(85881).u32(NOT_GIVEN),
  ),
  ...bothWidths(
    'QUERY_SKILL_GROUP_STATISTICS_CONF with two queued calls',
    {
      type: 'QUERY_SKILL_GROUP_STATISTICS_CONF',
      invokeId: 31,
      peripheralId: 5000,
      skillGroupNumber: 85881,
      skillGroupId: 5000,
      icmCentralControllerTime: 1_795_000_000,
      agentsLoggedOn: 9,
      agentsAvail: 1,
      agentsNotReady: 2,
      agentsTalkingIn: 3,
      agentsTalkingOut: 4,
      agentsTalkingOther: 5,
      agentsWorkNotReady: 6,
      agentsWorkReady: 7,
      agentsBusyOther: 8,
      agentsReserved: 10,
      callsQueuedNow: 2,
      longestCallInQ: 42,
    },
    115,
    (b) =>
      b
        .u32(31)
        .u32(5000)
        .u32(85881)
        .u32(5000)
        .u32(1_795_000_000)
        .u32(9)
        .u32(1)
        .u32(2)
        .u32(3)
        .u32(4)
        .u32(5)
        .u32(6)
        .u32(7)
        .u32(8)
        .u32(10)
        .u32(2)
        .u32(42),
  ),
];
