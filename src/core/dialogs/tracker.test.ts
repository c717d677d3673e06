import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallRef } from './call-events.ts';
import {
  begin,
  CALL,
  cleared,
  delivered,
  endCall,
  established,
  party,
  released,
  trackerSetup as setup,
  summary,
} from './test-support.ts';

const CONSULT: CallRef = { callId: 16777218, deviceIdType: 0, deviceId: '2003' };

describe('DialogTracker: inbound call', () => {
  it('POSTs ALERTING to the agent, PUTs ACTIVE, DROPPED, then DELETEs once the agent is free', () => {
    const { tracker, run } = setup();
    assert.deepEqual(run(begin()), [], 'nobody sees a call before it reaches an agent');
    const post = run(delivered());
    assert.deepEqual(summary(post), ['POST 2001 ALERTING']);
    const d = post[0].dialog;
    assert.equal(post[0].node, '/finesse/api/User/2001/Dialogs');
    assert.equal(d.id, '16777217');
    assert.equal(d.uri, '/finesse/api/Dialog/16777217');
    assert.equal(d.fromAddress, '5551234');
    assert.equal(d.toAddress, '2003');
    assert.equal(d.mediaProperties.callType, 'PREROUTE_ACD_IN');
    assert.equal(d.mediaProperties.DNIS, '8000');
    assert.equal(d.mediaProperties.queueNumber, '85881');
    assert.equal(d.mediaProperties.callKeyCallId, '7');
    assert.equal(d.mediaProperties.callKeyPrefix, '150000');
    assert.deepEqual(
      d.mediaProperties.callvariables.map((v) => v.name),
      ['callVariable1', 'callVariable2'],
    );
    assert.deepEqual(party(d, '2003')?.actions, ['ANSWER']);
    assert.equal(party(d, '2003')?.mediaAddressType, 'AGENT_DEVICE');
    assert.equal(party(d, '5551234')?.mediaAddressType, '');
    assert.deepEqual(party(d, '5551234')?.actions, []);

    const active = run(established());
    assert.deepEqual(summary(active), ['PUT 2001 ACTIVE']);
    assert.deepEqual(party(active[0].dialog, '2003')?.actions, [
      'TRANSFER_SST',
      'CONSULT_CALL',
      'HOLD',
      'UPDATE_CALL_DATA',
      'SEND_DTMF',
      'DROP',
    ]);
    tracker.onAgent('2001', { state: 'TALKING' });

    assert.deepEqual(summary(run(released('5551234'))), ['PUT 2001 DROPPED']);
    assert.deepEqual(summary(run(cleared())), ['PUT 2001 DROPPED']);
    assert.equal(tracker.hasLiveCall('2001'), false);
    assert.deepEqual(run(endCall()), [], 'still TALKING: the agent event that ends the call is due');
    assert.deepEqual(summary(tracker.onAgent('2001', { state: 'READY' })), ['DELETE 2001 DROPPED']);
    assert.deepEqual(tracker.dialogsOf('2001'), []);
  });

  it('keeps the dialog through wrap-up with a WRAP_UP participant that may set call data', () => {
    const { tracker, run } = setup();
    run(begin(), delivered(), established());
    tracker.onAgent('2001', { state: 'TALKING' });
    run(released('2003'), cleared(), endCall());
    const wrap = tracker.onAgent('2001', { state: 'WORK_READY' });
    assert.deepEqual(summary(wrap), ['PUT 2001 DROPPED']);
    assert.equal(party(wrap[0].dialog, '2003')?.state, 'WRAP_UP');
    assert.deepEqual(party(wrap[0].dialog, '2003')?.actions, ['UPDATE_CALL_DATA']);
    const reason = tracker.setCallData('16777217', { callWrapupData: 'Sale' });
    assert.equal(reason[0].dialog.mediaProperties.wrapUpReason, 'Sale');
    assert.deepEqual(summary(tracker.onAgent('2001', { state: 'READY' })), [
      'PUT 2001 DROPPED',
      'DELETE 2001 DROPPED',
    ]);
  });

  it('deletes at once when the agent event came first', () => {
    const { tracker, run } = setup();
    run(begin(), delivered(), established());
    tracker.onAgent('2001', { state: 'READY' });
    assert.deepEqual(summary(run(released('2003'))), ['PUT 2001 DROPPED', 'DELETE 2001 DROPPED']);
    assert.deepEqual(run(cleared(), endCall()), []);
  });
});

describe('DialogTracker: hold and retrieve', () => {
  it('moves the participant to HELD and back, with the matching actions', () => {
    const { run } = setup();
    run(begin(), delivered(), established());
    const held = run({ type: 'HELD', call: CALL, holdingDevice: '2003' });
    assert.deepEqual(summary(held), ['PUT 2001 ACTIVE']);
    assert.equal(party(held[0].dialog, '2003')?.state, 'HELD');
    assert.deepEqual(party(held[0].dialog, '2003')?.actions, ['RETRIEVE', 'UPDATE_CALL_DATA', 'DROP']);
    const back = run({ type: 'RETRIEVED', call: CALL, retrievingDevice: '2003' });
    assert.equal(party(back[0].dialog, '2003')?.state, 'ACTIVE');
  });
});

