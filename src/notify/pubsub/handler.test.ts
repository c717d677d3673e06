/** Pubsub iqs and event delivery through the session core (XEP-0060 transcripts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { el, type XmlElement } from '../../xml/index.ts';
import { NS } from '../namespaces.ts';
import { login, stanza } from '../testing/fake-transport.ts';
import { createTestCore } from '../testing/test-core.ts';
import { deliverItem } from './notifier.ts';

const set = (id: string, body: string) =>
  stanza(
    `<iq type="set" id="${id}" to="pubsub.localhost"><pubsub xmlns="${NS.pubsub}">${body}</pubsub></iq>`,
  );
const get = (id: string, body: string) =>
  stanza(
    `<iq type="get" id="${id}" to="pubsub.localhost"><pubsub xmlns="${NS.pubsub}">${body}</pubsub></iq>`,
  );

function errorOf(reply: XmlElement): string[] {
  const error = reply.getChild('error');
  return [
    reply.attr('type') ?? '',
    error?.attr('type') ?? '',
    ...(error?.elements().map((e) => e.local) ?? []),
  ];
}

describe('pubsub iqs', () => {
  it('creates nodes for system users only', async () => {
    const core = createTestCore();
    const pub = await login(core, 'publisher');
    await pub.xmpp.receive(set('c1', '<create node="/finesse/api/Queue/1"/>'));
    assert.equal(pub.t.take()[0].attr('type'), 'result');
    await pub.xmpp.receive(set('c2', '<create node="/finesse/api/Queue/1"/><configure/>'));
    assert.deepEqual(errorOf(pub.t.take()[0]), ['error', 'cancel', 'conflict']);
    const agent = await login(core, '2001');
    assert.equal(
      pub.t.take()[0].toString(),
      '<presence from="2001@localhost/desktop" to="publisher@localhost/desktop"/>',
      'system users see every presence',
    );
    await agent.xmpp.receive(set('c3', '<create node="/x"/>'));
    assert.deepEqual(errorOf(agent.t.take()[0]), ['error', 'auth', 'forbidden']);
    await pub.xmpp.receive(set('c4', '<create/>'));
    assert.deepEqual(errorOf(pub.t.take()[0]), ['error', 'modify', 'bad-request', 'nodeid-required']);
  });

  it('subscribes with the checks of XEP-0060 §6.1.3', async () => {
    const core = createTestCore();
    core.pubsub.createNode('/finesse/api/Team/5000/Users');
    core.pubsub.createNode('/forbidden/x');
    const { xmpp, t } = await login(core, '2001');
    await xmpp.receive(
      set('s1', '<subscribe node="/finesse/api/Team/5000/Users" jid="2001@localhost/desktop"/>'),
    );
    const ok = t.take()[0];
    const sub = ok.getChild('pubsub')?.getChild('subscription');
    assert.equal(sub?.attr('subscription'), 'subscribed');
    assert.equal(sub?.attr('jid'), '2001@localhost/desktop');
    assert.equal(ok.attr('from'), 'pubsub.localhost');
    await xmpp.receive(set('s2', '<subscribe node="/finesse/api/Team/5000/Users" jid="2002@localhost"/>'));
    assert.deepEqual(errorOf(t.take()[0]), ['error', 'modify', 'bad-request', 'invalid-jid']);
    await xmpp.receive(set('s3', '<subscribe node="/forbidden/x" jid="2001@localhost"/>'));
    assert.deepEqual(errorOf(t.take()[0]), ['error', 'auth', 'forbidden']);
    await xmpp.receive(set('s4', '<subscribe node="/nope" jid="2001@localhost"/>'));
    assert.deepEqual(errorOf(t.take()[0]), ['error', 'cancel', 'item-not-found']);
    await xmpp.receive(set('s5', '<subscribe node="/finesse/api/Team/5000/Users"/>'));
    assert.deepEqual(errorOf(t.take()[0]), ['error', 'modify', 'bad-request', 'jid-required']);
  });

  it('lists own subscriptions and unsubscribes', async () => {
    const core = createTestCore();
    core.pubsub.subscribe('/finesse/api/User/2001', {
      local: '2001',
      domain: 'localhost',
      resource: '',
      bare: '2001@localhost',
      full: '2001@localhost',
    });
    core.pubsub.subscribe('/finesse/api/User/2002', {
      local: '2002',
      domain: 'localhost',
      resource: '',
      bare: '2002@localhost',
      full: '2002@localhost',
    });
    const { xmpp, t } = await login(core, '2001');
    await xmpp.receive(get('l', '<subscriptions/>'));
    const subs = t.take()[0].getChild('pubsub')?.getChild('subscriptions')?.getChildren('subscription');
    assert.deepEqual(
      subs?.map((s) => [s.attr('node'), s.attr('jid')]),
      [['/finesse/api/User/2001', '2001@localhost']],
    );
    await xmpp.receive(set('u1', '<unsubscribe node="/finesse/api/User/2001" jid="2001@localhost"/>'));
    assert.equal(t.take()[0].attr('type'), 'result');
    await xmpp.receive(set('u2', '<unsubscribe node="/finesse/api/User/2001" jid="2001@localhost"/>'));
    assert.deepEqual(errorOf(t.take()[0]), ['error', 'cancel', 'unexpected-request', 'not-subscribed']);
  });

  it('publishes over XMPP (system users) and delivers the event in the seed shape', async () => {
    const core = createTestCore();
    const pub = await login(core, 'publisher');
    const agent = await login(core, '2001');
    await pub.xmpp.receive(set('c', '<create node="/finesse/api/User/2001"/>'));
    await agent.xmpp.receive(set('s', '<subscribe node="/finesse/api/User/2001" jid="2001@localhost"/>'));
    pub.t.take();
    agent.t.take();
    await pub.xmpp.receive(
      set(
        'p',
        `<publish node="/finesse/api/User/2001"><item id="1su0Keff8M2irds"><notification xmlns="${NS.pubsub}">&lt;Update&gt;&lt;/Update&gt;</notification></item></publish>`,
      ),
    );
    const result = pub.t.take()[0];
    assert.equal(
      result.getChild('pubsub')?.getChild('publish')?.getChild('item')?.attr('id'),
      '1su0Keff8M2irds',
    );
    const [message] = agent.t.take();
    const id = message.attr('id') ?? '';
    assert.match(id, /^\/finesse\/api\/User\/2001__2001@localhost__[A-Za-z0-9]{5}$/);
    assert.equal(
      message.toString(),
      `<message from="pubsub.localhost" to="2001@localhost/desktop" id="${id}"><event xmlns="${NS.pubsubEvent}">` +
        `<items node="/finesse/api/User/2001"><item id="1su0Keff8M2irds"><notification xmlns="${NS.pubsub}">` +
        '&lt;Update&gt;&lt;/Update&gt;</notification></item></items></event></message>',
    );
    const agentPublish = set(
      'p2',
      `<publish node="/finesse/api/User/2001"><item><notification xmlns="${NS.pubsub}"/></item></publish>`,
    );
    await agent.xmpp.receive(agentPublish);
    assert.deepEqual(errorOf(agent.t.take()[0]), ['error', 'auth', 'forbidden']);
    await pub.xmpp.receive(set('p3', '<publish node="/finesse/api/User/2001"><item/></publish>'));
    assert.deepEqual(errorOf(pub.t.take()[0]), ['error', 'modify', 'bad-request', 'payload-required']);
  });

  it('retrieves the last item when mayRead allows', async () => {
    const core = createTestCore();
    core.pubsub.publish('/finesse/api/SystemInfo', el('notification', { xmlns: NS.pubsub }, 'one'));
    core.pubsub.publish('/finesse/api/SystemInfo', el('notification', { xmlns: NS.pubsub }, 'two'), 'last');
    core.pubsub.publish('/forbidden/y', el('notification', { xmlns: NS.pubsub }, 'secret'));
    const { xmpp, t } = await login(core, '2001');
    await xmpp.receive(get('i', '<items node="/finesse/api/SystemInfo"/>'));
    const items = t.take()[0].getChild('pubsub')?.getChild('items');
    assert.deepEqual(
      items?.getChildren('item').map((i) => [i.attr('id'), i.getChild('notification')?.text()]),
      [['last', 'two']],
    );
    await xmpp.receive(get('j', '<items node="/forbidden/y"/>'));
    assert.deepEqual(errorOf(t.take()[0]), ['error', 'auth', 'forbidden']);
  });

  it('answers disco on the pubsub service: features, the nodes one may read, one node', async () => {
    const core = createTestCore();
    core.pubsub.createNode('/finesse/api/User/2001');
    core.pubsub.createNode('/forbidden/User/2002');
    core.pubsub.createNode('/finesse/api/SystemInfo');
    const { xmpp, t } = await login(core, '2001');
    await xmpp.receive(
      stanza(`<iq type="get" id="a" to="pubsub.localhost"><query xmlns="${NS.discoItems}"/></iq>`),
    );
    assert.deepEqual(
      t
        .take()[0]
        .getChild('query')
        ?.getChildren('item')
        .map((i) => [i.attr('jid'), i.attr('node')]),
      [
        ['pubsub.localhost', '/finesse/api/User/2001'],
        ['pubsub.localhost', '/finesse/api/SystemInfo'],
      ],
    );
    await xmpp.receive(
      stanza(`<iq type="get" id="b" to="pubsub.localhost"><query xmlns="${NS.discoInfo}"/></iq>`),
    );
    const info = t.take()[0].getChild('query');
    assert.equal(info?.getChild('identity')?.attr('category'), 'pubsub');
    assert.ok(info?.getChildren('feature').some((f) => f.attr('var') === `${NS.pubsub}#subscribe`));
    await xmpp.receive(
      stanza(
        `<iq type="get" id="c" to="pubsub.localhost"><query xmlns="${NS.discoInfo}" node="/nope"/></iq>`,
      ),
    );
    assert.deepEqual(errorOf(t.take()[0]), ['error', 'cancel', 'item-not-found']);
    // #12: a node one may not read does not exist as far as disco tells (no probing for user ids).
    for (const ns of [NS.discoInfo, NS.discoItems]) {
      await xmpp.receive(
        stanza(
          `<iq type="get" id="h" to="pubsub.localhost"><query xmlns="${ns}" node="/forbidden/User/2002"/></iq>`,
        ),
      );
      assert.deepEqual(errorOf(t.take()[0]), ['error', 'cancel', 'item-not-found']);
    }
    // A system user lists everything.
    const pub = await login(core, 'publisher');
    await pub.xmpp.receive(
      stanza(`<iq type="get" id="p" to="pubsub.localhost"><query xmlns="${NS.discoItems}"/></iq>`),
    );
    assert.equal(pub.t.take().at(-1)?.getChild('query')?.getChildren('item').length, 3);
    await xmpp.receive(
      stanza(
        `<iq type="set" id="d" to="pubsub.localhost"><pubsub xmlns="${NS.pubsubOwner}"><delete node="/x"/></pubsub></iq>`,
      ),
    );
    assert.deepEqual(errorOf(t.take()[0]), ['error', 'cancel', 'feature-not-implemented', 'unsupported']);
  });

  it('turns a failing mayRead into internal-server-error', async () => {
    const core = createTestCore({
      mayRead: () => {
        throw new Error('store down');
      },
    });
    core.pubsub.createNode('/n');
    const { xmpp, t } = await login(core, '2001');
    await xmpp.receive(set('s', '<subscribe node="/n" jid="2001@localhost"/>'));
    assert.deepEqual(errorOf(t.take()[0]), ['error', 'cancel', 'internal-server-error']);
    assert.ok(!xmpp.isClosed);
  });
});

describe('event delivery', () => {
  const payload = el('notification', { xmlns: NS.pubsub }, '<Update/>');
  const bare = {
    local: '2001',
    domain: 'localhost',
    resource: '',
    bare: '2001@localhost',
    full: '2001@localhost',
  };

  it('reaches every available resource with priority >= 0 of a bare subscription, once each', async () => {
    const core = createTestCore();
    core.pubsub.subscribe('/n', bare);
    core.pubsub.subscribe('/n', { ...bare, resource: 'a', full: '2001@localhost/a' });
    const a = await login(core, '2001', 'a');
    const b = await login(core, '2001', 'b', '<presence><priority>-1</priority></presence>');
    const c = await login(core, '2001', 'c', null);
    const r = core.pubsub.publish('/n', payload);
    assert.ok(r.ok);
    assert.equal(deliverItem(core.notifier, '/n', r.value.item, r.value.subscriptions), 1);
    const messages = (t: typeof a.t) => t.take().filter((e) => e.local === 'message');
    assert.equal(messages(a.t).length, 1, 'bare and full subscription, one message');
    assert.equal(messages(b.t).length, 0, 'negative priority');
    assert.equal(messages(c.t).length, 0, 'no presence sent yet');
  });

  it('logs the Openfire "Unable to route packet" line for subscribers without a session', () => {
    const core = createTestCore();
    core.debugLog.enabled = true;
    core.pubsub.subscribe('/finesse/api/User/2001', bare);
    const r = core.pubsub.publish(
      '/finesse/api/User/2001',
      el('notification', { xmlns: NS.pubsub }, 'x'.repeat(5000)),
    );
    assert.ok(r.ok);
    assert.equal(
      deliverItem(core.notifier, '/finesse/api/User/2001', r.value.item, r.value.subscriptions),
      0,
    );
    const [line] = core.debugLog.grep('Unable to route packet');
    assert.match(
      line,
      /^Unable to route packet\. No session is available so store offline\. <message from="pubsub\.localhost" to="2001@localhost" id="\/finesse\/api\/User\/2001__2001@localhost__/,
    );
    assert.ok(line.length < 2100, 'long packets are truncated');
    core.debugLog.enabled = false;
    deliverItem(core.notifier, '/finesse/api/User/2001', r.value.item, r.value.subscriptions);
    assert.equal(core.debugLog.lines.length, 1, 'nothing while the debug log is off');
  });
});
