/**
 * A Debian XMPP client on the c2s port, as the BOSH technote uses Pidgin on 5222: go-sendxmpp
 * (Go, mattn/go-xmpp — nobody here wrote it) negotiates STARTTLS, verifies our generated
 * certificate, authenticates with PLAIN, and sends a chat message and a raw pubsub publish that
 * another session receives; it subscribes and pings with raw XML, then listens and receives a
 * published event. Installed by scripts/install-xmpp-client.sh; missing, this file fails.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { skipUnlessPeer } from '../../../test/support/peers.ts';
import { until } from '../../../test/support/until.ts';
import { el } from '../../xml/index.ts';
import { NS } from '../namespaces.ts';
import { DOMAIN, startTestServer, type TestServer } from '../testing/test-server.ts';
import { testCredentials, trustInTlsConnect } from '../testing/tls.ts';
import { collect, connectXmpp, type XmppClient, xml } from '../testing/xmpp-client.ts';

const CLIENT = 'go-sendxmpp';
const probe = spawnSync(CLIENT, ['--version'], { encoding: 'utf8' });
const unavailable = skipUnlessPeer(
  'sendxmpp',
  probe.error ? `${CLIENT} is not installed: run scripts/install-xmpp-client.sh (as root)` : undefined,
);

/** Runs go-sendxmpp with `input` on stdin; resolves with its exit code and output. */
function sendxmpp(
  args: string[],
  input: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(CLIENT, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const timer = setTimeout(() => child.kill(), 15_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, out });
    });
    child.stdin.end(input);
  });
}

