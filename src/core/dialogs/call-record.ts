import {
  type Dialog,
  type DialogAction,
  type DialogState,
  dialogUri,
  type MediaProperties,
  type Participant,
  type ParticipantState,
} from '../model.ts';
import { offeredActions } from './actions.ts';
import type { CallRef } from './call-events.ts';
import { AGENT_DEVICE } from './plan-kit.ts';

/** One party of a call as the CTI events showed it. */
export interface Party {
  device: string;
  /** DROPPED stays DROPPED here; WRAP_UP is derived when the dialog is rendered. */
  state: ParticipantState;
  stateCause: string;
  startTime: string;
  stateChangeTime: string;
}

/** What the tracker keeps per CTI call: the dialog's facts, and who has been shown it. */
export interface CallRecord {
  /** The identity the call was first reported under. */
  ref: CallRef;
  /** Each device's connection as the events named it: what call-control requests for it name. */
  connections: Map<string, CallRef>;
  /** The dialog id, unique among live calls. */
  dialogId: string;
  associatedDialogId: string;
  fromAddress: string;
  toAddress: string;
  media: MediaProperties;
  parties: Party[];
  /** BEGIN_CALL_EVENT came. */
  hasBegun: boolean;
  /** CALL_CLEARED, or merged into another call by a transfer or conference. */
  isCleared: boolean;
  /** END_CALL_EVENT came: the CTI server will say nothing more about it. */
  isEnded: boolean;
  /** Joined into another call (the consult call of a transfer or conference): it just goes away. */
  isMerged: boolean;
  /** Agents whose Dialogs node has been POSTed this dialog, with the last view each was sent. */
  shown: Map<string, string>;
  /**
   * Wrap-up reasons of agents that left a call which goes on (the transferring agent): the CTI
   * server no longer has their connection to set CallWrapupData on, and the agents still on the
   * call keep their own. Shown to that agent only.
   */
  ownWrapUpReasons: Map<string, string>;
}

/** What rendering needs to know about agents, beyond the call itself. */
export interface AgentContext {
  agentOfDevice(device: string): string | undefined;
  /** The agent is in WORK or WORK_READY: its dropped parties show as WRAP_UP. */
  isInWrapUp(agentId: string): boolean;
  /** The agent has another call it is ACTIVE on: TRANSFER and CONFERENCE become possible on a held one. */
  hasOtherActiveCall(agentId: string, exceptDialogId: string): boolean;
}

export function emptyMediaProperties(): MediaProperties {
  return {
    mediaId: '1',
    dialedNumber: '',
    callType: '',
    DNIS: '',
    queueNumber: '',
    queueName: '',
    callKeyCallId: '',
    callKeySequenceNum: '',
    callKeyPrefix: '',
    wrapUpReason: '',
    callvariables: [],
  };
}

const CONNECTED: ReadonlySet<ParticipantState> = new Set(['ACTIVE', 'HELD']);

/** The call's state from its parties (§1.4 dialog states), before any recipient's own view. */
export function callState(rec: CallRecord): DialogState {
  const live = rec.parties.filter((p) => p.state !== 'DROPPED');
  if (live.some((p) => p.state === 'FAILED')) return 'FAILED';
  if (rec.isCleared || rec.isEnded) return 'DROPPED';
  const connected = live.filter((p) => CONNECTED.has(p.state)).length;
  if (connected >= 2) return 'ACTIVE';
  for (const s of ['ALERTING', 'INITIATED', 'INITIATING'] as const) {
    if (live.some((p) => p.state === s)) return s;
  }
  // One connected party: a call whose other end is not known yet, or one the other end has left.
  return connected === 1 && live.length === rec.parties.length ? 'ACTIVE' : 'DROPPED';
}

/** A party is done with the call: it left, or the call itself is over. */
/** The connection a request about `device` names: its own if an event reported it, else the call's. */
export function connectionOf(rec: CallRecord, device: string): CallRef {
  return rec.connections.get(device) ?? rec.ref;
}

export function isOver(rec: CallRecord, party: Party): boolean {
  return party.state === 'DROPPED' || rec.isCleared || rec.isEnded;
}

function actionsOf(
  rec: CallRecord,
  state: ParticipantState,
  agentId: string | undefined,
  ctx: AgentContext,
): DialogAction[] {
  // Only agents act on a dialog; the caller's leg has nothing to offer them.
  if (agentId === undefined) return [];
  return offeredActions(state, {
    hasOtherActiveCall: ctx.hasOtherActiveCall(agentId, rec.dialogId),
    // A supervisor's silent monitoring: it may barge in, or stop (finesse-api.md §1.4 BARGE_CALL).
    isMonitoringCall: rec.media.callType === 'SUPERVISOR_MONITOR',
  });
}

function participantView(
  rec: CallRecord,
  party: Party,
  ctx: AgentContext,
  recipient: string | undefined,
): Participant {
  const agentId = ctx.agentOfDevice(party.device);
  let state: ParticipantState = isOver(rec, party) && party.state !== 'FAILED' ? 'DROPPED' : party.state;
  // Wrap-up is the recipient's own business: another agent that left shows as DROPPED.
  if (agentId !== undefined && agentId === recipient && state === 'DROPPED' && ctx.isInWrapUp(agentId))
    state = 'WRAP_UP';
  return {
    actions: actionsOf(rec, state, agentId, ctx),
    mediaAddress: party.device,
    mediaAddressType: agentId === undefined ? '' : AGENT_DEVICE,
    startTime: party.startTime,
    state,
    stateCause: party.stateCause,
    stateChangeTime: party.stateChangeTime,
  };
}

/**
 * The Dialog as `recipient` sees it. finesse-api.md §1.4: "dialog DROPPED when agent dropped" —
 * an agent that left a call which goes on (a transfer, a conference) sees it as DROPPED.
 */
export function dialogView(rec: CallRecord, ctx: AgentContext, recipient?: string): Dialog {
  const participants = rec.parties.map((p) => participantView(rec, p, ctx, recipient));
  let state = callState(rec);
  const own = participants.find((_, i) => ctx.agentOfDevice(rec.parties[i].device) === recipient);
  if (recipient !== undefined && (own?.state === 'DROPPED' || own?.state === 'WRAP_UP')) state = 'DROPPED';
  return {
    id: rec.dialogId,
    associatedDialogUri: rec.associatedDialogId ? dialogUri(rec.associatedDialogId) : '',
    secondaryId: '',
    mediaType: 'Voice',
    fromAddress: rec.fromAddress,
    toAddress: rec.toAddress,
    mediaProperties: {
      ...rec.media,
      wrapUpReason:
        (recipient !== undefined && rec.ownWrapUpReasons.get(recipient)) || rec.media.wrapUpReason,
      callvariables: rec.media.callvariables.map((v) => ({ ...v })),
    },
    participants,
    state,
    uri: dialogUri(rec.dialogId),
  };
}
