/** What a real XMPP client does with the test server once it is signed in, whatever carries it. */
import assert from 'node:assert/strict';
import { el } from '../../xml/index.ts';
import { NS } from '../namespaces.ts';
import type { TestServer } from './test-server.ts';
import { collect, type XmppClient, xml } from './xmpp-client.ts';

/** Available presence (priority 0, as Finesse asks), seen by the server. */
export async function goAvailable(server: TestServer, c: XmppClient): Promise<string> {
  const jid = c.jid?.toString() ?? '';
  await c.send(xml('presence', {}, xml('priority', {}, '0')));
  await server.waitForPresence((e) => e.jid === jid && e.type === 'available');
  return jid;
}

/** Subscribes the client's full JID to `node` through pubsub; the server must say subscribed. */
export async function subscribeSelf(c: XmppClient, node: string): Promise<void> {
  const sub = await c.iqCaller.set(
    xml('pubsub', { xmlns: NS.pubsub }, xml('subscribe', { node, jid: c.jid?.toString() ?? '' })),
    'pubsub.localhost',
  );
  assert.equal(sub.getChild('subscription')?.attrs.subscription, 'subscribed');
}

/**
 * Goes available, subscribes to `node`, receives an `<Update>` published there (its item id and
 * its escaped payload intact), and pings the server.
 */
export async function subscribeReceivePing(server: TestServer, c: XmppClient, node: string): Promise<void> {
  const inbox = collect(c);
  await goAvailable(server, c);
  await subscribeSelf(c, node);
  const payload = '<Update><event>PUT</event></Update>';
  const { itemId } = server.notify.pubsub.publish(node, el('notification', { xmlns: NS.pubsub }, payload));
  const message = await inbox.waitFor((s) => s.is('message'));
  const item = message.getChild('event', NS.pubsubEvent)?.getChild('items')?.getChild('item');
  assert.equal(item?.attrs.id, itemId);
  assert.equal(item?.getChildText('notification'), payload);
  await c.iqCaller.get(xml('ping', { xmlns: NS.ping }), 'localhost');
}
