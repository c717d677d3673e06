import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DialogAction, ParticipantState } from '../model.ts';
import { DIALOG_ACTIONS, offeredActions } from './actions.ts';
import { CALL, principal, startCore } from './test-support.ts';

const none = { hasOtherActiveCall: false, isMonitoringCall: false };

describe('DIALOG_ACTIONS: one table for every Dialog action', () => {
  it('offers what finesse-api.md §1.4 "Participant state → allowed actions (voice)" lists for each state', () => {
    const table: [ParticipantState, DialogAction[], DialogAction[]?][] = [
      ['INITIATING', ['DROP', 'UPDATE_CALL_DATA']],
      ['INITIATED', ['DROP', 'UPDATE_CALL_DATA']],
      ['ALERTING', ['ANSWER']],
      // "HOLD, DROP, UPDATE_CALL_DATA, CONSULT_CALL (+TRANSFER_SST, SEND_DTMF observed)".
      ['ACTIVE', ['HOLD', 'DROP', 'UPDATE_CALL_DATA', 'CONSULT_CALL', 'TRANSFER_SST', 'SEND_DTMF']],
      // "TRANSFER & CONFERENCE (only if another active call exists)".
      ['HELD', ['RETRIEVE', 'DROP', 'UPDATE_CALL_DATA'], ['TRANSFER', 'CONFERENCE']],
      ['FAILED', ['DROP']],
      ['WRAP_UP', ['UPDATE_CALL_DATA']],
      ['DROPPED', []],
      ['ACCEPTED', []],
    ];
    for (const [state, always, withOtherCall = []] of table) {
      assert.deepEqual(new Set(offeredActions(state, none)), new Set(always), state);
      assert.deepEqual(
        new Set(offeredActions(state, { ...none, hasOtherActiveCall: true })),
        new Set([...always, ...withOtherCall]),
        `${state} with another active call`,
      );
    }
    // The captured ACTIVE participant's actions, in their order (finesse-api.md §1.4).
    assert.deepEqual(offeredActions('ACTIVE', none), [
      'TRANSFER_SST',
      'CONSULT_CALL',
      'HOLD',
      'UPDATE_CALL_DATA',
      'SEND_DTMF',
      'DROP',
    ]);
    // A supervisor's silent monitoring call: barge in, or leave (§1.4 BARGE_CALL).
    assert.deepEqual(offeredActions('ACTIVE', { ...none, isMonitoringCall: true }), ['BARGE_CALL', 'DROP']);
  });

  it('has a label for every action, never offers START_RECORDING on CCE, and takes MAKE_CALL only as a new dialog', () => {
    for (const [name, rule] of Object.entries(DIALOG_ACTIONS)) assert.ok(rule.label, name);
    assert.deepEqual(DIALOG_ACTIONS.START_RECORDING.offeredIn, []);
    assert.equal('plan' in DIALOG_ACTIONS.MAKE_CALL, false);
    assert.equal(DIALOG_ACTIONS.MAKE_CALL.newDialog, 'call');
  });
});

describe('Dialog actions the table does not take on a dialog', () => {
  const onActiveCall = async () => {
    const s = startCore();
    await s.agentState('2001', 3);
    s.core.onCallEvent({ type: 'BEGIN_CALL', call: CALL, callType: 2, ani: '5551234', dnis: '8000' });
    s.core.onCallEvent({ type: 'DELIVERED', call: CALL, alertingDevice: '2003', callingDevice: '5551234' });
    s.core.onCallEvent({
      type: 'ESTABLISHED',
      call: CALL,
      answeringDevice: '2003',
      callingDevice: '5551234',
    });
    return s;
  };
  const refusal = async (body: object) => {
    const { core, sent } = await onActiveCall();
    const r = await core.dialogAction(principal('2001'), String(CALL.callId), body as never, 'r1');
    assert.ok(!r.ok, JSON.stringify(body));
    assert.equal(sent.filter((x) => x.method !== 'setAgentState').length, 0, 'nothing went to CTI');
    return [r.error.status, r.error.errorType, r.error.errorData];
  };

  it('START_RECORDING on CCE is 501 Not Implemented (developer guide 12.5, Dialog—Start Recording)', async () => {
    assert.deepEqual(await refusal({ requestedAction: 'START_RECORDING', targetMediaAddress: '2003' }), [
      501,
      'Not Implemented',
      'START_RECORDING',
    ]);
  });

  it('an unknown or misplaced action is Invalid Input, never taken as UPDATE_CALL_DATA', async () => {
    // WRAP_UP is a participant state, not an action (finesse-api.md §7); MAKE_CALL is a POST.
    for (const name of ['WRAP_UP', 'ACCEPT', 'MAKE_CALL'])
      assert.deepEqual(
        await refusal({
          requestedAction: name,
          targetMediaAddress: '2003',
          mediaProperties: { wrapUpReason: 'x' },
        }),
        [400, 'Invalid Input', name],
      );
  });
});
