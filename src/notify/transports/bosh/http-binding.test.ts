/** BOSH edge cases over raw HTTP (XEP-0124 §7–§17, XEP-0206), against a real listener. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualTimers } from '../../../clock/testing/manual-timers.ts';
import { el } from '../../../xml/index.ts';
import { NS } from '../../namespaces.ts';
import { post, RawBosh } from '../../testing/bosh-client.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';

const EMPTY = `<body xmlns="${NS.httpbind}"/>`;
const ping = (id: string) =>
  `<iq xmlns="${NS.client}" type="get" id="${id}" to="localhost"><ping xmlns="${NS.ping}"/></iq>`;

describe('BOSH over HTTP', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ bosh: { wait: 1 } });
  });
  after(() => server.stop());

  /** After every edge case, a fresh client still gets a working session. */
  async function assertHealthy(): Promise<void> {
    const client = new RawBosh(server.boshUrl);
    await client.login('2002', `health${Math.random()}`, null);
    const r = await client.send(ping('health'));
    assert.equal(r.body?.getChild('iq')?.attr('type'), 'result', r.text);
    await client.send('', { type: 'terminate' });
  }

  it('creates a session with the XEP-0124/XEP-0206 attributes and stream features', async () => {
    const client = new RawBosh(server.boshUrl);
    const r = await client.create();
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'text/xml; charset=utf-8');
    assert.equal(Number(r.headers['content-length']), Buffer.byteLength(r.text));
    assert.equal(r.headers['transfer-encoding'], undefined);
    const body = r.body!;
    assert.match(body.attr('sid') ?? '', /^[0-9a-f]{24}$/);
    assert.equal(body.attr('wait'), '1', 'the server maximum, below the client’s 60');
    assert.equal(body.attr('requests'), '2');
    assert.equal(body.attr('hold'), '1');
    assert.equal(body.attr('inactivity'), '60');
    assert.equal(body.attr('polling'), '5');
    assert.equal(body.attr('ver'), '1.6');
    assert.equal(body.attr('from'), 'localhost');
    assert.equal(body.attr('xmpp:version'), '1.0');
    assert.equal(body.attr('xmpp:restartlogic'), 'true');
    assert.equal(body.attr('xmlns:stream'), NS.stream);
    assert.equal(
      body.getChild('features', NS.stream)?.getChild('mechanisms')?.getChildText('mechanism'),
      'PLAIN',
    );
    const other = await new RawBosh(server.boshUrl).create();
    assert.notEqual(other.body?.attr('sid'), body.attr('sid'));
    await client.send('', { type: 'terminate' });
  });

  it('answers CORS preflights and echoes the Origin', async () => {
    const pre = await post(server.boshUrl, '', {
      method: 'OPTIONS',
      headers: { Origin: 'https://desktop.example:8445', 'Access-Control-Request-Headers': 'content-type' },
    });
    assert.equal(pre.status, 200);
    assert.equal(pre.headers['access-control-allow-origin'], 'https://desktop.example:8445');
    assert.match(pre.headers['access-control-allow-methods'] ?? '', /POST/);
    assert.equal(pre.headers['access-control-allow-headers'], 'content-type');
    const r = await post(server.boshUrl, `<body xmlns="${NS.httpbind}" rid="1" to="localhost" ver="1.6"/>`, {
      headers: { Origin: 'https://desktop.example:8445' },
    });
    assert.equal(r.headers['access-control-allow-origin'], 'https://desktop.example:8445');
    const noOrigin = await post(
      server.boshUrl.replace(/\/$/, ''),
      `<body xmlns="${NS.httpbind}" rid="1" to="localhost" ver="1.6"/>`,
    );
    assert.equal(noOrigin.headers['access-control-allow-origin'], '*');
    assert.equal(noOrigin.status, 200, '/http-bind without the slash works too');
  });

  it('answers a held request with an empty body after wait seconds', async () => {
    // On a clock of its own, so the wait is stepped exactly instead of timed.
    const timers = new ManualTimers(1_000_000);
    const own = await startTestServer({ timers, bosh: { wait: 1 } });
    try {
      const client = new RawBosh(own.boshUrl);
      await client.login('2001', 'wait');
      const held = own.nextRequest(client.sid);
      let answer: string | undefined;
      const r = client.send().then((res) => {
        answer = res.text;
        return res;
      });
      await held;
      timers.advance(999);
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(answer, undefined, 'still held a millisecond before the wait is over');
      timers.advance(1);
      assert.equal((await r).text, EMPTY);
      await client.send('', { type: 'terminate' });
    } finally {
      await own.stop();
    }
  });

  it('with hold=1, a new request releases the held one at once', async () => {
    const client = new RawBosh(server.boshUrl);
    await client.login('2001', 'hold');
    const order: string[] = [];
    const firstHeld = server.nextRequest(client.sid);
    const first = client.send().then((r) => {
      order.push('first');
      return r;
    });
    await firstHeld;
    const second = client.send(ping('p')).then((r) => {
      order.push('second');
      return r;
    });
    const [r1, r2] = await Promise.all([first, second]);
    assert.equal(r1.text, EMPTY);
    assert.equal(
      r2.body?.getChild('iq')?.attr('id'),
      'p',
      'the ping result comes back on the request that carried it',
    );
    assert.deepEqual(order, ['first', 'second']);
    await client.send('', { type: 'terminate' });
    await assertHealthy();
  });

  it('processes out-of-order rids in rid order once the gap fills', async () => {
    const client = new RawBosh(server.boshUrl);
    await client.login('2001', 'order');
    const base = client.rid;
    const parked = server.nextRequest(client.sid);
    const later = post(server.boshUrl, client.body(ping('second'), {}, base + 2));
    await parked;
    const earlier = post(server.boshUrl, client.body(ping('first'), {}, base + 1));
    const [r1, r2] = await Promise.all([earlier, later]);
    assert.equal(r1.body?.getChild('iq')?.attr('id'), 'first');
    assert.equal(r2.body?.getChild('iq')?.attr('id'), 'second');
    client.rid = base + 2;
    await client.send('', { type: 'terminate' });
  });

  it('replays the buffered response byte for byte on a repeated rid', async () => {
    const client = new RawBosh(server.boshUrl);
    await client.login('2001', 'repeat');
    const original = await client.send(ping('again'));
    const replay = await post(server.boshUrl, client.body(ping('again'), {}, client.rid));
    assert.equal(replay.status, original.status);
    assert.equal(replay.text, original.text);
    // XEP-0124 §14.3: older than the window → item-not-found.
    const tooOld = await post(server.boshUrl, client.body('', {}, client.rid - 5));
    assert.equal(tooOld.text, `<body xmlns="${NS.httpbind}" type="terminate" condition="item-not-found"/>`);
    await assertHealthy();
  });

  it('terminates with item-not-found for a rid beyond the window, and forgets the session', async () => {
    const client = new RawBosh(server.boshUrl);
    const jid = await client.login('2001', 'window');
    const r = await post(server.boshUrl, client.body('', {}, client.rid + 5));
    assert.equal(r.status, 200);
    assert.equal(r.body?.attr('type'), 'terminate');
    assert.equal(r.body?.attr('condition'), 'item-not-found');
    await server.waitForPresence((e) => e.jid === jid && e.type === 'unavailable');
    const next = await client.send();
    assert.equal(next.body?.attr('condition'), 'item-not-found');
    await assertHealthy();
  });

  it('answers an unknown sid with item-not-found (HTTP 404 for a pre-1.6 client)', async () => {
    const r = await post(server.boshUrl, `<body xmlns="${NS.httpbind}" sid="nope" rid="5" ver="1.6"/>`);
    assert.equal(r.status, 200);
    assert.equal(r.body?.attr('condition'), 'item-not-found');
    const legacy = await post(server.boshUrl, `<body xmlns="${NS.httpbind}" sid="nope" rid="5"/>`);
    assert.equal(legacy.status, 404);
    await assertHealthy();
  });

  it('answers a body with U+0001 with bad-request and ends its session', async () => {
    const client = new RawBosh(server.boshUrl);
    const jid = await client.login('2001', 'control');
    const r = await client.send(
      `<message xmlns="${NS.client}" to="2002@localhost"><body>a\u0001b</body></message>`,
      { ver: '1.6' },
    );
    assert.equal(r.status, 200);
    assert.equal(r.body?.attr('type'), 'terminate');
    assert.equal(r.body?.attr('condition'), 'bad-request');
    await server.waitForPresence((e) => e.jid === jid && e.type === 'unavailable' && e.reason === 'error');
    await assertHealthy();
  });

  it('answers a body that is not UTF-8 with bad-request and ends its session (#12)', async () => {
    const client = new RawBosh(server.boshUrl);
    const jid = await client.login('2001', 'latin1');
    const [head, tail] = client
      .body(`<message xmlns="${NS.client}" to="2001@localhost"><body>a€b</body></message>`, { ver: '1.6' })
      .split('€');
    // "€" in windows-1252 (0x80): a stray continuation byte in UTF-8.
    const r = await post(
      server.boshUrl,
      Buffer.concat([Buffer.from(head), Buffer.from([0x80]), Buffer.from(tail)]),
    );
    assert.equal(r.body?.attr('type'), 'terminate');
    assert.equal(r.body?.attr('condition'), 'bad-request');
    await server.waitForPresence((e) => e.jid === jid && e.type === 'unavailable' && e.reason === 'error');
    await assertHealthy();
  });

  it('answers garbage with bad-request, and a legacy client with HTTP 400', async () => {
    for (const garbage of [
      'not xml at all',
      '<body xmlns="x" rid="1" ver="1.6"/>',
      '<body',
      '<!DOCTYPE body [<!ENTITY a "b">]><body/>',
      '',
    ]) {
      const r = await post(server.boshUrl, garbage);
      assert.ok(r.status === 200 || r.status === 400, `${garbage}: ${r.status}`);
      assert.equal(r.body?.attr('condition'), 'bad-request', garbage);
    }
    const legacy = await post(server.boshUrl, '<<<');
    assert.equal(legacy.status, 400);
    const noRid = await post(server.boshUrl, `<body xmlns="${NS.httpbind}" to="localhost" ver="1.6"/>`);
    assert.equal(noRid.body?.attr('condition'), 'bad-request');
    const text = await post(
      server.boshUrl,
      `<body xmlns="${NS.httpbind}" rid="1" to="localhost" ver="1.6">hello</body>`,
    );
    assert.equal(text.body?.attr('condition'), 'bad-request');
    await assertHealthy();
  });

  it('refuses oversized bodies with 413 without buffering them', async () => {
    const huge = Buffer.alloc(2 * 1024 * 1024, 'a');
    const declared = await post(server.boshUrl, huge).catch((e: Error) => e);
    if (!(declared instanceof Error)) {
      assert.equal(declared.status, 413);
      assert.equal(declared.body?.attr('condition'), 'policy-violation');
    }
    // Chunked upload: no Content-Length, so the limit applies while reading.
    const chunked = await post(server.boshUrl, huge, { headers: { 'Transfer-Encoding': 'chunked' } }).catch(
      (e: Error) => e,
    );
    if (!(chunked instanceof Error)) assert.equal(chunked.status, 413);
    await assertHealthy();
  });

  it('survives a client that vanishes while its request is held, and re-holds the resent rid', async () => {
    const client = new RawBosh(server.boshUrl);
    await client.login('2001', 'vanish');
    server.notify.pubsub.subscribe('/vanish', '2001@localhost/vanish');
    const held = server.nextRequest(client.sid);
    await new Promise<void>((resolve) => {
      void client
        .send(
          '',
          {},
          {
            onRequest: (req) => {
              // Gone once the server holds it.
              void held.then(() => {
                req.destroy();
                resolve();
              });
            },
          },
        )
        .catch(() => {});
    });
    // No line says the server saw the connection go; give its close event a moment.
    await new Promise((r) => setTimeout(r, 50));
    const reheld = server.nextRequest(client.sid);
    const resent = post(server.boshUrl, client.body('', {}, client.rid));
    await reheld;
    server.notify.pubsub.publish('/vanish', el('notification', { xmlns: NS.pubsub }, 'after'));
    const r = await resent;
    assert.equal(r.body?.getChild('message')?.attr('to'), '2001@localhost/vanish');
    await client.send('', { type: 'terminate' });
    await assertHealthy();
  });

  it('delivers a publish on the held request at once', async () => {
    const client = new RawBosh(server.boshUrl);
    await client.login('2001', 'push');
    server.notify.pubsub.subscribe('/push', '2001@localhost');
    const arrived = server.nextRequest(client.sid);
    const held = client.send();
    await arrived;
    const { delivered } = server.notify.pubsub.publish(
      '/push',
      el('notification', { xmlns: NS.pubsub }, '<Update/>'),
    );
    // At once: the publish answers the held request itself (its wait, 1 s, would end it empty).
    const r = await held;
    assert.equal(delivered, 1);
    const message = r.body?.getChild('message');
    assert.equal(message?.attr('xmlns'), NS.client, 'XEP-0206 §7: stanzas carry jabber:client');
    assert.equal(
      message?.getChild('event')?.getChild('items')?.getChild('item')?.getChildText('notification'),
      '<Update/>',
    );
    await client.send('', { type: 'terminate' });
  });

  it('forwards the unavailable presence of a terminate and answers with a terminate body', async () => {
    const client = new RawBosh(server.boshUrl);
    const jid = await client.login('2001', 'bye');
    const r = await client.send(`<presence xmlns="${NS.client}" type="unavailable"/>`, { type: 'terminate' });
    assert.equal(r.text, `<body xmlns="${NS.httpbind}" type="terminate"/>`);
    const ev = await server.waitForPresence((e) => e.jid === jid && e.type === 'unavailable');
    assert.equal(ev.reason, 'presence');
    assert.ok(server.infoLog.grep(`A session is closed for ${jid}`).length >= 1);
  });

  it('tells the replaced session about the conflict inside a remote-stream-error', async () => {
    const first = new RawBosh(server.boshUrl);
    await first.login('2001', 'twin');
    const arrived = server.nextRequest(first.sid);
    const held = first.send();
    await arrived;
    const second = new RawBosh(server.boshUrl);
    await second.login('2001', 'twin');
    const r = await held;
    assert.equal(r.body?.attr('type'), 'terminate');
    assert.equal(r.body?.attr('condition'), 'remote-stream-error');
    assert.ok(r.body?.getChild('error', NS.stream)?.getChild('conflict', NS.streams));
    await second.send('', { type: 'terminate' });
  });

  it('enforces maxpause and the request limit with policy-violation', async () => {
    const a = new RawBosh(server.boshUrl);
    await a.login('2001', 'pause');
    const paused = await a.send('', { pause: 600 });
    assert.equal(paused.body?.attr('condition'), 'policy-violation');
    const b = new RawBosh(server.boshUrl);
    await b.login('2001', 'busy');
    const base = b.rid;
    // base+1 held, base+3 waiting for the gap: base+2 is a third request in flight (§11).
    const first = server.nextRequest(b.sid);
    const held = post(server.boshUrl, b.body('', {}, base + 1));
    await first;
    const second = server.nextRequest(b.sid);
    const waiting = post(server.boshUrl, b.body('', {}, base + 3));
    await second;
    const third = await post(server.boshUrl, b.body('', {}, base + 2));
    assert.equal(third.body?.attr('condition'), 'policy-violation');
    assert.deepEqual(
      (await Promise.all([held, waiting])).map((r) => r.text),
      [EMPTY, EMPTY],
    );
    await assertHealthy();
  });

  it('writes HTTPBindLog lines to the debug log, with SASL data redacted', async () => {
    const client = new RawBosh(server.boshUrl);
    await client.login('2001', 'debug');
    const recv = server.debugLog.grep(`HTTPBindLog: HTTP RECV(${client.sid}): <body`);
    assert.ok(recv.length >= 4);
    const auth = recv.find((l) => l.includes('<auth'));
    assert.match(auth ?? '', /mechanism="PLAIN">\*\*\*<\/auth>/);
    assert.ok(
      !server.debugLog.lines.some((l) => l.includes(Buffer.from('\u00002001\u00002001').toString('base64'))),
    );
    await client.send('', { type: 'terminate' });
  });
});
