import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AgentState, CtiStatus } from '../protocol/index.ts';
import { setupAcd as setup } from '../testing/acd-harness.ts';

/** The ACD model alone: routing, queueing, RONA and phones going out of service, on a fake clock. */

test('routing: the longest available agent gets the call; with nobody ready it queues until someone is', () => {
  const t = setup();
  t.ready('2002', '2001');
  const first = t.inject();
  assert.deepEqual(t.log.take(), [
    'preCall C1 2004',
    'begin C1 2004',
    'delivered C1 2004 LCS_ALERTING',
    'agent 2002 RESERVED',
  ]);
  t.inject();
  assert.deepEqual(t.log.take(), [
    'preCall C2 2003',
    'begin C2 2003',
    'delivered C2 2003 LCS_ALERTING',
    'agent 2001 RESERVED',
  ]);
  t.inject();
  assert.deepEqual(t.log.take(), ['begin C3 8000', 'queued C3 8000 LCS_QUEUED']);
  assert.deepEqual(t.acd.snapshot().queues[0].callIds.length, 1);

  t.ok(t.acd.answerCall({ callId: first, device: '2004' }));
  t.ok(t.acd.clearConnection({ callId: first, device: '2004' }));
  assert.deepEqual(t.log.take(), [
    'established C1 2004 LCS_CONNECT',
    'agent 2002 TALKING',
    'connectionCleared C1 2004 LCS_NULL',
    'cleared C1 2004 LCS_NULL',
    'end C1 2004 LCS_NULL',
    'agent 2002 AVAILABLE',
    'preCall C3 2004',
    'dequeued C3 8000 LCS_NULL',
    'delivered C3 2004 LCS_ALERTING',
    'agent 2002 RESERVED',
  ]);
  t.stop();
});

test('RONA: after the ring time the agent goes NOT_READY 32767 and the call goes to the next agent', () => {
  const t = setup({ ronaTimeoutSec: 10 });
  t.ready('2001', '2002');
  t.inject();
  t.log.take();
  t.clock.advance(9999);
  assert.deepEqual(t.log.take(), []);
  t.clock.advance(1);
  assert.deepEqual(t.log.take(), [
    'connectionCleared C1 2003 LCS_NULL',
    'agent 2001 NOT_READY 32767',
    'preCall C1 2004',
    'delivered C1 2004 LCS_ALERTING',
    'agent 2002 RESERVED',
  ]);
  t.clock.advance(10_000);
  assert.deepEqual(t.log.take(), [
    'connectionCleared C1 2004 LCS_NULL',
    'agent 2002 NOT_READY 32767',
    'queued C1 8000 LCS_QUEUED',
  ]);
  t.stop();
});

test("desk settings: the RONA reason and wrap-up after incoming calls are each agent's (configureAgent)", () => {
  const t = setup({ ronaTimeoutSec: 10, wrapUpTimeSec: 60 });
  // Agent desk settings: a Not Ready reason of its own after RONA, no wrap-up after routed calls.
  assert.equal(t.acd.configureAgent('2001', { ronaReasonCode: 50010, wrapUpOnIncoming: false }), true);
  assert.equal(t.acd.configureAgent('nobody', {}), false);
  t.ready('2001');
  const call = t.inject();
  t.clock.advance(10_000);
  assert.ok(t.log.take().includes('agent 2001 NOT_READY 50010'));
  // Ready again: the call, queued meanwhile, comes back to the agent.
  t.state('2001', AgentState.AVAILABLE);
  t.log.take();
  t.ok(t.acd.answerCall({ callId: call, device: '2003' }));
  t.ok(t.acd.clearConnection({ callId: call, device: '2003' }));
  const after = t.log.take();
  assert.ok(after.includes('agent 2001 AVAILABLE'), after.join('\n'));
  assert.ok(!after.some((l) => l.startsWith('agent 2001 WORK')), 'no wrap-up after the routed call');
  t.stop();
});

test('an out-of-service phone: its calls lose it, its agent is logged out (50003), login is refused', () => {
  const t = setup();
  t.ready('2001', '2002');
  const talking = t.inject();
  t.ok(t.acd.answerCall({ callId: talking, device: '2003' }));
  t.inject();
  t.log.take();
  t.ok(t.acd.setDeviceOutOfService('2003'));
  t.ok(t.acd.setDeviceOutOfService('2004'));
  assert.deepEqual(t.log.take(), [
    'system INSTRUMENT_OUT_OF_SERVICE 2003',
    'connectionCleared C1 2003 LCS_NULL',
    'cleared C1 2003 LCS_NULL',
    'end C1 2003 LCS_NULL',
    'agent 2001 LOGOUT 50003',
    'system INSTRUMENT_OUT_OF_SERVICE 2004',
    'connectionCleared C2 2004 LCS_NULL',
    'agent 2002 LOGOUT 50003',
    'queued C2 8000 LCS_QUEUED',
  ]);
  const login = t.acd.setAgentState({
    peripheralId: 5000,
    agentId: '2001',
    agentState: 0,
    eventReasonCode: 0,
    forcedFlag: 0,
  });
  assert.equal(!login.ok && login.status, CtiStatus.E_CTI_INVALID_DEVICE);
  t.ok(t.acd.setDeviceOutOfService('2003', false));
  assert.deepEqual(t.log.take(), ['system INSTRUMENT_BACK_IN_SERVICE 2003']);
  t.stop();
});

test('a caller who hangs up while queued is dequeued (CEC_CALL_CANCELLED) and the call ends', () => {
  const t = setup();
  const call = t.inject();
  t.log.take();
  t.ok(t.acd.dropCall(call));
  assert.deepEqual(t.log.take(), [
    'dequeued C1 8000 LCS_NULL',
    'connectionCleared C1 5551234 LCS_NULL',
    'cleared C1 8000 LCS_NULL',
    'end C1 8000 LCS_NULL',
  ]);
  assert.equal(t.acd.snapshot().queues[0].callIds.length, 0);
  t.stop();
});

test('a call routed to a DNIS by MAKE_CALL queues; if its only party hangs up it leaves the queue', () => {
  const t = setup();
  t.state('2001', AgentState.LOGIN);
  t.log.take();
  const made = t.ok(t.acd.makeCall({ instrument: '2003', dialedNumber: '8000' }));
  const callId = made.call?.callId ?? 0;
  assert.deepEqual(t.log.take(), [
    'begin C1 2003',
    'originated C1 2003 LCS_INITIATE',
    'agent 2001 TALKING',
    'queued C1 8000 LCS_QUEUED',
  ]);
  t.ok(t.acd.clearConnection({ callId, device: '2003' }));
  assert.deepEqual(t.log.take(), [
    'connectionCleared C1 2003 LCS_NULL',
    'dequeued C1 8000 LCS_NULL',
    'cleared C1 2003 LCS_NULL',
    'end C1 2003 LCS_NULL',
    'agent 2001 NOT_READY',
  ]);
  assert.equal(t.acd.snapshot().queues[0].callIds.length, 0);
  t.stop();
});
