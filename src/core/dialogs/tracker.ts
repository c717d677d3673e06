import { type Dialog, nodes, type UserState } from '../model.ts';
import type { CallData, CallEvent, CallRef, CallSnapshot } from './call-events.ts';
import { CallIndex } from './call-index.ts';
import {
  type AgentContext,
  type CallRecord,
  connectionOf,
  dialogView,
  isOver,
  type Party,
} from './call-record.ts';
import {
  applySnapshot,
  applyToCall,
  joinCalls,
  mergeCallData,
  type RuleContext,
  setParty,
} from './call-rules.ts';

/** One notification to publish: a dialog appeared on, changed on, or left an agent's Dialogs node. */
export interface DialogChange {
  agentId: string;
  node: string;
  event: 'POST' | 'PUT' | 'DELETE';
  dialog: Dialog;
}

export interface DialogTrackerOptions {
  now?: () => number;
  /** Why an event was ignored (unknown call, after END_CALL …). The tracker never throws. */
  log?: (text: string) => void;
}

interface AgentInfo {
  extension: string;
  state: UserState | undefined;
}

// Agent states in which a dropped call may still be the agent's current business.
const BUSY: ReadonlySet<UserState> = new Set(['TALKING', 'HOLD', 'RESERVED']);
const WRAP_UP: ReadonlySet<UserState> = new Set(['WORK', 'WORK_READY']);

/**
 * Turns CTI call events into the Dialog notifications of each agent on the call
 * (finesse-api.md §1.4 CTI→Dialog mapping, §3.2 Dialogs node). Pure apart from its injected
 * clock: it returns the changes and publishes nothing. Events may come in any order relative to
 * agent events (A.4), may repeat, and may be unknown: none of that throws.
 *
 * An agent keeps a dialog it has left until its call work is over — while it is still TALKING
 * for this call, or in wrap-up (its participant then shows WRAP_UP, so that UPDATE_CALL_DATA can
 * set the wrap-up reason) — and then gets the DELETE.
 */
export class DialogTracker {
  readonly #now: () => number;
  readonly #log: (text: string) => void;
  readonly #calls = new CallIndex();
  readonly #agents = new Map<string, AgentInfo>();
  readonly #devices = new Map<string, string>();
  readonly #preCall = new Map<string, CallData>();
  readonly #associations = new Map<string, string>();
  readonly #ctx: AgentContext;
  readonly #rules: RuleContext;

  constructor(options: DialogTrackerOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#log = options.log ?? (() => {});
    this.#ctx = {
      agentOfDevice: (device) => this.#devices.get(device),
      isInWrapUp: (agentId) => WRAP_UP.has(this.#agents.get(agentId)?.state as UserState),
      hasOtherActiveCall: (agentId, except) =>
        this.#hasOther(agentId, except, (rec, p) => p.state === 'ACTIVE' && !isOver(rec, p)),
    };
    this.#rules = {
      now: () => new Date(this.#now()).toISOString(),
      isAgentDevice: (device) => this.#devices.has(device),
      joined: (rec, party) => this.#joined(rec, party),
    };
  }

  // ---- inputs --------------------------------------------------------------------------------

