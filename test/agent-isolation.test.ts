/**
 * What one signed-in agent can learn about, or do to, another over XMPP on a default node (#12):
 * service discovery lists only the nodes the agent may read (it listed every user id), and nothing
 * is routed from one agent to another unless an administrator turns chat on.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { defaultConfig } from '../src/app/index.ts';
import { collect, connectXmpp, type XmppClient, xml } from '../src/notify/testing/xmpp-client.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

const DISCO_ITEMS = 'http://jabber.org/protocol/disco#items';

describe('an agent over XMPP on a default node (#12)', () => {
  let sys: TestSystem;
  let agent: XmppClient;
  before(async () => {
    sys = await startTestSystem();
    agent = await connectXmpp({
      service: `ws://127.0.0.1:${sys.sb.ports.http}/ws/`,
      username: '2001',
      resource: 'pidgin',
    });
  });
  after(async () => {
    await agent?.stop();
    await sys?.stop();
  });

  it('discovers its own nodes, SystemInfo, its team messages and the queues, and no other user', async () => {
    const reply = await agent.iqCaller.get(xml('query', { xmlns: DISCO_ITEMS }), 'pubsub.localhost');
    const nodes = reply.getChildren('item').map((i) => i.attrs.node);
    assert.ok(nodes.includes('/finesse/api/User/2001'), nodes.join());
    assert.ok(nodes.includes('/finesse/api/SystemInfo'));
    const others = nodes.filter((n) => /\/User\/(?!2001\b)/.test(n) || /\/Team\/\d+\/Users$/.test(n));
    assert.deepEqual(others, [], 'no other user id, no team roster');
    const info = await agent.iqCaller
      .get(xml('query', { xmlns: DISCO_ITEMS, node: '/finesse/api/User/2002' }), 'pubsub.localhost')
      .then(
        () => 'listed',
        (err: { condition?: string }) => err.condition,
      );
    assert.equal(info, 'item-not-found');
  });

  it('cannot send another agent a message (chat is off by default)', async () => {
    const inbox = collect(agent);
    await agent.send(xml('message', { to: '2004@localhost', id: 'm1' }, xml('body', {}, 'call IT')));
    const bounce = await inbox.waitFor((s) => s.attrs.id === 'm1');
    assert.ok(bounce.getChild('error')?.getChild('not-allowed'), bounce.toString());
    assert.equal(sys.sb.config.xmppChat, false);
    // An administrator's choice: --xmpp-chat, SWITCHBOARD_XMPP_CHAT=true.
    assert.equal(defaultConfig({ SWITCHBOARD_XMPP_CHAT: 'true' }).xmppChat, true);
  });
});
