import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallRef, CallSnapshot } from './call-events.ts';
import {
  begin,
  CALL,
  delivered,
  endCall,
  established,
  party,
  released,
  settle,
  trackerSetup as setup,
  startCore,
  summary,
} from './test-support.ts';

/**
 * Calls rebuilt from the CTI server's snapshots after a reconnect (or when a node starts while
 * calls are up): a call that began during the outage appears, one that changed catches up, one
 * that ended goes — and the events after the snapshot go on from it.
 */

const at = (device: string): CallRef => ({ ...CALL, deviceId: device });

/** The example call as SNAPSHOT_CALL_CONF reports it: the caller and Mickey (2003), both connected. */
function snapshot(parties: [string, CallSnapshot['parties'][number]['state']][], call = CALL): CallSnapshot {
  return {
    call: { ...call, deviceId: '2003' },
    callType: 2, // PREROUTE_ACD_IN
    ani: '5551234',
    dnis: '8000',
    dialedNumber: '8000',
    callVariables: [
      { name: 'callVariable1', value: 'acct=42' },
      { name: 'user.lang', value: 'de' },
    ],
    routerCallKeyDay: 150000,
    routerCallKeyCallId: 7,
    parties: parties.map(([device, state]) => ({ call: { ...call, deviceId: device }, device, state })),
  };
}

describe('DialogTracker: snapshots', () => {
  it('a call that began while the link was down is POSTed with its parties, type and variables', () => {
    const { tracker } = setup();
    tracker.onAgent('2001', { state: 'TALKING' });
    const changes = tracker.applySnapshot(
      snapshot([
        ['5551234', 'ACTIVE'],
        ['2003', 'ACTIVE'],
      ]),
    );
    assert.deepEqual(summary(changes), ['POST 2001 ACTIVE']);
    const d = changes[0].dialog;
    assert.equal(d.id, '16777217');
    assert.deepEqual(
      d.participants.map((p) => `${p.mediaAddress} ${p.state} ${p.mediaAddressType}`),
      ['5551234 ACTIVE ', '2003 ACTIVE AGENT_DEVICE'],
    );
    assert.equal(d.fromAddress, '5551234');
    assert.equal(d.toAddress, '2003');
    assert.equal(d.mediaProperties.callType, 'PREROUTE_ACD_IN');
    assert.equal(d.mediaProperties.DNIS, '8000');
    assert.deepEqual(d.mediaProperties.callvariables, [
      { name: 'callVariable1', value: 'acct=42' },
      { name: 'user.lang', value: 'de' },
    ]);
    for (const action of ['HOLD', 'DROP', 'UPDATE_CALL_DATA'] as const)
      assert.ok(party(d, '2003')?.actions.includes(action), `an ACTIVE party may ${action}`);
    // Call control names the agent's own connection, as the snapshot gave it.
    assert.deepEqual(tracker.callOf('16777217', '2003'), at('2003'));
    assert.equal(tracker.hasLiveCall('2001'), true);
  });

  it('a known call catches up: held during the outage, a party gone, new variables; republished', () => {
    const { tracker, run } = setup();
    run(begin(), delivered(), established(), delivered('2004'), established('2004'));
    tracker.onAgent('2001', { state: 'TALKING' });
    // Meanwhile: Mickey put the call on hold, Minnie left (her query says READY), callVariable1 changed.
    tracker.onAgent('2002', { state: 'READY' });
    const snap = snapshot([
      ['5551234', 'ACTIVE'],
      ['2003', 'HELD'],
    ]);
    snap.callVariables = [{ name: 'callVariable1', value: 'acct=43' }];
    const changes = tracker.applySnapshot(snap);
    assert.deepEqual(summary(changes), ['PUT 2001 ACTIVE', 'PUT 2002 DROPPED', 'DELETE 2002 DROPPED']);
    const d = changes[0].dialog;
    assert.equal(party(d, '2003')?.state, 'HELD');
    assert.equal(party(d, '2004')?.state, 'DROPPED');
    assert.deepEqual(
      d.mediaProperties.callvariables.find((v) => v.name === 'callVariable1'),
      { name: 'callVariable1', value: 'acct=43' },
    );
    assert.equal(d.mediaProperties.queueNumber, '85881', 'what the events said and the snapshot cannot');
    // The same snapshot again (the next reconnect) changes nothing, and republishes the dialog.
    assert.deepEqual(summary(tracker.applySnapshot(snap)), ['PUT 2001 ACTIVE']);
  });

  it('events after the snapshot go on from it, on the connections it named', () => {
    const { tracker, run } = setup();
    tracker.onAgent('2001', { state: 'TALKING' });
    tracker.applySnapshot(
      snapshot([
        ['5551234', 'ACTIVE'],
        ['2003', 'ACTIVE'],
      ]),
    );
    const held = run({ type: 'HELD', call: at('2003'), holdingDevice: '2003' });
    assert.deepEqual(summary(held), ['PUT 2001 ACTIVE']);
    assert.equal(party(held[0].dialog, '2003')?.state, 'HELD');
    tracker.onAgent('2001', { state: 'READY' });
    const gone = run(
      released('2003', at('2003')),
      { type: 'CLEARED', call: at('2003') },
      endCall(at('2003')),
    );
    assert.deepEqual(summary(gone).at(-1), 'DELETE 2001 DROPPED');
    assert.deepEqual(tracker.dialogsOf('2001'), []);
  });

  it("the phone's list ends the dialogs it lacks and keeps those it names", () => {
    const { tracker, run, logged } = setup();
    const other: CallRef = { callId: 16777300, deviceIdType: 0, deviceId: '2003' };
    run(begin(), delivered(), established());
    run(begin(other), delivered('2003', other), established('2003', other));
    tracker.onAgent('2001', { state: 'TALKING' });
    const changes = tracker.endCallsOf('2001', [other]);
    assert.deepEqual(summary(changes), ['PUT 2001 DROPPED', 'DELETE 2001 DROPPED']);
    assert.equal(changes[0].dialog.id, '16777217');
    assert.deepEqual(
      tracker.dialogsOf('2001').map((d) => d.id),
      ['16777300'],
    );
    assert.ok(logged.some((l) => /not on dialog 16777217 .*ended unseen/.test(l)));
  });

  it('an outbound call first seen in a snapshot goes from the agent to the number it dialed', () => {
    const { tracker } = setup();
    tracker.onAgent('2001', { state: 'TALKING' });
    const snap: CallSnapshot = {
      call: { callId: 16777400, deviceIdType: 0, deviceId: '2003' },
      callType: 8, // AGENT_OUT
      dialedNumber: '5550199',
      parties: [
        { call: { callId: 16777400, deviceIdType: 0, deviceId: '2003' }, device: '2003', state: 'ACTIVE' },
        {
          call: { callId: 16777400, deviceIdType: 0, deviceId: '5550199' },
          device: '5550199',
          state: 'ALERTING',
        },
      ],
    };
    const [post] = tracker.applySnapshot(snap);
    assert.equal(post.event, 'POST');
    assert.equal(post.dialog.fromAddress, '2003');
    assert.equal(post.dialog.toAddress, '5550199');
    assert.equal(post.dialog.state, 'ALERTING');
  });

  it('a snapshot of a call whose id an ended call had is a new dialog; nonsense is logged, not thrown', () => {
    const { tracker, run, logged } = setup();
    run(begin(), delivered(), established(), { type: 'CLEARED', call: CALL }, endCall());
    tracker.onAgent('2001', { state: 'READY' });
    assert.deepEqual(tracker.dialogsOf('2001'), []);
    tracker.onAgent('2001', { state: 'TALKING' });
    const changes = tracker.applySnapshot(
      snapshot([
        ['5551234', 'ACTIVE'],
        ['2003', 'ACTIVE'],
      ]),
    );
    assert.deepEqual(summary(changes), ['POST 2001 ACTIVE']);
    assert.deepEqual(tracker.applySnapshot(null as unknown as CallSnapshot), []);
    assert.ok(logged.some((l) => /call snapshot ignored/.test(l)));
  });
});

