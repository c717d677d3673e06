import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { Message, QueryAgentStateConf, QueryAgentStateReq } from '../protocol/index.ts';
import {
  eventually,
  openConfFor,
  startScriptedServer,
  testClient,
  type WirePeer,
} from '../testing/wire-peer.ts';
import type { CtiClientOptions } from './index.ts';

/**
 * After OPEN_CONF the client asks the CTI server what it missed: agent states, then the phones of
 * agents with calls (SNAPSHOT_DEVICE_REQ), then those calls (SNAPSHOT_CALL_REQ), a bounded number at
 * a time, every answer handed on in wire order. A scripted server plays the CTI server.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function linked(options: Partial<CtiClientOptions>) {
  const server = await startScriptedServer();
  cleanups.push(() => server.stop());
  const sent: Message[] = [];
  const events: string[] = [];
  const log: string[] = [];
  // No jitter: the first reconnect is 250 ms after the loss.
  const { client, clock } = testClient(cleanups, [{ host: '127.0.0.1', port: server.port }], {
    observer: { sent: (m) => sent.push(m), event: (t) => log.push(t) },
    ...options,
  });
  client.on('agentState', (e, source) => events.push(`${source} ${e.agentId} ${e.agentState}`));
  client.on('deviceSnapshot', (c, asked) =>
    events.push(`device ${asked.agentId} ${asked.instrument} [${c.callConnectionCallId ?? []}]`),
  );
  client.on('callSnapshot', (c, asked) =>
    events.push(`call ${asked.connectionCallId}/${asked.connectionDeviceId} [${c.callDeviceId ?? []}]`),
  );
  client.on('callEvent', (e) => events.push(`event ${e.type}`));
  client.start();
  const peer = await server.nextConnection();
  peer.send(openConfFor((await peer.next('OPEN_REQ')).invokeId));
  await eventually(() => client.isUp);
  return { client, peer, sent, events, log, server, clock };
}

function queryConf(req: QueryAgentStateReq, numTasks: number, instrument?: string): QueryAgentStateConf {
  return {
    type: 'QUERY_AGENT_STATE_CONF',
    invokeId: req.invokeId,
    agentState: numTasks > 0 ? 4 : 3,
    numSkillGroups: 0,
    mrdId: 1,
    numTasks,
    agentMode: 1,
    maxTaskLimit: 1,
    icmAgentId: 5001,
    agentAvailabilityStatus: 0,
    agentId: req.agentId,
    ...(instrument ? { agentInstrument: instrument } : {}),
  };
}

const callConf = (invokeId: number, devices: string[]): Message => ({
  type: 'SNAPSHOT_CALL_CONF',
  invokeId,
  callType: 2,
  numCtiClients: 0,
  numCallDevices: devices.length,
  numNamedVariables: 0,
  numNamedArrays: 0,
  calledPartyDisposition: 0,
  callConnectionCallId: devices.map(() => 77),
  callConnectionDeviceIdType: devices.map(() => 0),
  callConnectionDeviceId: devices,
  callDeviceType: devices.map(() => 0),
  callDeviceId: devices,
  callDeviceConnectionState: devices.map(() => 3),
});

test('an agent with calls: its phone, then each call, each answer emitted in wire order with the events behind it', async () => {
  const t = await linked({
    agentsToQuery: () => [{ agentId: '2001' }, { agentId: '2002', instrument: '2004' }],
  });
  const q1 = await t.peer.next('QUERY_AGENT_STATE_REQ');
  const q2 = await t.peer.next('QUERY_AGENT_STATE_REQ');
  t.peer.send(queryConf(q1, 2, '2003'), queryConf(q2, 0));
  const device = await t.peer.next('SNAPSHOT_DEVICE_REQ');
  assert.deepEqual(
    { ...device, invokeId: 0 },
    {
      type: 'SNAPSHOT_DEVICE_REQ',
      invokeId: 0,
      peripheralId: 5000,
      snapshotDeviceType: 0,
      agentInstrument: '2003',
    },
  );
  t.peer.send({
    type: 'SNAPSHOT_DEVICE_CONF',
    invokeId: device.invokeId,
    numCalls: 2,
    callConnectionCallId: [77, 78],
    callConnectionDeviceIdType: [0, 0],
    callConnectionDeviceId: ['2003', '2003'],
    callState: [4, 3],
  });
  const first = await t.peer.next('SNAPSHOT_CALL_REQ');
  const second = await t.peer.next('SNAPSHOT_CALL_REQ');
  assert.deepEqual(
    [first, second].map((r) => `${r.connectionCallId}/${r.connectionDeviceIdType}/${r.connectionDeviceId}`),
    ['77/0/2003', '78/0/2003'],
  );
  // The CONF and a newer event in one chunk: the event comes after the snapshot.
  t.peer.send(callConf(first.invokeId, ['5551234', '2003']), {
    type: 'CALL_RETRIEVED_EVENT',
    monitorId: 0,
    peripheralId: 5000,
    peripheralType: 17,
    connectionDeviceIdType: 0,
    connectionCallId: 77,
    retrievingDeviceType: 0,
    localConnectionState: 3,
    eventCause: 0xffff,
    connectionDeviceId: '2003',
  });
  // The second call ended in between: its FAILURE_CONF is logged, nothing is emitted for it.
  t.peer.send({ type: 'FAILURE_CONF', invokeId: second.invokeId, status: 13 });
  await eventually(() => t.log.some((l) => l.startsWith('recovery done')));
  assert.deepEqual(t.events, [
    'query 2001 4',
    'query 2002 3',
    'device 2001 2003 [77,78]',
    'call 77/2003 [5551234,2003]',
    'event CALL_RETRIEVED_EVENT',
  ]);
  assert.ok(t.log.some((l) => /snapshot of call 78 failed: .*E_CTI_INVALID_CALLID/.test(l)));
  assert.ok(
    t.log.includes('recovery done: 2 agents queried, 1 phones and 2 calls snapshotted, 1 requests failed'),
  );
});

test('a hundred agents: a bounded number of requests in flight, a shared call asked once', async () => {
  const agents = Array.from({ length: 100 }, (_, i) => ({ agentId: String(3000 + i) }));
  const t = await linked({ agentsToQuery: () => agents, recoveryConcurrency: 8 });
  let outstanding = 0;
  let peak = 0;
  const answered = new Set<number>();
  const answer = (peer: WirePeer, msg: Message) => {
    outstanding--;
    peer.send(msg);
  };
  // Every agent has one call, and agents pair up on the same call (an internal call): 100 queries,
  // 100 phone snapshots, 50 call snapshots.
  for (let done = 0; done < 100 + 100 + 50; ) {
    await eventually(() => t.peer.received.length > 0, 2000, `request ${done + 1}`);
    const batch = t.peer.received.splice(0);
    outstanding += batch.length;
    peak = Math.max(peak, outstanding);
    for (const req of batch) {
      done++;
      if (req.type === 'QUERY_AGENT_STATE_REQ') answer(t.peer, queryConf(req, 1, `9${req.agentId}`));
      else if (req.type === 'SNAPSHOT_DEVICE_REQ') {
        const pair = Math.floor((Number(req.agentInstrument?.slice(1)) - 3000) / 2);
        answer(t.peer, {
          type: 'SNAPSHOT_DEVICE_CONF',
          invokeId: req.invokeId,
          numCalls: 1,
          callConnectionCallId: [pair],
          callConnectionDeviceIdType: [0],
          callConnectionDeviceId: [req.agentInstrument ?? ''],
          callState: [3],
        });
      } else if (req.type === 'SNAPSHOT_CALL_REQ') {
        assert.ok(!answered.has(req.connectionCallId), `call ${req.connectionCallId} asked twice`);
        answered.add(req.connectionCallId);
        answer(t.peer, callConf(req.invokeId, ['a', 'b']));
      } else assert.fail(`unexpected ${req.type}`);
    }
  }
  assert.ok(peak <= 8, `at most 8 in flight, saw ${peak}`);
  assert.equal(answered.size, 50);
  await eventually(() => t.log.some((l) => l.startsWith('recovery done: 100 agents')));
});

test('a link lost mid-recovery: nothing queued is sent on the next session, which starts over', async () => {
  const t = await linked({
    agentsToQuery: () => [{ agentId: '2001' }, { agentId: '2002' }, { agentId: '2003' }],
    recoveryConcurrency: 1,
  });
  const q1 = await t.peer.next('QUERY_AGENT_STATE_REQ');
  assert.equal(q1.agentId, '2001');
  t.peer.socket.destroy();
  await eventually(() => !t.client.isUp);
  assert.equal(t.sent.filter((m) => m.type === 'QUERY_AGENT_STATE_REQ').length, 1, 'the rest never went out');
  t.clock.advance(250);
  const again = await t.server.nextConnection();
  again.send(openConfFor((await again.next('OPEN_REQ')).invokeId));
  assert.equal((await again.next('QUERY_AGENT_STATE_REQ')).agentId, '2001', 'a new round from the start');
});
