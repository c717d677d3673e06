/**
 * Random and mutated input into the session core, a TCP stream and BOSH bodies: nothing may throw,
 * and a healthy client is served afterwards. Seeded, so a failure can be replayed (FUZZ_SEED=…).
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { mulberry32 } from '../../test/support/random.ts';
import { StreamParser } from '../xml/index.ts';
import { NS } from './namespaces.ts';
import { post, RawBosh } from './testing/bosh-client.ts';
import { login, plain } from './testing/fake-transport.ts';
import { createTestCore } from './testing/test-core.ts';
import { startTestServer, type TestServer } from './testing/test-server.ts';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

const CORPUS = [
  `<iq type="get" id="1" to="localhost"><ping xmlns="${NS.ping}"/></iq>`,
  `<iq type="set" id="2" to="pubsub.localhost"><pubsub xmlns="${NS.pubsub}"><subscribe node="/finesse/api/User/2001" jid="2001@localhost"/></pubsub></iq>`,
  `<iq type="get" id="3" to="pubsub.localhost"><pubsub xmlns="${NS.pubsub}"><items node="/finesse/api/User/2001"/></pubsub></iq>`,
  `<iq type="set" id="4" to="pubsub.localhost"><pubsub xmlns="${NS.pubsub}"><publish node="/n"><item id="x"><notification xmlns="${NS.pubsub}">a</notification></item></publish></pubsub></iq>`,
  `<iq type="get" id="5" to="pubsub.localhost"><query xmlns="${NS.discoItems}" node="/finesse/api/User/2001"/></iq>`,
  '<presence><priority>0</priority></presence>',
  '<presence type="unavailable"/>',
  '<presence to="2002@localhost/x"/>',
  '<message to="2002@localhost" type="chat"><body>hi</body></message>',
  '<message to="pubsub.localhost"><body>x</body></message>',
  `<iq type="result" id="9" to="2002@localhost/desktop"/>`,
  `<iq type="set" id="10"><bind xmlns="${NS.bind}"><resource>again</resource></bind></iq>`,
  `<auth xmlns="${NS.sasl}" mechanism="PLAIN">${plain('2001', '2001')}</auth>`,
];
const NOISE = [
  '<',
  '>',
  '/',
  '"',
  "'",
  '&',
  '&amp;',
  '\u0001',
  '\u0000',
  '\uFFFE',
  '\uD800',
  ']]>',
  '<!--',
  '<?x?>',
  'xmlns="x"',
  ' to="@@"',
  ' from="2002@localhost"',
  ' type="bogus"',
  ' id=""',
  '😀',
  '\n',
];

function mutate(r: () => number, s: string): string {
  let out = s;
  const edits = 1 + Math.floor(r() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(r() * (out.length + 1));
    const pick = r();
    if (pick < 0.35) out = out.slice(0, at) + NOISE[Math.floor(r() * NOISE.length)] + out.slice(at);
    else if (pick < 0.6) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(r() * 8));
    else if (pick < 0.8) out = out.slice(0, at);
    else out = out.slice(0, at) + String.fromCharCode(Math.floor(r() * 0x3000)) + out.slice(at);
  }
  return out;
}

function randomBytes(r: () => number, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(r() * 256);
  return b;
}

describe(`fuzz (FUZZ_SEED=${SEED})`, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ bosh: { wait: 1 } });
    server.notify.pubsub.createNode('/finesse/api/User/2001');
  });
  after(() => server.stop());

  it('the session core survives 2000 mutated stanzas', async () => {
    const r = mulberry32(SEED);
    const core = createTestCore();
    core.pubsub.createNode('/finesse/api/User/2001');
    let session = await login(core, '2001', 'fuzz');
    for (let i = 0; i < 2000; i++) {
      if (session.xmpp.isClosed) session = await login(core, '2001', 'fuzz');
      const text = mutate(r, CORPUS[Math.floor(r() * CORPUS.length)]);
      // Only what the stream parser accepts reaches a session, so parse it the same way.
      const parser = new StreamParser({
        streamStart() {},
        stanza: (s) => void session.xmpp.receive(s),
        streamEnd() {},
        error() {},
      });
      parser.write(`<stream:stream xmlns="${NS.client}" xmlns:stream="${NS.stream}">${text}`);
    }
    const healthy = await login(core, '2002', 'after');
    assert.ok(!healthy.xmpp.isClosed);
    assert.deepEqual(core.infoLog.grep('Internal error'), [], 'no bug reached the safety net');
  });

  it('a TCP listener survives random bytes and mutated streams', async () => {
    const r = mulberry32(SEED + 1);
    const header = `<stream:stream to="localhost" version="1.0" xmlns="${NS.client}" xmlns:stream="${NS.stream}">`;
    const auth = `<auth xmlns="${NS.sasl}" mechanism="PLAIN">${plain('2001', '2001')}</auth>`;
    const sessions: Promise<void>[] = [];
    for (let i = 0; i < 40; i++) {
      const chunks: (string | Buffer)[] = [header];
      if (r() < 0.5) chunks.push(auth, header, `<iq type="set" id="b"><bind xmlns="${NS.bind}"/></iq>`);
      for (let j = 0; j < 5; j++)
        chunks.push(r() < 0.2 ? randomBytes(r, 64) : mutate(r, CORPUS[Math.floor(r() * CORPUS.length)]));
      if (r() < 0.3) chunks.unshift(randomBytes(r, 32));
      sessions.push(
        new Promise((resolve) => {
          const socket = net.connect(server.tcpPort, '127.0.0.1');
          socket.on('error', () => {});
          socket.on('connect', () => {
            for (const c of chunks) socket.write(c);
            setTimeout(() => socket.destroy(), 50 + Math.floor(r() * 100));
          });
          socket.on('close', () => resolve());
        }),
      );
    }
    await Promise.all(sessions);
    const ok = await new Promise<string>((resolve) => {
      const socket = net.connect(server.tcpPort, '127.0.0.1');
      let out = '';
      socket.setEncoding('utf8');
      socket.on('data', (d: string) => {
        out += d;
        if (out.includes('<success')) socket.destroy();
      });
      socket.on('connect', () => socket.write(header + auth));
      socket.on('close', () => resolve(out));
      setTimeout(() => socket.destroy(), 2000);
    });
    assert.match(ok, /<success/);
  });

  it('the BOSH endpoint survives random and mutated bodies', async () => {
    const r = mulberry32(SEED + 2);
    const victim = new RawBosh(server.boshUrl);
    await victim.login('2001', 'victim');
    const requests: Promise<unknown>[] = [];
    for (let i = 0; i < 150; i++) {
      const stanza = mutate(r, CORPUS[Math.floor(r() * CORPUS.length)]);
      const rid = victim.rid + Math.floor(r() * 6) - 2;
      const body =
        r() < 0.15
          ? randomBytes(r, 100)
          : mutate(
              r,
              `<body xmlns="${NS.httpbind}" sid="${r() < 0.7 ? victim.sid : 'x'}" rid="${rid}" ver="1.6">${stanza}</body>`,
            );
      requests.push(post(server.boshUrl, body).catch(() => {}));
    }
    await Promise.all(requests);
    const healthy = new RawBosh(server.boshUrl);
    await healthy.login('2002', 'healthy', null);
    const pong = await healthy.send(
      `<iq xmlns="${NS.client}" type="get" id="p"><ping xmlns="${NS.ping}"/></iq>`,
    );
    assert.equal(pong.body?.getChild('iq')?.attr('type'), 'result');
    assert.deepEqual(server.infoLog.grep('Internal error'), [], 'no bug reached the safety net');
  });
});
