import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallEvent, CallRef } from './call-events.ts';
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
import { DialogTracker } from './tracker.ts';

/** Events in any order, repeated, unknown, or late (cti-and-peers.md A.4): never a throw. */
describe('DialogTracker: robustness', () => {
  it('call events before the agent is known: the dialog is POSTed when its extension arrives', () => {
    const tracker = new DialogTracker({ now: () => 0 });
    assert.deepEqual(tracker.apply(begin()), []);
    assert.deepEqual(tracker.apply(delivered()), []);
    assert.deepEqual(summary(tracker.onAgent('2001', { extension: '2003' })), ['POST 2001 ALERTING']);
  });

  it('without BEGIN_CALL, and with ESTABLISHED before DELIVERED', () => {
    const { run } = setup();
    assert.deepEqual(summary(run(established())), ['POST 2001 ACTIVE']);
    const late = run(delivered());
    assert.deepEqual(summary(late), ['PUT 2001 ACTIVE'], 'it adds its call data, nothing more');
    assert.equal(
      party(late[0].dialog, '2003')?.state,
      'ACTIVE',
      'a late DELIVERED does not ring an answered call',
    );
    assert.equal(late[0].dialog.mediaProperties.queueNumber, '85881');
  });

  it('ignores duplicates, unknown calls and anything after END_CALL, and never throws', () => {
    const { tracker, run, logged } = setup();
    run(begin(), delivered());
    assert.deepEqual(run(delivered(), begin()), [], 'nothing changed');
    assert.deepEqual(run(cleared({ ...CALL, callId: 99 })), []);
    assert.deepEqual(run(endCall({ ...CALL, callId: 99 })), []);
    tracker.onAgent('2001', { state: 'READY' });
    run(released('2003'), cleared(), endCall());
    assert.deepEqual(tracker.dialogsOf('2001'), []);
    assert.deepEqual(run(delivered(), established(), endCall()), [], 'late events of an ended call');
    assert.ok(logged.some((l) => /ended call/.test(l)));
    assert.deepEqual(tracker.apply({ type: 'BOGUS' } as unknown as CallEvent), []);
    assert.deepEqual(run({ type: 'HELD', call: { ...CALL, callId: 5 } }), []);
  });

  it('a call that ended while the link was down goes once the CTI server says the agent has none', () => {
    const { tracker, run, logged } = setup();
    run(begin(), delivered(), established());
    tracker.onAgent('2001', { state: 'TALKING' });
    // The link comes back; the caller hung up meanwhile: the query says READY, no calls.
    assert.deepEqual(tracker.onAgent('2001', { state: 'READY' }), [], 'still ACTIVE as far as events go');
    const gone = tracker.endCallsOf('2001');
    assert.deepEqual(summary(gone), ['PUT 2001 DROPPED', 'DELETE 2001 DROPPED']);
    assert.equal(tracker.hasLiveCall('2001'), false);
    assert.deepEqual(tracker.dialogsOf('2001'), []);
    assert.ok(logged.some((l) => /ended unseen/.test(l)));
    assert.deepEqual(run(cleared(), endCall()), [], 'late events of that call change nothing');
    assert.deepEqual(tracker.endCallsOf('2001'), [], 'and asking again neither');
  });

  it('an agent with no calls leaves a call another agent is still on; in wrap-up it keeps the dialog', () => {
    const { tracker, run } = setup();
    run(begin(), delivered(), established());
    run(delivered('2004'), established('2004'));
    tracker.onAgent('2001', { state: 'WORK_READY' });
    const left = tracker.endCallsOf('2001');
    assert.deepEqual(summary(left), ['PUT 2001 DROPPED', 'PUT 2002 ACTIVE']);
    assert.equal(party(left[0].dialog, '2003')?.state, 'WRAP_UP');
    assert.equal(party(left[1].dialog, '2004')?.state, 'ACTIVE');
    assert.equal(tracker.hasLiveCall('2002'), true);
  });

  it('two calls sharing a ConnectionCallID (each with its BEGIN_CALL) are two dialogs', () => {
    const { run } = setup();
    const other: CallRef = { ...CALL, deviceId: '2004' };
    const a = run(begin(CALL), delivered('2003', CALL));
    const b = run(begin(other), delivered('2004', other));
    assert.equal(a[0].dialog.id, '16777217');
    assert.equal(b[0].dialog.id, '16777217-2004');
    assert.deepEqual(summary(run(established('2004', other))), ['PUT 2002 ACTIVE']);
  });

  it("one call whose events name each party's own connection stays one dialog", () => {
    const { tracker, run } = setup();
    const caller: CallRef = { ...CALL, deviceId: '5551234' };
    run(begin(caller));
    run(delivered('2003', { ...CALL, deviceId: '2003' }));
    run(established('2003', { ...CALL, deviceId: '2003' }));
    assert.deepEqual(
      tracker.dialogsOf('2001').map((d) => [d.id, d.state]),
      [['16777217', 'ACTIVE']],
    );
    assert.deepEqual(
      tracker.callOf('16777217', '2003'),
      { ...CALL, deviceId: '2003' },
      'the agent’s own connection',
    );
    run(cleared({ ...CALL, deviceId: '2003' }), endCall({ ...CALL, deviceId: '2003' }));
    tracker.onAgent('2001', { state: 'READY' });
    assert.deepEqual(tracker.dialogsOf('2001'), []);
    assert.deepEqual(
      run(established('2003', { ...CALL, deviceId: '9999' })),
      [],
      'a late event of the ended call',
    );
  });

  it('a signed-out agent loses its dialogs', () => {
    const { tracker, run } = setup();
    run(delivered());
    assert.deepEqual(summary(tracker.onAgent('2001', { state: 'LOGOUT' })), ['DELETE 2001 ALERTING']);
  });
});
