/** @xmpp/client over WebSocket (RFC 7395): a second real client library on /ws/, besides Strophe.js. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { el } from '../../xml/index.ts';
import { NS } from '../namespaces.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { collect, connectXmpp, xml } from '../testing/xmpp-client.ts';

describe('@xmpp/client over WebSocket', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    server.notify.pubsub.createNode('/finesse/api/Team/5000/Users');
  });
  after(() => server.stop());

  it('signs in, subscribes, receives a publish, pings, and signs out', async () => {
    const c = await connectXmpp({
      service: `ws://127.0.0.1:${server.boshPort}/ws/`,
      username: '2002',
      resource: 'ws-desktop',
    });
    const inbox = collect(c);
    try {
      assert.equal(c.jid?.toString(), '2002@localhost/ws-desktop');
      await c.send(xml('presence', {}, xml('priority', {}, '0')));
      await server.waitForPresence((e) => e.jid === '2002@localhost/ws-desktop' && e.type === 'available');
      const sub = await c.iqCaller.set(
        xml(
          'pubsub',
          { xmlns: NS.pubsub },
          xml('subscribe', { node: '/finesse/api/Team/5000/Users', jid: '2002@localhost/ws-desktop' }),
        ),
        'pubsub.localhost',
      );
      assert.equal(sub.getChild('subscription')?.attrs.subscription, 'subscribed');
      const { itemId } = server.notify.pubsub.publish(
        '/finesse/api/Team/5000/Users',
        el('notification', { xmlns: NS.pubsub }, '<Update><event>PUT</event></Update>'),
      );
      const message = await inbox.waitFor((s) => s.is('message'));
      const item = message.getChild('event', NS.pubsubEvent)?.getChild('items')?.getChild('item');
      assert.equal(item?.attrs.id, itemId);
      assert.equal(item?.getChildText('notification'), '<Update><event>PUT</event></Update>');
      await c.iqCaller.get(xml('ping', { xmlns: NS.ping }), 'localhost');
    } finally {
      await c.stop();
    }
    const ev = await server.waitForPresence(
      (e) => e.jid === '2002@localhost/ws-desktop' && e.type === 'unavailable',
    );
    assert.equal(ev.reason, 'closed');
  });
});
