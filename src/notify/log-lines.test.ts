/**
 * The lines the troubleshooting tools read (docs/troubleshooting.md, "Lines the tools rely on"):
 * what the server writes for deliveries, traffic, the debug switch, start and stop, run through
 * the tools' own parser so that the two cannot drift apart.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import WebSocket from 'ws';
// The tools' line parser is not part of src/logs' public door; this contract test reads it directly.
import { parseNotifyText } from '../logs/tools/parse-notify.ts';
import { el } from '../xml/index.ts';
import { NS } from './namespaces.ts';
import { RawBosh } from './testing/bosh-client.ts';
import { plain } from './testing/fake-transport.ts';
import { DOMAIN, startTestServer } from './testing/test-server.ts';
import { connectXmpp, xml } from './testing/xmpp-client.ts';

const NODE = '/finesse/api/User/2001';
const kindOf = (line: string) => parseNotifyText(line).kind;

/** A WebSocket XMPP login (RFC 7395) with raw frames; resolves once the resource is bound. */
function webSocketLogin(url: string, resource: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, ['xmpp']);
    const open = `<open xmlns="${NS.framing}" to="${DOMAIN}" version="1.0"/>`;
    ws.on('open', () => {
      ws.send(open);
      ws.send(`<auth xmlns="${NS.sasl}" mechanism="PLAIN">${plain('2002', '2002')}</auth>`);
    });
    ws.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith('<success')) {
        ws.send(open);
        ws.send(
          `<iq xmlns="${NS.client}" type="set" id="b"><bind xmlns="${NS.bind}"><resource>${resource}</resource></bind></iq>`,
        );
      } else if (text.includes('id="b"')) resolve(ws);
    });
    ws.on('error', reject);
  });
}

describe('log lines the troubleshooting tools read', () => {
  it('one info.log line per delivery, naming the item, node, full JID and BOSH sid or transport', async () => {
    const server = await startTestServer();
    try {
      server.notify.pubsub.subscribe(NODE, `2001@${DOMAIN}`);
      const bosh = new RawBosh(server.boshUrl);
      await bosh.login('2001', 'desktop');
      const tcp = await connectXmpp({
        service: `xmpp://127.0.0.1:${server.tcpPort}`,
        username: '2001',
        resource: 'pidgin',
      });
      await tcp.send(xml('presence'));
      await server.waitForPresence((e) => e.jid === `2001@${DOMAIN}/pidgin` && e.type === 'available');
      const { itemId, delivered } = server.notify.pubsub.publish(
        NODE,
        el('notification', { xmlns: NS.pubsub }, '<Update/>'),
      );
      assert.equal(delivered, 2);
      const lines = server.infoLog.grep(`Delivered item ${itemId} `);
      assert.deepEqual(
        lines.map(parseNotifyText).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
        [
          { kind: 'delivered', item: itemId, node: NODE, jid: `2001@${DOMAIN}/desktop`, sid: bosh.sid },
          { kind: 'delivered', item: itemId, node: NODE, jid: `2001@${DOMAIN}/pidgin`, sid: 'TCP' },
        ],
      );
      await tcp.stop();
    } finally {
      await server.stop();
    }
  });

  it('debug.log carries TCP and WebSocket traffic, parsed as nothing else, while switched on', async () => {
    const server = await startTestServer();
    try {
      const ws = await webSocketLogin(`ws://127.0.0.1:${server.boshPort}/ws/`, 'ws');
      const received = server.debugLog.grep('WebSocket RECV(');
      const sent = server.debugLog.grep('WebSocket SENT(');
      assert.ok(
        received.some((l) =>
          l.includes('<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="PLAIN">***</auth>'),
        ),
      );
      assert.ok(sent.some((l) => l.includes('<success')));
      assert.ok(!server.debugLog.lines.some((l) => l.includes(plain('2002', '2002'))), 'no password');
      const tcp = await connectXmpp({
        service: `xmpp://127.0.0.1:${server.tcpPort}`,
        username: '2001',
        resource: 't',
      });
      assert.ok(server.debugLog.grep('TCP RECV(').some((l) => l.includes('<bind xmlns')));
      for (const line of server.debugLog.lines.filter((l) => /^(TCP|WebSocket) (RECV|SENT)\(/.test(l))) {
        assert.equal(kindOf(line), 'other', line);
      }

      server.notify.setDebug(false);
      assert.equal(server.notify.isDebugEnabled, false);
      const before = server.debugLog.lines.length;
      await tcp.iqCaller.get(xml('ping', { xmlns: NS.ping }), DOMAIN);
      assert.equal(server.debugLog.lines.length, before, 'nothing while off');
      server.notify.setDebug(true);
      server.notify.setDebug(true);
      assert.deepEqual(server.infoLog.grep('debug logging'), [
        'Notification service debug logging disabled',
        'Notification service debug logging enabled',
      ]);
      for (const line of server.infoLog.grep('debug logging')) assert.equal(kindOf(line), 'other');
      await tcp.stop();
      ws.close();
    } finally {
      await server.stop();
    }
  });

  it('one start line per start, a stop line both recipes find, and quiet set-up lines', async () => {
    const server = await startTestServer();
    await server.notify.listenBosh({ host: '127.0.0.1', port: 0 });
    await server.stop();
    const starts = server.infoLog.lines.filter((l) => kindOf(l) === 'service-start');
    assert.equal(starts.length, 1, server.infoLog.lines.join('\n'));
    assert.match(starts[0], /^HTTP bind service started on 127\.0\.0\.1:\d+$/);
    assert.equal(server.infoLog.grep('HTTP bind service also listening on 127.0.0.1:').length, 1);
    const [stop] = server.infoLog.grep('stopped');
    assert.equal(kindOf(stop), 'service-stop');
    assert.match(stop, /Openfire stop/);
    assert.match(stop, /Notification service stopped/);
    assert.equal(kindOf(server.infoLog.grep('Started plain (unencrypted) socket')[0]), 'other');
  });
});
