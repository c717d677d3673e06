/** The transport-neutral session core, driven in process (RFC 6120 transcripts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NS } from './namespaces.ts';
import { passwordAuthority } from './sasl-authority.ts';
import { FakeTransport, login, plain, stanza } from './testing/fake-transport.ts';
import { createTestCore } from './testing/test-core.ts';

async function opened(core = createTestCore()) {
  const t = new FakeTransport();
  const xmpp = core.createXmpp(t);
  await xmpp.streamStart({ to: 'localhost', version: '1.0' });
  return { core, t, xmpp };
}

const auth = (user: string, password: string) =>
  stanza(`<auth xmlns="${NS.sasl}" mechanism="PLAIN">${plain(user, password)}</auth>`);

describe('stream negotiation', () => {
  it('opens with a header from our domain and offers SASL PLAIN', async () => {
    const { t } = await opened();
    assert.equal(t.headers.length, 1);
    assert.equal(t.headers[0].from, 'localhost');
    assert.equal(t.headers[0].version, '1.0');
    assert.match(t.headers[0].id, /^[0-9a-f]{16}$/);
    const [features] = t.take();
    assert.equal(features.name, 'stream:features');
    assert.deepEqual(
      features
        .getChild('mechanisms', NS.sasl)
        ?.getChildren('mechanism')
        .map((m) => m.text()),
      ['PLAIN'],
    );
  });

  it('offers no mechanism on an insecure link when plain is not allowed, and refuses PLAIN', async () => {
    const { t, xmpp } = await opened(createTestCore({ allowPlainOnInsecure: false }));
    assert.equal(t.take()[0].getChild('mechanisms'), undefined);
    await xmpp.receive(auth('2001', '2001'));
    assert.equal(t.take()[0].elements()[0].local, 'encryption-required');
  });

  it('answers a foreign domain with host-unknown and a missing version with unsupported-version', async () => {
    const core = createTestCore();
    const t1 = new FakeTransport();
    await core.createXmpp(t1).streamStart({ to: 'example.org', version: '1.0' });
    assert.equal(t1.streamError, 'host-unknown');
    assert.equal(t1.headers.length, 1, 'the error still comes inside a stream');
    const t2 = new FakeTransport();
    await core.createXmpp(t2).streamStart({ to: 'localhost' });
    assert.equal(t2.streamError, 'unsupported-version');
  });

  it('authenticates with PLAIN, restarts the stream, then offers bind and optional session', async () => {
    const { t, xmpp } = await opened();
    t.take();
    await xmpp.receive(auth('2001', '2001'));
    assert.equal(t.take()[0].toString(), `<success xmlns="${NS.sasl}"/>`);
    assert.equal(t.resets, 1);
    await xmpp.streamStart({ to: 'localhost', version: '1.0' });
    assert.notEqual(t.headers[1].id, t.headers[0].id, 'a new stream id after restart');
    const [features] = t.take();
    assert.ok(features.getChild('bind', NS.bind));
    assert.ok(features.getChild('session', NS.session)?.getChild('optional'));
  });

  it('fails wrong passwords with not-authorized, and the third failure ends the stream', async () => {
    const { core, t, xmpp } = await opened();
    t.take();
    await xmpp.receive(auth('2001', 'nope'));
    assert.equal(t.take()[0].toString(), `<failure xmlns="${NS.sasl}"><not-authorized/></failure>`);
    assert.equal(t.closed, undefined, 'a retry is allowed');
    await xmpp.receive(auth('2001', 'nope'));
    await xmpp.receive(auth('nobody', 'nope'));
    assert.equal(t.streamError, 'policy-violation');
    assert.equal(core.infoLog.grep('Authentication failed for 2001@localhost').length, 2);
  });

  for (const [name, data, condition] of [
    ['bad base64', '!!!', 'incorrect-encoding'],
    ['no NULs', Buffer.from('2001').toString('base64'), 'malformed-request'],
    ['empty password', Buffer.from('\u00002001\u0000').toString('base64'), 'malformed-request'],
    ['another authzid', plain('2001', '2001', '2002@localhost'), 'invalid-authzid'],
  ] as const) {
    it(`answers ${name} with ${condition}`, async () => {
      const { t, xmpp } = await opened();
      t.take();
      await xmpp.receive(stanza(`<auth xmlns="${NS.sasl}" mechanism="PLAIN">${data}</auth>`));
      assert.equal(t.take()[0].elements()[0].local, condition);
    });
  }

  it('accepts the matching authzid, and PLAIN sent after an empty challenge', async () => {
    const a = await opened();
    await a.xmpp.receive(
      stanza(`<auth xmlns="${NS.sasl}" mechanism="PLAIN">${plain('2001', '2001', '2001@localhost')}</auth>`),
    );
    assert.equal(a.t.sent.at(-1)?.local, 'success');
    const b = await opened();
    b.t.take();
    await b.xmpp.receive(stanza(`<auth xmlns="${NS.sasl}" mechanism="PLAIN"/>`));
    assert.equal(b.t.take()[0].local, 'challenge');
    await b.xmpp.receive(stanza(`<response xmlns="${NS.sasl}">${plain('2001', '2001')}</response>`));
    assert.equal(b.t.take()[0].local, 'success');
  });

  it('answers other mechanisms with invalid-mechanism', async () => {
    const { t, xmpp } = await opened();
    t.take();
    await xmpp.receive(stanza(`<auth xmlns="${NS.sasl}" mechanism="SCRAM-SHA-1">biwsbj11c2VyLHI9</auth>`));
    assert.equal(t.take()[0].elements()[0].local, 'invalid-mechanism');
  });

  it('turns a failing credential store into temporary-auth-failure', async () => {
    const core = createTestCore({ authority: passwordAuthority(() => Promise.reject(new Error('db down'))) });
    const { t, xmpp } = await opened(core);
    t.take();
    await xmpp.receive(auth('2001', '2001'));
    assert.equal(t.take()[0].elements()[0].local, 'temporary-auth-failure');
    assert.equal(core.infoLog.grep('db down').length, 1);
  });

  it('ends streams that send stanzas before authenticating, or before binding', async () => {
    const a = await opened();
    await a.xmpp.receive(stanza('<message to="2002@localhost"><body>hi</body></message>'));
    assert.equal(a.t.streamError, 'not-authorized');
    const b = await opened();
    await b.xmpp.receive(auth('2001', '2001'));
    await b.xmpp.receive(stanza('<presence/>'));
    assert.equal(b.t.streamError, 'not-authorized');
  });

  it('handles input in order even while authentication is pending', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const core = createTestCore({
      authority: passwordAuthority(async () => {
        await gate;
        return true;
      }),
    });
    const { t, xmpp } = await opened(core);
    t.take();
    void xmpp.receive(auth('2001', '2001'));
    void xmpp.streamStart({ to: 'localhost', version: '1.0' });
    const bound = xmpp.receive(stanza(`<iq type="set" id="b"><bind xmlns="${NS.bind}"/></iq>`));
    release();
    await bound;
    assert.deepEqual(
      t.sent.map((e) => e.local),
      ['success', 'features', 'iq'],
    );
  });
});

describe('resource binding', () => {
  it('binds the requested resource, or generates one', async () => {
    const core = createTestCore();
    const a = await login(core, '2001', 'desktop');
    assert.equal(a.jid, '2001@localhost/desktop');
    const t = new FakeTransport();
    const xmpp = core.createXmpp(t);
    await xmpp.streamStart({ to: 'localhost', version: '1.0' });
    await xmpp.receive(auth('2002', '2002'));
    await xmpp.receive(stanza(`<iq type="set" id="b"><bind xmlns="${NS.bind}"/></iq>`));
    assert.match(xmpp.jid?.full ?? '', /^2002@localhost\/[A-Za-z0-9]{10}$/);
    assert.ok(core.infoLog.grep(`bound to ${xmpp.jid?.full}`).length === 1);
  });

  it('a second bind of the same full JID replaces the old session with a conflict', async () => {
    const core = createTestCore();
    const old = await login(core, '2001', 'desktop');
    const fresh = await login(core, '2001', 'desktop');
    assert.equal(old.t.streamError, 'conflict');
    assert.ok(old.xmpp.isClosed);
    assert.equal(core.router.get('2001@localhost/desktop'), fresh.xmpp);
    assert.deepEqual(
      core.presence.map((e) => [e.type, e.reason]),
      [
        ['available', undefined],
        ['unavailable', 'conflict'],
        ['available', undefined],
      ],
    );
  });

  it('refuses a second bind on the same stream with not-allowed', async () => {
    const { xmpp, t } = await login(createTestCore(), '2001');
    await xmpp.receive(
      stanza(`<iq type="set" id="b2"><bind xmlns="${NS.bind}"><resource>x</resource></bind></iq>`),
    );
    assert.equal(t.take()[0].getChild('error')?.elements()[0].local, 'not-allowed');
  });
});

describe('stanzas after binding', () => {
  const iqReply = async (text: string) => {
    const { xmpp, t } = await login(createTestCore(), '2001');
    await xmpp.receive(stanza(text));
    return t.take()[0];
  };

  it('answers the legacy session iq, XEP-0199 ping, and disco on the server', async () => {
    const session = await iqReply(`<iq type="set" id="s"><session xmlns="${NS.session}"/></iq>`);
    assert.equal(session.toString(), '<iq type="result" id="s" to="2001@localhost/desktop"/>');
    const ping = await iqReply(`<iq type="get" id="p" to="localhost"><ping xmlns="${NS.ping}"/></iq>`);
    assert.equal(ping.toString(), '<iq type="result" id="p" from="localhost" to="2001@localhost/desktop"/>');
    const info = await iqReply(`<iq type="get" id="i" to="localhost"><query xmlns="${NS.discoInfo}"/></iq>`);
    assert.equal(info.getChild('query')?.getChild('identity')?.attr('category'), 'server');
    const items = await iqReply(
      `<iq type="get" id="d" to="localhost"><query xmlns="${NS.discoItems}"/></iq>`,
    );
    assert.equal(items.getChild('query')?.getChild('item')?.attr('jid'), 'pubsub.localhost');
  });

  it('answers unsupported iqs with service-unavailable and foreign domains with remote-server-not-found', async () => {
    const vcard = await iqReply('<iq type="get" id="v"><vCard xmlns="vcard-temp"/></iq>');
    assert.equal(vcard.attr('type'), 'error');
    assert.equal(vcard.getChild('error')?.attr('type'), 'cancel');
    assert.ok(vcard.getChild('error')?.getChild('service-unavailable', NS.stanzas));
    const remote = await iqReply(`<iq type="get" id="r" to="example.org"><ping xmlns="${NS.ping}"/></iq>`);
    assert.ok(remote.getChild('error')?.getChild('remote-server-not-found'));
    const twoChildren = await iqReply(
      `<iq type="get" id="x"><ping xmlns="${NS.ping}"/><ping xmlns="${NS.ping}"/></iq>`,
    );
    assert.ok(twoChildren.getChild('error')?.getChild('bad-request'));
  });

  it('ends the stream on a forged from, an unknown element, or a foreign namespace', async () => {
    for (const [text, condition] of [
      ['<message from="2002@localhost/x" to="2001@localhost"/>', 'invalid-from'],
      ['<foo/>', 'unsupported-stanza-type'],
      ['<iq xmlns="jabber:server" type="get" id="1"/>', 'invalid-namespace'],
    ]) {
      const { xmpp, t } = await login(createTestCore(), '2001');
      await xmpp.receive(stanza(text));
      assert.equal(t.streamError, condition, text);
    }
  });

  it('accepts its own bare or full JID as from', async () => {
    const { xmpp, t } = await login(createTestCore(), '2001');
    await xmpp.receive(stanza(`<iq type="get" id="p" from="2001@localhost"><ping xmlns="${NS.ping}"/></iq>`));
    await xmpp.receive(
      stanza(`<iq type="get" id="q" from="2001@localhost/desktop"><ping xmlns="${NS.ping}"/></iq>`),
    );
    assert.deepEqual(
      t.take().map((e) => e.attr('type')),
      ['result', 'result'],
    );
  });

  it('with chat on, routes messages between users and bounces chat to an offline user', async () => {
    const core = createTestCore({ chat: true });
    const a = await login(core, '2001');
    const b = await login(core, '2002', 'phone');
    await a.xmpp.receive(stanza('<message to="2002@localhost" type="chat"><body>hi</body></message>'));
    const got = b.t.take()[0];
    assert.equal(got.attr('from'), '2001@localhost/desktop');
    assert.equal(got.getChildText('body'), 'hi');
    await a.xmpp.receive(
      stanza('<message to="publisher@localhost" type="chat" id="m1"><body>?</body></message>'),
    );
    const bounce = a.t.take()[0];
    assert.equal(bounce.attr('type'), 'error');
    assert.ok(bounce.getChild('error')?.getChild('service-unavailable'));
  });
});

describe('stanzas between users with chat off (the default, #12)', () => {
  it('answers messages and iq requests with not-allowed, drops errors, results and presence, logs each', async () => {
    const core = createTestCore();
    const a = await login(core, '2001');
    const b = await login(core, '2002', 'desktop');
    const sent = [
      '<message to="2002@localhost" type="chat" id="m"><body>hi</body></message>',
      '<message to="2002@localhost/desktop" id="n"/>',
      '<message to="2002@localhost" type="error" id="e"/>',
      `<iq to="2002@localhost/desktop" type="get" id="i"><ping xmlns="${NS.ping}"/></iq>`,
      '<iq to="2002@localhost/desktop" type="result" id="r"/>',
      '<presence to="2002@localhost/desktop"/>',
    ];
    for (const x of sent) await a.xmpp.receive(stanza(x));
    assert.deepEqual(b.t.take(), [], 'nothing reached 2002');
    assert.deepEqual(
      a.t
        .take()
        .map((e) => [e.local, e.attr('id'), e.attr('type'), e.getChild('error')?.elements()[0]?.local]),
      [
        ['message', 'm', 'error', 'not-allowed'],
        ['message', 'n', 'error', 'not-allowed'],
        ['iq', 'i', 'error', 'not-allowed'],
      ],
    );
    assert.equal(core.infoLog.grep('Refused ').length, sent.length);
  });
});

describe('presence', () => {
  it('emits available on initial presence and echoes it to the account (RFC 6121 §4.2.2)', async () => {
    const core = createTestCore();
    const { xmpp, t } = await login(core, '2001', 'desktop', null);
    assert.equal(core.presence.length, 0);
    await xmpp.receive(stanza('<presence><priority>5</priority></presence>'));
    assert.deepEqual(core.presence, [
      { jid: '2001@localhost/desktop', bareJid: '2001@localhost', type: 'available' },
    ]);
    assert.equal(xmpp.priority, 5);
    const echo = t.take()[0];
    assert.equal(echo.attr('from'), '2001@localhost/desktop');
    await xmpp.receive(stanza('<presence><priority>1</priority></presence>'));
    assert.equal(core.presence.length, 1, 'a priority change is not a new session');
  });

  it('emits unavailable for unavailable presence, a lost link, and a closed stream', async () => {
    const core = createTestCore();
    const a = await login(core, '2001', 'a');
    await a.xmpp.receive(stanza('<presence type="unavailable"/>'));
    const b = await login(core, '2001', 'b');
    b.xmpp.transportClosed();
    await b.xmpp.receive(stanza('<presence/>'));
    const c = await login(core, '2001', 'c');
    await c.xmpp.streamEnd();
    assert.equal(c.t.closed?.error, undefined, 'a clean close');
    assert.deepEqual(
      core.presence.filter((e) => e.type === 'unavailable').map((e) => [e.jid, e.reason]),
      [
        ['2001@localhost/a', 'presence'],
        ['2001@localhost/b', 'connection-lost'],
        ['2001@localhost/c', 'closed'],
      ],
    );
    assert.ok(core.infoLog.grep('A session is closed for 2001@localhost/b').length === 1);
    assert.equal(core.sessions.size, 1, 'only a (still bound, unavailable) remains');
  });

  it('a presence listener that throws does not break the session', async () => {
    const core = createTestCore();
    core.router.onPresence(() => {
      throw new Error('listener bug');
    });
    const { xmpp } = await login(core, '2001');
    assert.ok(!xmpp.isClosed);
    assert.equal(core.infoLog.grep('listener bug').length, 1);
  });
});
