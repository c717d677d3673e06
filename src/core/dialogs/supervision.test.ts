import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dialog } from '../model.ts';
import type { CallEvent, CallRef } from './call-events.ts';
import { type DialogChange, DialogTracker } from './tracker.ts';

// Our simulator's way: each event names the connection of the device it is about.
const at = (device: string, callId = 16777217): CallRef => ({ callId, deviceIdType: 0, deviceId: device });

function setup() {
  const tracker = new DialogTracker({ now: () => Date.UTC(2026, 10, 22, 10) });
  tracker.onAgent('2001', { extension: '2003', state: 'TALKING' });
  tracker.onAgent('2002', { extension: '3002', state: 'READY' });
  tracker.onAgent('2010', { extension: '3010', state: 'NOT_READY' });
  const run = (...events: CallEvent[]) => events.flatMap((e) => tracker.apply(e));
  // 5551234 called 8000 and Mickey (2003) answered.
  run(
    { type: 'BEGIN_CALL', call: at('8000'), callType: 2, ani: '5551234', dnis: '8000' },
    {
      type: 'DELIVERED',
      call: at('2003'),
      alertingDevice: '2003',
      callingDevice: '5551234',
      calledDevice: '8000',
    },
    {
      type: 'ESTABLISHED',
      call: at('2003'),
      answeringDevice: '2003',
      callingDevice: '5551234',
      calledDevice: '8000',
    },
  );
  return { tracker, run };
}

const summary = (changes: DialogChange[]) => changes.map((c) => `${c.event} ${c.agentId} ${c.dialog.state}`);
const parties = (d: Dialog | undefined) => d?.participants.map((p) => `${p.mediaAddress}:${p.state}`);

describe('DialogTracker: single-step transfer', () => {
  it('the target rings on the same dialog; the transferring agent leaves and is not brought back', () => {
    const { tracker, run } = setup();
    const t = run({
      type: 'TRANSFERRED',
      primary: at('2003'),
      secondary: { callId: 0xffffffff, deviceIdType: 0, deviceId: '' },
      transferringDevice: '2003',
      transferredDevice: '3002',
      parties: [
        { call: at('5551234'), device: '5551234' },
        { call: at('3002'), device: '3002' },
      ],
    });
    assert.deepEqual(summary(t), ['PUT 2001 DROPPED'], 'Mickey is TALKING until its agent event');
    const ring = run({
      type: 'DELIVERED',
      call: at('3002'),
      alertingDevice: '3002',
      callingDevice: '5551234',
      calledDevice: '3002',
    });
    assert.deepEqual(summary(ring), ['PUT 2001 DROPPED', 'POST 2002 ALERTING']);
    assert.deepEqual(parties(ring[1].dialog), ['5551234:ACTIVE', '2003:DROPPED', '3002:ALERTING']);
    assert.deepEqual(summary(tracker.onAgent('2001', { state: 'READY' })), ['DELETE 2001 DROPPED']);
    // The call still names its first callee; that does not bring Mickey back.
    run({
      type: 'ESTABLISHED',
      call: at('3002'),
      answeringDevice: '3002',
      callingDevice: '5551234',
      calledDevice: '2003',
    });
    assert.deepEqual(tracker.dialogsOf('2001'), []);
    assert.deepEqual(parties(tracker.dialog('16777217')), ['5551234:ACTIVE', '2003:DROPPED', '3002:ACTIVE']);
  });
});

describe('DialogTracker: silent monitor and barge-in', () => {
  it('the monitoring call is the supervisor’s alone, with BARGE_CALL and DROP', () => {
    const { tracker, run } = setup();
    tracker.expectAssociated('2010', '16777217');
    const monitor = at('3010', 16777218);
    const m = run(
      { type: 'BEGIN_CALL', call: monitor, callType: 21, ani: '5551234' },
      {
        type: 'ESTABLISHED',
        call: monitor,
        answeringDevice: '3010',
        callingDevice: '2003',
        calledDevice: '3010',
      },
    );
    assert.deepEqual(summary(m), ['POST 2010 ACTIVE']);
    const d = m[0].dialog;
    assert.equal(d.mediaProperties.callType, 'SUPERVISOR_MONITOR');
    assert.equal(d.associatedDialogUri, '/finesse/api/Dialog/16777217');
    assert.deepEqual(parties(d), ['3010:ACTIVE'], 'the monitored agent is not on it');
    assert.deepEqual(d.participants[0].actions, ['BARGE_CALL', 'DROP']);
    assert.deepEqual(
      tracker.dialogsOf('2001').map((x) => x.id),
      ['16777217'],
    );
  });

  it('a barge-in joins the supervisor to the agent’s dialog', () => {
    const { run } = setup();
    const b = run({
      type: 'CONFERENCED',
      primary: at('3010'),
      secondary: { callId: 0xffffffff, deviceIdType: 0, deviceId: '' },
      controllerDevice: '3010',
      addedPartyDevice: '3010',
      parties: [
        { call: at('5551234'), device: '5551234' },
        { call: at('2003'), device: '2003' },
        { call: at('3010'), device: '3010' },
      ],
    });
    assert.deepEqual(summary(b), ['PUT 2001 ACTIVE', 'POST 2010 ACTIVE']);
    assert.deepEqual(parties(b[1].dialog), ['5551234:ACTIVE', '2003:ACTIVE', '3010:ACTIVE']);
  });
});
