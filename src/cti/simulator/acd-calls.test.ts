import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AgentState, ControlFailureCode, CtiStatus, NULL_CALL_ID } from '../protocol/index.ts';
import { setupAcd as setup } from '../testing/acd-harness.ts';

/** The ACD model alone: call control and agent states around calls, on a fake clock. */

/** 2001 Ready takes a routed call and consults 2004 (agent 2002), who answers. */
function consulted(t: ReturnType<typeof setup>): { call: number; consultId: number } {
  t.ready('2001');
  t.state('2002', AgentState.LOGIN);
  const call = t.inject();
  t.ok(t.acd.answerCall({ callId: call, device: '2003' }));
  const consult = t.ok(
    t.acd.consultationCall({ callId: call, device: '2003' }, { instrument: '2003', dialedNumber: '2004' }),
  );
  const consultId = consult.call?.callId ?? 0;
  t.ok(t.acd.answerCall({ callId: consultId, device: '2004' }));
  return { call, consultId };
}

test('hold and retrieve: HOLD while every call is held, TALKING again on retrieve', () => {
  const t = setup();
  t.ready('2001');
  const call = t.inject();
  t.ok(t.acd.answerCall({ callId: NULL_CALL_ID, device: '2003' }));
  t.log.take();
  t.ok(t.acd.holdCall({ callId: call, device: '2003' }));
  t.ok(t.acd.retrieveCall({ callId: call, device: '2003' }));
  assert.deepEqual(t.log.take(), [
    'held C1 2003 LCS_HOLD',
    'agent 2001 HOLD',
    'retrieved C1 2003 LCS_CONNECT',
    'agent 2001 TALKING',
  ]);
  const refused = t.acd.retrieveCall({ callId: call, device: '2003' });
  assert.equal(!refused.ok && refused.failureCode, ControlFailureCode.NO_HELD_CALL);
  t.stop();
});

test('consult and transfer: the consult call ends, the colleague stays on the original call', () => {
  const t = setup();
  t.ready('2001');
  t.state('2002', AgentState.LOGIN);
  const call = t.inject();
  t.ok(t.acd.answerCall({ callId: call, device: '2003' }));
  t.log.take();
  const consult = t.ok(
    t.acd.consultationCall({ callId: call, device: '2003' }, { instrument: '2003', dialedNumber: '2004' }),
  );
  const consultId = consult.call?.callId ?? 0;
  t.ok(t.acd.answerCall({ callId: consultId, device: '2004' }));
  const transfer = t.ok(
    t.acd.transferCall({ callId: call, device: '2003' }, { callId: consultId, device: '2003' }),
  );
  assert.deepEqual(t.log.take(), [
    'held C1 2003 LCS_HOLD',
    'begin C2 2003',
    'originated C2 2003 LCS_INITIATE',
    'delivered C2 2004 LCS_ALERTING',
    'established C2 2004 LCS_CONNECT',
    'agent 2002 TALKING',
    'transferred C1 2003 LCS_NULL',
    'end C2 2004 LCS_NULL',
    'agent 2001 AVAILABLE',
  ]);
  assert.deepEqual(
    transfer.call?.parties?.map((p) => p.device),
    ['5551234', '2004'],
  );
  assert.equal(t.acd.call(consultId), undefined);
  assert.deepEqual(
    t.acd.call(call)?.connections.map((c) => c.device),
    ['5551234', '2004'],
  );
  assert.equal(t.acd.call(call)?.variables.callVariable1, 'acct=42');
  t.stop();
});

