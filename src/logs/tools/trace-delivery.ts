/**
 * From one XMPP_PUBLISH_ASYNCHRONOUS to the desktop: the notification service's delivery to the
 * user's session(s) (info.log), the BOSH response that carried the item (debug.log), or the
 * "store offline" that says no session was there. Pure: the caller reads the notification lines.
 */
import { localPart } from './parse-notify.ts';
import type { Entry } from './scan.ts';
import { hop, type TraceHop } from './trace.ts';
import { isWs, t, type Ws } from './trace-chain.ts';

export interface DeliveryQuery {
  publish: Ws;
  /** The next publish to the same node: deliveries after it belong to that one. */
  until: number;
  agent: string;
  /** The update's requestId, when it has one: a BOSH response quoting it is this update's. */
  requestId?: string;
  /** A dialog's id: a BOSH response quoting another dialog is not this update's. */
  dialogId?: string;
  /** Whether the notification service logged deliveries in the window (debug log or info lines). */
  isLogged: boolean;
  /**
   * The millisecond `until` names, how many publishes to the node it holds, and when the next
   * publish to the node after it came (`after`). The clock may tick between a publish line and its
   * delivery lines, so this publish's deliveries may be stamped with the next one's millisecond.
   */
  boundary?: { at: number; publishes: number; after?: number };
}

export interface DeliveryResult {
  hops: TraceHop[];
  brokenAt?: string;
  missing?: string;
}

const eventOf = (e: Entry) => ('event' in e.record ? e.record.event : undefined);
/** The line after its timestamp, whatever the file's shape (plain or JSON lines). */
const textOf = (e: Entry) => ('text' in e.record ? e.record.text : e.raw);

export function matchDelivery(notify: readonly Entry[], q: DeliveryQuery): DeliveryResult {
  const node = q.publish.record.fields.NodeId ?? '';
  const from = t(q.publish) ?? 0;
  // After this publish and before the next one to the node (lines of one ms may come in any order).
  const between = (e: Entry) => (t(e) ?? from) >= from - 5 && (t(e) ?? from) < q.until;
  const toAgent = (jid: string | undefined) => jid !== undefined && localPart(jid) === q.agent;
  const quotesDialog = (e: Entry) =>
    q.dialogId === undefined || textOf(e).includes(`&lt;id&gt;${q.dialogId}&lt;/id&gt;`);

  const deliveredHere = (e: Entry) => {
    const ev = eventOf(e);
    return ev?.kind === 'delivered' && ev.node === node && toAgent(ev.jid);
  };
  let logged = notify.filter((e) => deliveredHere(e) && between(e));
  if (logged.length === 0 && q.boundary) {
    // A publish hands its item to every session before it returns, so the deliveries come in
    // publish order and each publish reaches as many sessions (within a few ms). None stamped
    // before `at`: this publish's are the first of those from `at` until the next publish after
    // it, whose count is ours plus the boundary publishes'.
    const { at, publishes, after = Infinity } = q.boundary;
    const later = notify
      .filter((e) => deliveredHere(e) && (t(e) ?? 0) >= at && (t(e) ?? 0) < after)
      .sort((a, b) => (t(a) ?? 0) - (t(b) ?? 0));
    const each = Math.floor(later.length / (publishes + 1));
    if (each > 0) logged = later.slice(0, each);
  }
  const sent = notify.filter((e) => {
    const ev = eventOf(e);
    if (ev?.kind !== 'bosh-sent' || !between(e)) return false;
    if (q.requestId !== undefined && ev.requestId !== undefined) return ev.requestId === q.requestId;
    return ev.node === node && toAgent(ev.jid) && quotesDialog(e);
  });
  const hops: TraceHop[] = [];
  if (logged.length > 0) {
    // Any BOSH response of the window: one may carry several items (queued while the desktop held
    // no request, e.g. a User and a Dialogs update of one call event), `sent` judges only its first.
    const responses = notify.filter((e) => eventOf(e)?.kind === 'bosh-sent' && between(e));
    for (const d of logged) {
      hops.push(hop('delivery', d));
      // The BOSH response that carried this item to the desktop (debug log on).
      const ev = eventOf(d);
      const item = ev?.kind === 'delivered' ? ev.item : undefined;
      const carried = item && responses.find((e) => textOf(e).includes(`<item id="${item}"`));
      if (carried) hops.push(hop('BOSH sent', carried));
    }
  } else for (const d of sent) hops.push(hop('delivery', d));

  const offline = notify.find((e) => {
    const ev = eventOf(e);
    if (ev?.kind !== 'store-offline' && ev?.kind !== 'route-failed') return false;
    if (q.requestId !== undefined && ev.requestId === q.requestId) return true;
    return ev.node === node && between(e) && quotesDialog(e);
  });
  if (offline) {
    hops.push(hop(eventOf(offline)?.kind === 'store-offline' ? 'store offline' : 'route failed', offline));
  }
  if (hops.length > 0 && !offline) return { hops };
  if (!offline && !q.isLogged) {
    // Deliveries are logged in debug.log only (HTTP SENT) until info.log gets a delivery line:
    // with the debug log off, a missing delivery is unknown, not a break.
    return {
      hops,
      missing: 'delivery (not logged: switch the notification service debug log on, or see its info.log)',
    };
  }
  if (hops.some((h) => h.step === 'delivery')) return { hops };
  return {
    hops,
    brokenAt: offline
      ? 'published but never delivered: no session (store offline)'
      : `published but never delivered: no delivery to a session of ${q.agent} in the notification logs`,
  };
}

/** How many publishes to `node` a millisecond holds, and the next one after it (see DeliveryQuery.boundary). */
export function boundaryAt(lines: readonly Entry[], node: string, at: number) {
  const toNode = lines.filter((e) => isWs(e, 'XMPP_PUBLISH_ASYNCHRONOUS') && e.record.fields.NodeId === node);
  const publishes = toNode.filter((e) => t(e) === at).length;
  const after = Math.min(...toNode.map((e) => t(e) ?? 0).filter((ms) => ms > at));
  return { at, publishes, ...(Number.isFinite(after) && { after }) };
}
