/**
 * The system account publishing over XMPP, as Finesse's webservices do through Openfire when the
 * core runs apart: @xmpp/client creates a node, subscribes an agent and publishes an `<Update>`;
 * Strophe.js, the desktop's library, receives it over BOSH.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NS } from '../namespaces.ts';
import { passwordAuthority } from '../sasl-authority.ts';
import { RawBosh } from '../testing/bosh-client.ts';
import { $pres, connectStrophe } from '../testing/strophe.ts';
import { DOMAIN, startTestServer, type TestServer, USERS } from '../testing/test-server.ts';
import { collect, connectXmpp, type XmppClient, xml } from '../testing/xmpp-client.ts';

const NODE = '/finesse/api/User/2001';
const UPDATE =
  '<Update><data><user><loginId>2001</loginId><state>READY</state></user></data>' +
  '<event>PUT</event><requestId>07f14a42-6b3c-4855-a4c9-af50ab5e7cc6</requestId>' +
  `<source>${NODE}</source></Update>`;

const pubsub = (...children: ReturnType<typeof xml>[]) => xml('pubsub', { xmlns: NS.pubsub }, ...children);

describe('a system account publishing over XMPP', () => {
  let server: TestServer;
  const storeLookups: string[] = [];
  before(async () => {
    server = await startTestServer({
      systemAccounts: [{ username: 'webservices', password: 's3cret' }],
      authority: passwordAuthority(async (u, p) => {
        storeLookups.push(u);
        return USERS.includes(u) && u === p;
      }),
    });
  });
  after(() => server.stop());

  it('creates a node, subscribes an agent, publishes an Update that Strophe.js receives', async () => {
    const desktop = await connectStrophe(server.boshUrl, `2001@${DOMAIN}/desktop`, '2001');
    let core: XmppClient | undefined;
    let inbox: ReturnType<typeof collect> | undefined;
    try {
      core = await connectXmpp({
        service: `xmpp://127.0.0.1:${server.tcpPort}`,
        username: 'webservices',
        password: 's3cret',
        resource: 'core',
      });
      inbox = collect(core);
      await core.send(xml('presence'));
      assert.deepEqual(
        storeLookups.filter((u) => u === 'webservices'),
        [],
        'held by notify, not the store',
      );

      await core.iqCaller.set(pubsub(xml('create', { node: NODE })), `pubsub.${DOMAIN}`);
      // XEP-0060 §6.1.3.1 lets a privileged requester subscribe someone else (Finesse provisioning).
      const sub = await core.iqCaller.set(
        pubsub(xml('subscribe', { node: NODE, jid: `2001@${DOMAIN}` })),
        `pubsub.${DOMAIN}`,
      );
      assert.equal(sub.getChild('subscription')?.attrs.subscription, 'subscribed');

      desktop.conn.send($pres().c('priority').t('0'));
      // Like the webservices' Smack listener, the system account sees the agent come online.
      const online = await inbox.waitFor(
        (s) => s.is('presence') && s.attrs.from === `2001@${DOMAIN}/desktop`,
      );
      assert.equal(online.attrs.type, undefined);

      const result = await core.iqCaller.set(
        pubsub(
          xml(
            'publish',
            { node: NODE },
            xml('item', { id: '26a3e421-4752-8a1d' }, xml('notification', { xmlns: NS.pubsub }, UPDATE)),
          ),
        ),
        `pubsub.${DOMAIN}`,
      );
      assert.equal(result.getChild('publish')?.getChild('item')?.attrs.id, '26a3e421-4752-8a1d');
      const ev = await desktop.waitForEvent((e) => e.itemId === '26a3e421-4752-8a1d');
      assert.equal(ev.node, NODE);
      assert.equal(ev.payload, UPDATE);
      assert.equal(ev.from, `pubsub.${DOMAIN}`);
      assert.equal(
        server.infoLog.grep(`Delivered item 26a3e421-4752-8a1d of node ${NODE} to 2001@${DOMAIN}/desktop`)
          .length,
        1,
      );
    } finally {
      await desktop.disconnect();
    }
    const offline = await inbox?.waitFor((s) => s.is('presence') && s.attrs.type === 'unavailable');
    assert.equal(offline?.attrs.from, `2001@${DOMAIN}/desktop`);
    await core?.stop();
  });

  it('refuses a wrong system password, and an agent that tries to publish', async () => {
    await assert.rejects(
      connectXmpp({
        service: `xmpp://127.0.0.1:${server.tcpPort}`,
        username: 'webservices',
        password: 'guess',
        resource: 'x',
      }),
    );
    assert.ok(server.infoLog.grep(`Authentication failed for webservices@${DOMAIN}`).length > 0);
    const agent = await connectXmpp({
      service: `xmpp://127.0.0.1:${server.tcpPort}`,
      username: '2002',
      resource: 'x',
    });
    try {
      await assert.rejects(
        agent.iqCaller.set(
          pubsub(xml('publish', { node: NODE }, xml('item', {}, xml('notification', { xmlns: NS.pubsub })))),
          `pubsub.${DOMAIN}`,
        ),
        (err: { condition?: string }) => err.condition === 'forbidden',
      );
    } finally {
      await agent.stop();
    }
  });

  it('publishes over BOSH too (a store-authenticated system user)', async () => {
    server.notify.pubsub.createNode('/finesse/api/Team/5000/Users');
    server.notify.pubsub.subscribe('/finesse/api/Team/5000/Users', `2002@${DOMAIN}`);
    const agent = await connectXmpp({
      service: `xmpp://127.0.0.1:${server.tcpPort}`,
      username: '2002',
      resource: 'sup',
    });
    const inbox = collect(agent);
    try {
      await agent.send(xml('presence'));
      const publisher = new RawBosh(server.boshUrl);
      await publisher.login('publisher', 'bosh', null);
      const r = await publisher.send(
        `<iq xmlns="${NS.client}" type="set" id="p" to="pubsub.${DOMAIN}"><pubsub xmlns="${NS.pubsub}"><publish node="/finesse/api/Team/5000/Users"><item id="t1"><notification xmlns="${NS.pubsub}">&lt;Update/&gt;</notification></item></publish></pubsub></iq>`,
      );
      assert.equal(r.body?.getChild('iq')?.attr('type'), 'result');
      const message = await inbox.waitFor((s) => s.is('message'));
      assert.equal(
        message.getChild('event', NS.pubsubEvent)?.getChild('items')?.getChild('item')?.attrs.id,
        't1',
      );
    } finally {
      await agent.stop();
    }
  });
});
