/**
 * Signing in through every door of one node with real clients: REST (HTTP Basic, Bearer session
 * tokens), BOSH and WebSocket (Strophe.js), XMPP on 5222 and 5223 (@xmpp/client). One sign-in
 * service and one store behind all of them, as `switchboard start` wires them, on a manual clock
 * for its throttle and lockout. Regression tests for the red team's findings (issue #12: "the
 * lockout has a back door", "anyone can lock any account") and issue #15's cheap sign-ins.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import tls from 'node:tls';
import { type ApiFixture, startApiFixture } from '../src/api/testing/api-fixture.ts';
import { apiErrorOf } from '../src/api/testing/xml.ts';
import { xmppAuthority } from '../src/app/xmpp-sign-in.ts';
import { createSignIn } from '../src/auth/index.ts';
import { plain } from '../src/notify/testing/fake-transport.ts';
import { $pres, connectStrophe, Strophe, type StropheClient } from '../src/notify/testing/strophe.ts';
import { DOMAIN, startTestServer, type TestServer } from '../src/notify/testing/test-server.ts';
import { testCredentials, trustInTlsConnect } from '../src/notify/testing/tls.ts';
import { connectXmpp } from '../src/notify/testing/xmpp-client.ts';
import { type ConfigStore, createSqliteStore, seedDemoData } from '../src/store/index.ts';
import { TEST_HASHING } from '../src/store/testing/hashing.ts';
import { el } from '../src/xml/index.ts';

const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';

const T0 = Date.parse('2026-11-22T10:00:00Z');

describe('signing in through every door of a node', () => {
  const clock = { t: T0 };
  let store: ConfigStore;
  let api: ApiFixture;
  let server: TestServer;
  let restoreTls: () => void;
  let hashes = 0;
  const locks: string[] = [];
  const open: StropheClient[] = [];

  before(async () => {
    store = createSqliteStore({ file: ':memory:', passwordHashing: TEST_HASHING });
    await seedDemoData(store);
    const verify = store.verifyPassword.bind(store);
    store.verifyPassword = (id, pw) => {
      hashes++;
      return verify(id, pw);
    };
    const signIn = createSignIn({
      store,
      now: () => clock.t,
      onLockout: (e) => locks.push(`${e.userId} ${e.scope} ${e.address}`),
    });
    api = await startApiFixture({ openStore: async () => store, signIn, now: () => clock.t });
    const credentials = await testCredentials();
    server = await startTestServer({ authority: xmppAuthority(signIn, true), tls: credentials });
    restoreTls = trustInTlsConnect(credentials.cert);
  });
  after(async () => {
    for (const c of open) await c.disconnect();
    restoreTls();
    await server.stop();
    await api.stop();
  });

  const bosh = () => server.boshUrl;
  const ws = () => `ws://127.0.0.1:${server.boshPort}/ws/`;
  const strophe = async (service: string, user: string, password: string, options = {}) => {
    const c = await connectStrophe(service, `${user}@${DOMAIN}/desktop`, password, 5000, options);
    open.push(c);
    return c;
  };
  /** Strophe's status name when it is refused (it reports AUTHFAIL without the condition). */
  const refusedStrophe = (service: string, user: string, password: string) =>
    strophe(service, user, password).then(
      () => assert.fail('signed in'),
      (e: Error) => e.message.replace('Strophe status ', 'AUTHFAIL '),
    );
  /** The red team's script: a raw stream and one SASL PLAIN attempt; the server's answer. */
  async function rawPlain(port: number, user: string, password: string, isTls = false): Promise<string> {
    const socket = isTls
      ? tls.connect({ port, host: '127.0.0.1', servername: 'localhost' })
      : net.connect(port, '127.0.0.1');
    let text = '';
    const until = (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!pattern.test(text)) return;
          socket.off('data', onData);
          resolve();
        };
        const onData = (d: Buffer) => {
          text += d.toString('utf8');
          check();
        };
        socket.on('data', onData);
        socket.once('error', reject);
        check();
      });
    socket.write(
      `<?xml version='1.0'?><stream:stream to="${DOMAIN}" version="1.0" xmlns="jabber:client" xmlns:stream="http://etherx.jabber.org/streams">`,
    );
    await until(/<\/stream:features>/);
    socket.write(
      `<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">${plain(user, password)}</auth>`,
    );
    await until(/<\/(success|failure)>|<success[^>]*\/>/);
    socket.destroy();
    return text.slice(text.indexOf('</stream:features>'));
  }
  const xmpp = (port: number, user: string, password: string, tls = false) =>
    connectXmpp({
      service: `${tls ? 'xmpps' : 'xmpp'}://127.0.0.1:${port}`,
      username: user,
      password,
      resource: 'pidgin',
      mechanism: null,
    });
  const boundWith = (user: string) =>
    server.infoLog.grep(`Authenticated ${user}@${DOMAIN} with `).map((l) => / with (\S+)/.exec(l)?.[1]);

  it('signs Strophe.js in with SCRAM-SHA-256 and @xmpp/client with SCRAM-SHA-1 on every XMPP door, without a slow hash', async () => {
    const offered = await fetch(bosh(), {
      method: 'POST',
      body: `<body xmlns="http://jabber.org/protocol/httpbind" rid="1" to="${DOMAIN}" wait="5" hold="1" ver="1.6" xmlns:xmpp="urn:xmpp:xbosh" xmpp:version="1.0"/>`,
    }).then((r) => r.text());
    assert.deepEqual(
      [...offered.matchAll(/<mechanism>([^<]+)<\/mechanism>/g)].map((m) => m[1]),
      ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN', 'OAUTHBEARER'],
    );
    await strophe(bosh(), '2001', '2001');
    await strophe(ws(), '2002', '2002');
    for (const [user, tls] of [
      ['2004', false],
      ['2006', true],
    ] as const) {
      const c = await xmpp(tls ? (server.tlsPort ?? 0) : server.tcpPort, user, user, tls);
      await c.stop();
    }
    assert.deepEqual(
      ['2001', '2002', '2004', '2006'].map((u) => boundWith(u)[0]),
      ['SCRAM-SHA-256', 'SCRAM-SHA-256', 'SCRAM-SHA-1', 'SCRAM-SHA-1'],
    );
    assert.equal(hashes, 0, 'SCRAM verifies with the stored keys: a few HMACs');
  });

  it('shares one password check between REST Basic and XMPP PLAIN from one desktop', async () => {
    const before = hashes;
    assert.equal((await api.request('/finesse/api/User/2010', { auth: ['2010', '2010'] })).status, 200);
    const c = await connectXmpp({
      service: `xmpp://127.0.0.1:${server.tcpPort}`,
      username: '2010',
      resource: 'd',
    });
    await c.stop();
    assert.equal(boundWith('2010')[0], 'PLAIN');
    assert.equal(hashes, before + 1);
  });

  it('counts wrong passwords from every door towards one lock, refuses it at every door, and keeps signed-in sessions', async () => {
    // Agent 2005 is signed in on its desktop before anyone guesses.
    const desktop = await strophe(bosh(), '2005', '2005');
    server.notify.pubsub.createNode('/finesse/api/User/2005');
    server.notify.pubsub.subscribe('/finesse/api/User/2005', `2005@${DOMAIN}`);
    desktop.conn.send($pres().c('priority').t('0'));

    const guesses: (() => Promise<unknown>)[] = [
      () => api.request('/finesse/api/User/2005', { auth: ['2005', 'guess-rest'] }),
      () => refusedStrophe(bosh(), '2005', 'guess-bosh'),
      () => refusedStrophe(ws(), '2005', 'guess-ws'),
      () => rawPlain(server.tcpPort, '2005', 'guess-5222'),
      () => rawPlain(server.tlsPort ?? 0, '2005', 'guess-5223', true),
    ];
    for (const guess of guesses) {
      await guess();
      clock.t += 10_000; // past each throttle wait
    }
    assert.deepEqual(locks, ['2005 address 127.0.0.1'], 'five doors, one count, one lock');

    const rest = await api.request('/finesse/api/User/2005', { auth: ['2005', '2005'] });
    assert.equal(rest.status, 401);
    assert.equal(
      (await apiErrorOf(rest))[1],
      'The account is locked for 5 minutes after 5 consecutive failed sign-in attempts',
    );
    assert.match(await refusedStrophe(bosh(), '2005', '2005'), /^AUTHFAIL/, 'no back door over BOSH');
    assert.match(
      await rawPlain(server.tcpPort, '2005', '2005'),
      /<failure[^>]*><account-disabled\/><text>Too many failed sign-ins: locked for this address until /,
    );
    const line = server.infoLog.grep('Authentication failed for 2005@localhost with SCRAM-SHA-256').at(-1);
    assert.match(
      line ?? '',
      /from 127\.0\.0\.1:\d+ \(BOSH\): account locked for this address until 2026-11-22T10:05:40\.000Z$/,
    );

    server.notify.pubsub.publish(
      '/finesse/api/User/2005',
      el('notification', { xmlns: NS_PUBSUB }, 'still here'),
    );
    await desktop.waitForEvent((e) => e.node === '/finesse/api/User/2005');
    assert.ok(!server.infoLog.lines.join('\n').includes('guess-'), 'never a password in the log');
    clock.t += 5 * 60_000;
  });

  it('lets a desktop move to another node of the cluster with its session token: no password hash there', async () => {
    // Node B: its own sign-in service and notification service on the same (shared) store.
    const nodeB = createSignIn({ store, now: () => clock.t });
    const b = await startTestServer({ authority: xmppAuthority(nodeB, true) });
    // One database for both nodes, as in cluster mode; B's fixture must not close it.
    const shared = { ...store, close: async () => {} };
    const apiB = await startApiFixture({ openStore: async () => shared, signIn: nodeB, now: () => clock.t });
    try {
      const issued = await api.request('/finesse/api/SessionToken', {
        method: 'POST',
        auth: ['2002', '2002'],
      });
      assert.equal(issued.status, 200);
      assert.equal(issued.headers.get('cache-control'), 'no-store');
      const token = /<token>([^<]+)<\/token>/.exec(await issued.text())?.[1] ?? '';
      const before = hashes;
      const bearer = { headers: { Authorization: `Bearer ${token}` } };
      assert.equal((await apiB.request('/finesse/api/User/2002', bearer)).status, 200, 'REST on B');
      const desktop = await connectStrophe(b.boshUrl, `2002@${DOMAIN}/desktop`, token, 5000, {
        mechanisms: [Strophe.SASLOAuthBearer],
      });
      await desktop.disconnect();
      assert.equal(b.infoLog.grep(`Authenticated 2002@${DOMAIN} with OAUTHBEARER`).length, 1, 'XMPP on B');
      assert.equal(hashes, before, 'no slow hash on B');
      assert.ok(
        !b.infoLog.lines.join('\n').includes(token) && !(await apiB.readLogs()).webservices.includes(token),
        'never logged',
      );

      // A new password revokes it on every node, at once.
      assert.ok((await store.updateUser('2002', { password: 'n3w-2002' })).ok);
      assert.equal((await apiB.request('/finesse/api/User/2002', bearer)).status, 401);
      assert.equal((await api.request('/finesse/api/User/2002', bearer)).status, 401);
      await assert.rejects(
        connectStrophe(b.boshUrl, `2002@${DOMAIN}/desktop`, token, 5000, {
          mechanisms: [Strophe.SASLOAuthBearer],
        }),
      );
      assert.match(
        b.infoLog.grep('with OAUTHBEARER from').at(-1) ?? '',
        /: invalid or revoked session token$/,
      );
      assert.ok((await store.updateUser('2002', { password: '2002' })).ok);
    } finally {
      await b.stop();
      await apiB.stop();
    }
  });
});
