import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { ManualTimers } from '../../clock/testing/manual-timers.ts';
import { type CallEvent, type CtiClient, createCtiClient } from '../index.ts';
import { AgentState, CtiStatus, NULL_CALL_ID } from '../protocol/index.ts';
import { EventLog } from '../testing/event-log.ts';
import { eventually } from '../testing/wire-peer.ts';
import { type CtiSimulatorOptions, startCtiSimulator } from './index.ts';

/**
 * The call flows over the wire, as the core sees them: real CtiClients against the simulator,
 * and the exact GED-188 event sequences every ALL_EVENTS client receives. These sequences are
 * the contract docs/cti-simulator.md documents.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const AGENTS = [
  { agentId: '2001', instrument: '2003' },
  { agentId: '2002', instrument: '2004' },
];

interface Node {
  client: CtiClient;
  log: EventLog;
  calls: CallEvent[];
}

async function setup(options: Partial<CtiSimulatorOptions> = {}) {
  const clock = new ManualTimers(1_700_000_000_000);
  const sim = await startCtiSimulator({ port: 0, agents: AGENTS, timers: clock, ...options });
  cleanups.push(() => sim.stop());
  /** Two Switchboard nodes on the same CTI server (DESIGN.md "Scale and high availability"). */
  const nodes: Node[] = [];
  for (let i = 0; i < 2; i++) {
    const client = createCtiClient({
      sides: [{ host: '127.0.0.1', port: sim.port }],
      clientId: `switchboard-${i}`,
      clientPassword: '',
      peripheralId: 5000,
    });
    const node: Node = { client, log: new EventLog(), calls: [] };
    client.on('message', (m) => node.log.message(m));
    client.on('callEvent', (e) => node.calls.push(e));
    client.start();
    cleanups.push(() => client.stop());
    await eventually(() => client.isUp, 3000, 'CTI link up');
    nodes.push(node);
  }
  const [a, b] = nodes;
  const state = (agentId: string, agentState: number, eventReasonCode = 0) =>
    a.client.setAgentState({ agentId, agentState, eventReasonCode });
  /** Waits until node A logged `line`, then checks node B got the very same events. */
  const until = async (line: string) => {
    await eventually(() => a.log.lines.includes(line), 2000, line);
    await eventually(() => b.log.lines.length >= a.log.lines.length, 2000, 'node B caught up');
  };
  const take = () => {
    const lines = a.log.take();
    assert.deepEqual(b.log.take(), lines, 'both nodes get every event');
    return lines;
  };
  const ready = async (agentId: string) => {
    await state(agentId, AgentState.LOGIN);
    await state(agentId, AgentState.AVAILABLE);
    await until(`AGENT_STATE_EVENT ${agentId} AVAILABLE`);
  };
  const lastCall = (type: CallEvent['type']) => {
    const e = [...a.calls].reverse().find((c) => c.type === type) as { connectionCallId: number } | undefined;
    return e?.connectionCallId ?? NULL_CALL_ID;
  };
  return { sim, clock, a, b, state, until, take, ready, lastCall };
}

test('inbound routed call, answered and dropped by the agent', async () => {
  const t = await setup();
  await t.ready('2001');
  t.take();
  t.sim.injectCall({ dnis: '8000', ani: '5551234', callVariable1: 'acct=42' });
  await t.until('AGENT_STATE_EVENT 2001 RESERVED');
  const call = { connectionCallId: t.lastCall('CALL_DELIVERED_EVENT'), connectionDeviceId: '2003' };
  await t.a.client.answerCall({ ...call, agentInstrument: '2003' });
  await t.until('AGENT_STATE_EVENT 2001 TALKING');
  await t.a.client.clearConnection(call);
  await t.until('AGENT_STATE_EVENT 2001 AVAILABLE');
  assert.deepEqual(t.take(), [
    'AGENT_PRE_CALL_EVENT 2003',
    'BEGIN_CALL_EVENT C1 2003',
    'CALL_DELIVERED_EVENT C1 2003 LCS_ALERTING',
    'AGENT_STATE_EVENT 2001 RESERVED',
    'CALL_ESTABLISHED_EVENT C1 2003 LCS_CONNECT',
    'AGENT_STATE_EVENT 2001 TALKING',
    'CALL_CONNECTION_CLEARED_EVENT C1 2003 LCS_NULL',
    'CALL_CLEARED_EVENT C1 2003 LCS_NULL',
    'END_CALL_EVENT C1 2003',
    'AGENT_STATE_EVENT 2001 AVAILABLE',
  ]);
  const begin = t.a.calls.find((e) => e.type === 'BEGIN_CALL_EVENT');
  assert.ok(begin?.type === 'BEGIN_CALL_EVENT');
  assert.deepEqual(
    [begin.callType, begin.ani, begin.dnis, begin.callVariable1],
    [2, '5551234', '8000', 'acct=42'],
  );
  const delivered = t.a.calls.find((e) => e.type === 'CALL_DELIVERED_EVENT');
  assert.ok(delivered?.type === 'CALL_DELIVERED_EVENT');
  assert.deepEqual(
    [
      delivered.skillGroupNumber,
      delivered.callingDeviceId,
      delivered.calledDeviceId,
      delivered.alertingDeviceId,
    ],
    [85881, '5551234', '8000', '2003'],
  );
});

