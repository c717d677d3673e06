import type { ParticipantState } from '../model.ts';
import {
  type CallData,
  type CallEvent,
  type CallSnapshot,
  callTypeName,
  failureCause,
} from './call-events.ts';
import type { CallRecord, Party } from './call-record.ts';

/**
 * The CTI → Dialog mapping of finesse-api.md §1.4 for the events that concern one call, as
 * mutations of its record. Conference and transfer, which join two calls, are the tracker's.
 */

export interface RuleContext {
  now(): string;
  isAgentDevice(device: string): boolean;
  /** A new party joined: the tracker merges what AGENT_PRE_CALL said about its instrument. */
  joined(rec: CallRecord, party: Party): void;
}

export type JoinEvent = Extract<CallEvent, { type: 'CONFERENCED' | 'TRANSFERRED' }>;
export type SingleCallEvent = Exclude<
  CallEvent,
  { type: 'CONFERENCED' | 'TRANSFERRED' | 'AGENT_PRE_CALL' | 'END_CALL' }
>;

/** Finds or adds the party on `device` and moves it to `state`; undefined when the device is unknown. */
export function setParty(
  rec: CallRecord,
  ctx: RuleContext,
  device: string | undefined,
  state: ParticipantState,
  stateCause = '',
): Party | undefined {
  if (!device) return undefined;
  let party = rec.parties.find((p) => p.device === device);
  if (!party) {
    const now = ctx.now();
    party = { device, state, stateCause, startTime: now, stateChangeTime: now };
    rec.parties.push(party);
    ctx.joined(rec, party);
    return party;
  }
  if (party.state !== state || party.stateCause !== stateCause) {
    party.state = state;
    party.stateCause = stateCause;
    party.stateChangeTime = ctx.now();
  }
  return party;
}

export function mergeCallData(rec: CallRecord, data: CallData, overwrite = true): void {
  const m = rec.media;
  const put = (current: string, value: string | number | undefined) =>
    value === undefined || value === '' || (!overwrite && current !== '') ? current : String(value);
  m.dialedNumber = put(m.dialedNumber, data.dialedNumber);
  m.DNIS = put(m.DNIS, data.dnis);
  m.callKeyPrefix = put(m.callKeyPrefix, data.routerCallKeyDay);
  m.callKeyCallId = put(m.callKeyCallId, data.routerCallKeyCallId);
  m.callKeySequenceNum = put(m.callKeySequenceNum, data.routerCallKeySequenceNumber);
  m.wrapUpReason = put(m.wrapUpReason, data.callWrapupData);
  for (const v of data.callVariables ?? []) {
    const existing = m.callvariables.find((c) => c.name === v.name);
    if (!existing) m.callvariables.push({ ...v });
    else if (overwrite) existing.value = v.value;
  }
  m.callvariables.sort(byVariableName);
  if (!rec.fromAddress && data.ani) rec.fromAddress = data.ani;
}

