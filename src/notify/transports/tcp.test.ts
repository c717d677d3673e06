/** XMPP c2s over TCP: @xmpp/client as a real peer, and raw sockets for the error paths. */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { NS } from '../namespaces.ts';
import { plain } from '../testing/fake-transport.ts';
import { subscribeReceivePing } from '../testing/interop.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { connectXmpp, type XmppElement as Element, xml } from '../testing/xmpp-client.ts';

const connect = (port: number, username: string, resource: string) =>
  connectXmpp({ service: `xmpp://127.0.0.1:${port}`, username, resource });

/** Sends raw chunks on a fresh socket; collects the replies until the server closes, `until` matches, or time is up. */
/**
 * What the server writes on a raw connection after `chunks`, until it closes the connection or
 * `until` matches (never a fixed wait: a loaded machine answers late, not differently).
 */
function raw(port: number, chunks: (string | Buffer)[], until?: RegExp): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1').setNoDelay(true);
    let out = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      out += d;
      if (until?.test(out)) socket.destroy();
    });
    socket.on('error', () => {});
    socket.on('connect', async () => {
      for (const c of chunks) {
        if (socket.destroyed) return;
        socket.write(c);
        // Separate TCP segments, as a client's writes arrive.
        await new Promise((r) => setImmediate(r));
      }
    });
    socket.on('close', () => resolve(out));
  });
}

const HEADER = `<?xml version='1.0'?><stream:stream to="localhost" version="1.0" xmlns="${NS.client}" xmlns:stream="${NS.stream}">`;

describe('XMPP over TCP', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    server.notify.pubsub.createNode('/finesse/api/Team/5000/Users');
  });
  after(() => server.stop());

  it('@xmpp/client connects, binds, subscribes through pubsub, receives a publish, pings, and lists nodes', async () => {
    const c = await connect(server.tcpPort, '2001', 'pidgin');
    try {
      assert.equal(c.jid?.toString(), '2001@localhost/pidgin');
      await subscribeReceivePing(server, c, '/finesse/api/Team/5000/Users');
      const items = await c.iqCaller.get(xml('query', { xmlns: NS.discoItems }), 'pubsub.localhost');
      assert.ok(
        items.getChildren('item').some((i: Element) => i.attrs.node === '/finesse/api/Team/5000/Users'),
      );
    } finally {
      await c.stop();
    }
    const ev = await server.waitForPresence(
      (e) => e.jid === '2001@localhost/pidgin' && e.type === 'unavailable',
    );
    assert.equal(ev.reason, 'closed');
  });

  it('accepts whitespace keep-alives between stanzas', async () => {
    const out = await raw(
      server.tcpPort,
      [HEADER, ' \n ', `<auth xmlns="${NS.sasl}" mechanism="PLAIN">${plain('2001', '2001')}</auth>`, ' '],
      /<success [^>]*\/>/,
    );
    assert.match(out, /<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"\/>/);
    assert.doesNotMatch(out, /stream:error/);
  });

  it('answers malformed XML with not-well-formed and closes the stream', async () => {
    const out = await raw(server.tcpPort, [HEADER, '<message><body>oops</message>']);
    assert.match(out, /<stream:error><not-well-formed xmlns="urn:ietf:params:xml:ns:xmpp-streams"\/>/);
    assert.match(out, /<\/stream:stream>$/);
  });

  it('answers garbage before any header inside a stream of its own', async () => {
    const out = await raw(server.tcpPort, ['GET / HTTP/1.1\r\n\r\n']);
    assert.match(out, /^<\?xml version='1.0'\?><stream:stream [^>]*from="localhost"/);
    assert.match(out, /not-well-formed/);
  });

  it('answers bytes that are not UTF-8 with not-well-formed, not a U+FFFD let through (#12)', async () => {
    const out = await raw(
      server.tcpPort,
      [
        HEADER,
        Buffer.concat([
          Buffer.from('<presence><status>a'),
          Buffer.from([0xc3, 0x28]),
          Buffer.from('</status></presence>'),
        ]),
      ],
      /<\/stream:stream>/,
    );
    assert.match(
      out,
      /<not-well-formed xmlns="urn:ietf:params:xml:ns:xmpp-streams"\/><text [^>]*>invalid UTF-8</,
    );
  });

  it('answers a stanza nested 5,000 levels deep with a clear policy-violation (#12)', async () => {
    const deep = `<message>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</message>`;
    const out = await raw(server.tcpPort, [HEADER, deep], /<\/stream:stream>/);
    assert.match(
      out,
      /<policy-violation xmlns="urn:ietf:params:xml:ns:xmpp-streams"\/><text [^>]*>elements nested deeper than 100 levels</,
    );
    assert.doesNotMatch(out, /internal-server-error/);
  });

  it('answers invalid XML characters with not-well-formed', async () => {
    const out = await raw(server.tcpPort, [HEADER, '<presence><status>a\u0001b</status></presence>']);
    assert.match(out, /not-well-formed/);
  });

  it('answers an oversized stanza with policy-violation', async () => {
    const big = `<message><body>${'x'.repeat(300 * 1024)}</body></message>`;
    const out = await raw(server.tcpPort, [HEADER, big]);
    assert.match(out, /policy-violation/);
  });

  it('answers an endless stream header with policy-violation', async () => {
    const out = await raw(server.tcpPort, [`<stream:stream to="localhost" x="${'y'.repeat(300 * 1024)}`]);
    assert.match(out, /policy-violation/);
  });

  it('answers a DTD with restricted-xml and a wrong namespace with invalid-namespace', async () => {
    assert.match(
      await raw(server.tcpPort, [`<!DOCTYPE x [<!ENTITY a "b">]>${HEADER}`]),
      /restricted-xml|not-well-formed/,
    );
    assert.match(
      await raw(server.tcpPort, [
        `<stream:stream to="localhost" version="1.0" xmlns="jabber:server" xmlns:stream="${NS.stream}">`,
      ]),
      /invalid-namespace/,
    );
  });

  it('keeps multi-byte characters whole when packets split them', async () => {
    const message = Buffer.from('<message to="2001@localhost/raw" type="chat"><body>é€😀</body></message>');
    const pieces: (string | Buffer)[] = [
      HEADER,
      `<auth xmlns="${NS.sasl}" mechanism="PLAIN">${plain('2001', '2001')}</auth>`,
      HEADER,
      `<iq type="set" id="b"><bind xmlns="${NS.bind}"><resource>raw</resource></bind></iq>`,
    ];
    for (let i = 0; i < message.length; i += 3) pieces.push(message.subarray(i, i + 3));
    const out = await raw(server.tcpPort, pieces, /<\/message>/);
    assert.match(out, /<body>é€😀<\/body>/);
  });
});