test('hold and retrieve', async () => {
  const t = await setup();
  await t.ready('2001');
  t.sim.injectCall({ dnis: '8000' });
  await t.until('AGENT_STATE_EVENT 2001 RESERVED');
  const call = { connectionCallId: t.lastCall('CALL_DELIVERED_EVENT'), connectionDeviceId: '2003' };
  await t.a.client.answerCall(call);
  await t.until('AGENT_STATE_EVENT 2001 TALKING');
  t.take();
  await t.a.client.holdCall(call);
  await t.until('AGENT_STATE_EVENT 2001 HOLD');
  await t.a.client.retrieveCall(call);
  await t.until('CALL_RETRIEVED_EVENT C1 2003 LCS_CONNECT');
  await t.until('AGENT_STATE_EVENT 2001 TALKING');
  assert.deepEqual(t.take(), [
    'CALL_HELD_EVENT C1 2003 LCS_HOLD',
    'AGENT_STATE_EVENT 2001 HOLD',
    'CALL_RETRIEVED_EVENT C1 2003 LCS_CONNECT',
    'AGENT_STATE_EVENT 2001 TALKING',
  ]);
});

/** Agent 2001 talking to a routed caller, agent 2002 logged in (NOT_READY). */
async function onCall() {
  const t = await setup();
  await t.ready('2001');
  await t.state('2002', AgentState.LOGIN);
  t.sim.injectCall({ dnis: '8000', ani: '5551234' });
  await t.until('AGENT_STATE_EVENT 2001 RESERVED');
  const call = { connectionCallId: t.lastCall('CALL_DELIVERED_EVENT'), connectionDeviceId: '2003' };
  await t.a.client.answerCall(call);
  await t.until('AGENT_STATE_EVENT 2001 TALKING');
  t.take();
  const consult = await t.a.client.consultationCall({
    activeCall: call,
    agentInstrument: '2003',
    dialedNumber: '2004',
  });
  assert.equal(consult.call.connectionDeviceId, '2003');
  await t.until('CALL_DELIVERED_EVENT C2 2004 LCS_ALERTING');
  await t.a.client.answerCall({
    connectionCallId: consult.call.connectionCallId,
    connectionDeviceId: '2004',
  });
  await t.until('AGENT_STATE_EVENT 2002 TALKING');
  return { ...t, call, consult: consult.call };
}

const CONSULT = [
  'CALL_HELD_EVENT C1 2003 LCS_HOLD',
  'BEGIN_CALL_EVENT C2 2003',
  'CALL_ORIGINATED_EVENT C2 2003 LCS_INITIATE',
  'CALL_DELIVERED_EVENT C2 2004 LCS_ALERTING',
  'CALL_ESTABLISHED_EVENT C2 2004 LCS_CONNECT',
  'AGENT_STATE_EVENT 2002 TALKING',
];

test('consult and transfer', async () => {
  const t = await onCall();
  const result = await t.a.client.transferCall({
    heldCall: t.call,
    activeCall: t.consult,
    agentInstrument: '2003',
  });
  assert.deepEqual(
    result.parties.map((p) => p.connectionDeviceId),
    ['5551234', '2004'],
  );
  await t.until('AGENT_STATE_EVENT 2001 AVAILABLE');
  assert.deepEqual(t.take(), [
    ...CONSULT,
    'CALL_TRANSFERRED_EVENT C1 2003 LCS_NULL',
    'END_CALL_EVENT C2 2004',
    'AGENT_STATE_EVENT 2001 AVAILABLE',
  ]);
  const transferred = t.a.calls.find((e) => e.type === 'CALL_TRANSFERRED_EVENT');
  assert.ok(transferred?.type === 'CALL_TRANSFERRED_EVENT');
  assert.deepEqual([transferred.transferringDeviceId, transferred.transferredDeviceId], ['2003', '2004']);
});

