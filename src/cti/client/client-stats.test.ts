import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { linkedClient } from '../testing/wire-peer.ts';
import { CtiRequestError } from './index.ts';

/** querySkillGroupStatistics against a scripted CTI server: the REQ it sends, how answers settle. */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const linked = () => linkedClient(cleanups);

const counts = {
  icmCentralControllerTime: 1_795_000_000,
  agentsLoggedOn: 2,
  agentsAvail: 1,
  agentsNotReady: 1,
  agentsTalkingIn: 0,
  agentsTalkingOut: 0,
  agentsTalkingOther: 0,
  agentsWorkNotReady: 0,
  agentsWorkReady: 0,
  agentsBusyOther: 0,
  agentsReserved: 0,
  callsQueuedNow: 0,
  longestCallInQ: 0,
};

test('by number: the id goes out as "not given", and the CONF resolves the request', async () => {
  const { client, peer } = await linked();
  const pending = client.querySkillGroupStatistics({ skillGroupNumber: 85881 });
  const req = await peer.next('QUERY_SKILL_GROUP_STATISTICS_REQ');
  assert.equal(req.peripheralId, 5000);
  assert.equal(req.skillGroupNumber, 85881);
  assert.equal(req.skillGroupId, 0xffffffff);
  const conf = {
    type: 'QUERY_SKILL_GROUP_STATISTICS_CONF',
    invokeId: req.invokeId,
    peripheralId: 5000,
    skillGroupNumber: 85881,
    skillGroupId: 5000,
    ...counts,
  } as const;
  peer.send(conf);
  assert.deepEqual(await pending, conf);
});

test('by id, and a FAILURE_CONF rejects with its status', async () => {
  const { client, peer } = await linked();
  const pending = client.querySkillGroupStatistics({ skillGroupId: 5000 });
  const req = await peer.next('QUERY_SKILL_GROUP_STATISTICS_REQ');
  assert.equal(req.skillGroupNumber, 0xffffffff);
  assert.equal(req.skillGroupId, 5000);
  peer.send({ type: 'FAILURE_CONF', invokeId: req.invokeId, status: 12 });
  await assert.rejects(pending, (e) => e instanceof CtiRequestError && e.status === 12);
});
