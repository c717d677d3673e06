import type { DialogActionRequest, NewDialogRequest } from '../core-api.ts';
import { CoreErrors } from '../errors.ts';
import type { Participant, Result, UserState } from '../model.ts';
import type { CallData, CallRef } from './call-events.ts';
import { checkCallVariables, type EccVariable } from './call-variables.ts';
import { type ActionFacts, type ActionPlan, fail, LEFT, left, plan } from './plan-kit.ts';

/**
 * The planners of the Dialog actions that need more than one line (actions.ts holds the table
 * that uses them): each turns a request into the CTI request to send and the change that shows
 * its outcome, or a refusal. Pure: the engine gathers the facts and sends the request.
 */

// A dialable number: digits, letters of vanity numbers, and the keypad's + * #.
const ADDRESS = /^[0-9A-Za-z+*#]{1,40}$/;
const DTMF = /^[0-9*#A-Da-d,]{1,32}$/;
// GED-188 floating field limit (A.4): CallWrapupData ≤ 39 characters.
const MAX_WRAP_UP = 39;

/** SEND_DTMF: `actionParams{ActionParam{name=dtmfString, value}}` (finesse-api.md §1.4). */
export function sendDtmf(f: ActionFacts, req: DialogActionRequest, own: Participant): Result<ActionPlan> {
  const dtmfString = req.actionParams?.find((p) => p.name === 'dtmfString')?.value.trim();
  if (!dtmfString) return fail(CoreErrors.parameterMissing('dtmfString'));
  if (!DTMF.test(dtmfString)) return fail(CoreErrors.invalidInput('Invalid DTMF string', dtmfString));
  const instrument = own.mediaAddress;
  return plan({ method: 'sendDtmf', args: { call: f.connectionOf(instrument), instrument, dtmfString } });
}

/** TRANSFER_SST: a single-step transfer of the call to `toAddress`; done when the actor has left. */
export function transferSst(f: ActionFacts, req: DialogActionRequest, own: Participant): Result<ActionPlan> {
  const instrument = own.mediaAddress;
  const to = destination(req.toAddress, instrument);
  if (!to.ok) return to;
  return plan(
    {
      method: 'transferCall',
      args: { held: f.connectionOf(instrument), dialedNumber: to.value, instrument },
    },
    left(f, instrument),
  );
}

/** CONSULT_CALL: holds this call and dials `toAddress`; done when the consult dialog appears. */
export function consult(f: ActionFacts, req: DialogActionRequest, own: Participant): Result<ActionPlan> {
  const instrument = own.mediaAddress;
  const to = destination(req.toAddress, instrument);
  if (!to.ok) return to;
  const consulted = plan(
    {
      method: 'consultationCall',
      args: { call: f.connectionOf(instrument), instrument, dialedNumber: to.value },
    },
    (c) => c.event === 'POST' && c.dialog.id !== f.dialog.id,
  );
  if (consulted.ok) consulted.value.associates = true;
  return consulted;
}

/** TRANSFER / CONFERENCE on the held call, with the actor's other, active (consult) call. */
export function conferenceOrTransfer(
  f: ActionFacts,
  own: Participant,
  method: 'transferCall' | 'conferenceCall',
): Result<ActionPlan> {
  const active = f.otherActiveCall;
  const action = method === 'transferCall' ? 'TRANSFER' : 'CONFERENCE';
  if (!active) return fail(CoreErrors.invalidState(`${action} needs another, active call`, own.state));
  const instrument = own.mediaAddress;
  const held = f.connectionOf(instrument);
  if (method === 'transferCall')
    return plan({ method, args: { held, active, instrument } }, left(f, instrument));
  return plan(
    { method, args: { held, active, instrument } },
    (c) => c.dialog.id === f.dialog.id && c.dialog.participants.filter((p) => !LEFT.has(p.state)).length >= 3,
  );
}

/** UPDATE_CALL_DATA: the wrap-up reason and/or call variables (`mediaProperties`). */
export function updateCallData(f: ActionFacts, req: DialogActionRequest, call: CallRef): Result<ActionPlan> {
  const wrapUpReason = req.mediaProperties?.wrapUpReason?.trim();
  const variables = req.mediaProperties?.callvariables ?? [];
  if (wrapUpReason === undefined && variables.length === 0) {
    return fail(CoreErrors.parameterMissing('mediaProperties'));
  }
  if (wrapUpReason !== undefined && wrapUpReason.length > MAX_WRAP_UP) {
    return fail(CoreErrors.invalidInput('wrapUpReason is too long', wrapUpReason));
  }
  const checked = checkCallVariables(variables, f.ecc);
  if (!checked.ok) return checked;
  const callData: CallData = {};
  if (wrapUpReason !== undefined) callData.callWrapupData = wrapUpReason;
  if (checked.value.length) callData.callVariables = checked.value;
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
  ecc: readonly EccVariable[],
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
  // The call variables and ECC variables the new call starts with go in MAKE_CALL_REQ's floating
  // fields (GED-188 A.4: "floating AgentInstrument, DialedNumber, call variables").
  const checked = checkCallVariables(req.mediaProperties?.callvariables ?? [], ecc);
  if (!checked.ok) return checked;
  return plan(
    {
      method: 'makeCall',
      args: {
        instrument: user.extension,
        dialedNumber: to.value,
        ...(checked.value.length ? { callVariables: checked.value } : {}),
      },
    },
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