test('consult and conference', async () => {
  const t = await onCall();
  const result = await t.a.client.conferenceCall({ heldCall: t.call, activeCall: t.consult });
  assert.equal(result.parties.length, 3);
  await t.until('END_CALL_EVENT C2 2004');
  assert.deepEqual(t.take(), [
    ...CONSULT,
    'CALL_CONFERENCED_EVENT C1 2003 LCS_CONNECT',
    'END_CALL_EVENT C2 2004',
  ]);
});

test('RONA: NOT_READY 32767 and the call requeued', async () => {
  const t = await setup({ ronaTimeoutSec: 8 });
  await t.ready('2001');
  t.sim.injectCall({ dnis: '8000' });
  await t.until('AGENT_STATE_EVENT 2001 RESERVED');
  t.take();
  t.clock.advance(8000);
  await t.until('CALL_QUEUED_EVENT C1 8000 LCS_QUEUED');
  assert.deepEqual(t.take(), [
    'CALL_CONNECTION_CLEARED_EVENT C1 2003 LCS_NULL',
    'AGENT_STATE_EVENT 2001 NOT_READY 32767',
    'CALL_QUEUED_EVENT C1 8000 LCS_QUEUED',
  ]);
  await t.state('2001', AgentState.AVAILABLE);
  await t.until('AGENT_STATE_EVENT 2001 RESERVED');
  assert.deepEqual(t.take(), [
    'AGENT_STATE_EVENT 2001 AVAILABLE',
    'AGENT_PRE_CALL_EVENT 2003',
    'CALL_DEQUEUED_EVENT C1 8000 LCS_NULL',
    'CALL_DELIVERED_EVENT C1 2003 LCS_ALERTING',
    'AGENT_STATE_EVENT 2001 RESERVED',
  ]);
});

test('MAKE_CALL between two demo extensions; the CONF names the new call', async () => {
  const t = await setup();
  await t.state('2001', AgentState.LOGIN);
  await t.state('2002', AgentState.LOGIN);
  await t.until('AGENT_STATE_EVENT 2002 NOT_READY');
  t.take();
  const made = await t.a.client.makeCall({
    agentInstrument: '2003',
    dialedNumber: '2004',
    callVariable3: 'internal',
  });
  assert.deepEqual(made.call, {
    connectionCallId: made.call.connectionCallId,
    connectionDeviceIdType: 0,
    connectionDeviceId: '2003',
  });
  await t.until('AGENT_STATE_EVENT 2001 TALKING');
  await t.a.client.answerCall({ connectionCallId: made.call.connectionCallId, connectionDeviceId: '2004' });
  await t.until('AGENT_STATE_EVENT 2002 TALKING');
  await t.b.client.clearCall(made.call);
  await t.until('AGENT_STATE_EVENT 2002 NOT_READY');
  await t.until('AGENT_STATE_EVENT 2001 NOT_READY');
  assert.deepEqual(t.take(), [
    'BEGIN_CALL_EVENT C1 2003',
    'CALL_ORIGINATED_EVENT C1 2003 LCS_INITIATE',
    'CALL_DELIVERED_EVENT C1 2004 LCS_ALERTING',
    'AGENT_STATE_EVENT 2001 TALKING',
    'CALL_ESTABLISHED_EVENT C1 2004 LCS_CONNECT',
    'AGENT_STATE_EVENT 2002 TALKING',
    'CALL_CLEARED_EVENT C1 2003 LCS_NULL',
    'END_CALL_EVENT C1 2003',
    'AGENT_STATE_EVENT 2001 NOT_READY',
    'AGENT_STATE_EVENT 2002 NOT_READY',
  ]);
  const begin = t.a.calls.find((e) => e.type === 'BEGIN_CALL_EVENT');
  assert.ok(begin?.type === 'BEGIN_CALL_EVENT');
  assert.deepEqual([begin.callType, begin.callVariable3], [10, 'internal']);
});

test('refusals: CONTROL_FAILURE_CONF and FAILURE_CONF reject with CtiRequestError', async () => {
  const t = await setup();
  await t.state('2001', AgentState.LOGIN);
  await assert.rejects(
    t.a.client.answerCall({ connectionCallId: NULL_CALL_ID, connectionDeviceId: '2003' }),
    {
      code: 'CTI_CONTROL_FAILURE',
    },
  );
  await assert.rejects(t.a.client.holdCall({ connectionCallId: 42, connectionDeviceId: '2003' }), {
    code: 'CTI_FAILURE_CONF',
    status: CtiStatus.E_CTI_INVALID_CALLID,
  });
  await assert.rejects(
    t.a.client.sendDtmf({ connectionCallId: 42, connectionDeviceId: '2003', dtmfString: '1' }),
    {
      status: CtiStatus.E_CTI_INVALID_CALLID,
    },
  );
});
