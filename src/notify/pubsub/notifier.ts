/**
 * Turns a published item into event messages (XEP-0060 §7.1.2) for the subscribers' online
 * sessions, in the seed capture's exact shape:
 *   <message from="pubsub.D" to="full JID" id="<node>__<bare JID>__<5 random>">
 *     <event xmlns="…pubsub#event"><items node="…"><item id="…"><notification …/></item></items></event>
 *   </message>
 * Delivery is presence-based (pubsub#presence_based_delivery): nothing is stored for later. Each
 * delivery writes one info.log line, `Delivered item <id> of node <node> to <full JID> (sid=<sid>)`,
 * which `switchboard trace` follows (src/logs/tools/parse-notify.ts) with the debug log off.
 */
import type { TextLog } from '../../logs/index.ts';
import { el, type XmlElement } from '../../xml/index.ts';
import { randomAlphanumeric } from '../ids.ts';
import { parseJid } from '../jid.ts';
import { NS } from '../namespaces.ts';
import type { RoutedSession, StanzaRouter } from '../stanza-router.ts';
import type { Item, Subscription } from './service.ts';

export interface NotifierContext {
  readonly pubsubDomain: string;
  readonly router: StanzaRouter;
  readonly infoLog: TextLog;
  readonly debugLog: TextLog;
}

// Openfire's debug line carries the whole packet; a Finesse Update can be kilobytes long.
const MAX_LOGGED_PACKET = 2000;

export function buildEventMessage(
  from: string,
  to: string,
  subscriberBare: string,
  node: string,
  item: Item,
): XmlElement {
  const message = el(
    'message',
    { from, to, id: `${node}__${subscriberBare}__${randomAlphanumeric(5)}` },
    el('event', { xmlns: NS.pubsubEvent }, el('items', { node }, el('item', { id: item.id }, item.payload))),
  );
  message.ns = NS.client;
  return message;
}

/** Sends `item` to every online session the subscriptions reach, once each; returns how many. */
export function deliverItem(
  ctx: NotifierContext,
  node: string,
  item: Item,
  subscriptions: Subscription[],
): number {
  const reached = new Set<RoutedSession>();
  for (const sub of subscriptions) {
    const jid = parseJid(sub.jid);
    if (!jid) continue;
    const targets = ctx.router.recipients(jid);
    if (targets.length === 0) {
      if (ctx.debugLog.enabled) {
        // The Openfire line the BOSH technote greps for when a desktop has gone away.
        const packet = buildEventMessage(ctx.pubsubDomain, jid.full, jid.bare, node, item).toString();
        const shown = packet.length > MAX_LOGGED_PACKET ? `${packet.slice(0, MAX_LOGGED_PACKET)}…` : packet;
        ctx.debugLog.write(`Unable to route packet. No session is available so store offline. ${shown}`);
      }
      continue;
    }
    for (const session of targets) {
      if (reached.has(session) || !session.jid) continue;
      reached.add(session);
      const to = session.jid.full;
      // Logged first: delivering to a session holding a BOSH request writes its `HTTP SENT`
      // debug line at once, and the trace reads the two in time order (delivery, then sent).
      ctx.infoLog.write(`Delivered item ${item.id} of node ${node} to ${to} (sid=${session.logId})`);
      session.deliver(buildEventMessage(ctx.pubsubDomain, to, jid.bare, node, item));
    }
  }
  return reached.size;
}
