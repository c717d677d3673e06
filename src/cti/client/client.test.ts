import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { freePort } from '../../../test/support/ports.ts';
import { ManualTimers } from '../../clock/testing/manual-timers.ts';
import type { Message } from '../protocol/index.ts';
import { SEED } from '../testing/fixtures.ts';
import {
  eventually,
  openConfFor,
  type ScriptedServer,
  startScriptedServer,
  type WirePeer,
} from '../testing/wire-peer.ts';
import {
  type CtiClient,
  type CtiClientOptions,
  CtiRequestError,
  createCtiClient,
  reconnectDelay,
} from './index.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Harness {
  client: CtiClient;
  clock: ManualTimers;
  events: string[];
  statuses: string[];
  sent: Message[];
}

function startClient(
  sides: { host: string; port: number }[],
  options: Partial<CtiClientOptions> = {},
): Harness {
  const clock = new ManualTimers(1_700_000_000_000);
  const h: Harness = { clock, events: [], statuses: [], sent: [], client: undefined as unknown as CtiClient };
  h.client = createCtiClient({
    sides,
    clientId: 'switchboard',
    clientPassword: '',
    peripheralId: 5000,
    timers: clock,
    random: () => 0.5, // no jitter: reconnect delays are exactly 250, 500, 1000 … ms
    observer: { event: (text) => h.events.push(text), sent: (msg) => h.sent.push(msg) },
    ...options,
  });
  h.client.on('status', (s) => h.statuses.push(s));
  h.client.start();
  cleanups.push(async () => {
    const stopping = h.client.stop();
    h.clock.advance(10_000); // CLOSE_CONF wait, if a peer never answers
    await stopping;
  });
  return h;
}

async function scripted(): Promise<ScriptedServer> {
  const server = await startScriptedServer();
  cleanups.push(() => server.stop());
  return server;
}

/** Accepts the next connection and completes the OPEN handshake on it. */
async function acceptOpen(server: ScriptedServer, h: Harness): Promise<WirePeer> {
  const peer = await server.nextConnection();
  const open = await peer.next('OPEN_REQ');
  peer.send(openConfFor(open.invokeId));
  await eventually(() => h.client.isUp, 2000, 'link up');
  return peer;
}

const side = (port: number) => ({ host: '127.0.0.1', port });

test('OPEN_REQ asks for a bridge session: CLIENT_CONTROL + ALL_EVENTS, every event, IdleTimeout 4× heartbeat', async () => {
  const server = await scripted();
  const h = startClient([side(server.port)], { heartbeatIntervalMs: 10_000 });
  const peer = await server.nextConnection();
  const open = await peer.next('OPEN_REQ');
  assert.equal(open.versionNumber, 24);
  assert.equal(open.idleTimeout, 40);
  assert.equal(open.servicesRequested & 0x14, 0x14);
  assert.equal(open.peripheralId, 0xffffffff);
  assert.equal(open.agentStateMask, 0x3fff);
  assert.equal(open.clientId, 'switchboard');
  peer.send(openConfFor(open.invokeId));
  await eventually(() => h.client.isUp);
  assert.deepEqual(h.statuses, ['up']);
  assert.deepEqual(h.client.side, side(server.port));
});

test('answered heartbeats keep the link up', async () => {
  const server = await scripted();
  const h = startClient([side(server.port)]);
  const peer = await acceptOpen(server, h);
  let confs = 0;
  h.client.on('message', (m) => {
    if (m.type === 'HEARTBEAT_CONF') confs += 1;
  });
  for (let i = 1; i <= 6; i++) {
    h.clock.advance(5000);
    const hb = await peer.next('HEARTBEAT_REQ');
    peer.send({ type: 'HEARTBEAT_CONF', invokeId: hb.invokeId });
    await eventually(() => confs === i, 2000, `heartbeat ${i} answered`);
  }
  assert.equal(h.client.isUp, true);
  assert.deepEqual(h.statuses, ['up']);
});

test('three unanswered heartbeats: link down, reset, reconnect', async () => {
  const server = await scripted();
  const h = startClient([side(server.port)]);
  const peer = await acceptOpen(server, h);
  for (let i = 0; i < 3; i++) {
    h.clock.advance(5000);
    await peer.next('HEARTBEAT_REQ');
  }
  assert.equal(h.client.isUp, true);
  h.clock.advance(5000);
  assert.equal(h.client.isUp, false);
  assert.deepEqual(h.statuses, ['up', 'down']);
  assert.ok(h.events.some((e) => e.includes('3 heartbeats unanswered')));
  await peer.closed;
  h.clock.advance(250);
  await acceptOpen(server, h);
  assert.deepEqual(h.statuses, ['up', 'down', 'up']);
});

test('side A down: the client fails over to side B', async () => {
  const server = await scripted();
  const h = startClient([side(await freePort()), side(server.port)]);
  await eventually(
    () => h.events.some((e) => e.startsWith('reconnecting to side B')),
    2000,
    'refusal of side A',
  );
  h.clock.advance(250);
  await acceptOpen(server, h);
  assert.deepEqual(h.client.side, side(server.port));
});

