import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Update } from '../model.ts';
import type { CallEvent } from './call-events.ts';
import { CALL, principal, settle, startCore } from './test-support.ts';

const READY = 3;
const TALKING = 4;
const WORK_READY = 6;

const delivered: CallEvent = {
  type: 'DELIVERED',
  call: CALL,
  alertingDevice: '2003',
  callingDevice: '5551234',
  calledDevice: '8000',
};
const established: CallEvent = {
  type: 'ESTABLISHED',
  call: CALL,
  answeringDevice: '2003',
  callingDevice: '5551234',
};
const held: CallEvent = { type: 'HELD', call: CALL, holdingDevice: '2003' };
const retrieved: CallEvent = { type: 'RETRIEVED', call: CALL, retrievingDevice: '2003' };
const act = (requestedAction: string, extra: object = {}) => ({
  requestedAction,
  targetMediaAddress: '2003',
  ...extra,
});

/** Mickey signed in and READY with a call ringing on 2003, or answered with `answered`. */
async function ringing(options: { answered?: boolean; withoutCallControl?: boolean } = {}) {
  const s = startCore(options);
  await s.agentState('2001', READY);
  s.core.onCallEvent({ type: 'BEGIN_CALL', call: CALL, callType: 2, ani: '5551234', dnis: '8000' });
  s.core.onCallEvent(delivered);
  if (options.answered) {
    s.core.onCallEvent(established);
    await s.agentState('2001', TALKING);
  }
  s.published.length = 0;
  return s;
}

const lastOn = (published: { node: string; update: Update }[], node: string) =>
  published.filter((p) => p.node === node).at(-1)?.update;

describe('Core dialogs: notifications', () => {
  it('publishes the new call as a POST of <dialogs> on the Dialogs node', async () => {
    const s = startCore();
    await s.agentState('2001', READY);
    s.published.length = 0;
    s.core.onCallEvent(delivered);
    const u = lastOn(s.published, '/finesse/api/User/2001/Dialogs');
    assert.equal(u?.event, 'POST');
    assert.equal(u?.source, '/finesse/api/User/2001/Dialogs');
    assert.equal(u?.data.kind, 'dialogs');
    assert.deepEqual(
      s.core.dialogs('2001').map((d) => [d.id, d.state]),
      [['16777217', 'ALERTING']],
    );
  });
});

