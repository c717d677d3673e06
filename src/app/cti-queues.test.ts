import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QuerySkillGroupStatisticsConf } from '../cti/index.ts';
import { DEFAULT_DESK_SETTINGS, deskSettings } from '../resources/index.ts';
import { createSqliteStore, seedDemoData } from '../store/index.ts';
import { TEST_HASHING } from '../store/testing/hashing.ts';
import {
  queueStatisticsOf,
  queueStatisticsPort,
  simulatorAgents,
  simulatorDeskSettings,
} from './cti-queues.ts';

const conf: QuerySkillGroupStatisticsConf = {
  type: 'QUERY_SKILL_GROUP_STATISTICS_CONF',
  invokeId: 4,
  peripheralId: 5000,
  skillGroupNumber: 85881,
  skillGroupId: 5000,
  icmCentralControllerTime: Date.UTC(2026, 10, 22, 10, 0, 0) / 1000,
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
};

test('a CONF becomes Finesse Queue statistics; the start time is server time minus the wait', () => {
  assert.deepEqual(queueStatisticsOf(conf), {
    callsInQueue: 2,
    startTimeOfLongestCallInQueue: '2026-11-22T09:59:18Z',
    agentsReady: 1,
    agentsNotReady: 2,
    agentsBusyOther: 18,
    agentsLoggedOn: 9,
    agentsTalkingInbound: 3,
    agentsTalkingOutbound: 4,
    agentsTalkingInternal: 5,
    agentsWrapUpNotReady: 6,
    agentsWrapUpReady: 7,
  });
  assert.equal(
    queueStatisticsOf({ ...conf, callsQueuedNow: 0, longestCallInQ: 0 }).startTimeOfLongestCallInQueue,
    '',
  );
});

test('the port asks by skill group number; queues are named after their skill group', async () => {
  const asked: unknown[] = [];
  const query = queueStatisticsPort({
    async querySkillGroupStatistics(req) {
      asked.push(req);
      return conf;
    },
  });
  assert.equal((await query(85881)).callsInQueue, 2);
  assert.deepEqual(asked, [{ skillGroupNumber: 85881 }]);
});

test("the simulator's agents are in the skill groups of the store's queues that are theirs", async () => {
  const store = createSqliteStore({ file: ':memory:', passwordHashing: TEST_HASHING });
  await seedDemoData(store);
  const agents = await simulatorAgents(store);
  const groupsOf = (id: string) => agents.find((a) => a.agentId === id)?.skillGroups?.map((g) => g.number);
  assert.deepEqual(groupsOf('2001'), [85881], 'Sales is everybody’s');
  assert.deepEqual(groupsOf('2004'), [85881, 85882], 'Support is team 5001’s');
  assert.deepEqual(agents.find((a) => a.agentId === '2001')?.skillGroups?.[0], { number: 85881, id: 5000 });
  assert.equal(agents.find((a) => a.agentId === '2001')?.instrument, '2003');
  await store.close();
});

test("the simulator's agents get their desk settings' wrap-up and RONA reason, and lose them with the settings", async () => {
  const store = createSqliteStore({ file: ':memory:', passwordHashing: TEST_HASHING });
  await seedDemoData(store);
  assert.deepEqual((await simulatorDeskSettings(store)).get('2001'), {
    wrapUpTimeSec: undefined,
    wrapUpOnIncoming: undefined,
    wrapUpOnOutgoing: undefined,
    ronaReasonCode: undefined,
  });
  await store.putDocument(deskSettings.kind, {
    body: {
      ...DEFAULT_DESK_SETTINGS,
      name: 'Sales',
      wrapUpOnIncoming: 'REQUIRED_WITH_WRAP_UP_DATA',
      wrapUpTimer: 45,
      idleReasonOnRona: 50010,
      teams: ['5000'],
    },
  });
  const desks = await simulatorDeskSettings(store);
  assert.deepEqual(desks.get('2001'), {
    wrapUpTimeSec: 45,
    wrapUpOnIncoming: true,
    wrapUpOnOutgoing: false,
    ronaReasonCode: 50010,
  });
  assert.equal(desks.get('2004')?.ronaReasonCode, undefined, 'team 5001 has none');
  assert.equal((await simulatorAgents(store)).find((a) => a.agentId === '2001')?.wrapUpTimeSec, 45);
  await store.close();
});