test('a FAILURE_CONF to OPEN_REQ resets and tries the other side', async () => {
  const a = await scripted();
  const b = await scripted();
  const h = startClient([side(a.port), side(b.port)]);
  const refused = await a.nextConnection();
  refused.send({ type: 'FAILURE_CONF', invokeId: (await refused.next('OPEN_REQ')).invokeId, status: 15 });
  await refused.closed;
  assert.ok(h.events.some((e) => e.includes('OPEN_REQ refused: E_CTI_CTI_SERVER_OFFLINE')));
  h.clock.advance(250);
  await acceptOpen(b, h);
});

test("the CTI server's maintenance (v24): accept, stop, leave in order, open side B at once; ctiMMode until then", async () => {
  const a = await scripted();
  const b = await scripted();
  const h = startClient([side(a.port), side(b.port)]);
  const peerA = await acceptOpen(a, h);
  const askedAt = h.clock.now();
  peerA.send({ type: 'ACTIVE_MAINTENANCE_REQ', invokeId: 0x80000007 });
  assert.deepEqual(await peerA.next('ACTIVE_MAINTENANCE_RESP'), {
    type: 'ACTIVE_MAINTENANCE_RESP',
    invokeId: 0x80000007,
    accept: true,
  });
  assert.deepEqual(h.client.linkInfo.maintenance, { mode: 'INITIATING', since: askedAt });
  assert.ok(h.client.isUp, 'requests still go to side A until the server begins');
  h.clock.advance(1500);
  peerA.send({ type: 'ACTIVE_MAINTENANCE_EVENT' });
  await peerA.next('STOPPING_REQUESTS_TO_THIS_SIDE_IND');
  // A.1's orderly close follows the IND, on the same connection.
  const close = await peerA.next('CLOSE_REQ');
  assert.deepEqual(h.client.linkInfo.maintenance, { mode: 'IN_PROGRESS', since: askedAt });
  assert.equal(h.client.isUp, false);
  await assert.rejects(
    h.client.setAgentState({ agentState: 0, agentId: '2001', agentInstrument: '2003' }),
    (e: CtiRequestError) => e.code === 'CTI_LINK_DOWN',
  );
  peerA.send({ type: 'CLOSE_CONF', invokeId: close.invokeId });
  // No backoff: side B's connection is already there, before any timer runs.
  await acceptOpen(b, h);
  assert.deepEqual(h.client.side, side(b.port));
  assert.equal(h.client.linkInfo.maintenance, undefined);
  assert.deepEqual(h.statuses, ['up', 'down', 'up']);
  assert.ok(h.events.some((e) => e.includes('asks to go into maintenance (InvokeID 2147483655): accepted')));
  assert.ok(h.events.some((e) => e.includes('CTI maintenance handover complete')));
});

test('setAgentState: the observer sees the invoke id before the frame leaves; CONF resolves it', async () => {
  const server = await scripted();
  const h = startClient([side(server.port)]);
  const peer = await acceptOpen(server, h);
  const pending = h.client.setAgentState({
    agentState: 0,
    agentId: '2001',
    agentInstrument: '2003',
    forcedFlag: 1,
  });
  const seen = h.sent.at(-1);
  assert.equal(seen?.type, 'SET_AGENT_STATE_REQ');
  const req = await peer.next('SET_AGENT_STATE_REQ');
  assert.equal(seen?.type === 'SET_AGENT_STATE_REQ' && seen.invokeId, req.invokeId);
  assert.equal(req.peripheralId, 5000);
  assert.equal(req.agentInstrument, '2003');
  peer.send({ type: 'SET_AGENT_STATE_CONF', invokeId: req.invokeId });
  assert.deepEqual(await pending, { invokeId: req.invokeId });
});

test('FAILURE_CONF rejects the request with its status; a timeout rejects with E_CTI_TIMEOUT', async () => {
  const server = await scripted();
  const h = startClient([side(server.port)]);
  const peer = await acceptOpen(server, h);
  const refused = h.client.setAgentState({ agentState: 3, agentId: '2001' });
  peer.send({ type: 'FAILURE_CONF', invokeId: (await peer.next('SET_AGENT_STATE_REQ')).invokeId, status: 9 });
  await assert.rejects(
    refused,
    (e) => e instanceof CtiRequestError && e.code === 'CTI_FAILURE_CONF' && e.status === 9,
  );

  const controlFailed = h.client.setAgentState({ agentState: 3, agentId: '2001' });
  const { invokeId } = await peer.next('SET_AGENT_STATE_REQ');
  peer.send({ type: 'CONTROL_FAILURE_CONF', invokeId, failureCode: 5, peripheralErrorCode: 16 });
  await assert.rejects(
    controlFailed,
    (e) => e instanceof CtiRequestError && e.code === 'CTI_CONTROL_FAILURE',
  );

  const unanswered = h.client.setAgentState({ agentState: 3, agentId: '2001' });
  await peer.next('SET_AGENT_STATE_REQ');
  h.clock.advance(5000);
  await assert.rejects(
    unanswered,
    (e) => e instanceof CtiRequestError && e.code === 'CTI_TIMEOUT' && e.status === 16,
  );
});

