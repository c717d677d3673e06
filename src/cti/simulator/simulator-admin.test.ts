import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { ManualTimers } from '../../clock/testing/manual-timers.ts';
import { AgentState, CtiStatus } from '../protocol/index.ts';
import { CALL_EVENT_FIXTURES } from '../testing/call-event-fixtures.ts';
import { CONTROL_FIXTURES } from '../testing/control-fixtures.ts';
import { EventLog } from '../testing/event-log.ts';
import { WireBuilder } from '../testing/wire-builder.ts';
import { connectPeer, eventually, rawOpenReq, type WirePeer } from '../testing/wire-peer.ts';
import { Acd, type CtiSimulatorOptions, startCtiSimulator } from './index.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const AGENTS = [
  { agentId: '2001', instrument: '2003' },
  { agentId: '2002', instrument: '2004' },
];

const TOKEN = 'k5Jv0rTq';

async function simulator(options: Partial<CtiSimulatorOptions> = {}) {
  const clock = new ManualTimers(1_700_000_000_000);
  const trace: string[] = [];
  const sim = await startCtiSimulator({
    port: 0,
    adminPort: 0,
    adminToken: TOKEN,
    agents: AGENTS,
    timers: clock,
    trace: (l) => trace.push(l),
    ...options,
  });
  cleanups.push(() => sim.stop());
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`http://127.0.0.1:${sim.adminPort}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${TOKEN}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return { sim, clock, trace, admin };
}

/** A raw ALL_EVENTS + CLIENT_CONTROL client that asked for every call event. */
async function openedPeer(port: number, clientPassword = ''): Promise<WirePeer> {
  const peer = await connectPeer(port);
  cleanups.push(async () => {
    peer.socket.destroy();
  });
  peer.send(rawOpenReq({ clientPassword: Buffer.from(clientPassword) }));
  await peer.next('OPEN_CONF');
  await peer.next('SYSTEM_EVENT'); // PERIPHERAL_ONLINE, A.4
  return peer;
}

test('admin API: inject and drop a call, phones out of service, the generator, a forced logout', async () => {
  const { sim, clock, admin, trace } = await simulator();
  const peer = await openedPeer(sim.port);
  const state = await admin('GET', '/state');
  assert.equal(state.status, 200);
  assert.deepEqual(
    state.body.agents.map((a: { agentId: string }) => a.agentId),
    ['2001', '2002'],
  );

  const created = await admin('POST', '/calls', {
    dnis: '8000',
    ani: '5551234',
    vars: { callVariable1: 'x', 'user.lang': 'de' },
  });
  assert.equal(created.status, 201);
  const begin = await peer.next('BEGIN_CALL_EVENT');
  assert.deepEqual(
    [begin.connectionCallId, begin.callVariable1, begin.namedVariable],
    [created.body.callId, 'x', [{ name: 'user.lang', value: 'de' }]],
  );
  assert.equal((await peer.next('CALL_QUEUED_EVENT')).numQueued, 1);
  assert.deepEqual((await admin('GET', '/state')).body.queues[0].callIds, [created.body.callId]);
  assert.equal((await admin('DELETE', `/calls/${created.body.callId}`)).status, 204);
  await peer.next('END_CALL_EVENT');
  assert.equal((await admin('DELETE', `/calls/${created.body.callId}`)).status, 404);

  assert.equal((await admin('POST', '/devices/2003/out-of-service')).status, 204);
  assert.equal((await peer.next('SYSTEM_EVENT')).eventDeviceId, '2003');
  assert.equal((await admin('GET', '/state')).body.agents[0].isOutOfService, true);
  assert.equal((await admin('DELETE', '/devices/2003/out-of-service')).status, 204);
  assert.equal((await admin('POST', '/devices/9999/out-of-service')).status, 404);

  const on = await admin('POST', '/generator', { enabled: true, rate: 60, seed: 7, handleTimeSec: 30 });
  assert.deepEqual([on.status, on.body.isRunning, on.body.seed], [200, true, 7]);
  clock.advance(120_000);
  assert.ok(sim.calls.list().length > 0, 'the generator made calls');
  const off = await admin('POST', '/generator', { enabled: false });
  assert.equal(off.body.isRunning, false);
  assert.equal((await admin('POST', '/generator', { rate: -1, enabled: true })).status, 400);

  assert.equal((await admin('POST', '/agents/2001/logout', {})).status, 409);
  assert.equal(sim.forceLogout('2002').ok, false);
  assert.ok(trace.some((l) => /^Trace: ADMIN POST \/calls from \S+ -> 201$/.test(l)));
});

test('admin API: bad requests get 4xx JSON errors, never a crash', async () => {
  const { admin, sim } = await simulator();
  assert.deepEqual(await admin('POST', '/calls', '{nope'), {
    status: 400,
    body: { error: 'bad-json', message: 'the body is not JSON' },
  });
  assert.equal((await admin('POST', '/calls', [])).status, 400);
  assert.equal((await admin('POST', '/calls', {})).body.message, 'dnis is required');
  assert.equal(
    (await admin('POST', '/calls', { dnis: '8000', vars: { callVariable1: 'x'.repeat(60) } })).body.error,
    'E_CTI_VALUE_TOO_LONG',
  );
  assert.equal((await admin('POST', '/calls', { dnis: { a: 1 } })).status, 400);
  assert.equal((await admin('GET', '/nope')).status, 404);
  assert.equal((await admin('PUT', '/calls')).status, 405);
  assert.equal((await admin('GET', '/%E0%A4%A')).status, 400);
  assert.equal((await admin('POST', '/calls', 'x'.repeat(70_000))).status, 413);
  assert.equal((await admin('GET', '/state')).status, 200, 'still serving');
  assert.equal(sim.calls.list().length, 0);
});

test('admin API (#12): no token 401, no JSON 415, no CORS preflight, loopback by default', async () => {
  const { sim, trace } = await simulator();
  const url = `http://127.0.0.1:${sim.adminPort}`;
  const post = (headers: Record<string, string>, body = '{"dnis":"8000"}') =>
    fetch(`${url}/calls`, { method: 'POST', headers, body });
  // What a web page could send: a "simple" request, text/plain, no credentials of ours.
  assert.equal((await post({ 'Content-Type': 'text/plain' })).status, 401);
  assert.equal(
    (await post({ Authorization: 'Bearer wrong', 'Content-Type': 'application/json' })).status,
    401,
  );
  assert.equal((await fetch(`${url}/state`)).status, 401);
  assert.equal((await post({ Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'text/plain' })).status, 415);
  const preflight = await fetch(`${url}/calls`, {
    method: 'OPTIONS',
    headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' },
  });
  assert.equal(preflight.headers.get('access-control-allow-origin'), null);
  assert.notEqual(preflight.status, 204);
  assert.equal(sim.calls.list().length, 0, 'no refused request placed a call');
  assert.equal(
    (await post({ Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' })).status,
    201,
  );
  assert.ok(trace.some((l) => /ADMIN POST \/calls from .*127\.0\.0\.1 -> 401/.test(l)));
  assert.ok(trace.some((l) => l.includes(`admin API on http://127.0.0.1:${sim.adminPort}/`)));
});

test('ClientPassword (#12): with one configured, a rogue client with an empty or wrong one is refused and cut off', async () => {
  const { sim } = await simulator({ clientPassword: 's3cret' });
  for (const wrong of ['', 'guess']) {
    const rogue = await connectPeer(sim.port);
    cleanups.push(async () => {
      rogue.socket.destroy();
    });
    rogue.send(rawOpenReq({ clientPassword: Buffer.from(wrong) }));
    const conf = await rogue.next('FAILURE_CONF');
    assert.equal(conf.status, CtiStatus.E_CTI_INVALID_PASSWORD);
    await rogue.closed;
  }
  const client = await openedPeer(sim.port, 's3cret');
  assert.ok(client);
});

test('the generator with a seed produces the same calls at the same times, twice', () => {
  const run = (seed: number) => {
    const clock = new ManualTimers(0);
    const log = new EventLog();
    const acd = new Acd({
      agents: AGENTS,
      peripheralId: 5000,
      timers: clock,
      onEvents: (e) => log.events(e),
    });
    for (const agentId of ['2001', '2002']) {
      for (const agentState of [AgentState.LOGIN, AgentState.AVAILABLE]) {
        acd.setAgentState({ peripheralId: 5000, agentId, agentState, eventReasonCode: 0, forcedFlag: 0 });
      }
    }
    const arrivals: string[] = [];
    const started = acd.generator.start({ rate: 6, handleTimeSec: 30, seed });
    assert.equal(started.isRunning, true);
    const calls = () =>
      acd.calls().map((c) => `${c.startedAt} ${c.ani} ${c.dnis} ${JSON.stringify(c.variables)}`);
    for (let minute = 0; minute < 10; minute++) {
      clock.advance(60_000);
      arrivals.push(...calls());
    }
    acd.stop();
    return { arrivals, events: log.lines, generated: acd.generator.state.generated };
  };
  const first = run(42);
  assert.ok(first.generated > 30, `only ${first.generated} calls in 10 minutes at 6 per minute`);
  assert.deepEqual(run(42), first);
  assert.notDeepEqual(run(43).arrivals, first.arrivals);
});

test('garbage from a client never crashes the simulator', async () => {
  const { sim, trace } = await simulator();
  let random = 0x188;
  const next = () => {
    random = (random * 1103515245 + 12345) >>> 0;
    return random / 2 ** 32;
  };
  let peer = await openedPeer(sim.port);
  for (let i = 0; i < 400; i++) {
    const fixture = [...CONTROL_FIXTURES, ...CALL_EVENT_FIXTURES][
      Math.floor(next() * (CONTROL_FIXTURES.length + CALL_EVENT_FIXTURES.length))
    ];
    const frame = Buffer.from(fixture.bytes);
    for (let j = 0; j < 3; j++) frame[8 + Math.floor(next() * (frame.length - 8))] = Math.floor(next() * 256);
    if (peer.isClosed) peer = await openedPeer(sim.port);
    peer.socket.write(frame);
    if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  // Well-formed requests with values no event could carry are refused, not stored (our own
  // serializer would refuse to write them, so the bytes are built by hand).
  peer = await openedPeer(sim.port);
  const makeCall = new WireBuilder(2).u32(77).u32(5000);
  for (let k = 0; k < 10; k++) makeCall.u16(0);
  peer.socket.write(makeCall.string(6, '2003').string(11, '9'.repeat(200)).frame(56));
  assert.deepEqual(await peer.next('FAILURE_CONF'), {
    type: 'FAILURE_CONF',
    invokeId: 77,
    status: CtiStatus.E_CTI_VALUE_TOO_LONG,
  });
  peer.send({
    type: 'ANSWER_CALL_REQ',
    invokeId: 78,
    peripheralId: 1,
    connectionCallId: 0,
    connectionDeviceIdType: 0,
  });
  assert.equal((await peer.next('FAILURE_CONF')).status, CtiStatus.E_CTI_INVALID_PERIPHERAL_ID);

  const client = await openedPeer(sim.port);
  client.send({
    type: 'SET_AGENT_STATE_REQ',
    invokeId: 9,
    peripheralId: 5000,
    agentState: 0,
    agentWorkMode: 0,
    numSkillGroups: 0,
    eventReasonCode: 0,
    forcedFlag: 0,
    agentServiceReq: 0,
    agentId: '2001',
  });
  await client.next('SET_AGENT_STATE_CONF');
  await eventually(() => sim.agents.get('2001')?.state === AgentState.NOT_READY, 2000, 'still serving');
  assert.deepEqual(
    trace.filter((l) => l.includes('cannot encode')),
    [],
    'nothing the ACD accepted failed to go on the wire',
  );
  assert.ok(
    trace.some((l) => / refused: /.test(l)),
    'some mutated requests reached the handlers',
  );
});