test('wrap-up follows the ACD call through a transfer: both agents wrap up, the consult alone would not', () => {
  const t = setup({ wrapUpTimeSec: 30 });
  const { call, consultId } = consulted(t);
  t.log.take();
  t.ok(t.acd.transferCall({ callId: call, device: '2003' }, { callId: consultId, device: '2003' }));
  assert.deepEqual(t.log.take(), [
    'transferred C1 2003 LCS_NULL',
    'end C2 2004 LCS_NULL',
    'agent 2001 WORK_READY',
  ]);
  t.ok(t.acd.clearConnection({ callId: call, device: '2004' }));
  assert.deepEqual(t.log.take(), [
    'connectionCleared C1 2004 LCS_NULL',
    'cleared C1 2004 LCS_NULL',
    'end C1 2004 LCS_NULL',
    'agent 2002 WORK_READY',
  ]);
  t.clock.advance(30_000);
  assert.deepEqual(t.log.take(), ['agent 2001 AVAILABLE', 'agent 2002 AVAILABLE']);

  // A consult call that is dropped before any transfer is no ACD call for the colleague.
  t.state('2002', AgentState.NOT_READY, 1);
  const second = t.inject();
  t.ok(t.acd.answerCall({ callId: second, device: '2003' }));
  const c2 = t.ok(
    t.acd.consultationCall({ callId: second, device: '2003' }, { instrument: '2003', dialedNumber: '2004' }),
  );
  t.ok(t.acd.answerCall({ callId: c2.call?.callId ?? 0, device: '2004' }));
  t.log.take();
  t.ok(t.acd.clearConnection({ callId: c2.call?.callId ?? 0, device: '2004' }));
  const after = t.log.take();
  assert.ok(after.includes('agent 2002 NOT_READY 1'), after.join('; '));
  t.stop();
});

test('the agent query counts the calls on the phone (NumTasks): a consult makes two, a transfer none', () => {
  const t = setup();
  t.ready('2001');
  t.state('2002', AgentState.LOGIN);
  const tasks = (agentId: string) => {
    const found = t.acd.find({ agentId });
    assert.ok(found.ok);
    return found.numTasks;
  };
  assert.equal(tasks('2001'), 0);
  const call = t.inject();
  assert.equal(tasks('2001'), 1, 'ringing counts');
  t.ok(t.acd.answerCall({ callId: call, device: '2003' }));
  const consult = t.ok(
    t.acd.consultationCall({ callId: call, device: '2003' }, { instrument: '2003', dialedNumber: '2004' }),
  );
  const consultId = consult.call?.callId ?? 0;
  assert.deepEqual([tasks('2001'), tasks('2002')], [2, 1]);
  t.ok(t.acd.answerCall({ callId: consultId, device: '2004' }));
  t.ok(t.acd.transferCall({ callId: call, device: '2003' }, { callId: consultId, device: '2003' }));
  assert.deepEqual([tasks('2001'), tasks('2002')], [0, 1]);
  t.stop();
});

test('single-step transfer: the agent leaves, the colleague rings on the same call', () => {
  const t = setup();
  t.ready('2001');
  t.state('2002', AgentState.LOGIN);
  const call = t.inject();
  t.ok(t.acd.answerCall({ callId: call, device: '2003' }));
  t.log.take();
  t.ok(t.acd.transferCall({ callId: call, device: '2003' }, undefined, '2004'));
  assert.deepEqual(t.log.take(), [
    'transferred C1 2003 LCS_NULL',
    'delivered C1 2004 LCS_ALERTING',
    'agent 2001 AVAILABLE',
  ]);
  t.stop();
});

test('conference: three parties on the original call; one agent leaving keeps the call up', () => {
  const t = setup();
  const { call, consultId } = consulted(t);
  t.log.take();
  const conference = t.ok(
    t.acd.conferenceCall({ callId: call, device: '2003' }, { callId: consultId, device: '2003' }),
  );
  assert.deepEqual(t.log.take(), ['conferenced C1 2003 LCS_CONNECT', 'end C2 2004 LCS_NULL']);
  assert.deepEqual(
    conference.call?.parties?.map((p) => p.device),
    ['5551234', '2003', '2004'],
  );
  t.ok(t.acd.clearConnection({ callId: call, device: '2003' }));
  assert.deepEqual(t.log.take(), ['connectionCleared C1 2003 LCS_NULL', 'agent 2001 AVAILABLE']);
  t.ok(t.acd.dropCall(call));
  assert.deepEqual(t.log.take(), [
    'connectionCleared C1 5551234 LCS_NULL',
    'cleared C1 2004 LCS_NULL',
    'end C1 2004 LCS_NULL',
    'agent 2002 NOT_READY',
  ]);
  t.stop();
});

