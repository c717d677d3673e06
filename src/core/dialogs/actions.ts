import type { DialogActionRequest } from '../core-api.ts';
import { CoreErrors } from '../errors.ts';
import type { DialogAction, Participant, ParticipantState, Result } from '../model.ts';
import { conferenceOrTransfer, consult, sendDtmf, transferSst, updateCallData } from './plan.ts';
import {
  type ActionFacts,
  type ActionPlan,
  AGENT_DEVICE,
  fail,
  left,
  participant,
  plan,
} from './plan-kit.ts';
import { participantDrop, supervise } from './plan-supervisor.ts';

/**
 * Every voice Dialog action, declared once (finesse-api.md §1.4: "Participant state → allowed
 * actions", the `requestedAction` values, the PUT bodies). From this table come the `actions` a
 * participant is offered in each state (call-record.ts), which requests the Dialog API takes and
 * how each becomes a CTI request with the change that is its outcome (engine.ts), and the
 * desktop's button labels; the desktop offers what the Dialog's `actions` say and nothing else.
 *
 * Adding an action: its name in `DialogAction` (model.ts), its row here, and its test. The
 * compiler refuses a row missing for a name, and a name missing for a row.
 */
export interface ActionRule {
  /** What the desktop's button says. */
  label: string;
  /**
   * `POST /User/{id}/Dialogs` takes it: as a new call from the user's extension, or as a
   * supervisor's monitoring of an agent's call (engine.ts).
   */
  newDialog?: 'call' | 'monitoring';
  /** The participant states whose leg offers it in the Dialog's `actions` ([]: never offered). */
  offeredIn: readonly ParticipantState[];
  /** On a supervisor's silent-monitoring call: offered there only, there too, or (absent) never. */
  onMonitoringCall?: 'only' | 'also';
  /** Offered only while the agent has another call it is ACTIVE on (§1.4 HELD row). */
  needsOtherActiveCall?: boolean;
  /**
   * `PUT /Dialog/{id}` takes it, and this is how it becomes CTI: `own` — the actor acts on its own
   * leg, which must offer the action (`targetMediaAddress` is the actor's extension); `any` — a
   * supervisor acts on an agent's call.
   */
  plan?:
    | { on: 'own'; make(f: ActionFacts, req: DialogActionRequest, own: Participant): Result<ActionPlan> }
    | { on: 'any'; make(f: ActionFacts, req: DialogActionRequest): Result<ActionPlan> };
}

/**
 * The table, in the order the `actions` list follows: Finesse's captured ACTIVE list is
 * TRANSFER_SST, CONSULT_CALL, HOLD, UPDATE_CALL_DATA, SEND_DTMF, DROP (§1.4).
 */
export const DIALOG_ACTIONS = {
  ANSWER: {
    label: 'Answer',
    offeredIn: ['ALERTING'],
    plan: { on: 'own', make: (f, _req, own) => own1(f, own, 'answerCall', 'ACTIVE') },
  },
  TRANSFER_SST: {
    label: 'Direct Transfer',
    offeredIn: ['ACTIVE'],
    plan: { on: 'own', make: transferSst },
  },
  CONSULT_CALL: {
    label: 'Consult',
    offeredIn: ['ACTIVE'],
    plan: { on: 'own', make: consult },
  },
  HOLD: {
    label: 'Hold',
    offeredIn: ['ACTIVE'],
    plan: { on: 'own', make: (f, _req, own) => own1(f, own, 'holdCall', 'HELD') },
  },
  RETRIEVE: {
    label: 'Retrieve',
    offeredIn: ['HELD'],
    plan: { on: 'own', make: (f, _req, own) => own1(f, own, 'retrieveCall', 'ACTIVE') },
  },
  UPDATE_CALL_DATA: {
    label: 'Update call data',
    offeredIn: ['INITIATING', 'INITIATED', 'ACTIVE', 'HELD', 'WRAP_UP'],
    plan: { on: 'own', make: (f, req, own) => updateCallData(f, req, f.connectionOf(own.mediaAddress)) },
  },
  SEND_DTMF: {
    label: 'Keypad',
    offeredIn: ['ACTIVE'],
    plan: { on: 'own', make: sendDtmf },
  },
  TRANSFER: {
    label: 'Transfer',
    offeredIn: ['HELD'],
    needsOtherActiveCall: true,
    plan: { on: 'own', make: (f, _req, own) => conferenceOrTransfer(f, own, 'transferCall') },
  },
  CONFERENCE: {
    label: 'Conference',
    offeredIn: ['HELD'],
    needsOtherActiveCall: true,
    plan: { on: 'own', make: (f, _req, own) => conferenceOrTransfer(f, own, 'conferenceCall') },
  },
  // Developer guide 12.5, Dialog—Start Recording: "501: Not Implemented (a recording attempt was
  // made in a Unified CCE deployment)"; "This API is only supported with Unified CCX deployment
  // type." Switchboard speaks to a CCE CTI server (GED-188), so it is never offered.
  START_RECORDING: {
    label: 'Record',
    offeredIn: [],
    plan: { on: 'any', make: () => fail(CoreErrors.notImplemented('START_RECORDING')) },
  },
  BARGE_CALL: {
    label: 'Barge In',
    offeredIn: ['ACTIVE'],
    onMonitoringCall: 'only',
    newDialog: 'monitoring',
    plan: { on: 'any', make: (f) => supervise(f, 'BARGE_CALL') },
  },
  DROP: {
    label: 'End',
    offeredIn: ['INITIATING', 'INITIATED', 'ACTIVE', 'HELD', 'FAILED'],
    onMonitoringCall: 'also',
    plan: {
      on: 'own',
      make: (f, _req, own) => {
        const device = own.mediaAddress;
        return plan(
          { method: 'clearConnection', args: { call: f.connectionOf(device), device, instrument: device } },
          left(f, device),
        );
      },
    },
  },
  MAKE_CALL: { label: 'Make call', offeredIn: [], newDialog: 'call' },
  PARTICIPANT_DROP: {
    label: 'Drop participant',
    offeredIn: [],
    plan: { on: 'any', make: participantDrop },
  },
  SILENT_MONITOR: {
    label: 'Silent monitor',
    offeredIn: [],
    newDialog: 'monitoring',
    plan: { on: 'any', make: (f) => supervise(f, 'SILENT_MONITOR') },
  },
} as const satisfies Record<DialogAction, ActionRule>;