describe('DialogTracker: consult and transfer', () => {
  function consulted() {
    const s = setup();
    s.run(begin(), delivered(), established());
    s.tracker.onAgent('2001', { state: 'TALKING' });
    s.run({ type: 'HELD', call: CALL, holdingDevice: '2003' });
    s.tracker.expectAssociated('2001', '16777217');
    const consult = s.run(
      // The consult call carries the original call's context, its caller's ANI included.
      { type: 'BEGIN_CALL', call: CONSULT, callType: 12, ani: '5551234' },
      { type: 'ORIGINATED', call: CONSULT, callingDevice: '2003', calledDevice: '2004' },
      {
        type: 'DELIVERED',
        call: CONSULT,
        alertingDevice: '2004',
        callingDevice: '2003',
        calledDevice: '2004',
      },
      { type: 'ESTABLISHED', call: CONSULT, answeringDevice: '2004', callingDevice: '2003' },
    );
    return { ...s, consult };
  }

  it('shows the consult call to both agents, associated with the held call, which may now transfer', () => {
    const { consult, tracker } = consulted();
    assert.deepEqual(summary(consult), [
      'POST 2001 INITIATING',
      'PUT 2001 INITIATED',
      'PUT 2001 ALERTING',
      'POST 2002 ALERTING',
      'PUT 2001 ACTIVE',
      'PUT 2002 ACTIVE',
      'PUT 2001 ACTIVE',
    ]);
    const consultDialog = consult[0].dialog;
    assert.equal(consultDialog.associatedDialogUri, '/finesse/api/Dialog/16777217');
    assert.equal(consultDialog.mediaProperties.callType, 'CONSULT');
    assert.equal(consultDialog.fromAddress, '2003');
    assert.equal(tracker.dialog('16777218', '2001')?.toAddress, '2004');
    const primary = tracker.dialog('16777217', '2001');
    // The order of DIALOG_ACTIONS (actions.ts), whose ACTIVE list is Finesse's captured one.
    assert.deepEqual(party(primary!, '2003')?.actions, [
      'RETRIEVE',
      'UPDATE_CALL_DATA',
      'TRANSFER',
      'CONFERENCE',
      'DROP',
    ]);
    assert.deepEqual(
      tracker.dialogsOf('2001').map((d) => d.id),
      ['16777217', '16777218'],
    );
  });

  it('TRANSFERRED moves the caller to the consulted agent and leaves the transferring one', () => {
    const { run, tracker } = consulted();
    tracker.onAgent('2002', { state: 'TALKING' });
    const t = run({
      type: 'TRANSFERRED',
      primary: CALL,
      secondary: CONSULT,
      transferringDevice: '2003',
      transferredDevice: '2004',
      parties: [],
    });
    assert.deepEqual(summary(t), [
      'DELETE 2001 DROPPED',
      'DELETE 2002 DROPPED',
      'PUT 2001 DROPPED',
      'POST 2002 ACTIVE',
    ]);
    const moved = t[3].dialog;
    assert.equal(moved.id, '16777217');
    assert.deepEqual(
      moved.participants.map((p) => `${p.mediaAddress}:${p.state}`),
      ['5551234:ACTIVE', '2003:DROPPED', '2004:ACTIVE'],
    );
    assert.deepEqual(summary(tracker.onAgent('2001', { state: 'READY' })), ['DELETE 2001 DROPPED']);
    assert.deepEqual(run(endCall(CONSULT)), [], 'the merged consult call is gone already');
  });

  it('the transferring agent wraps up on its own: WRAP_UP and its reason are shown to it only', () => {
    const { run, tracker } = consulted();
    tracker.onAgent('2002', { state: 'TALKING' });
    run({
      type: 'TRANSFERRED',
      primary: CALL,
      secondary: CONSULT,
      transferringDevice: '2003',
      transferredDevice: '2004',
      parties: [],
    });
    assert.equal(tracker.hasLeftLiveCall('16777217', '2001'), true);
    assert.equal(tracker.hasLeftLiveCall('16777217', '2002'), false);
    const wrap = tracker.onAgent('2001', { state: 'WORK_READY' });
    assert.deepEqual(summary(wrap), ['PUT 2001 DROPPED'], 'the consulted agent gets nothing');
    assert.equal(party(wrap[0].dialog, '2003')?.state, 'WRAP_UP');
    assert.equal(party(tracker.dialog('16777217', '2002')!, '2003')?.state, 'DROPPED');

    const reason = tracker.setOwnWrapUpReason('16777217', '2001', 'Sale');
    assert.deepEqual(summary(reason), ['PUT 2001 DROPPED']);
    assert.equal(reason[0].dialog.mediaProperties.wrapUpReason, 'Sale');
    assert.equal(tracker.dialog('16777217', '2002')?.mediaProperties.wrapUpReason, '');
    // The call's own data, set by the agent still on it, does not override the one who left.
    tracker.setCallData('16777217', { callWrapupData: 'Information' });
    assert.equal(tracker.dialog('16777217', '2001')?.mediaProperties.wrapUpReason, 'Sale');
    assert.equal(tracker.dialog('16777217', '2002')?.mediaProperties.wrapUpReason, 'Information');
    run(released('5551234'), cleared());
    assert.equal(tracker.hasLeftLiveCall('16777217', '2001'), false, 'the call is over for everyone');
  });

  it('CONFERENCED rebuilds the held call with all three parties', () => {
    const { run, tracker } = consulted();
    const c = run({
      type: 'CONFERENCED',
      primary: CALL,
      secondary: CONSULT,
      controllerDevice: '2003',
      addedPartyDevice: '2004',
      parties: [
        { call: CALL, device: '5551234' },
        { call: CALL, device: '2003' },
        { call: CALL, device: '2004' },
      ],
    });
    assert.deepEqual(summary(c), [
      'DELETE 2001 DROPPED',
      'DELETE 2002 DROPPED',
      'PUT 2001 ACTIVE',
      'POST 2002 ACTIVE',
    ]);
    const conf = tracker.dialog('16777217', '2002')!;
    assert.deepEqual(
      conf.participants.map((p) => `${p.mediaAddress}:${p.state}`),
      ['5551234:ACTIVE', '2003:ACTIVE', '2004:ACTIVE'],
    );
    // Minnie leaves; the call goes on between Mickey and the caller.
    tracker.onAgent('2002', { state: 'READY' });
    assert.deepEqual(summary(run(released('2004'))), [
      'PUT 2001 ACTIVE',
      'PUT 2002 DROPPED',
      'DELETE 2002 DROPPED',
    ]);
  });
});