  /** An agent's extension and state, from its agent events: who sees which call, and wrap-up. */
  onAgent(agentId: string, info: { extension?: string; state?: UserState }): DialogChange[] {
    const agent = this.#agents.get(agentId) ?? { extension: '', state: undefined };
    this.#agents.set(agentId, agent);
    if (info.extension && info.extension !== agent.extension) {
      if (this.#devices.get(agent.extension) === agentId) this.#devices.delete(agent.extension);
      agent.extension = info.extension;
      this.#devices.set(info.extension, agentId);
    }
    if (info.state) agent.state = info.state;
    return this.#syncAgents([agentId]);
  }

  apply(ev: CallEvent): DialogChange[] {
    try {
      return this.#apply(ev);
    } catch (e) {
      this.#log(`${ev.type} ignored: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
  }

  /** The outcome of an accepted SET_CALL_DATA (wrap-up reason, call variables). */
  setCallData(dialogId: string, data: CallData): DialogChange[] {
    const rec = this.#calls.byDialog(dialogId);
    if (!rec) return [];
    mergeCallData(rec, data);
    return this.#syncAround(rec);
  }

  /**
   * The calls the CTI server has on the agent's phone (SNAPSHOT_DEVICE_CONF), or none at all
   * (QUERY_AGENT_STATE_CONF NumTasks 0), asked on every reconnect: any other call it still shows
   * here ended while the link was down, and its events are lost. Its party leaves; a call no agent
   * is left on is over for everyone.
   */
  endCallsOf(agentId: string, live: readonly CallRef[] = []): DialogChange[] {
    const keep = new Set(live.map((ref) => this.#calls.find(ref)));
    const changes: DialogChange[] = [];
    for (const rec of this.#calls.records()) {
      if (keep.has(rec)) continue;
      const mine = rec.parties.filter((p) => this.#devices.get(p.device) === agentId && !isOver(rec, p));
      if (mine.length === 0) continue;
      this.#log(`agent ${agentId} is not on dialog ${rec.dialogId} on the CTI server: it ended unseen`);
      for (const p of mine) setParty(rec, this.#rules, p.device, 'DROPPED');
      if (!rec.parties.some((p) => this.#devices.has(p.device) && !isOver(rec, p))) {
        rec.isCleared = true;
        rec.isEnded = true;
      }
      changes.push(...this.#syncAround(rec));
    }
    return changes;
  }

  /**
   * A call as the CTI server has it now (SNAPSHOT_CALL_CONF): created when unknown — it began while
   * the link was down, or before this node started — else brought up to date (call-rules.ts
   * applySnapshot), and republished. Events that come after the snapshot go on from it.
   */
  applySnapshot(snap: CallSnapshot): DialogChange[] {
    try {
      const refs = [snap.call, ...snap.parties.map((p) => p.call)];
      let rec: CallRecord | undefined;
      for (const ref of refs) rec ??= this.#calls.find(ref);
      // The CTI server says the call is up: it starts a record even where an ended one had its id.
      rec ??= this.#calls.open(snap.call, true);
      if (!rec) return [];
      rec.hasBegun = true;
      for (const ref of refs) this.#calls.connect(rec, ref);
      applySnapshot(rec, snap, this.#rules);
      const changes = this.#syncAround(rec);
      // Finesse republishes the call state it knows after a reconnect (A.1): every agent shown the
      // dialog hears of it again, changed or not — a desktop that moved nodes meanwhile included.
      for (const agentId of rec.shown.keys()) {
        if (changes.some((c) => c.agentId === agentId && c.dialog.id === rec.dialogId)) continue;
        const dialog = dialogView(rec, this.#ctx, agentId);
        changes.push({ agentId, node: nodes.dialogs(agentId), event: 'PUT', dialog });
      }
      return changes;
    } catch (e) {
      this.#log(`call snapshot ignored: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
  }

  /** A wrap-up reason that only `agentId`, which has left the call, sees (CallRecord.ownWrapUpReasons). */
  setOwnWrapUpReason(dialogId: string, agentId: string, reason: string): DialogChange[] {
    const rec = this.#calls.byDialog(dialogId);
    if (!rec) return [];
    rec.ownWrapUpReasons.set(agentId, reason);
    return this.#sync(rec);
  }

  /**
   * The agent is no longer on the dialog's call while the call goes on (it transferred the call
   * away, or dropped out of a conference): the CTI server cannot set data for it any more.
   */
  hasLeftLiveCall(dialogId: string, agentId: string): boolean {
    const rec = this.#calls.byDialog(dialogId);
    if (!rec || rec.isEnded || rec.isCleared) return false;
    const own = rec.parties.filter((p) => this.#devices.get(p.device) === agentId);
    return own.length > 0 && own.every((p) => p.state === 'DROPPED');
  }

  /**
   * The next call `agentId` is the first party of belongs to `dialogId` (its associatedDialogUri):
   * the consult call of a CONSULT_CALL, the monitoring call of a SILENT_MONITOR. Undefined: the
   * request failed, no such call comes.
   */
  expectAssociated(agentId: string, dialogId: string | undefined): void {
    if (dialogId === undefined) this.#associations.delete(agentId);
    else this.#associations.set(agentId, dialogId);
  }

  // ---- queries -------------------------------------------------------------------------------

  /** The dialogs on the agent's Dialogs node, as last published. */
  dialogsOf(agentId: string): Dialog[] {
    return this.#calls
      .records()
      .filter((rec) => rec.shown.has(agentId))
      .map((rec) => dialogView(rec, this.#ctx, agentId));
  }

  /** A dialog as `viewer` (an agent on it) sees it, or as the call stands. */
  dialog(dialogId: string, viewer?: string): Dialog | undefined {
    const rec = this.#calls.byDialog(dialogId);
    return rec && dialogView(rec, this.#ctx, viewer);
  }

  /** The connection of `device` on the dialog's call (the call's identity when none was reported). */
  callOf(dialogId: string, device?: string): CallRef | undefined {
    const rec = this.#calls.byDialog(dialogId);
    return rec && (device === undefined ? rec.ref : connectionOf(rec, device));
  }

  /** END_CALL came for the dialog's call: the CTI server no longer knows it. */
  hasEnded(dialogId: string): boolean {
    return this.#calls.byDialog(dialogId)?.isEnded === true;
  }

  /** Agents with a call not yet over for them (ringing, talking, held, dialing). */
  hasLiveCall(agentId: string): boolean {
    return this.#hasOther(agentId, '', (rec, p) => !isOver(rec, p));
  }

  agentOfDevice(device: string): string | undefined {
    return this.#devices.get(device);
  }

  // ---- internals -----------------------------------------------------------------------------

  #apply(ev: CallEvent): DialogChange[] {
    switch (ev.type) {
      case 'AGENT_PRE_CALL':
        this.#preCall.set(ev.instrument, ev);
        return [];
      case 'END_CALL': {
        const rec = this.#find(ev.call, ev.type);
        if (!rec) return [];
        rec.isEnded = true;
        return this.#syncAround(rec);
      }
      case 'CONFERENCED':
      case 'TRANSFERRED':
        return this.#join(ev);
      case 'CONNECTION_CLEARED':
      case 'CLEARED': {
        const rec = this.#find(ev.call, ev.type);
        if (!rec) return [];
        if (!applyToCall(rec, ev, this.#rules))
          this.#log(`${ev.type} on dialog ${rec.dialogId}: no such party, ignored`);
        return this.#syncAround(rec);
      }
      default: {
        const rec = this.#open(ev.call, ev.type);
        if (!rec) return [];
        if (ev.type === 'BEGIN_CALL') rec.hasBegun = true;
        if (ev.type === 'DATA_UPDATE' && ev.newCall) this.#calls.rekey(rec, ev.newCall);
        if (!applyToCall(rec, ev, this.#rules))
          this.#log(`${ev.type} on dialog ${rec.dialogId}: no device named, ignored`);
        return this.#syncAround(rec);
      }
    }
  }

  /** CALL_CONFERENCED / CALL_TRANSFERRED: the consult call goes away, the held one is rebuilt. */
  #join(ev: Extract<CallEvent, { type: 'CONFERENCED' | 'TRANSFERRED' }>): DialogChange[] {
    const primary = this.#open(ev.primary, ev.type);
    if (!primary) return [];
    const secondary = this.#calls.find(ev.secondary);
    for (const p of ev.parties) this.#calls.connect(primary, p.call);
    joinCalls(primary, secondary === primary ? undefined : secondary, ev, this.#rules);
    const gone = secondary && secondary !== primary ? this.#syncAround(secondary) : [];
    return [...gone, ...this.#syncAround(primary)];
  }

  #find(ref: CallRef, what: string): CallRecord | undefined {
    const rec = this.#calls.find(ref);
    if (!rec) this.#log(`${what} for unknown call ${ref.callId}/${ref.deviceId} ignored`);
    return rec;
  }

  /** The call's record; created by any event that shows a live call, even without BEGIN_CALL. */
  #open(ref: CallRef, what: string): CallRecord | undefined {
    const rec = this.#calls.open(ref, what === 'BEGIN_CALL');
    if (!rec) this.#log(`${what} for ended call ${ref.callId}/${ref.deviceId} ignored`);
    return rec;
  }

  #joined(rec: CallRecord, party: Party): void {
    const agentId = this.#devices.get(party.device);
    if (agentId === undefined) return;
    const pre = this.#preCall.get(party.device);
    if (pre) {
      this.#preCall.delete(party.device);
      mergeCallData(rec, pre, false);
    }
    const associated = this.#associations.get(agentId);
    if (associated !== undefined && rec.parties.length === 1 && associated !== rec.dialogId) {
      this.#associations.delete(agentId);
      rec.associatedDialogId = associated;
    }
  }

  /** Syncs the call and every other call of its agents: their actions depend on each other. */
  #syncAround(rec: CallRecord): DialogChange[] {
    const agents = new Set(rec.shown.keys());
    for (const p of rec.parties) {
      const a = this.#devices.get(p.device);
      if (a !== undefined) agents.add(a);
    }
    return [...this.#sync(rec), ...this.#syncAgents([...agents], rec)];
  }

  #syncAgents(agentIds: string[], done?: CallRecord): DialogChange[] {
    const changes: DialogChange[] = [];
    for (const rec of this.#calls.records()) {
      if (rec === done) continue;
      const involved = agentIds.some(
        (a) => rec.shown.has(a) || rec.parties.some((p) => this.#devices.get(p.device) === a),
      );
      if (involved) changes.push(...this.#sync(rec));
    }
    return changes;
  }

  /** Brings every agent's view of one call up to date: POST, PUT when changed, DELETE when done. */
  #sync(rec: CallRecord): DialogChange[] {
    const changes: DialogChange[] = [];
    const onCall = new Map<string, Party>();
    for (const p of rec.parties) {
      const a = this.#devices.get(p.device);
      if (a !== undefined && !onCall.has(a)) onCall.set(a, p);
    }
    for (const agentId of new Set([...onCall.keys(), ...rec.shown.keys()])) {
      const party = onCall.get(agentId);
      const view = dialogView(rec, this.#ctx, agentId);
      const text = JSON.stringify(view);
      const node = nodes.dialogs(agentId);
      const last = rec.shown.get(agentId);
      if (party && this.#sees(rec, party, agentId)) {
        if (last === undefined) {
          // A call that was over before its agent became known is not worth announcing.
          if (isOver(rec, party)) continue;
          changes.push({ agentId, node, event: 'POST', dialog: view });
        } else if (last !== text) {
          changes.push({ agentId, node, event: 'PUT', dialog: view });
        }
        rec.shown.set(agentId, text);
      } else if (last !== undefined) {
        if (last !== text && !rec.isMerged) changes.push({ agentId, node, event: 'PUT', dialog: view });
        changes.push({ agentId, node, event: 'DELETE', dialog: view });
        rec.shown.delete(agentId);
      }
    }
    if (rec.isEnded && rec.shown.size === 0) this.#calls.forget(rec);
    return changes;
  }

  /** Whether the agent still has this dialog on its node. */
  #sees(rec: CallRecord, party: Party, agentId: string): boolean {
    const state = this.#agents.get(agentId)?.state;
    if (state === 'LOGOUT' || rec.isMerged) return false;
    if (!isOver(rec, party)) return true;
    if (state === undefined) return false;
    if (WRAP_UP.has(state)) return true;
    // Still TALKING on nothing else: the agent event that ends this call has not come yet.
    return BUSY.has(state) && !this.#hasOther(agentId, rec.dialogId, (r, p) => !isOver(r, p));
  }

  #hasOther(agentId: string, exceptDialogId: string, test: (rec: CallRecord, p: Party) => boolean): boolean {
    for (const rec of this.#calls.records()) {
      if (rec.dialogId === exceptDialogId || rec.isMerged) continue;
      for (const p of rec.parties) if (this.#devices.get(p.device) === agentId && test(rec, p)) return true;
    }
    return false;
  }
}