test('wrap-up: WORK_READY after an answered call, READY when the timer ends; the agent may end it early', () => {
  const t = setup({ wrapUpTimeSec: 30 });
  t.ready('2001');
  const call = t.inject({ handleTimeSec: 60 });
  t.ok(t.acd.answerCall({ callId: call, device: '2003' }));
  t.log.take();
  t.clock.advance(60_000);
  assert.deepEqual(t.log.take(), [
    'connectionCleared C1 5551234 LCS_NULL',
    'cleared C1 2003 LCS_NULL',
    'end C1 2003 LCS_NULL',
    'agent 2001 WORK_READY',
  ]);
  t.clock.advance(30_000);
  assert.deepEqual(t.log.take(), ['agent 2001 AVAILABLE']);

  const second = t.inject();
  t.ok(t.acd.answerCall({ callId: second, device: '2003' }));
  t.ok(t.acd.clearConnection({ callId: second, device: '2003' }));
  t.log.take();
  t.state('2001', AgentState.NOT_READY, 7);
  assert.deepEqual(t.log.take(), ['agent 2001 NOT_READY 7']);
  t.clock.advance(30_000);
  assert.deepEqual(t.log.take(), [], 'the cancelled wrap-up timer does nothing');
  t.stop();
});

test('pending state: NOT_READY asked during a call is NextAgentState, and applies when the call ends', () => {
  const t = setup();
  t.ready('2001');
  const call = t.inject();
  t.state('2001', AgentState.NOT_READY, 16);
  t.ok(t.acd.answerCall({ callId: call, device: '2003' }));
  t.ok(t.acd.clearConnection({ callId: call, device: '2003' }));
  assert.deepEqual(t.log.take(), [
    'preCall C1 2003',
    'begin C1 2003',
    'delivered C1 2003 LCS_ALERTING',
    'agent 2001 RESERVED',
    'agent 2001 RESERVED next=NOT_READY',
    'established C1 2003 LCS_CONNECT',
    'agent 2001 TALKING next=NOT_READY',
    'connectionCleared C1 2003 LCS_NULL',
    'cleared C1 2003 LCS_NULL',
    'end C1 2003 LCS_NULL',
    'agent 2001 NOT_READY 16',
  ]);
  assert.equal(t.acd.get('2001')?.nextAgentState, undefined);
  t.stop();
});

test('pending NOT_READY with wrap-up configured: WORK_NOT_READY, then NOT_READY with the reason', () => {
  const t = setup({ wrapUpTimeSec: 20 });
  t.ready('2001');
  const call = t.inject();
  t.ok(t.acd.answerCall({ callId: call, device: '2003' }));
  t.state('2001', AgentState.NOT_READY, 4);
  t.ok(t.acd.clearConnection({ callId: call, device: '2003' }));
  assert.deepEqual(t.log.take().slice(-1), ['agent 2001 WORK_NOT_READY']);
  t.clock.advance(20_000);
  assert.deepEqual(t.log.take(), ['agent 2001 NOT_READY 4']);
  t.stop();
});

test('MAKE_CALL between two extensions, and to an outside number that answers by itself', () => {
  const t = setup({ outsideAnswerSec: 3 });
  t.state('2001', AgentState.LOGIN);
  t.state('2002', AgentState.LOGIN);
  t.log.take();
  const made = t.ok(t.acd.makeCall({ instrument: '2003', dialedNumber: '2004' }));
  assert.equal(made.call?.device, '2003');
  t.ok(t.acd.answerCall({ callId: made.call?.callId ?? 0, device: '2004' }));
  assert.deepEqual(t.log.take(), [
    'begin C1 2003',
    'originated C1 2003 LCS_INITIATE',
    'delivered C1 2004 LCS_ALERTING',
    'agent 2001 TALKING',
    'established C1 2004 LCS_CONNECT',
    'agent 2002 TALKING',
  ]);
  t.ok(t.acd.clearConnection({ callId: made.call?.callId ?? 0, device: '2004' }));
  t.log.take();
  t.ok(t.acd.makeCall({ instrument: '2003', dialedNumber: '4085551234' }));
  t.clock.advance(3000);
  assert.deepEqual(t.log.take(), [
    'begin C2 2003',
    'originated C2 2003 LCS_INITIATE',
    'delivered C2 4085551234 LCS_ALERTING',
    'agent 2001 TALKING',
    'established C2 4085551234 LCS_CONNECT',
  ]);
  const busy = t.acd.makeCall({ instrument: '2003', dialedNumber: '2004' });
  assert.equal(!busy.ok && busy.failureCode, ControlFailureCode.RESOURCE_BUSY);
  const self = t.acd.makeCall({ instrument: '2004', dialedNumber: '2004' });
  assert.equal(!self.ok && self.failureCode, ControlFailureCode.INVALID_DESTINATION);
  t.stop();
});