describe('DialogTracker: RONA, outbound, failure', () => {
  it('RONA: the unanswered agent loses the dialog, the next agent gets it', () => {
    const { tracker, run } = setup();
    run(begin(), delivered('2003'));
    tracker.onAgent('2001', { state: 'NOT_READY' });
    assert.deepEqual(summary(run(released('2003'))), ['PUT 2001 DROPPED', 'DELETE 2001 DROPPED']);
    run({ type: 'QUEUED', call: CALL, callingDevice: '5551234', skillGroupNumber: 85881 });
    assert.deepEqual(summary(run(delivered('2004'))), ['POST 2002 ALERTING']);
  });

  it('outbound MAKE_CALL: INITIATING on BEGIN_CALL, INITIATED, ALERTING, ACTIVE', () => {
    const { run } = setup();
    const out: CallRef = { callId: 16777300, deviceIdType: 0, deviceId: '2003' };
    const changes = run(
      { type: 'BEGIN_CALL', call: out, callType: 9, dialedNumber: '5550100' },
      { type: 'ORIGINATED', call: out, callingDevice: '2003', calledDevice: '5550100' },
      {
        type: 'DELIVERED',
        call: out,
        alertingDevice: '5550100',
        callingDevice: '2003',
        calledDevice: '5550100',
      },
      { type: 'ESTABLISHED', call: out, answeringDevice: '5550100', callingDevice: '2003' },
    );
    assert.deepEqual(summary(changes), [
      'POST 2001 INITIATING',
      'PUT 2001 INITIATED',
      'PUT 2001 ALERTING',
      'PUT 2001 ACTIVE',
    ]);
    const d = changes[3].dialog;
    assert.equal(d.fromAddress, '2003');
    assert.equal(d.toAddress, '5550100');
    assert.equal(d.mediaProperties.callType, 'OUT');
    assert.deepEqual(party(changes[1].dialog, '2003')?.actions, ['UPDATE_CALL_DATA', 'DROP']);
  });

  it('a busy destination fails the dialog; DROP is all that is left', () => {
    const { run } = setup();
    const out: CallRef = { callId: 16777301, deviceIdType: 0, deviceId: '2003' };
    run({ type: 'ORIGINATED', call: out, callingDevice: '2003', calledDevice: '5550100' });
    const failed = run({ type: 'FAILED', call: out, failingDevice: '5550100', eventCause: 3 });
    assert.deepEqual(summary(failed), ['PUT 2001 FAILED']);
    assert.equal(party(failed[0].dialog, '2003')?.stateCause, 'BUSY');
    assert.deepEqual(party(failed[0].dialog, '2003')?.actions, ['DROP']);
  });
});
