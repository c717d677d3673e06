/** Strophe.js, the Finesse desktop's library, as a real BOSH client against the server. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { el } from '../../../xml/index.ts';
import { NS } from '../../namespaces.ts';
import { $iq, $pres, connectStrophe, Strophe } from '../../testing/strophe.ts';
import { DOMAIN, startTestServer, type TestServer } from '../../testing/test-server.ts';

const UPDATE =
  '<Update><data><user><loginId>2001</loginId><state>NOT_READY</state></user></data>' +
  '<event>PUT</event><requestId>6e210ca9-5786-43bc-babf-64a397a6057f</requestId>' +
  '<source>/finesse/api/User/2001</source></Update>';

describe('Strophe.js over BOSH', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    server.notify.pubsub.createNode('/finesse/api/User/2001');
    server.notify.pubsub.subscribe('/finesse/api/User/2001', `2001@${DOMAIN}`);
    server.notify.pubsub.createNode('/forbidden/Team/1/Users');
  });
  after(() => server.stop());

  it('connects, sends presence, and receives a published Update in the seed shape', async () => {
    const client = await connectStrophe(server.boshUrl, `2001@${DOMAIN}/desktop`, '2001');
    try {
      assert.equal(client.conn.jid, `2001@${DOMAIN}/desktop`);
      client.conn.send($pres().c('priority').t('0'));
      await server.waitForPresence((e) => e.jid === `2001@${DOMAIN}/desktop` && e.type === 'available');
      const { itemId, delivered } = server.notify.pubsub.publish(
        '/finesse/api/User/2001',
        el('notification', { xmlns: NS.pubsub }, UPDATE),
      );
      assert.equal(delivered, 1);
      const ev = await client.waitForEvent((e) => e.itemId === itemId);
      assert.equal(ev.node, '/finesse/api/User/2001');
      assert.equal(ev.from, `pubsub.${DOMAIN}`);
      assert.equal(ev.to, `2001@${DOMAIN}/desktop`);
      assert.match(ev.messageId, new RegExp(`^/finesse/api/User/2001__2001@${DOMAIN}__[A-Za-z0-9]{5}$`));
      assert.equal(ev.payload, UPDATE);
    } finally {
      await client.disconnect();
    }
    await server.waitForPresence((e) => e.jid === `2001@${DOMAIN}/desktop` && e.type === 'unavailable');
  });

  it('a wrong password ends in AUTHFAIL', async () => {
    await assert.rejects(
      connectStrophe(server.boshUrl, `2001@${DOMAIN}/desktop`, 'wrong'),
      (err: { status?: number }) => {
        assert.equal(err.status, Strophe.Status.AUTHFAIL);
        return true;
      },
    );
    assert.ok(server.infoLog.grep(`Authentication failed for 2001@${DOMAIN}`).length > 0);
  });

  it('subscribing to a node mayRead forbids gets a forbidden error iq', async () => {
    const client = await connectStrophe(server.boshUrl, `2001@${DOMAIN}/desktop`, '2001');
    try {
      const reply = await client.iq(
        $iq({ type: 'set', to: `pubsub.${DOMAIN}` })
          .c('pubsub', { xmlns: NS.pubsub })
          .c('subscribe', { node: '/forbidden/Team/1/Users', jid: `2001@${DOMAIN}/desktop` }),
      );
      assert.equal(reply.getAttribute('type'), 'error');
      const error = reply.getElementsByTagName('error')[0];
      assert.equal(error.getAttribute('type'), 'auth');
      assert.equal(error.getElementsByTagName('forbidden').length, 1);
    } finally {
      await client.disconnect();
    }
  });
});
