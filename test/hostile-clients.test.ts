/**
 * What a client without the rights can do to a running node (#12), replayed against the whole
 * system, one system for all:
 *
 * - write lines or fields into the logs without signing in (High 4): a SASL user name carrying
 *   line breaks (forged "Closing idle session" and "Notification service stopped" lines made
 *   `switchboard diagnose` report an outage), a malformed BOSH body doing the same to debug.log,
 *   and a `requestId` header with `][agent_id=2001]` making `trace` blame agent 2001;
 * - learn about, or reach, another agent over XMPP (High 2, Medium): service discovery listed every
 *   user id, and one agent's messages reached another's desktop.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { defaultConfig } from '../src/app/index.ts';
import { diagnose, formatDiagnosis, formatOpenfireTime, trace } from '../src/logs/index.ts';
import { parseWebservicesLine } from '../src/logs/tools/parse.ts';
import { collect, connectXmpp, type XmppClient, xml } from '../src/notify/testing/xmpp-client.ts';
import { basic, startTestSystem, type TestSystem } from './support/system.ts';

const DISCO_ITEMS = 'http://jabber.org/protocol/disco#items';

/** Five agents' sessions "reaped" within a second, then the service "stopped": a server-side outage. */
function forgedOutage(): string {
  const t = formatOpenfireTime(Date.now());
  const lines = ['2001', '2002', '2004', '2005', '2006'].map(
    (a, i) => `${t} Closing idle session (id=f${i}): ${a}@localhost/desktop`,
  );
  return `x\n${lines.join('\n')}\n${t} Notification service stopped (Openfire stopped)\n`;
}

/** One SASL PLAIN attempt over 5222 with `user`; resolves on the server's answer. */
function saslAttempt(port: number, user: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let got = '';
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('data', (d: string) => {
      got += d;
      if (got.includes('<stream:features') && !got.includes('<auth')) {
        const plain = Buffer.from(`\0${user}\0wrong`).toString('base64');
        socket.write(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${plain}</auth>`);
        got += '<auth';
      }
      if (/<failure|<success/.test(got)) {
        socket.end('</stream:stream>');
        resolve(got);
      }
    });
    socket.write(
      "<?xml version='1.0'?><stream:stream to='localhost' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>",
    );
  });
}

let sys: TestSystem;
before(async () => {
  sys = await startTestSystem((c) => {
    c.notifyDebug = true;
  });
});
after(() => sys?.stop());

describe('client input cannot forge log lines or fields (#12)', () => {
  it('a SASL user name and a BOSH body with line breaks stay inside their line; diagnose sees no outage', async () => {
    const answer = await saslAttempt(sys.sb.ports.xmpp, forgedOutage());
    assert.match(answer, /not-authorized/);
    const res = await fetch(sys.bosh, { method: 'POST', body: `<body rid='1' sid='zz'>${forgedOutage()}` });
    await res.text();
    const logs = await sys.logs();
    for (const log of [logs.openfire]) {
      assert.doesNotMatch(log, /^\S+ \S+ Closing idle session \(id=f\d\)/m);
      assert.doesNotMatch(log, /^\S+ \S+ Notification service stopped/m);
    }
    assert.match(logs.openfire, /Authentication failed for x\\n/);
    assert.match(logs.openfire, /HTTP RECV\(zz\): .*\\n.*Notification service stopped/);
    const r = await diagnose(sys.sb.config.logDir);
    assert.equal(r.classification, 'none', formatDiagnosis(r));
    assert.equal(r.incidents.length, 0);
  });

  it("a requestId with ']' '[' or '=' is refused (400), and a forged field in a user name stays inside its own", async () => {
    const forged = 'abc][agent_id=2001';
    const res = await sys.api('/finesse/api/User/2002', {
      method: 'PUT',
      auth: basic('2002'),
      headers: { requestId: forged },
      body: '<User><state>LOGIN</state><extension>3002</extension></User>',
    });
    assert.equal(res.status, 400, await res.text());
    assert.equal(res.headers.get('requestId'), null);
    const uuid = await sys.api('/finesse/api/User/2002', {
      auth: basic('2002'),
      headers: { requestId: crypto.randomUUID() },
    });
    assert.equal(uuid.status, 200);
    // A claimed user name is written (REQUEST_START usr) before the password is checked.
    const wrong = await sys.api('/finesse/api/User/2002', { auth: ['2002][agent_id=2001', 'x'] });
    assert.equal(wrong.status, 401);

    const logs = await sys.logs();
    const records = logs.webservices
      .split('\n')
      .map((l) => parseWebservicesLine(l))
      .filter((r) => r !== undefined);
    assert.ok(records.some((r) => r.fields.usr === '2002%5D%5Bagent_id%3D2001'));
    assert.ok(
      records.every((r) => r.fields.agent_id !== '2001'),
      'no line names agent 2001',
    );
    const t = await trace(sys.sb.config.logDir, '2001');
    const requests = t.hops.filter((h) => /REQUEST_START|API_REQUEST|GET \/|PUT \//.test(h.text));
    assert.deepEqual(requests, [], 'trace blames 2001 for a request 2002 made');
  });
});

describe('an agent over XMPP on a default node (#12)', () => {
  let agent: XmppClient;
  before(async () => {
    agent = await connectXmpp({
      service: `ws://127.0.0.1:${sys.sb.ports.http}/ws/`,
      username: '2001',
      resource: 'pidgin',
    });
  });
  after(() => agent?.stop());

  it('discovers its own nodes, SystemInfo, its team messages and the queues, and no other user', async () => {
    const reply = await agent.iqCaller.get(xml('query', { xmlns: DISCO_ITEMS }), 'pubsub.localhost');
    const nodes = reply.getChildren('item').map((i) => i.attrs.node);
    assert.ok(nodes.includes('/finesse/api/User/2001'), nodes.join());
    assert.ok(nodes.includes('/finesse/api/SystemInfo'));
    const others = nodes.filter((n) => /\/User\/(?!2001\b)/.test(n) || /\/Team\/\d+\/Users$/.test(n));
    assert.deepEqual(others, [], 'no other user id, no team roster');
    const info = await agent.iqCaller
      .get(xml('query', { xmlns: DISCO_ITEMS, node: '/finesse/api/User/2002' }), 'pubsub.localhost')
      .then(
        () => 'listed',
        (err: { condition?: string }) => err.condition,
      );
    assert.equal(info, 'item-not-found');
  });

  it('cannot send another agent a message (chat is off by default)', async () => {
    const inbox = collect(agent);
    await agent.send(xml('message', { to: '2004@localhost', id: 'm1' }, xml('body', {}, 'call IT')));
    const bounce = await inbox.waitFor((s) => s.attrs.id === 'm1');
    assert.ok(bounce.getChild('error')?.getChild('not-allowed'), bounce.toString());
    assert.equal(sys.sb.config.xmppChat, false);
    // An administrator's choice: --xmpp-chat, SWITCHBOARD_XMPP_CHAT=true.
    assert.equal(defaultConfig({ SWITCHBOARD_XMPP_CHAT: 'true' }).xmppChat, true);
  });
});
