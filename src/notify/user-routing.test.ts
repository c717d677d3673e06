/**
 * #12 (High 2): signed in as one agent, the red team sent another agent's desktop a pubsub event
 * with a forged `<Update>` (a fake call, a banner asking for passwords) and a forged SystemInfo
 * OUT_OF_SERVICE (the desktop dropped and reconnected again and again). Replayed here with real
 * clients: the attacker on @xmpp/client over TCP, the victim on Strophe.js over BOSH as the
 * desktop is. Unless an administrator turns chat on, nothing goes from one user to another; one's
 * own resources, the server and pubsub stay reachable (RFC 6120 §10.5, RFC 6121 §8.5).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { el } from '../xml/index.ts';
import { NS } from './namespaces.ts';
import { $iq, $pres, connectStrophe, type StropheClient } from './testing/strophe.ts';
import { DOMAIN, startTestServer, type TestServer } from './testing/test-server.ts';
import { collect, connectXmpp, type XmppClient, type XmppElement, xml } from './testing/xmpp-client.ts';

const VICTIM_NODE = '/finesse/api/User/2002';

/** A pubsub event as pubsub.<domain> would send it, carrying `update` as its notification text. */
function forgedEvent(to: string, node: string, update: string, id: string): XmppElement {
  return xml(
    'message',
    { to, id },
    xml(
      'event',
      { xmlns: NS.pubsubEvent },
      xml('items', { node }, xml('item', { id: 'x' }, xml('notification', { xmlns: NS.pubsub }, update))),
    ),
  );
}

const FAKE_CALL =
  '<Update><data><dialogs><Dialog><id>666</id><fromAddress>IT Helpdesk</fromAddress><state>ALERTING</state></Dialog></dialogs></data><event>POST</event><requestId></requestId></Update>';
const OUT_OF_SERVICE =
  '<Update><data><SystemInfo><status>OUT_OF_SERVICE</status></SystemInfo></data><event>PUT</event></Update>';

interface Scene {
  server: TestServer;
  attacker: XmppClient;
  inbox: ReturnType<typeof collect>;
  victim: StropheClient;
}

async function scene(chat: boolean): Promise<Scene> {
  const server = await startTestServer({ chat });
  server.notify.pubsub.subscribe(VICTIM_NODE, `2002@${DOMAIN}`);
  const victim = await connectStrophe(server.boshUrl, `2002@${DOMAIN}/desktop`, '2002');
  victim.conn.send($pres().c('priority').t('0'));
  await server.waitForPresence((e) => e.jid === `2002@${DOMAIN}/desktop` && e.type === 'available');
  const attacker = await connectXmpp({
    service: `xmpp://127.0.0.1:${server.tcpPort}`,
    username: '2001',
    resource: 'script',
  });
  return { server, attacker, inbox: collect(attacker), victim };
}

async function close(s: Scene | undefined): Promise<void> {
  await s?.attacker.stop();
  await s?.victim.disconnect();
  await s?.server.stop();
}

/** A real publish to the victim's node: once it arrives, anything sent before it has been routed. */
async function sentinel(s: Scene, text: string): Promise<void> {
  s.server.notify.pubsub.publish(VICTIM_NODE, el('notification', { xmlns: NS.pubsub }, text));
  await s.victim.waitForEvent((e) => e.payload === text);
}

describe('stanzas between users, chat off (the default)', () => {
  let s: Scene;
  before(async () => {
    s = await scene(false);
  });
  after(() => close(s));

  it('refuses a forged Update and a forged SystemInfo to another agent with not-allowed, and logs it', async () => {
    await s.attacker.send(forgedEvent(`2002@${DOMAIN}`, '/finesse/api/User/2002/Dialogs', FAKE_CALL, 'f1'));
    await s.attacker.send(
      forgedEvent(`2002@${DOMAIN}/desktop`, '/finesse/api/SystemInfo', OUT_OF_SERVICE, 'f2'),
    );
    for (const id of ['f1', 'f2']) {
      const bounce = await s.inbox.waitFor((x) => x.attrs.id === id);
      assert.equal(bounce.attrs.type, 'error');
      assert.equal(bounce.getChild('error')?.attrs.type, 'cancel');
      assert.ok(bounce.getChild('error')?.getChild('not-allowed', NS.stanzas), bounce.toString());
    }
    await sentinel(s, '<Update>real</Update>');
    assert.deepEqual(
      s.victim.events.map((e) => e.payload),
      ['<Update>real</Update>'],
      'the victim saw only what pubsub published',
    );
    assert.equal(
      s.server.infoLog.grep(`Refused message from 2001@${DOMAIN}/script to 2002@${DOMAIN}`).length,
      2,
    );
  });

  it("refuses an iq to another user's resource, and drops directed presence to it", async () => {
    const reply = await s.attacker.iqCaller
      .get(xml('query', { xmlns: NS.discoInfo }), `2002@${DOMAIN}/desktop`)
      .then(
        () => 'result',
        (err: { condition?: string }) => err.condition,
      );
    assert.equal(reply, 'not-allowed');
    await s.attacker.send(xml('presence', { to: `2002@${DOMAIN}/desktop` }));
    await sentinel(s, '<Update>after presence</Update>');
    const presences: string[] = [];
    s.victim.conn.addHandler(
      (p: Element) => {
        presences.push(p.getAttribute('from') ?? '');
        return true;
      },
      null,
      'presence',
    );
    await s.victim.iq($iq({ type: 'get', to: DOMAIN }).c('ping', { xmlns: NS.ping }));
    assert.ok(!presences.some((f) => f.startsWith('2001@')), presences.join());
    assert.equal(s.server.infoLog.grep(`Refused presence from 2001@${DOMAIN}/script`).length, 1);
  });

  it('still reaches its own other resources, its own account, the server and pubsub', async () => {
    const second = await connectXmpp({
      service: `xmpp://127.0.0.1:${s.server.tcpPort}`,
      username: '2001',
      resource: 'second',
    });
    try {
      const inbox = collect(second);
      await s.attacker.send(
        xml('message', { to: `2001@${DOMAIN}/second`, type: 'chat' }, xml('body', {}, 'me')),
      );
      const got = await inbox.waitFor((x) => x.is('message'));
      assert.equal(got.attrs.from, `2001@${DOMAIN}/script`);
      await s.attacker.iqCaller.get(xml('ping', { xmlns: NS.ping }), `2001@${DOMAIN}`);
      await s.attacker.iqCaller.get(xml('ping', { xmlns: NS.ping }), DOMAIN);
      await s.attacker.iqCaller.get(xml('query', { xmlns: NS.discoInfo }), `pubsub.${DOMAIN}`);
    } finally {
      await second.stop();
    }
  });
});

describe('stanzas between users, chat turned on by an administrator', () => {
  let s: Scene;
  before(async () => {
    s = await scene(true);
  });
  after(() => close(s));

  it('routes a message to another user, stamped with the sender (the desktop ignores it, not the server)', async () => {
    await s.attacker.send(xml('message', { to: `2002@${DOMAIN}`, type: 'chat' }, xml('body', {}, 'hi')));
    const got = await new Promise<Element>((resolve) =>
      s.victim.conn.addHandler(
        (m: Element) => {
          resolve(m);
          return false;
        },
        null,
        'message',
        'chat',
      ),
    );
    assert.equal(got.getAttribute('from'), `2001@${DOMAIN}/script`);
  });
});
