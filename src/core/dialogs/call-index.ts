import type { CallRef } from './call-events.ts';
import { type CallRecord, emptyMediaProperties } from './call-record.ts';

// Calls ended recently, so that a late or repeated event does not bring one back.
const MAX_ENDED = 1000;

/**
 * The tracker's calls, found by the connections the CTI events name. A.4: "Call identity =
 * (ConnectionCallID, ConnectionDeviceIDType, ConnectionDeviceID); two calls may share a
 * ConnectionCallID (consult calls)". A server may also report each party's connection of one call
 * under that party's device (our simulator does): an unknown connection of a known ConnectionCallID
 * joins that call, unless it is a BEGIN_CALL, which always starts a call of its own.
 */
export class CallIndex {
  readonly #byConnection = new Map<string, CallRecord>();
  readonly #byCallId = new Map<number, CallRecord[]>();
  readonly #byDialog = new Map<string, CallRecord>();
  readonly #endedConnections = new Set<string>();
  readonly #endedCallIds = new Set<number>();

  records(): CallRecord[] {
    return [...this.#byDialog.values()];
  }

  byDialog(dialogId: string): CallRecord | undefined {
    return this.#byDialog.get(dialogId);
  }

  /** The live call an event names, if any; the connection is remembered on it. */
  find(ref: CallRef): CallRecord | undefined {
    const exact = this.#byConnection.get(connectionKey(ref));
    if (exact) return exact;
    const candidates = this.#byCallId.get(ref.callId);
    if (!candidates?.length) return undefined;
    const rec =
      candidates.find((r) => r.parties.some((p) => p.device === ref.deviceId)) ?? candidates.at(-1)!;
    this.connect(rec, ref);
    return rec;
  }

  /** The call an event names, or a new one; undefined for a late event of an ended call. */
  open(ref: CallRef, isBegin: boolean): CallRecord | undefined {
    const exact = this.#byConnection.get(connectionKey(ref));
    if (exact) return exact;
    if (isBegin) {
      // A BEGIN_CALL overtaken by the call's other events joins the call they opened.
      const unbegun = this.#byCallId.get(ref.callId)?.find((r) => !r.hasBegun);
      if (unbegun) return this.connect(unbegun, ref);
    } else {
      const known = this.find(ref);
      if (known) return known;
      if (this.#endedConnections.has(connectionKey(ref)) || this.#endedCallIds.has(ref.callId))
        return undefined;
    }
    const rec = newRecord(ref, this.#newDialogId(ref));
    this.#byDialog.set(rec.dialogId, rec);
    this.#byCallId.set(ref.callId, [...(this.#byCallId.get(ref.callId) ?? []), rec]);
    return this.connect(rec, ref);
  }

  /** Remembers that `ref` is a connection of `rec` (and the connection of its device). */
  connect(rec: CallRecord, ref: CallRef): CallRecord {
    rec.connections.set(ref.deviceId, { ...ref });
    this.#byConnection.set(connectionKey(ref), rec);
    if (ref.callId !== rec.ref.callId && !this.#byCallId.get(ref.callId)?.includes(rec)) {
      this.#byCallId.set(ref.callId, [...(this.#byCallId.get(ref.callId) ?? []), rec]);
    }
    return rec;
  }

  /** CALL_DATA_UPDATE's NewConnection: the same call under a new identity; the dialog id stays. */
  rekey(rec: CallRecord, ref: CallRef): void {
    this.connect(rec, ref);
    rec.ref = { ...ref };
  }

  forget(rec: CallRecord): void {
    if (this.#byDialog.get(rec.dialogId) !== rec) return;
    this.#byDialog.delete(rec.dialogId);
    for (const ref of rec.connections.values()) {
      const key = connectionKey(ref);
      if (this.#byConnection.get(key) === rec) this.#byConnection.delete(key);
      remember(this.#endedConnections, key);
      const left = this.#byCallId.get(ref.callId)?.filter((r) => r !== rec) ?? [];
      if (left.length) this.#byCallId.set(ref.callId, left);
      else {
        this.#byCallId.delete(ref.callId);
        remember(this.#endedCallIds, ref.callId);
      }
    }
  }

  /** The ConnectionCallID, as Finesse shows it; calls sharing one (consults) get the device appended. */
  #newDialogId(ref: CallRef): string {
    let id = String(ref.callId);
    for (let n = 2; this.#byDialog.has(id); n++)
      id = `${ref.callId}-${ref.deviceId || n}`.concat(n > 2 ? `-${n}` : '');
    return id;
  }
}

function connectionKey(c: CallRef): string {
  return `${c.callId}/${c.deviceIdType}/${c.deviceId}`;
}

function remember<T>(set: Set<T>, value: T): void {
  set.add(value);
  if (set.size > MAX_ENDED) set.delete(set.values().next().value as T);
}

function newRecord(ref: CallRef, dialogId: string): CallRecord {
  return {
    ref: { ...ref },
    connections: new Map(),
    dialogId,
    associatedDialogId: '',
    fromAddress: '',
    toAddress: '',
    media: emptyMediaProperties(),
    parties: [],
    hasBegun: false,
    isCleared: false,
    isEnded: false,
    isMerged: false,
    shown: new Map(),
    ownWrapUpReasons: new Map(),
  };
}
