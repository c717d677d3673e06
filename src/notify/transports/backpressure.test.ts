/**
 * Back-pressure: a TCP or WebSocket client that stops reading cannot make the server buffer
 * without bound. Its unsent output is capped at `maxQueuedBytes`; past that the session is
 * dropped with an info.log line, and everyone else keeps getting their events.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { until } from '../../../test/support/until.ts';
import { el } from '../../xml/index.ts';
import { NS } from '../namespaces.ts';
import { plain } from '../testing/fake-transport.ts';
import { goAvailable, subscribeSelf } from '../testing/interop.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { collect, connectXmpp } from '../testing/xmpp-client.ts';

const LIMIT = 64 * 1024;
const NODE = '/finesse/api/Team/5000/Users';
// About the size of the seed's user Update.
const PAYLOAD = `<Update><data>${'x'.repeat(1000)}</data><event>PUT</event></Update>`;

/** A conversation over some pipe: write a chunk, wait until what came back matches. */
interface Pipe {
  write(text: string): void;
  received(): string;
}

/** Until `pattern` has come through `pipe` (test/support/until.ts: a hang guard, not a time limit). */
const received = (pipe: Pipe, pattern: RegExp) =>
  until(`${pattern} through the pipe`, () => pattern.test(pipe.received()), { everyMs: 5 });

/** SASL PLAIN, bind, presence, subscription to NODE; `open` writes a stream header or <open/>. */
async function signIn(pipe: Pipe, open: () => void, user: string, resource: string): Promise<void> {
  open();
  await received(pipe, /PLAIN/);
  pipe.write(`<auth xmlns="${NS.sasl}" mechanism="PLAIN">${plain(user, user)}</auth>`);
  await received(pipe, /<success/);
  open();
  await received(pipe, /<bind/);
  pipe.write(
    `<iq type="set" id="b" xmlns="${NS.client}"><bind xmlns="${NS.bind}"><resource>${resource}</resource></bind></iq>`,
  );
  await received(pipe, /<jid>/);
  pipe.write(`<presence xmlns="${NS.client}"><priority>0</priority></presence>`);
  pipe.write(
    `<iq type="set" id="s" to="pubsub.localhost" xmlns="${NS.client}"><pubsub xmlns="${NS.pubsub}"><subscribe node="${NODE}" jid="${user}@localhost/${resource}"/></pubsub></iq>`,
  );
  await received(pipe, /subscribed/);
}

/** Publishes until `gone()` or `max` publishes; yields to the event loop between batches. */
async function publishUntil(server: TestServer, gone: () => boolean, max: number): Promise<number> {
  let n = 0;
  while (!gone() && n < max) {
    for (let i = 0; i < 50; i++, n++)
      server.notify.pubsub.publish(NODE, el('notification', { xmlns: NS.pubsub }, PAYLOAD));
    await new Promise((r) => setImmediate(r));
  }
  return n;
}

function droppedLine(server: TestServer, kind: string, user: string): string | undefined {
  return server.infoLog.lines.find(
    (l) =>
      l.startsWith(`Closing ${kind} session`) && l.includes(`${user}@localhost`) && l.includes('not reading'),
  );
}

describe('back-pressure on TCP and WebSocket', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ maxQueuedBytes: LIMIT });
    server.notify.pubsub.createNode(NODE);
  });
  after(() => server.stop());

  for (const kind of ['TCP', 'WebSocket'] as const) {
    it(`drops a ${kind} client that stops reading once ${LIMIT / 1024} KiB wait for it; a reading client keeps its events`, async () => {
      // The reader: @xmpp/client over TCP, subscribed to the same node.
      const reader = await connectXmpp({
        service: `xmpp://127.0.0.1:${server.tcpPort}`,
        username: '2002',
        resource: `reader-${kind}`,
      });
      const inbox = collect(reader);
      await goAvailable(server, reader);
      await subscribeSelf(reader, NODE);
      let text = '';
      let stopReading: () => void;
      let pipe: Pipe;
      let open: () => void;
      if (kind === 'TCP') {
        const socket = net.connect(server.tcpPort, '127.0.0.1');
        await new Promise((r) => socket.once('connect', r));
        socket.setEncoding('utf8');
        socket.on('data', (d: string) => {
          text += d;
        });
        socket.on('error', () => {});
        pipe = { write: (t) => socket.write(t), received: () => text };
        open = () =>
          socket.write(
            `<stream:stream to="localhost" version="1.0" xmlns="${NS.client}" xmlns:stream="${NS.stream}">`,
          );
        stopReading = () => socket.pause();
      } else {
        const ws = new WebSocket(`ws://127.0.0.1:${server.boshPort}/ws/`, ['xmpp']);
        await new Promise((r) => ws.once('open', r));
        ws.on('message', (d) => {
          text += d.toString();
        });
        ws.on('error', () => {});
        pipe = { write: (t) => ws.send(t), received: () => text };
        open = () => ws.send(`<open xmlns="${NS.framing}" to="localhost" version="1.0"/>`);
        // ws reads through its socket: pausing that stops reading at the TCP level.
        stopReading = () => (ws as unknown as { _socket: net.Socket })._socket.pause();
      }
      await signIn(pipe, open, '2001', `stalled-${kind}`);
      stopReading();
      const published = await publishUntil(
        server,
        () => droppedLine(server, kind, '2001') !== undefined,
        100_000,
      );
      const line = droppedLine(server, kind, '2001');
      assert.ok(
        line,
        `dropped after ${published} publishes; info.log: ${server.infoLog.lines.slice(-3).join('\n')}`,
      );
      const unsent = Number(/\((\d+) bytes unsent\)/.exec(line)?.[1]);
      assert.ok(
        unsent > LIMIT && unsent < LIMIT + 4096,
        `buffered ${unsent} bytes: the limit plus at most one event`,
      );
      await server.waitForPresence(
        (e) => e.jid === `2001@localhost/stalled-${kind}` && e.type === 'unavailable',
      );
      assert.ok(server.notify.sessionCount >= 1);
      // The reader got the last event published, after the stalled client was dropped.
      const { itemId } = server.notify.pubsub.publish(
        NODE,
        el('notification', { xmlns: NS.pubsub }, PAYLOAD),
      );
      await inbox.waitFor(
        (s) => s.getChild('event', NS.pubsubEvent)?.getChild('items')?.getChild('item')?.attrs.id === itemId,
        10_000,
      );
      await reader.stop();
    });
  }
});