describe('a Debian XMPP client (go-sendxmpp) over STARTTLS', { skip: unavailable }, () => {
  let server: TestServer;
  let home: string;
  let env: NodeJS.ProcessEnv;
  let restoreTlsConnect: () => void;
  let receiver: XmppClient;
  let inbox: ReturnType<typeof collect>;
  before(async () => {
    const credentials = await testCredentials();
    // PLAIN only after STARTTLS, so the client must negotiate TLS to log in at all.
    // Chat on: a message from one user to another is what this client sends.
    server = await startTestServer({ tls: credentials, allowPlainOnInsecure: false, chat: true });
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'sendxmpp-home-'));
    // Go reads its trust anchors from SSL_CERT_FILE: the client verifies our certificate
    // (no --no-tls-verify). HOME keeps any user configuration file out of the test.
    env = { ...process.env, HOME: home, SSL_CERT_FILE: credentials.certFile };
    restoreTlsConnect = trustInTlsConnect(credentials.cert);
    receiver = await connectXmpp({
      service: `xmpp://127.0.0.1:${server.tcpPort}`,
      username: '2002',
      resource: 'pidgin',
    });
    inbox = collect(receiver);
    await receiver.send(xml('presence', {}, xml('priority', {}, '0')));
  });
  after(async () => {
    await receiver?.stop();
    restoreTlsConnect?.();
    await server?.stop();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('logs in over TLS and sends a chat message that the other session receives', async () => {
    const { code, out } = await sendxmpp(
      ['-u', `2001@${DOMAIN}`, '-p', '2001', '-j', `127.0.0.1:${server.tcpPort}`, `2002@${DOMAIN}`],
      'Hallo aus Debian\n',
      env,
    );
    assert.equal(code, 0, out);
    const message = await inbox.waitFor((s) => s.is('message') && s.getChildText('body') !== null);
    assert.equal(message.getChildText('body'), 'Hallo aus Debian');
    assert.match(message.attrs.from, new RegExp(`^2001@${DOMAIN}/`));
    const bound = server.infoLog.grep(`bound to 2001@${DOMAIN}/`);
    assert.equal(bound.length, 1);
    assert.match(bound[0], /over TCP \(TLS\)$/);
    const jid = message.attrs.from;
    await server.waitForPresence((e) => e.jid === jid && e.type === 'unavailable');
    assert.ok(server.presence.some((e) => e.jid === jid && e.type === 'available'));
  });

  it('publishes to a pubsub node with raw XML as a system user; the subscriber gets the event', async () => {
    server.notify.pubsub.createNode('/finesse/api/Team/5000/Users');
    server.notify.pubsub.subscribe('/finesse/api/Team/5000/Users', `2002@${DOMAIN}`);
    const publish =
      `<iq type="set" id="deb1" to="pubsub.${DOMAIN}"><pubsub xmlns="${NS.pubsub}">` +
      '<publish node="/finesse/api/Team/5000/Users"><item id="from-debian">' +
      `<notification xmlns="${NS.pubsub}">&lt;Update&gt;&lt;event&gt;PUT&lt;/event&gt;&lt;/Update&gt;</notification>` +
      '</item></publish></pubsub></iq>\n';
    const { code, out } = await sendxmpp(
      ['--raw', '-u', `publisher@${DOMAIN}`, '-p', 'publisher', '-j', `127.0.0.1:${server.tcpPort}`],
      publish,
      env,
    );
    assert.equal(code, 0, out);
    const event = await inbox.waitFor(
      (s) => s.is('message') && s.getChild('event', NS.pubsubEvent) !== undefined,
    );
    const item = event.getChild('event', NS.pubsubEvent)?.getChild('items')?.getChild('item');
    assert.equal(item?.attrs.id, 'from-debian');
    assert.equal(item?.getChildText('notification'), '<Update><event>PUT</event></Update>');
    assert.equal(
      server.infoLog.grep(
        `Delivered item from-debian of node /finesse/api/Team/5000/Users to 2002@${DOMAIN}/pidgin (sid=TCP)`,
      ).length,
      1,
    );
  });

  it('subscribes and pings with raw XML, then listens, receives a published event, and signs out', async () => {
    const node = '/finesse/api/User/2001/Dialogs';
    server.notify.pubsub.createNode(node);
    server.notify.setDebug(true);
    const login = ['-u', `2001@${DOMAIN}`, '-p', '2001', '-j', `127.0.0.1:${server.tcpPort}`];
    const raw =
      `<iq type="set" id="deb-sub" to="pubsub.${DOMAIN}"><pubsub xmlns="${NS.pubsub}"><subscribe node="${node}" jid="2001@${DOMAIN}"/></pubsub></iq>\n` +
      `<iq type="get" id="deb-ping" to="${DOMAIN}"><ping xmlns="${NS.ping}"/></iq>\n`;
    const sent = await sendxmpp(['--raw', ...login], raw, env);
    assert.equal(sent.code, 0, sent.out);
    for (const id of ['deb-sub', 'deb-ping'])
      assert.equal(
        server.debugLog.grep(`SENT(`).filter((l) => l.includes(`type="result" id="${id}"`)).length,
        1,
        id,
      );
    server.notify.setDebug(false);

    // -d prints the XML the client receives; -l keeps it signed in, listening.
    const before = server.presence.length;
    const isNew = (e: (typeof server.presence)[number]) => server.presence.indexOf(e) >= before;
    const listener = spawn(CLIENT, ['-d', '-l', ...login], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    listener.stdout.on('data', (d) => {
      out += d;
    });
    listener.stderr.on('data', (d) => {
      out += d;
    });
    try {
      const bound = await server.waitForPresence(
        (e) => isNew(e) && e.jid.startsWith(`2001@${DOMAIN}/`) && e.type === 'available',
        10_000,
      );
      const { itemId } = server.notify.pubsub.publish(
        node,
        el('notification', { xmlns: NS.pubsub }, '<Update><event>POST</event></Update>'),
      );
      await until('the published item', () => out.includes(`<item id="${itemId}">`));
      assert.match(
        out,
        new RegExp(`<item id="${itemId}"><notification xmlns="${NS.pubsub}">&lt;Update&gt;&lt;event&gt;POST`),
      );
      listener.kill('SIGINT');
      await server.waitForPresence(
        (e) => isNew(e) && e.jid === bound.jid && e.type === 'unavailable',
        10_000,
      );
    } finally {
      listener.kill('SIGKILL');
    }
  });
});
