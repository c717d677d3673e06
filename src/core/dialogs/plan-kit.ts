import type { ApiError, Dialog, Participant, Result } from '../model.ts';
import type { CallData, CallRef } from './call-events.ts';
import type { EccVariable } from './call-variables.ts';
import type { CtiCallRequest } from './cti-call-control.ts';
import type { DialogChange } from './tracker.ts';

/** What the validation of Dialog API requests shares (plan.ts, plan-supervisor.ts). */

/** What validation needs to know beyond the request. */
export interface ActionFacts {
  dialog: Dialog;
  /** The call's connection on a device, as call-control requests name it. */
  connectionOf(device: string): CallRef;
  /** The acting user's extension, '' when not signed in. */
  actorExtension: string;
  /** The actor's other call on which it is ACTIVE (TRANSFER and CONFERENCE join it to this one). */
  otherActiveCall?: CallRef;
  /** Devices of the agents on this dialog whose team the actor supervises. */
  supervisedDevices: ReadonlySet<string>;
  /** The actor's own silent-monitoring call, if any (BARGE_CALL starts from it). */
  monitorCall?: CallRef;
  /** The configured ECC variables (ECCVariableConfig) call data is checked against. */
  ecc: readonly EccVariable[];
}

export interface ActionPlan {
  /** The request to send; none when there is nothing left to ask the CTI server. */
  cti?: CtiCallRequest;
  /** The published change that is the request's outcome, and gets its requestId; none: the CONF is. */
  outcome?: (change: DialogChange) => boolean;
  /** Applied to the dialog once the CTI server accepted it (UPDATE_CALL_DATA). */
  callData?: CallData;
  /** The actor left a call that goes on: its wrap-up reason is its own, never the call's. */
  isOwnWrapUp?: boolean;
  /** The actor's next call belongs to this dialog (a consult call, a monitoring call). */
  associates?: boolean;
}

export const LEFT: ReadonlySet<string> = new Set(['DROPPED', 'WRAP_UP']);

/** `mediaAddressType` of an agent's leg: finesse.js treats only these as droppable. */
export const AGENT_DEVICE = 'AGENT_DEVICE';

/** The outcome of leaving a call: `device`'s leg dropped (or wrapping up), or the dialog gone. */
export function left(f: ActionFacts, device: string) {
  return (c: DialogChange) =>
    c.dialog.id === f.dialog.id &&
    (c.event === 'DELETE' || LEFT.has(participant(c.dialog, device)?.state ?? ''));
}

export const fail = (error: ApiError): Result<ActionPlan> => ({ ok: false, error });

export function plan(cti: CtiCallRequest, outcome?: (c: DialogChange) => boolean): Result<ActionPlan> {
  return { ok: true, value: { cti, outcome } };
}

export function participant(d: Dialog, device: string): Participant | undefined {
  return d.participants.find((p) => p.mediaAddress === device);
}