describe('Core: snapshots after a reconnect', () => {
  it("a call's snapshot is POSTed on the agent's Dialogs node and controllable; the phone's empty list ends it", async () => {
    const s = startCore();
    await s.agentState('2001', 4); // TALKING, as the reconnect query says
    s.published.length = 0;
    s.core.onCallSnapshot(
      snapshot([
        ['5551234', 'ACTIVE'],
        ['2003', 'ACTIVE'],
      ]),
    );
    const posted = s.published.filter((p) => p.node === '/finesse/api/User/2001/Dialogs');
    assert.deepEqual(
      posted.map((p) => [p.update.event, p.update.data.kind]),
      [['POST', 'dialogs']],
    );
    const hold = await s.core.dialogAction(
      { id: '2001', roles: ['Agent'], supervisedTeams: [] },
      '16777217',
      { requestedAction: 'HOLD', targetMediaAddress: '2003' },
      'r-hold',
    );
    assert.deepEqual(hold, { ok: true, value: undefined });
    await settle();
    assert.deepEqual(s.sent.at(-1), { method: 'holdCall', args: { call: at('2003'), instrument: '2003' } });

    await s.agentState('2001', 3); // READY: the call ended while the link was down again
    await s.core.onPhoneSnapshot('2001', []);
    assert.equal(s.published.at(-1)?.update.event, 'DELETE');
    assert.deepEqual(s.core.dialogs('2001'), []);
  });
});