describe('Core dialogs: requested actions', () => {
  it('ANSWER goes to CTI at once (202) and the ACTIVE update carries the requestId', async () => {
    const { core, sent, published } = await ringing();
    const r = await core.dialogAction(principal('2001'), '16777217', act('ANSWER'), 'r-answer');
    assert.deepEqual(r, { ok: true, value: undefined });
    await settle();
    assert.deepEqual(sent.at(-1), { method: 'answerCall', args: { call: CALL, instrument: '2003' } });
    core.onCallEvent(established);
    const u = lastOn(published, '/finesse/api/User/2001/Dialogs');
    assert.equal(u?.event, 'PUT');
    assert.equal(u?.source, '/finesse/api/Dialog/16777217');
    assert.equal(u?.requestId, 'r-answer');
    assert.equal(u?.data.kind === 'dialog' && u.data.dialog.state, 'ACTIVE');
  });

  it('refuses, synchronously, what the participant state or the request does not allow', async () => {
    const { core, sent } = await ringing();
    const refused = async (actor: string, id: string, body: object) => {
      const r = await core.dialogAction(principal(actor), id, body as never, '');
      assert.ok(!r.ok, JSON.stringify(body));
      return [r.error.status, r.error.errorType, r.error.errorData];
    };
    assert.deepEqual(await refused('2001', '16777217', act('HOLD')), [400, 'Invalid State', 'ALERTING']);
    assert.deepEqual(await refused('2001', '16777217', act('ANSWER', { targetMediaAddress: '2004' })), [
      400,
      'Invalid Input',
      '2004',
    ]);
    assert.deepEqual(await refused('2001', '16777217', { requestedAction: 'ANSWER' }), [
      400,
      'Parameter Missing',
      'targetMediaAddress',
    ]);
    assert.deepEqual(await refused('2001', '16777217', act('FLY')), [400, 'Invalid Input', 'FLY']);
    assert.deepEqual(await refused('2001', '99', act('ANSWER')), [404, 'Not Found', '99']);
    assert.deepEqual(await refused('2002', '16777217', act('ANSWER')), [
      401,
      'Authorization Failure',
      '16777217',
    ]);
    assert.equal((await core.getDialog(principal('2002'), '16777217')).ok, false);
    assert.equal(
      (await core.getDialog(principal('2010'), '16777217')).ok,
      true,
      'the supervisor of the team',
    );
    assert.equal(sent.filter((x) => x.method !== 'setAgentState').length, 0);
  });

  it('checks destinations and what needs another call', async () => {
    const { core } = await ringing({ answered: true });
    const consultSelf = await core.dialogAction(
      principal('2001'),
      '16777217',
      act('CONSULT_CALL', { toAddress: '2003' }),
      '',
    );
    assert.equal(!consultSelf.ok && consultSelf.error.errorType, 'Invalid Destination');
    const noTo = await core.dialogAction(principal('2001'), '16777217', act('TRANSFER_SST'), '');
    assert.equal(!noTo.ok && noTo.error.errorData, 'toAddress');
    core.onCallEvent(held);
    const transfer = await core.dialogAction(principal('2001'), '16777217', act('TRANSFER'), '');
    assert.equal(!transfer.ok && transfer.error.errorType, 'Invalid State', 'no other, active call');
    const dtmf = await core.dialogAction(
      principal('2001'),
      '16777217',
      act('UPDATE_CALL_DATA', {
        mediaProperties: { callvariables: [{ name: 'BAStatus', value: 'x' }] },
      }),
      '',
    );
    assert.equal(!dtmf.ok && dtmf.error.errorType, 'Invalid Input');
  });

  it('a CTI failure becomes a Call Operation Failure on the Dialogs node with the requestId', async () => {
    const { core, fail, published } = await ringing({ answered: true });
    fail.set('holdCall', { status: 17, failureCode: 34, peripheralErrorCode: 10125 });
    await core.dialogAction(principal('2001'), '16777217', act('HOLD'), 'r-hold');
    await settle();
    const u = lastOn(published, '/finesse/api/User/2001/Dialogs');
    assert.equal(u?.requestId, 'r-hold');
    assert.equal(u?.source, '/finesse/api/Dialog/16777217');
    assert.equal(u?.data.kind, 'apiErrors');
    if (u?.data.kind === 'apiErrors') {
      assert.deepEqual(u.data.errors[0], {
        status: 400,
        errorType: 'Call Operation Failure',
        errorMessage: 'CF_RESOURCE_OUT_OF_SERVICE',
        errorData: '34',
        peripheralErrorCode: '10125',
      });
    }
  });

  it('a link without call control fails the request as the CTI server would', async () => {
    const { core, published } = await ringing({ withoutCallControl: true });
    await core.dialogAction(principal('2001'), '16777217', act('ANSWER'), 'r-x');
    await settle();
    const u = lastOn(published, '/finesse/api/User/2001/Dialogs');
    assert.equal(u?.data.kind === 'apiErrors' && u.data.errors[0].errorMessage, 'CF_FUNCTION_NOT_AVAILABLE');
  });

  it('orders requests per dialog: RETRIEVE waits for the outcome of HOLD (or its timeout)', async () => {
    const { core, sent, timers, published } = await ringing({ answered: true });
    await core.dialogAction(principal('2001'), '16777217', act('HOLD'), 'r-1');
    await core.dialogAction(principal('2001'), '16777217', act('DROP'), 'r-2');
    await settle();
    assert.deepEqual(
      sent.filter((x) => x.method !== 'setAgentState').map((x) => x.method),
      ['holdCall'],
    );
    core.onCallEvent(held);
    assert.equal(lastOn(published, '/finesse/api/User/2001/Dialogs')?.requestId, 'r-1');
    await settle();
    assert.equal(sent.at(-1)?.method, 'clearConnection');
    // No event answers the DROP: the next request goes out after the timeout all the same.
    await core.dialogAction(
      principal('2001'),
      '16777217',
      act('UPDATE_CALL_DATA', {
        mediaProperties: { wrapUpReason: 'Sale' },
      }),
      'r-3',
    );
    await settle();
    assert.equal(sent.at(-1)?.method, 'clearConnection');
    timers.advance(10_000);
    await settle();
    assert.deepEqual(sent.at(-1), { method: 'setCallData', args: { call: CALL, callWrapupData: 'Sale' } });
  });

  it('judges a queued action against the dialog its predecessor leaves: HOLD then RETRIEVE at once', async () => {
    const { core, sent, published } = await ringing({ answered: true });
    assert.deepEqual(await core.dialogAction(principal('2001'), '16777217', act('HOLD'), 'r-hold'), {
      ok: true,
      value: undefined,
    });
    // Still ACTIVE when it arrives, where RETRIEVE alone would be refused with 400.
    assert.deepEqual(await core.dialogAction(principal('2001'), '16777217', act('RETRIEVE'), 'r-retrieve'), {
      ok: true,
      value: undefined,
    });
    await settle();
    core.onCallEvent(held);
    await settle();
    assert.deepEqual(
      sent.filter((x) => x.method !== 'setAgentState').map((x) => x.method),
      ['holdCall', 'retrieveCall'],
    );
    // A second RETRIEVE queued behind the first is refused when its turn comes (the call is no
    // longer held), on the Dialogs node with its requestId.
    await core.dialogAction(principal('2001'), '16777217', act('RETRIEVE'), 'r-again');
    core.onCallEvent(retrieved);
    await settle();
    const refusal = published.find((p) => p.update.requestId === 'r-again');
    assert.equal(refusal?.node, '/finesse/api/User/2001/Dialogs');
    assert.ok(refusal?.update.data.kind === 'apiErrors', JSON.stringify(refusal));
    assert.equal(sent.filter((x) => x.method === 'retrieveCall').length, 1);
  });

  it('UPDATE_CALL_DATA sets the wrap-up reason on the dialog and answers with it', async () => {
    const { core, sent, published, agentState } = await ringing({ answered: true });
    core.onCallEvent({ type: 'CONNECTION_CLEARED', call: CALL, releasingDevice: '5551234' });
    core.onCallEvent({ type: 'CLEARED', call: CALL });
    await agentState('2001', WORK_READY);
    const wrapUp = core.dialogs('2001')[0].participants.find((p) => p.mediaAddress === '2003');
    assert.deepEqual([wrapUp?.state, wrapUp?.actions], ['WRAP_UP', ['UPDATE_CALL_DATA']]);
    await core.dialogAction(
      principal('2001'),
      '16777217',
      {
        requestedAction: 'UPDATE_CALL_DATA',
        mediaProperties: {
          wrapUpReason: 'Sale',
          callvariables: [{ name: 'callVariable3', value: 'done' }],
        },
      },
      'r-wrap',
    );
    await settle();
    assert.deepEqual(sent.at(-1), {
      method: 'setCallData',
      args: { call: CALL, callWrapupData: 'Sale', callVariables: [{ name: 'callVariable3', value: 'done' }] },
    });
    const u = lastOn(published, '/finesse/api/User/2001/Dialogs');
    assert.equal(u?.requestId, 'r-wrap');
    assert.equal(u?.data.kind === 'dialog' && u.data.dialog.mediaProperties.wrapUpReason, 'Sale');
  });

  it('an agent that left a call which goes on keeps its wrap-up reason to itself: no SET_CALL_DATA', async () => {
    const { core, sent, published, agentState } = await ringing({ answered: true });
    await agentState('2002', READY);
    // 3002 joins and 2003 leaves: the call goes on without Mickey, who wraps up.
    core.onCallEvent({ ...established, answeringDevice: '3002' });
    core.onCallEvent({ type: 'CONNECTION_CLEARED', call: CALL, releasingDevice: '2003' });
    await agentState('2001', WORK_READY);
    const before = sent.length;
    const refused = await core.dialogAction(
      principal('2001'),
      '16777217',
      {
        requestedAction: 'UPDATE_CALL_DATA',
        mediaProperties: { callvariables: [{ name: 'callVariable3', value: 'done' }] },
      },
      'r-vars',
    );
    assert.equal(!refused.ok && refused.error.errorType, 'Invalid State');
    const ok = await core.dialogAction(
      principal('2001'),
      '16777217',
      { requestedAction: 'UPDATE_CALL_DATA', mediaProperties: { wrapUpReason: 'Sale' } },
      'r-wrap',
    );
    assert.ok(ok.ok);
    await settle();
    assert.equal(sent.length, before, 'nothing asked of the CTI server');
    const mine = lastOn(published, '/finesse/api/User/2001/Dialogs');
    assert.equal(mine?.requestId, 'r-wrap');
    assert.equal(mine?.data.kind === 'dialog' && mine.data.dialog.mediaProperties.wrapUpReason, 'Sale');
    assert.equal(core.dialogs('2002')[0]?.mediaProperties.wrapUpReason, '', "not the colleague's");
  });

  it('CONSULT_CALL associates the new call with the held one, whose TRANSFER joins them', async () => {
    const { core, sent, published, agentState } = await ringing({ answered: true });
    await agentState('2002', READY);
    await core.dialogAction(
      principal('2001'),
      '16777217',
      act('CONSULT_CALL', { toAddress: '3002' }),
      'r-consult',
    );
    await settle();
    assert.deepEqual(sent.at(-1), {
      method: 'consultationCall',
      args: { call: CALL, instrument: '2003', dialedNumber: '3002' },
    });
    const consult = { callId: 16777218, deviceIdType: 0, deviceId: '2003' };
    core.onCallEvent(held);
    core.onCallEvent({ type: 'ORIGINATED', call: consult, callingDevice: '2003', calledDevice: '3002' });
    const post = published.find((p) => p.update.event === 'POST' && p.update.requestId === 'r-consult');
    assert.ok(post, 'the consult dialog is the outcome');
    const d = post.update.data.kind === 'dialogs' ? post.update.data.dialogs[0] : undefined;
    assert.equal(d?.associatedDialogUri, '/finesse/api/Dialog/16777217');
    core.onCallEvent({ type: 'ESTABLISHED', call: consult, answeringDevice: '3002', callingDevice: '2003' });
    await core.dialogAction(principal('2001'), '16777217', act('TRANSFER'), 'r-transfer');
    await settle();
    assert.deepEqual(sent.at(-1), {
      method: 'transferCall',
      args: { held: CALL, active: consult, instrument: '2003' },
    });
  });

  it('MAKE_CALL dials from the agent’s extension; the new dialog carries the requestId', async () => {
    const { core, sent, published, agentState } = await ringing();
    await agentState('2002', 2);
    const own = await core.makeCall(principal('2002'), '2002', { toAddress: '3002' }, '');
    assert.equal(!own.ok && own.error.errorType, 'Invalid Destination');
    const other = await core.makeCall(principal('2001'), '2002', { toAddress: '5550100' }, '');
    assert.equal(!other.ok && other.error.status, 401);
    assert.ok(
      (
        await core.makeCall(
          principal('2002'),
          '2002',
          { fromAddress: '3002', toAddress: '5550100' },
          'r-make',
        )
      ).ok,
    );
    await settle();
    assert.deepEqual(sent.at(-1), {
      method: 'makeCall',
      args: { instrument: '3002', dialedNumber: '5550100' },
    });
    const out = { callId: 16777300, deviceIdType: 0, deviceId: '3002' };
    core.onCallEvent({ type: 'BEGIN_CALL', call: out, callType: 9 });
    core.onCallEvent({ type: 'ORIGINATED', call: out, callingDevice: '3002', calledDevice: '5550100' });
    const u = lastOn(published, '/finesse/api/User/2002/Dialogs');
    assert.equal(u?.requestId, '', 'the INITIATED PUT follows the POST, which had it');
    assert.ok(published.some((p) => p.update.event === 'POST' && p.update.requestId === 'r-make'));
  });

  it('SILENT_MONITOR: a supervisor of the team, on an active call, through SUPERVISE_CALL', async () => {
    const { core, sent, agentState } = await ringing();
    await agentState('2010', 2);
    await agentState('2004', READY);
    const ringingCall = await core.makeCall(
      principal('2010'),
      '2010',
      { requestedAction: 'SILENT_MONITOR', toAddress: '2003' },
      '',
    );
    assert.equal(!ringingCall.ok && ringingCall.error.errorType, 'Invalid State');
    core.onCallEvent(established);
    const notSupervisor = await core.makeCall(
      principal('2004'),
      '2004',
      { requestedAction: 'SILENT_MONITOR', toAddress: '2003' },
      '',
    );
    assert.equal(!notSupervisor.ok && notSupervisor.error.errorType, 'Invalid Supervisor');
    const r = await core.makeCall(
      principal('2010'),
      '2010',
      { requestedAction: 'SILENT_MONITOR', fromAddress: '3010', toAddress: '2003' },
      'r-mon',
    );
    assert.ok(r.ok);
    await settle();
    assert.deepEqual(sent.at(-1), {
      method: 'superviseCall',
      args: { agentCall: CALL, agentInstrument: '2003', supervisorInstrument: '3010', action: 'MONITOR' },
    });
  });
});