test('supervisor: silent monitor, barge-in (ending the monitor call), and the monitor ending with the call', () => {
  const t = setup();
  t.ready('2001');
  t.state('2005', AgentState.LOGIN);
  const call = t.inject();
  t.ok(t.acd.answerCall({ callId: call, device: '2003' }));
  t.log.take();
  const monitor = t.ok(t.acd.superviseCall({ callId: call, device: '2003' }, '2006', 'monitor'));
  assert.deepEqual(t.log.take(), ['begin C2 2006', 'established C2 2006 LCS_CONNECT', 'agent 2005 TALKING']);
  assert.equal(t.acd.call(monitor.call?.callId ?? 0)?.callType, 21);
  t.ok(t.acd.superviseCall({ callId: call, device: '2003' }, '2006', 'barge'));
  assert.deepEqual(t.log.take(), [
    'cleared C2 2006 LCS_NULL',
    'end C2 2006 LCS_NULL',
    'conferenced C1 2006 LCS_CONNECT',
  ]);
  t.ok(t.acd.superviseCall({ callId: call, device: '2003' }, '2006', 'clear'));
  t.ok(t.acd.superviseCall({ callId: call, device: '2003' }, '2006', 'monitor'));
  t.log.take();
  t.ok(t.acd.dropCall(call));
  assert.deepEqual(t.log.take(), [
    'connectionCleared C1 5551234 LCS_NULL',
    'cleared C1 2003 LCS_NULL',
    'end C1 2003 LCS_NULL',
    'cleared C3 2006 LCS_NULL',
    'end C3 2006 LCS_NULL',
    'agent 2001 AVAILABLE',
    'agent 2005 NOT_READY',
  ]);
  t.stop();
});

test('call data, DTMF, forced logout during a call, and refusals that change nothing', () => {
  const t = setup();
  t.ready('2001');
  const call = t.inject();
  t.ok(t.acd.answerCall({ callId: call, device: '2003' }));
  t.log.take();
  t.ok(
    t.acd.setCallData(
      { callId: call, device: '2003' },
      { callVariable2: 'vip', namedVariables: [{ name: 'user.lang', value: 'de' }] },
    ),
  );
  assert.deepEqual(t.log.take(), ['dataUpdate C1 2003 LCS_CONNECT']);
  assert.equal(t.acd.call(call)?.variables.callVariable2, 'vip');
  const tooLong = t.acd.setCallData({ callId: call, device: '2003' }, { callVariable1: 'x'.repeat(41) });
  assert.equal(!tooLong.ok && tooLong.status, CtiStatus.E_CTI_VALUE_TOO_LONG);
  t.ok(t.acd.sendDtmf({ callId: call, device: '2003' }, '12#'));
  const badDigits = t.acd.sendDtmf({ callId: call, device: '2003' }, '12x');
  assert.equal(!badDigits.ok && badDigits.status, CtiStatus.E_CTI_INVALID_DIGITS);
  const unknown = t.acd.holdCall({ callId: 42, device: '2003' });
  assert.equal(!unknown.ok && unknown.status, CtiStatus.E_CTI_INVALID_CALLID);
  const logout = t.acd.setAgentState({
    peripheralId: 5000,
    agentId: '2001',
    agentState: 1,
    eventReasonCode: 0,
    forcedFlag: 0,
  });
  assert.equal(!logout.ok && logout.status, CtiStatus.E_CTI_INVALID_OBJECT_STATE);
  t.ok(t.acd.forceLogout('2001', 255));
  assert.deepEqual(t.log.take(), ['agent 2001 LOGOUT 255']);
  assert.equal(t.acd.call(call)?.connections.length, 2, 'the phone call goes on without the agent');
  t.stop();
});
