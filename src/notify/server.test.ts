/** The public door: listeners, mounting on a foreign HTTP server, shutdown, session count. */
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { describe, it } from 'node:test';
import { el } from '../xml/index.ts';
import { createNotifyServer } from './index.ts';
import { NS } from './namespaces.ts';
import { passwordAuthority } from './sasl-authority.ts';
import { post, RawBosh } from './testing/bosh-client.ts';
import { plain } from './testing/fake-transport.ts';
import { memoryLog } from './testing/memory-log.ts';
import { startTestServer } from './testing/test-server.ts';

const HEADER = `<stream:stream to="localhost" version="1.0" xmlns="${NS.client}" xmlns:stream="${NS.stream}">`;

/** Logs in over raw TCP and sends initial presence; `output()` is everything received so far. */
async function tcpLogin(
  port: number,
  resource: string,
): Promise<{ socket: net.Socket; output: () => string }> {
  const socket = net.connect(port, '127.0.0.1');
  let out = '';
  socket.setEncoding('utf8');
  socket.on('error', () => {});
  socket.on('data', (d: string) => {
    out += d;
  });
  const until = async (pattern: RegExp) => {
    for (let i = 0; i < 100 && !pattern.test(out); i++) await new Promise((r) => setTimeout(r, 10));
    assert.match(out, pattern);
  };
  socket.write(`${HEADER}<auth xmlns="${NS.sasl}" mechanism="PLAIN">${plain('2001', '2001')}</auth>`);
  await until(/<success/);
  socket.write(
    `${HEADER}<iq type="set" id="b"><bind xmlns="${NS.bind}"><resource>${resource}</resource></bind></iq>`,
  );
  await until(/id="b"/);
  socket.write('<presence/>');
  return { socket, output: () => out };
}

describe('notify server', () => {
  it('emits unavailable when a TCP connection drops', async () => {
    const server = await startTestServer();
    try {
      const { socket } = await tcpLogin(server.tcpPort, 'drop');
      await server.waitForPresence((e) => e.jid === '2001@localhost/drop' && e.type === 'available');
      assert.equal(server.notify.sessionCount, 1);
      socket.destroy();
      const ev = await server.waitForPresence(
        (e) => e.jid === '2001@localhost/drop' && e.type === 'unavailable',
      );
      assert.equal(ev.reason, 'connection-lost');
      assert.equal(server.notify.sessionCount, 0);
    } finally {
      await server.stop();
    }
  });

  it('serves BOSH mounted on another HTTP server', async () => {
    const notify = createNotifyServer({
      domain: 'LocalHost',
      authority: passwordAuthority(async () => true),
      mayRead: () => true,
      infoLog: memoryLog(),
      debugLog: memoryLog(false),
    });
    const app = http.createServer((req, res) => {
      if (req.url?.startsWith('/http-bind')) return notify.handleBosh(req, res);
      res.writeHead(404).end();
    });
    app.on('upgrade', (req, socket, head) => {
      if (!notify.handleUpgrade(req, socket, head)) socket.destroy();
    });
    await new Promise<void>((r) => app.listen(0, '127.0.0.1', r));
    try {
      const port = (app.address() as net.AddressInfo).port;
      const client = new RawBosh(`http://127.0.0.1:${port}/http-bind`);
      assert.equal(await client.login('anyone', 'x'), 'anyone@localhost/x');
      assert.equal(notify.sessionCount, 1);
    } finally {
      await notify.close();
      app.closeAllConnections();
      await new Promise((r) => app.close(r));
    }
  });

  it('shuts down: BOSH gets system-shutdown, TCP a stream error, no presence events, listeners closed', async () => {
    const server = await startTestServer({ bosh: { wait: 10 } });
    const bosh = new RawBosh(server.boshUrl);
    await bosh.login('2002', 'desk');
    const held = bosh.send();
    const { socket, output } = await tcpLogin(server.tcpPort, 'tcp');
    await server.waitForPresence((e) => e.jid === '2001@localhost/tcp' && e.type === 'available');
    const before = server.presence.length;
    const closed = new Promise((r) => socket.on('close', r));
    await server.stop();
    const r = await held;
    assert.equal(r.text, `<body xmlns="${NS.httpbind}" type="terminate" condition="system-shutdown"/>`);
    await closed;
    assert.match(
      output(),
      /<stream:error><system-shutdown xmlns="urn:ietf:params:xml:ns:xmpp-streams"\/><\/stream:error><\/stream:stream>$/,
    );
    assert.equal(server.presence.length, before);
    assert.equal(server.notify.sessionCount, 0);
    await assert.rejects(post(server.boshUrl, '<body/>'));
    assert.ok(server.infoLog.grep('Notification service stopped').length === 1);
  });

  it('strips characters XML forbids from published payloads, so the response stays well-formed', async () => {
    const server = await startTestServer();
    try {
      const client = new RawBosh(server.boshUrl);
      await client.login('2001', 'clean');
      server.notify.pubsub.subscribe('/n', '2001@localhost/clean');
      const held = client.send();
      await new Promise((r) => setTimeout(r, 50));
      server.notify.pubsub.publish('/n', el('notification', { xmlns: NS.pubsub }, 'a\u0001b\uFFFEc'));
      const r = await held;
      assert.ok(r.body, `well-formed: ${r.text}`);
      assert.equal(
        r.body
          .getChild('message')
          ?.getChild('event')
          ?.getChild('items')
          ?.getChild('item')
          ?.getChildText('notification'),
        'abc',
      );
    } finally {
      await server.stop();
    }
  });

  it('throws on misuse of the pubsub API', async () => {
    const notify = createNotifyServer({
      domain: 'localhost',
      authority: passwordAuthority(async () => true),
      mayRead: () => true,
      infoLog: memoryLog(),
      debugLog: memoryLog(false),
    });
    assert.throws(() => notify.pubsub.createNode(''));
    assert.throws(() => notify.pubsub.subscribe('/n', 'not a jid'));
    notify.pubsub.createNode('/a');
    notify.pubsub.subscribe('/b', 'x@localhost');
    assert.deepEqual(notify.pubsub.nodes().sort(), ['/a', '/b']);
    assert.deepEqual(notify.pubsub.publish('/a', el('notification'), 'id1'), { itemId: 'id1', delivered: 0 });
    await notify.close();
  });
});
