import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { createFakeTimers } from '../testing/fake-timers.ts';
import { eventually, openConfFor, startScriptedServer, type WirePeer } from '../testing/wire-peer.ts';
import { type CtiClient, CtiRequestError, createCtiClient } from './index.ts';

/** querySkillGroupStatistics against a scripted CTI server: the REQ it sends, how answers settle. */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function linked(): Promise<{ client: CtiClient; peer: WirePeer }> {
  const server = await startScriptedServer();
  cleanups.push(() => server.stop());
  const clock = createFakeTimers();
  const client = createCtiClient({
    sides: [{ host: '127.0.0.1', port: server.port }],
    clientId: 'sb',
    clientPassword: '',
    peripheralId: 5000,
    timers: clock.timers,
  });
  client.start();
  cleanups.push(async () => {
    const stopping = client.stop();
    clock.advance(10_000); // the CLOSE_CONF wait: the scripted peer never answers
    await stopping;
  });
  const peer = await server.nextConnection();
  peer.send(openConfFor((await peer.next('OPEN_REQ')).invokeId));
  await eventually(() => client.isUp);
  return { client, peer };
}

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
