/** @xmpp/client over WebSocket (RFC 7395): a second real client library on /ws/, besides Strophe.js. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { subscribeReceivePing } from '../testing/interop.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { connectXmpp } from '../testing/xmpp-client.ts';

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
    try {
      assert.equal(c.jid?.toString(), '2002@localhost/ws-desktop');
      await subscribeReceivePing(server, c, '/finesse/api/Team/5000/Users');
    } finally {
      await c.stop();
    }
    const ev = await server.waitForPresence(
      (e) => e.jid === '2002@localhost/ws-desktop' && e.type === 'unavailable',
    );
    assert.equal(ev.reason, 'closed');
  });
});
