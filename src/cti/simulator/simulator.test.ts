import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { freePort } from '../../../test/support/ports.ts';
import { ManualTimers } from '../../clock/testing/manual-timers.ts';
import { type AgentStateEvent, type CtiClient, CtiRequestError, createCtiClient } from '../index.ts';
import { AgentState, CtiStatus, type OpenReq } from '../protocol/index.ts';
import { SEED } from '../testing/fixtures.ts';
import { connectPeer, eventually, rawOpenReq, type WirePeer } from '../testing/wire-peer.ts';
import { type CtiSimulator, type CtiSimulatorOptions, startCtiSimulator } from './index.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const AGENTS = [
  { agentId: '2001', instrument: '2003' },
  { agentId: '2002', instrument: '2004' },
];

async function simulator(
  options: Partial<CtiSimulatorOptions> = {},
): Promise<CtiSimulator & { trace: string[] }> {
  const trace: string[] = [];
  const sim = await startCtiSimulator({ port: 0, agents: AGENTS, trace: (l) => trace.push(l), ...options });
  cleanups.push(() => sim.stop());
  return Object.assign(sim, { trace });
}

interface Linked {
  client: CtiClient;
  states: AgentStateEvent[];
  /** Resolves with the next agent-state event from now on. */
  nextState(): Promise<AgentStateEvent>;
}

async function link(ports: number[], version?: number): Promise<Linked> {
  const client = createCtiClient({
    sides: ports.map((port) => ({ host: '127.0.0.1', port })),
    clientId: 'switchboard',
    clientPassword: '',
    peripheralId: 5000,
    reconnect: { initialDelayMs: 10 },
    ...(version ? { version } : {}),
  });
  const states: AgentStateEvent[] = [];
  let waiter: ((e: AgentStateEvent) => void) | undefined;
  client.on('agentState', (e) => {
    states.push(e);
    waiter?.(e);
    waiter = undefined;
  });
  client.start();
  cleanups.push(() => client.stop());
  await eventually(() => client.isUp, 3000, 'CTI link up');
  return { client, states, nextState: () => new Promise((resolve) => (waiter = resolve)) };
}

const AGENT = { agentId: '2001', agentInstrument: '2003' };