/** callVariable1 … callVariable10 in numeric order, then ECC (`user.*`) variables by name. */
function byVariableName(a: { name: string }, b: { name: string }): number {
  const n = (s: string) => /^callVariable(\d+)$/.exec(s)?.[1];
  const [x, y] = [n(a.name), n(b.name)];
  if (x !== undefined && y !== undefined) return Number(x) - Number(y);
  if (x !== undefined) return -1;
  if (y !== undefined) return 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function setAddresses(rec: CallRecord, from: string | undefined, to: string | undefined): void {
  if (!rec.fromAddress && from) rec.fromAddress = from;
  if (!rec.toAddress && to) rec.toAddress = to;
}

function setQueue(rec: CallRecord, ev: { serviceNumber?: number; skillGroupNumber?: number }): void {
  const queue = ev.skillGroupNumber || ev.serviceNumber;
  if (queue) rec.media.queueNumber = String(queue);
}

/**
 * The calling side, as CallingDeviceID names it on every event of the call: an agent dialing is
 * INITIATED until answered, an outside caller ACTIVE. A party that left stays gone: the call keeps
 * naming its original caller after a transfer.
 */
function caller(rec: CallRecord, ctx: RuleContext, device: string | undefined, answered?: 'ACTIVE'): void {
  if (!device) return;
  const current = rec.parties.find((p) => p.device === device)?.state;
  if (current === 'DROPPED' || current === 'HELD' || current === 'FAILED') return;
  if (current === 'ACTIVE' && !answered) return;
  setParty(rec, ctx, device, answered ?? (ctx.isAgentDevice(device) ? 'INITIATED' : 'ACTIVE'));
}

/** Applies one call event to its record. Returns false when the event tells nothing usable. */
export function applyToCall(rec: CallRecord, ev: SingleCallEvent, ctx: RuleContext): boolean {
  switch (ev.type) {
    case 'BEGIN_CALL': {
      const isAgentPlaced =
        isOutbound(ev.callType) && ctx.isAgentDevice(ev.call.deviceId) && rec.parties.length === 0;
      // An agent's own call comes from its extension, before the ANI is merged: a consult call
      // carries its original caller's ANI along with the rest of the call context.
      if (isAgentPlaced) setAddresses(rec, ev.call.deviceId, ev.dialedNumber);
      mergeCallData(rec, ev);
      if (ev.callType !== undefined) rec.media.callType = callTypeName(ev.callType) || rec.media.callType;
      // §1.4: BEGIN_CALL_EVENT → POST (caller) INITIATING — for a call an agent places itself.
      if (isAgentPlaced) setParty(rec, ctx, ev.call.deviceId, 'INITIATING');
      return true;
    }
    case 'ORIGINATED':
      caller(rec, ctx, ev.callingDevice);
      setAddresses(rec, ev.callingDevice, ev.calledDevice);
      if (!rec.media.dialedNumber && ev.calledDevice) rec.media.dialedNumber = ev.calledDevice;
      return true;
    case 'DELIVERED':
      mergeCallData(rec, ev);
      setQueue(rec, ev);
      caller(rec, ctx, ev.callingDevice);
      ringing(rec, ctx, ev.alertingDevice ?? ev.calledDevice);
      setAddresses(rec, ev.callingDevice ?? ev.ani, ev.alertingDevice ?? ev.calledDevice);
      return true;
    case 'ESTABLISHED': {
      setQueue(rec, ev);
      // A monitoring call's calling party is the monitored agent, who must not see it.
      if (rec.media.callType !== SUPERVISOR_MONITOR) caller(rec, ctx, ev.callingDevice, 'ACTIVE');
      const answered = setParty(rec, ctx, ev.answeringDevice, 'ACTIVE');
      // Without AnsweringDeviceID, the party that was ringing is the one that answered.
      if (!answered)
        for (const p of rec.parties) if (p.state === 'ALERTING') setParty(rec, ctx, p.device, 'ACTIVE');
      setAddresses(rec, ev.callingDevice, ev.answeringDevice ?? ev.calledDevice);
      return true;
    }
    case 'QUEUED':
      setQueue(rec, ev);
      caller(rec, ctx, ev.callingDevice);
      setAddresses(rec, ev.callingDevice, ev.calledDevice);
      return true;
    case 'HELD':
      return setParty(rec, ctx, ev.holdingDevice ?? soleAgentDevice(rec, ctx), 'HELD') !== undefined;
    case 'RETRIEVED':
      return setParty(rec, ctx, ev.retrievingDevice ?? soleAgentDevice(rec, ctx), 'ACTIVE') !== undefined;
    case 'CONNECTION_CLEARED': {
      // Without ReleasingDeviceID, the connection the event names is the one that was cleared.
      const device = ev.releasingDevice ?? ev.call.deviceId;
      const party = rec.parties.find((p) => p.device === device);
      if (!party) return false;
      setParty(rec, ctx, party.device, 'DROPPED');
      return true;
    }
    case 'CLEARED':
      rec.isCleared = true;
      for (const p of rec.parties) if (p.state !== 'FAILED') setParty(rec, ctx, p.device, 'DROPPED');
      return true;
    case 'FAILED': {
      const cause = failureCause(ev.eventCause);
      setParty(rec, ctx, ev.failingDevice, 'FAILED', cause);
      // §1.4: FAILED → DROP is the agent's only action; its own leg shows the failure.
      for (const p of rec.parties) {
        if (p.state !== 'DROPPED' && ctx.isAgentDevice(p.device))
          setParty(rec, ctx, p.device, 'FAILED', cause);
      }
      return true;
    }
    case 'DATA_UPDATE':
      mergeCallData(rec, ev);
      if (ev.callType !== undefined) rec.media.callType = callTypeName(ev.callType) || rec.media.callType;
      return true;
  }
}

/**
 * CALL_CONFERENCED / CALL_TRANSFERRED: the consult (secondary) call's parties join the held
 * (primary) one, which keeps its id; the ConnectedParty list, when sent, says who stays. A party
 * neither call knew — the target of a single-step transfer, about to ring — waits for its own
 * events, except a barging supervisor, which CONFERENCED itself adds.
 */
export function joinCalls(
  primary: CallRecord,
  secondary: CallRecord | undefined,
  ev: JoinEvent,
  ctx: RuleContext,
): void {
  const leaving = ev.type === 'TRANSFERRED' ? ev.transferringDevice : undefined;
  const listed = ev.parties.length > 0 ? new Set(ev.parties.map((p) => p.device)) : undefined;
  const stays = (device: string) => device !== leaving && (listed === undefined || listed.has(device));
  const isOn = (device: string) => primary.parties.some((p) => p.device === device && p.state !== 'DROPPED');
  for (const p of primary.parties) {
    if (p.state === 'DROPPED') continue;
    if (!stays(p.device)) setParty(primary, ctx, p.device, 'DROPPED');
    else if (p.state === 'HELD' && ev.type === 'CONFERENCED') setParty(primary, ctx, p.device, 'ACTIVE');
  }
  for (const p of secondary?.parties ?? []) {
    if (p.state === 'DROPPED' || !stays(p.device) || isOn(p.device)) continue;
    setParty(primary, ctx, p.device, p.state === 'HELD' ? 'ACTIVE' : p.state);
  }
  const added = ev.type === 'CONFERENCED' ? ev.addedPartyDevice : undefined;
  if (added && stays(added) && !isOn(added)) setParty(primary, ctx, added, 'ACTIVE');
  if (secondary) {
    secondary.isCleared = true;
    secondary.isEnded = true;
    secondary.isMerged = true;
  }
}

/**
 * A snapshot of the call (SNAPSHOT_CALL_CONF): its context, and every party as the CTI server lists
 * it now; a party it no longer lists left while the link was down. It names no calling or called
 * device, so the addresses of a call first seen this way are inferred the way the events would
 * have set them: an agent's own call (an outbound call type) from its phone to the number dialed,
 * any other from the caller (its ANI, else its first outside party) to the first agent's phone.
 * Start times are the moment of the snapshot: the CTI server does not say when a party joined.
 */
export function applySnapshot(rec: CallRecord, snap: CallSnapshot, ctx: RuleContext): void {
  mergeCallData(rec, snap);
  if (snap.callType !== undefined) rec.media.callType = callTypeName(snap.callType) || rec.media.callType;
  const listed = new Set(snap.parties.map((p) => p.device));
  for (const p of rec.parties) if (!listed.has(p.device)) setParty(rec, ctx, p.device, 'DROPPED');
  for (const p of snap.parties) setParty(rec, ctx, p.device, p.state);
  const agent = snap.parties.find((p) => ctx.isAgentDevice(p.device))?.device;
  const outside = snap.parties.find((p) => !ctx.isAgentDevice(p.device))?.device;
  if (isOutbound(snap.callType) && agent) setAddresses(rec, agent, snap.dialedNumber || outside);
  else setAddresses(rec, snap.ani || outside, agent);
}

const SUPERVISOR_MONITOR = 'SUPERVISOR_MONITOR';

// GED-188 CallTypes of calls an agent places (AGENT_OUT, OUT, AGENT_INSIDE, CONSULT …).
const OUTBOUND_CALL_TYPES: ReadonlySet<number> = new Set([7, 8, 9, 10, 12, 14, 17]);

function isOutbound(callType: number | undefined): boolean {
  return callType !== undefined && OUTBOUND_CALL_TYPES.has(callType);
}

/** A late or repeated DELIVERED must not ring a call its party has already answered. */
function ringing(rec: CallRecord, ctx: RuleContext, device: string | undefined): void {
  const current = rec.parties.find((p) => p.device === device)?.state;
  if (current !== 'ACTIVE' && current !== 'HELD') setParty(rec, ctx, device, 'ALERTING');
}

function soleAgentDevice(rec: CallRecord, ctx: RuleContext): string | undefined {
  const agents = rec.parties.filter((p) => p.state !== 'DROPPED' && ctx.isAgentDevice(p.device));
  return agents.length === 1 ? agents[0].device : undefined;
}