test('requests fail fast while the link is down, and pending ones fail when it drops', async () => {
  const server = await scripted();
  const h = startClient([side(server.port)]);
  await assert.rejects(
    h.client.setAgentState({ agentState: 3 }),
    (e) => (e as CtiRequestError).code === 'CTI_LINK_DOWN',
  );
  const peer = await acceptOpen(server, h);
  const pending = h.client.queryAgentState({ agentId: '2001' });
  await peer.next('QUERY_AGENT_STATE_REQ');
  peer.socket.destroy();
  await assert.rejects(
    pending,
    (e) => e instanceof CtiRequestError && e.code === 'CTI_LINK_DOWN' && e.status === 15,
  );
  await eventually(() => h.statuses.at(-1) === 'down');
});

test('an unknown message type is reported and skipped; the link stays up', async () => {
  const server = await scripted();
  const h = startClient([side(server.port)]);
  const peer = await acceptOpen(server, h);
  const seen: Message[] = [];
  h.client.on('message', (m) => seen.push(m));
  peer.send({ type: 'UNKNOWN', messageType: 999, body: Buffer.from('0102', 'hex') });
  await eventually(() => seen.length === 1);
  assert.deepEqual(seen[0], { type: 'UNKNOWN', messageType: 999, body: Buffer.from('0102', 'hex') });
  assert.ok(h.events.some((e) => e.includes('skipped message type 999')));
  assert.equal(h.client.isUp, true);
});

test('a bad frame closes the socket with a logged reason and reconnects', async () => {
  const server = await scripted();
  const h = startClient([side(server.port)]);
  const peer = await acceptOpen(server, h);
  peer.socket.write(Buffer.from('0fffffff00000001', 'hex'));
  await peer.closed;
  assert.ok(h.events.some((e) => e.includes('CTI_ERR_FRAME_TOO_LARGE')));
  assert.deepEqual(h.statuses, ['up', 'down']);
  h.clock.advance(250);
  await acceptOpen(server, h);
});

test('after a (re)connect, queried agent states are emitted in order with the events behind them', async () => {
  const server = await scripted();
  const h = startClient([side(server.port)], {
    agentsToQuery: () => [{ agentId: '2001', instrument: '2003' }],
  });
  const states: [number, string][] = [];
  h.client.on('agentState', (e, source) => states.push([e.agentState, source]));
  const peer = await acceptOpen(server, h);
  const query = await peer.next('QUERY_AGENT_STATE_REQ');
  assert.equal(query.agentId, '2001');
  assert.equal(query.agentInstrument, '2003');
  const conf = {
    type: 'QUERY_AGENT_STATE_CONF',
    invokeId: query.invokeId,
    agentState: 1,
    numSkillGroups: 0,
    mrdId: 1,
    numTasks: 0,
    agentMode: 1,
    maxTaskLimit: 1,
    icmAgentId: 5001,
    agentAvailabilityStatus: 0,
    agentId: '2001',
  } as const;
  const event = { ...SEED.agentStateEvent, departmentId: 0 };
  peer.send(conf, event); // one write: the CONF and a newer event in the same chunk
  await eventually(() => states.length === 2);
  assert.deepEqual(states, [
    [1, 'query'],
    [2, 'event'],
  ]);
});

test('stop() sends CLOSE_REQ, waits for CLOSE_CONF, and a stopped client refuses work', async () => {
  const server = await scripted();
  const h = startClient([side(server.port)]);
  const peer = await acceptOpen(server, h);
  const stopping = h.client.stop();
  const close = await peer.next('CLOSE_REQ');
  assert.equal(close.status, 0);
  peer.send({ type: 'CLOSE_CONF', invokeId: close.invokeId });
  await stopping;
  assert.equal(h.client.isUp, false);
  assert.deepEqual(h.statuses, ['up', 'down']);
  await assert.rejects(
    h.client.setAgentState({ agentState: 3 }),
    (e) => (e as CtiRequestError).code === 'CTI_STOPPED',
  );
  assert.throws(() => h.client.start());
});

test('reconnect delays grow exponentially, stay capped, and jitter within bounds', () => {
  const fixed = () => 0.5;
  assert.deepEqual(
    [0, 1, 2, 3].map((n) => reconnectDelay(n, {}, fixed)),
    [250, 500, 1000, 2000],
  );
  assert.equal(reconnectDelay(20, {}, fixed), 30_000);
  assert.equal(
    reconnectDelay(0, {}, () => 0),
    200,
  );
  assert.equal(
    reconnectDelay(0, {}, () => 1),
    300,
  );
  assert.equal(
    reconnectDelay(20, { maxDelayMs: 1000 }, () => 1),
    1000,
  );
});
