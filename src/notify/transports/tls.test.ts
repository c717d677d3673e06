/**
 * TLS on every transport (RFC 6120 §5, XEP-0368, BOSH on 7443): @xmpp/client over STARTTLS and
 * direct TLS, Strophe.js over https, raw sockets for the negotiation steps. The clients verify the
 * generated certificate; nothing switches verification off.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import tls from 'node:tls';
import { el } from '../../xml/index.ts';
import { NS } from '../namespaces.ts';
import { plain } from '../testing/fake-transport.ts';
import { $pres, connectStrophe, trustInBosh } from '../testing/strophe.ts';
import { DOMAIN, startTestServer, type TestServer } from '../testing/test-server.ts';
import { testCredentials, trustInTlsConnect } from '../testing/tls.ts';
import { collect, connectXmpp, xml } from '../testing/xmpp-client.ts';

const HEADER = `<?xml version='1.0'?><stream:stream to="localhost" version="1.0" xmlns="${NS.client}" xmlns:stream="${NS.stream}">`;
const UPDATE = '<Update><event>PUT</event><requestId>r-1</requestId></Update>';

/** Reads from `socket` until `pattern` shows up in what arrived. */
function readUntil(socket: net.Socket, pattern: RegExp, timeoutMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => {
      socket.off('data', onData);
      reject(new Error(`timed out waiting for ${pattern}; got ${text}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      text += d.toString('utf8');
      if (pattern.test(text)) {
        clearTimeout(timer);
        socket.off('data', onData);
        resolve(text);
      }
    };
    socket.on('data', onData);
  });
}

describe('TLS: STARTTLS, direct TLS and BOSH over https', () => {
  let server: TestServer;
  let restoreTlsConnect: () => void;
  let ca: string;
  before(async () => {
    const credentials = await testCredentials();
    ca = credentials.cert;
    // PLAIN only after TLS, as on a Finesse node reached from another machine.
    server = await startTestServer({ tls: credentials, allowPlainOnInsecure: false });
    server.notify.pubsub.createNode('/finesse/api/User/2001');
    server.notify.pubsub.subscribe('/finesse/api/User/2001', `2001@${DOMAIN}`);
    restoreTlsConnect = trustInTlsConnect(ca);
    trustInBosh(ca);
  });
  after(async () => {
    restoreTlsConnect();
    await server.stop();
  });

  it('@xmpp/client upgrades the c2s port with STARTTLS, authenticates, and receives a publish', async () => {
    const c = await connectXmpp({
      service: `xmpp://127.0.0.1:${server.tcpPort}`,
      username: '2001',
      resource: 'pidgin',
    });
    const inbox = collect(c);
    try {
      await c.send(xml('presence', {}, xml('priority', {}, '0')));
      await server.waitForPresence((e) => e.jid === `2001@${DOMAIN}/pidgin` && e.type === 'available');
      assert.equal(server.infoLog.grep(`bound to 2001@${DOMAIN}/pidgin over TCP (TLS)`).length, 1);
      const { itemId } = server.notify.pubsub.publish(
        '/finesse/api/User/2001',
        el('notification', { xmlns: NS.pubsub }, UPDATE),
      );
      const message = await inbox.waitFor((s) => s.is('message'));
      const item = message.getChild('event', NS.pubsubEvent)?.getChild('items')?.getChild('item');
      assert.equal(item?.attrs.id, itemId);
      assert.equal(item?.getChildText('notification'), UPDATE);
    } finally {
      await c.stop();
    }
  });

  it('@xmpp/client connects with direct TLS (xmpps://, the 5223 listener)', async () => {
    const c = await connectXmpp({
      service: `xmpps://127.0.0.1:${server.tlsPort}`,
      username: '2002',
      resource: 'tls',
    });
    try {
      assert.equal(c.jid?.toString(), `2002@${DOMAIN}/tls`);
      // iqCaller resolves with the result's payload (none for a ping) and rejects on an error.
      await c.iqCaller.get(xml('ping', { xmlns: NS.ping }), DOMAIN);
      assert.equal(server.infoLog.grep(`bound to 2002@${DOMAIN}/tls over TCP (TLS)`).length, 1);
    } finally {
      await c.stop();
    }
  });

  it('Strophe.js connects over BOSH on https (the 7443 listener) and gets its events', async () => {
    const client = await connectStrophe(server.boshTlsUrl ?? '', `2001@${DOMAIN}/desktop`, '2001');
    try {
      client.conn.send($pres().c('priority').t('0'));
      await server.waitForPresence((e) => e.jid === `2001@${DOMAIN}/desktop` && e.type === 'available');
      const { itemId } = server.notify.pubsub.publish(
        '/finesse/api/User/2001',
        el('notification', { xmlns: NS.pubsub }, UPDATE),
      );
      const ev = await client.waitForEvent((e) => e.itemId === itemId);
      assert.equal(ev.payload, UPDATE);
    } finally {
      await client.disconnect();
    }
  });

  it('with PLAIN refused in clear, STARTTLS is required; over TLS a new stream offers PLAIN', async () => {
    const socket = net.connect(server.tcpPort, '127.0.0.1');
    try {
      socket.write(HEADER);
      const features = await readUntil(socket, /<\/stream:features>/);
      assert.match(features, /<starttls xmlns="urn:ietf:params:xml:ns:xmpp-tls"><required\/><\/starttls>/);
      assert.doesNotMatch(features, /<mechanisms/, 'no PLAIN in clear');
      const firstId = /id="([^"]+)"/.exec(features)?.[1];
      socket.write(`<auth xmlns="${NS.sasl}" mechanism="PLAIN">${plain('2001', '2001')}</auth>`);
      assert.match(await readUntil(socket, /<\/failure>/), /<encryption-required\/>/);
      socket.write(`<starttls xmlns="${NS.tls}"/>`);
      await readUntil(socket, /<proceed xmlns="urn:ietf:params:xml:ns:xmpp-tls"\/>/);
      const secure = tls.connect({ socket, servername: 'localhost', ca });
      await new Promise<void>((resolve, reject) => {
        secure.once('secureConnect', resolve);
        secure.once('error', reject);
      });
      assert.equal(secure.authorized, true);
      // RFC 6120 §5.4.3.3: the client opens a fresh stream over TLS; the server gives a new id.
      secure.write(HEADER);
      const after = await readUntil(secure as net.Socket, /<\/stream:features>/);
      assert.match(after, /<mechanism>PLAIN<\/mechanism>/);
      assert.doesNotMatch(after, /starttls/, 'no second STARTTLS');
      assert.notEqual(/id="([^"]+)"/.exec(after)?.[1], firstId);
      secure.write(`<starttls xmlns="${NS.tls}"/>`);
      assert.match(
        await readUntil(secure as net.Socket, /<\/stream:stream>/),
        /<failure xmlns="urn:ietf:params:xml:ns:xmpp-tls"\/>/,
      );
      secure.destroy();
    } finally {
      socket.destroy();
    }
  });

  it('a client that does not trust the certificate fails its handshake; the listener goes on', async () => {
    const refused = tls.connect({ port: server.tlsPort ?? 0, host: '127.0.0.1', ca: [] });
    const err = await new Promise<Error>((resolve) => refused.once('error', resolve));
    assert.match(err.message, /self[- ]signed|unable to verify|certificate/i);
    const c = await connectXmpp({
      service: `xmpps://127.0.0.1:${server.tlsPort}`,
      username: '2001',
      resource: 'again',
    });
    await c.stop();
  });

  it('writes TCP traffic to debug.log with the SASL password masked', () => {
    const sent = server.debugLog.grep('TCP SENT(');
    const received = server.debugLog.grep('TCP RECV(');
    assert.ok(sent.some((l) => l.includes('<proceed xmlns="urn:ietf:params:xml:ns:xmpp-tls"/>')));
    assert.ok(received.some((l) => /<auth [^>]*>\*\*\*<\/auth>/.test(l)));
    assert.ok(!server.debugLog.lines.some((l) => l.includes(plain('2001', '2001'))), 'no password');
  });
});

describe('TLS: without a certificate', () => {
  it('offers no STARTTLS, answers one with <failure/>, and refuses TLS listeners', async () => {
    const server = await startTestServer();
    try {
      const socket = net.connect(server.tcpPort, '127.0.0.1');
      socket.write(HEADER);
      const features = await readUntil(socket, /<\/stream:features>/);
      assert.doesNotMatch(features, /starttls/);
      assert.match(features, /<mechanism>PLAIN<\/mechanism>/, 'PLAIN on loopback (the default policy)');
      socket.write(`<starttls xmlns="${NS.tls}"/>`);
      assert.match(
        await readUntil(socket, /<\/stream:stream>/),
        /<failure xmlns="urn:ietf:params:xml:ns:xmpp-tls"\/>/,
      );
      socket.destroy();
      await assert.rejects(server.notify.listenTcp({ port: 0, directTls: true }), /needs a certificate/);
      await assert.rejects(server.notify.listenBosh({ port: 0, secure: true }), /needs a certificate/);
    } finally {
      await server.stop();
    }
  });
});