test('agent 2001 on 2003: LOGIN → NOT_READY, READY, NOT_READY(16), LOGOUT(2)', async () => {
  const sim = await simulator();
  const { client, nextState } = await link([sim.port]);
  const steps = [
    {
      req: { agentState: AgentState.LOGIN, forcedFlag: 1, eventReasonCode: 50004 },
      state: 2,
      reason: 0,
      sg: 0,
    },
    { req: { agentState: AgentState.AVAILABLE }, state: 3, reason: 0, sg: 3 },
    { req: { agentState: AgentState.NOT_READY, eventReasonCode: 16 }, state: 2, reason: 16, sg: 2 },
    { req: { agentState: AgentState.LOGOUT, eventReasonCode: 2 }, state: 1, reason: 2, sg: 1 },
  ];
  for (const step of steps) {
    const event = nextState();
    const { invokeId } = await client.setAgentState({ ...AGENT, ...step.req });
    assert.ok(invokeId > 0);
    const e = await event;
    assert.deepEqual([e.agentId, e.agentInstrument, e.agentExtension], ['2001', '2003', '2003']);
    assert.deepEqual(
      [e.agentState, e.eventReasonCode, e.skillGroupState],
      [step.state, step.reason, step.sg],
    );
    assert.equal(sim.agents.get('2001')?.state, step.state);
  }
  // The CTI server trace, in the seed's shapes.
  assert.ok(sim.trace.includes('Trace: AGENT_EVENT: ID=2001 Periph=5000 Ext=2003 Inst=2003 Sig='));
  assert.ok(
    sim.trace.includes(
      'Trace: SkgState=LOGIN SkgDuration=0 OverallState=NOT_READY OverallDuration=0 Reason=0',
    ),
  );
  assert.ok(
    sim.trace.some((l) =>
      /MsgType:AGENT_STATE_EVENT \(MonitorID:0 PeripheralID:5000 .*AgentID:"2001"/.test(l),
    ),
  );
});

test('refusals come back as FAILURE_CONF with the status', async () => {
  const sim = await simulator();
  const { client } = await link([sim.port]);
  const isStatus = (status: number) => (e: unknown) =>
    e instanceof CtiRequestError && e.code === 'CTI_FAILURE_CONF' && e.status === status;
  await assert.rejects(client.setAgentState({ ...AGENT, agentState: AgentState.AVAILABLE }), isStatus(9));
  await assert.rejects(
    client.setAgentState({ agentId: '2001', agentInstrument: '2999', agentState: 0 }),
    isStatus(CtiStatus.E_CTI_INCONSISTENT_AGENT_DATA),
  );
  await client.setAgentState({ ...AGENT, agentState: AgentState.LOGIN });
  await client.setAgentState({ ...AGENT, agentState: AgentState.AVAILABLE });
  await assert.rejects(
    client.setAgentState({ ...AGENT, agentState: AgentState.LOGOUT }),
    isStatus(CtiStatus.E_CTI_INVALID_OBJECT_STATE),
  );
  const conf = await client.queryAgentState({ agentId: '2001' });
  assert.equal(conf.agentState, AgentState.AVAILABLE);
  await assert.rejects(
    client.queryAgentState({ agentId: '4711' }),
    isStatus(CtiStatus.E_CTI_INVALID_AGENT_DATA),
  );
});

test('every ALL_EVENTS client gets the agent event, not only the requester', async () => {
  const sim = await simulator();
  const a = await link([sim.port]);
  const b = await link([sim.port]);
  const seenByB = b.nextState();
  await a.client.setAgentState({ ...AGENT, agentState: AgentState.LOGIN });
  assert.equal((await seenByB).agentState, AgentState.NOT_READY);
});

test('a v17 client gets 1-byte tags and the v17 layouts', async () => {
  const sim = await simulator();
  const { client, nextState } = await link([sim.port], 17);
  const event = nextState();
  await client.setAgentState({ ...AGENT, agentState: AgentState.LOGIN });
  const e = await event;
  assert.equal(e.agentId, '2001');
  assert.equal('departmentId' in e, false);
});

test('garbage bytes get a FAILURE_EVENT and a close; another client keeps working', async () => {
  const sim = await simulator();
  const { client, nextState } = await link([sim.port]);
  const garbage = await connectPeer(sim.port);
  garbage.socket.write('GET / HTTP/1.1\r\nHost: switchboard\r\n\r\n');
  assert.equal((await garbage.next('FAILURE_EVENT')).status, CtiStatus.E_CTI_BAD_MESSAGE_FORMAT);
  await garbage.closed;
  assert.ok(sim.trace.some((l) => l.includes('CTI_ERR_FRAME_TOO_LARGE')));

  const truncated = await openedPeer(sim.port);
  truncated.socket.write(Buffer.from('0000000600000026' + '000000010000', 'hex'));
  assert.equal((await truncated.next('FAILURE_EVENT')).status, CtiStatus.E_CTI_BAD_MESSAGE_FORMAT);
  await truncated.closed;

  const event = nextState();
  await client.setAgentState({ ...AGENT, agentState: AgentState.LOGIN });
  assert.equal((await event).agentState, AgentState.NOT_READY);
});

test('session rules: OPEN first, a sane IdleTimeout, unknown types refused without closing', async () => {
  const sim = await simulator();
  const early = await connectPeer(sim.port);
  early.send({ type: 'HEARTBEAT_REQ', invokeId: 5 });
  assert.deepEqual(await early.next('FAILURE_CONF'), {
    type: 'FAILURE_CONF',
    invokeId: 5,
    status: CtiStatus.E_CTI_SESSION_NOT_OPEN,
  });
  early.send(openReq({ idleTimeout: 10 }));
  assert.equal((await early.next('FAILURE_CONF')).status, CtiStatus.E_CTI_INVALID_TIMEOUT);
  early.codec = { tagWidth: 1, version: 3 }; // the width a v3 client would use
  early.send(openReq({ versionNumber: 3 }));
  assert.equal((await early.next('FAILURE_CONF')).status, CtiStatus.E_CTI_INVALID_VERSION);

  const peer = await openedPeer(sim.port);
  assert.equal((await peer.next('SYSTEM_EVENT')).systemEventArg1, 5000);
  peer.send({ type: 'UNKNOWN', messageType: 4242, body: Buffer.from('0000002a', 'hex') });
  assert.deepEqual(await peer.next('FAILURE_CONF'), {
    type: 'FAILURE_CONF',
    invokeId: 42,
    status: CtiStatus.E_CTI_INVALID_MESSAGE_TYPE,
  });
  peer.send({ type: 'HEARTBEAT_REQ', invokeId: 43 });
  assert.equal((await peer.next('HEARTBEAT_CONF')).invokeId, 43);
  peer.send(openReq({ invokeId: 44 }));
  assert.equal((await peer.next('FAILURE_CONF')).status, CtiStatus.E_CTI_SESSION_ALREADY_OPEN);
  peer.send(SEED.agentStateEvent);
  assert.equal((await peer.next('FAILURE_EVENT')).status, CtiStatus.E_CTI_FUNCTION_NOT_AVAILABLE);
  peer.send({ type: 'CLOSE_REQ', invokeId: 45, status: 0 });
  assert.equal((await peer.next('CLOSE_CONF')).invokeId, 45);
  await peer.closed;
});

test('a silent client is closed after its IdleTimeout', async () => {
  const clock = new ManualTimers();
  const sim = await simulator({ timers: clock });
  const peer = await openedPeer(sim.port);
  clock.advance(19_999);
  assert.equal(peer.isClosed, false);
  clock.advance(1);
  assert.equal((await peer.next('FAILURE_EVENT')).status, CtiStatus.E_CTI_TIMEOUT);
  await peer.closed;
});

test('side A down: the client reconnects to side B; the simulator stopping sends it on again', async () => {
  const simB = await simulator();
  const { client } = await link([await freePort(), simB.port]);
  assert.equal(client.side?.port, simB.port);
  const down = new Promise((resolve) => client.on('status', (s) => s === 'down' && resolve(s)));
  await simB.stop();
  await down;
  assert.equal(client.isUp, false);
});

/** simulator.test's session: no call events, a 20 s idle timeout. */
const openReq = (overrides: Partial<OpenReq> = {}) =>
  rawOpenReq({ idleTimeout: 20, servicesRequested: 0x14, callMsgMask: 0, ...overrides });

async function openedPeer(port: number): Promise<WirePeer> {
  const peer = await connectPeer(port);
  cleanups.push(async () => {
    peer.socket.destroy();
  });
  peer.send(openReq());
  await peer.next('OPEN_CONF');
  return peer;
}

test('onEventSent is told of each event with the message that went out, in order', async () => {
  const sent: string[] = [];
  const sim = await simulator({
    onEventSent: (event, message) =>
      sent.push(`${event.type === 'call' ? event.call.id : '-'} ${message.type}`),
  });
  const injected = sim.injectCall({ dnis: '8000', ani: '5551234' });
  assert.ok(injected.ok);
  const id = injected.call?.callId;
  assert.ok(sent.length > 0);
  assert.deepEqual(
    sent,
    sent.filter((line) => line.startsWith(`${id} `)),
    'only this call so far',
  );
  assert.ok(
    sent.some((line) => line.endsWith(' CALL_QUEUED_EVENT')),
    sent.join('; '),
  );
});
