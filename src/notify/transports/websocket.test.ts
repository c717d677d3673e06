/** XMPP over WebSocket (RFC 7395): Strophe.js as a real client, raw frames for the error paths. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { el } from '../../xml/index.ts';
import { NS } from '../namespaces.ts';
import { $pres, connectStrophe, Strophe } from '../testing/strophe.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

/** Opens a raw WebSocket, sends frames, and collects frames until the server closes. */
function frames(
  url: string,
  send: (string | Buffer)[],
  protocol: string | null = 'xmpp',
): Promise<{ got: string[]; code: number }> {
  return new Promise((resolve) => {
    const ws = protocol ? new WebSocket(url, [protocol]) : new WebSocket(url);
    const got: string[] = [];
    ws.on('message', (d) => got.push(d.toString()));
    ws.on('open', () => {
      for (const f of send) ws.send(f);
    });
    ws.on('error', () => {});
    const timer = setTimeout(() => ws.terminate(), 1000);
    ws.on('close', (code) => {
      clearTimeout(timer);
      resolve({ got, code });
    });
  });
}

const OPEN = `<open xmlns="${NS.framing}" to="localhost" version="1.0"/>`;

describe('XMPP over WebSocket', () => {
  let server: TestServer;
  let url: string;
  before(async () => {
    server = await startTestServer();
    url = `ws://127.0.0.1:${server.boshPort}/ws/`;
    server.notify.pubsub.subscribe('/finesse/api/User/2001/Dialogs', '2001@localhost');
  });
  after(() => server.stop());

  it('Strophe.js connects, gets presence-based events, and disconnects cleanly', async () => {
    const client = await connectStrophe(url, '2001@localhost/desktop', '2001');
    try {
      client.conn.send($pres().c('priority').t('0'));
      await server.waitForPresence((e) => e.jid === '2001@localhost/desktop' && e.type === 'available');
      const { itemId } = server.notify.pubsub.publish(
        '/finesse/api/User/2001/Dialogs',
        el('notification', { xmlns: NS.pubsub }, '<Update><event>POST</event></Update>'),
      );
      const ev = await client.waitForEvent((e) => e.itemId === itemId);
      assert.equal(ev.node, '/finesse/api/User/2001/Dialogs');
      assert.equal(ev.payload, '<Update><event>POST</event></Update>');
    } finally {
      await client.disconnect();
    }
    await server.waitForPresence((e) => e.jid === '2001@localhost/desktop' && e.type === 'unavailable');
  });

  it('a wrong password ends in AUTHFAIL', async () => {
    await assert.rejects(connectStrophe(url, '2001@localhost/desktop', 'bad'), (err: { status?: number }) => {
      assert.equal(err.status, Strophe.Status.AUTHFAIL);
      return true;
    });
  });

  it('answers <open/> with <open/> and standalone stream features', async () => {
    const { got } = await frames(url, [OPEN, `<close xmlns="${NS.framing}"/>`]);
    assert.match(
      got[0],
      /^<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" from="localhost" id="[0-9a-f]+" version="1.0" xml:lang="en"\/>$/,
    );
    assert.match(got[1], /^<stream:features xmlns:stream="http:\/\/etherx.jabber.org\/streams"><mechanisms/);
    assert.equal(got.at(-1), `<close xmlns="${NS.framing}" />`);
  });

  it('ends the stream on malformed XML, binary frames, and oversize frames', async () => {
    for (const bad of [
      '<presence>',
      Buffer.from('<presence/>'),
      `<message>${'x'.repeat(300 * 1024)}</message>`,
    ]) {
      const { got } = await frames(url, [OPEN, bad]);
      assert.match(
        got.at(-2) ?? '',
        /<stream:error xmlns:stream="http:\/\/etherx.jabber.org\/streams"><(not-well-formed|policy-violation) /,
      );
      assert.equal(got.at(-1), `<close xmlns="${NS.framing}" />`);
    }
  });

  it('refuses a connection without the xmpp subprotocol, and other paths', async () => {
    const { code } = await frames(url, [], null);
    assert.equal(code, 1002);
    const wrongPath = await frames(`ws://127.0.0.1:${server.boshPort}/other`, []);
    assert.equal(wrongPath.code, 1006);
  });
});
