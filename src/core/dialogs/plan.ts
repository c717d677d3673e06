import type { DialogActionRequest, NewDialogRequest } from '../core-api.ts';
import { CoreErrors } from '../errors.ts';
import type { CallVariable, DialogAction, Participant, Result, UserState } from '../model.ts';
import type { CallData, CallRef } from './call-events.ts';
import { AGENT_DEVICE } from './call-record.ts';
import { type ActionFacts, type ActionPlan, fail, LEFT, participant, plan } from './plan-kit.ts';
import { participantDrop, supervise } from './plan-supervisor.ts';
import type { DialogChange } from './tracker.ts';

/**
 * `PUT /Dialog/{id}` validation (finesse-api.md §1.4): who may ask for what, in which participant
 * state, and the CTI request it becomes. Pure: the engine gathers the facts and sends the request.
 */

const VOICE_ACTIONS: ReadonlySet<string> = new Set<DialogAction>([
  'ANSWER',
  'HOLD',
  'RETRIEVE',
  'DROP',
  'CONSULT_CALL',
  'TRANSFER',
  'TRANSFER_SST',
  'CONFERENCE',
  'UPDATE_CALL_DATA',
  'SEND_DTMF',
  'PARTICIPANT_DROP',
  'SILENT_MONITOR',
  'BARGE_CALL',
]);
// A dialable number: digits, letters of vanity numbers, and the keypad's + * #.
const ADDRESS = /^[0-9A-Za-z+*#]{1,40}$/;
const DTMF = /^[0-9*#A-Da-d,]{1,32}$/;
// GED-188 floating field limits (A.4): CallVariable ≤ 40 characters, CallWrapupData ≤ 39.
const MAX_CALL_VARIABLE = 40;
const MAX_WRAP_UP = 39;

export function planDialogAction(f: ActionFacts, req: DialogActionRequest): Result<ActionPlan> {
  const action = req.requestedAction.trim();
  if (!action) return fail(CoreErrors.parameterMissing('requestedAction'));
  if (!VOICE_ACTIONS.has(action)) return fail(CoreErrors.invalidInput('Unsupported requestedAction', action));
  if (action === 'PARTICIPANT_DROP') return participantDrop(f, req);
  if (action === 'SILENT_MONITOR' || action === 'BARGE_CALL') return supervise(f, action);

  const own = f.dialog.participants.find(
    (p) => p.mediaAddressType === AGENT_DEVICE && p.mediaAddress === f.actorExtension && f.actorExtension,
  );
  if (!own) return fail(CoreErrors.notParticipant(f.dialog.id));
  const target = req.targetMediaAddress?.trim() ?? '';
  // The desktop leaves targetMediaAddress out of UPDATE_CALL_DATA; every other action names it.
  if (action !== 'UPDATE_CALL_DATA' || target) {
    if (!target) return fail(CoreErrors.parameterMissing('targetMediaAddress'));
    if (target !== own.mediaAddress) {
      return fail(
        CoreErrors.invalidInput('targetMediaAddress is not the extension of the signed-in user', target),
      );
    }
  }
  if (!own.actions.includes(action as DialogAction)) {
    return fail(
      CoreErrors.invalidState(`${action} is not allowed while the participant is ${own.state}`, own.state),
    );
  }
  const instrument = own.mediaAddress;
  const call = f.connectionOf(instrument);
  const mine = (c: DialogChange, test: (p: Participant | undefined) => boolean) =>
    c.dialog.id === f.dialog.id && (c.event === 'DELETE' || test(participant(c.dialog, instrument)));
  const left = (c: DialogChange) => mine(c, (p) => p !== undefined && LEFT.has(p.state));
  switch (action) {
    case 'ANSWER':
      return plan({ method: 'answerCall', args: { call, instrument } }, (c) => mine(c, isIn('ACTIVE')));
    case 'HOLD':
      return plan({ method: 'holdCall', args: { call, instrument } }, (c) => mine(c, isIn('HELD')));
    case 'RETRIEVE':
      return plan({ method: 'retrieveCall', args: { call, instrument } }, (c) => mine(c, isIn('ACTIVE')));
    case 'DROP':
      return plan({ method: 'clearConnection', args: { call, device: instrument, instrument } }, left);
    case 'SEND_DTMF': {
      const dtmf = req.actionParams?.find((p) => p.name === 'dtmfString')?.value.trim();
      if (!dtmf) return fail(CoreErrors.parameterMissing('dtmfString'));
      if (!DTMF.test(dtmf)) return fail(CoreErrors.invalidInput('Invalid DTMF string', dtmf));
      return plan({ method: 'sendDtmf', args: { call, instrument, dtmf } });
    }
    case 'CONSULT_CALL':
    case 'TRANSFER_SST': {
      const to = destination(req.toAddress, instrument);
      if (!to.ok) return to;
      if (action === 'TRANSFER_SST') {
        return plan(
          { method: 'transferCall', args: { held: call, dialedNumber: to.value, instrument } },
          left,
        );
      }
      const consult = plan(
        { method: 'consultationCall', args: { call, instrument, dialedNumber: to.value } },
        (c) => c.event === 'POST' && c.dialog.id !== f.dialog.id,
      );
      if (consult.ok) consult.value.associates = true;
      return consult;
    }
    case 'TRANSFER':
    case 'CONFERENCE': {
      const active = f.otherActiveCall;
      if (!active) return fail(CoreErrors.invalidState(`${action} needs another, active call`, own.state));
      if (action === 'TRANSFER') {
        return plan({ method: 'transferCall', args: { held: call, active, instrument } }, left);
      }
      return plan(
        { method: 'conferenceCall', args: { held: call, active, instrument } },
        (c) =>
          c.dialog.id === f.dialog.id && c.dialog.participants.filter((p) => !LEFT.has(p.state)).length >= 3,
      );
    }
    default:
      return updateCallData(f, req, call);
  }
}

function updateCallData(f: ActionFacts, req: DialogActionRequest, call: CallRef): Result<ActionPlan> {
  const wrapUpReason = req.mediaProperties?.wrapUpReason?.trim();
  const variables = req.mediaProperties?.callvariables ?? [];
  if (wrapUpReason === undefined && variables.length === 0) {
    return fail(CoreErrors.parameterMissing('mediaProperties'));
  }
  if (wrapUpReason !== undefined && wrapUpReason.length > MAX_WRAP_UP) {
    return fail(CoreErrors.invalidInput('wrapUpReason is too long', wrapUpReason));
  }
  const callVariables: CallVariable[] = [];
  for (const v of variables) {
    const name = v.name.trim();
    // finesse-api.md §1.4: setting the outbound option's BA* variables is Invalid Input.
    if (!/^callVariable([1-9]|10)$/.test(name) && !/^user\.[A-Za-z0-9_.]{1,32}$/.test(name)) {
      return fail(CoreErrors.invalidInput('Invalid call variable name', name));
    }
    if (v.value.length > MAX_CALL_VARIABLE)
      return fail(CoreErrors.invalidInput('Call variable too long', name));
    callVariables.push({ name, value: v.value });
  }
  const callData: CallData = {};
  if (wrapUpReason !== undefined) callData.callWrapupData = wrapUpReason;
  if (callVariables.length) callData.callVariables = callVariables;
  return {
    ok: true,
    value: {
      cti: { method: 'setCallData', args: { call, ...callData } },
      outcome: (c) => c.dialog.id === f.dialog.id,
      callData,
    },
  };
}

/** `POST /User/{id}/Dialogs` MAKE_CALL: from the user's own extension to another number. */
export function planMakeCall(
  user: { extension: string; state: UserState },
  req: NewDialogRequest,
): Result<ActionPlan> {
  if (user.state === 'LOGOUT' || !user.extension) {
    return fail(CoreErrors.invalidState('The user is not signed in', user.state));
  }
  const from = req.fromAddress?.trim();
  if (from && from !== user.extension) {
    return fail(CoreErrors.invalidInput('fromAddress is not the extension of the user', from));
  }
  const to = destination(req.toAddress, user.extension);
  if (!to.ok) return to;
  return plan(
    { method: 'makeCall', args: { instrument: user.extension, dialedNumber: to.value } },
    (c) => c.event === 'POST',
  );
}

/** A `toAddress` to dial: present, dialable, and not the caller's own extension. */
export function destination(toAddress: string | undefined, own: string): Result<string> {
  const to = toAddress?.trim();
  if (!to) return { ok: false, error: CoreErrors.parameterMissing('toAddress') };
  if (!ADDRESS.test(to))
    return { ok: false, error: CoreErrors.invalidDestination('Not a dialable number', to) };
  if (to === own)
    return { ok: false, error: CoreErrors.invalidDestination('Cannot call your own extension', to) };
  return { ok: true, value: to };
}

const isIn = (state: string) => (p: Participant | undefined) => p?.state === state;