const ACTIONS = Object.keys(DIALOG_ACTIONS) as DialogAction[];
const RULES: Record<DialogAction, ActionRule> = DIALOG_ACTIONS;

export function isDialogAction(name: string): name is DialogAction {
  return Object.hasOwn(DIALOG_ACTIONS, name);
}

/** How `POST /User/{id}/Dialogs` starts `action`, if it takes it at all. */
export function newDialogKind(action: string): ActionRule['newDialog'] {
  return isDialogAction(action) ? RULES[action].newDialog : undefined;
}

/** What a participant's leg offers in `state` (the Dialog's `actions`), in the table's order. */
export function offeredActions(
  state: ParticipantState,
  facts: { hasOtherActiveCall: boolean; isMonitoringCall: boolean },
): DialogAction[] {
  return ACTIONS.filter((a) => {
    const rule = RULES[a];
    if (!rule.offeredIn.includes(state)) return false;
    if (rule.needsOtherActiveCall && !facts.hasOtherActiveCall) return false;
    return facts.isMonitoringCall ? rule.onMonitoringCall !== undefined : rule.onMonitoringCall !== 'only';
  });
}

/**
 * `PUT /Dialog/{id}` validation (finesse-api.md §1.4): the action must be one the table takes on
 * a dialog; for one on the actor's own leg, `targetMediaAddress` is the actor's extension and the
 * leg must offer it now. Pure: the engine gathers the facts and sends the request.
 */
export function planDialogAction(f: ActionFacts, req: DialogActionRequest): Result<ActionPlan> {
  const action = req.requestedAction.trim();
  if (!action) return fail(CoreErrors.parameterMissing('requestedAction'));
  if (!isDialogAction(action)) return fail(CoreErrors.invalidInput('Unsupported requestedAction', action));
  const rule = RULES[action];
  if (!rule.plan) return fail(CoreErrors.invalidInput('Unsupported requestedAction', action));
  if (rule.plan.on === 'any') return rule.plan.make(f, req);

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
  if (!own.actions.includes(action)) {
    return fail(
      CoreErrors.invalidState(`${action} is not allowed while the participant is ${own.state}`, own.state),
    );
  }
  return rule.plan.make(f, req, own);
}

/** A request on the actor's own connection whose outcome is its leg reaching `state`. */
function own1(
  f: ActionFacts,
  own: Participant,
  method: 'answerCall' | 'holdCall' | 'retrieveCall',
  state: ParticipantState,
): Result<ActionPlan> {
  const instrument = own.mediaAddress;
  return plan({ method, args: { call: f.connectionOf(instrument), instrument } }, (c) =>
    c.dialog.id === f.dialog.id
      ? c.event === 'DELETE' || participant(c.dialog, instrument)?.state === state
      : false,
  );
}
