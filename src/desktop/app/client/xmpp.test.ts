/**
 * #12 (High 2), the desktop's half: the desktop's own XMPP client (Strophe.js, as in the browser)
 * takes pubsub events from `pubsub.<domain>` only. The server here has chat on, so another
 * agent's forged Update and forged SystemInfo OUT_OF_SERVICE do reach the desktop's session, as
 * they would through any server that routes between users; the desktop must ignore them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import { NS } from '../../../notify/namespaces.ts';
// Installs the XMLHttpRequest Strophe needs in Node before the desktop's client loads Strophe.
import '../../../notify/testing/strophe.ts';
import { type CuttableProxy, startCuttableProxy } from '../../../../test/support/cti.ts';
import { until } from '../../../../test/support/until.ts';
import { DOMAIN, startTestServer, type TestServer } from '../../../notify/testing/test-server.ts';
import { connectXmpp, type XmppClient, xml } from '../../../notify/testing/xmpp-client.ts';
import { el } from '../../../xml/index.ts';
import type { ClientLog } from './client-log.ts';
import type { Update } from './models.ts';

(globalThis as { DOMParser?: unknown }).DOMParser ??= DOMParser;
const { Notifier } = await import('./xmpp.ts');

const forged = (to: string, node: string, update: string) =>
  xml(
    'message',
    { to },
    xml(
      'event',
      { xmlns: NS.pubsubEvent },
      xml('items', { node }, xml('item', { id: 'x' }, xml('notification', { xmlns: NS.pubsub }, update))),
    ),
  );

describe("the desktop's XMPP client takes events from the pubsub service only (#12)", () => {
  let server: TestServer;
  let attacker: XmppClient;
  let notifier: InstanceType<typeof Notifier>;
  const updates: Update[] = [];
  const logLines: string[] = [];

  before(async () => {
    server = await startTestServer({ chat: true });
    server.notify.pubsub.subscribe('/finesse/api/User/2002', `2002@${DOMAIN}`);
    const log = { log: (_c: string, text: string) => logLines.push(text) } as unknown as ClientLog;
    notifier = new Notifier({
      service: server.boshUrl,
      jid: `2002@${DOMAIN}/desktop`,
      password: '2002',
      // As SystemInfo may spell it: the comparison ignores case.
      pubsubDomain: `PubSub.${DOMAIN}`,
      log,
      onUpdate: (u) => updates.push(u),
      onStatus: () => {},
    });
    await notifier.connect();
    attacker = await connectXmpp({
      service: `xmpp://127.0.0.1:${server.tcpPort}`,
      username: '2001',
      resource: 'script',
    });
  });
  after(async () => {
    await attacker?.stop();
    await notifier?.disconnect();
    await server?.stop();
  });

  it('ignores a forged Update and a forged SystemInfo OUT_OF_SERVICE from another agent', async () => {
    await attacker.send(
      forged(
        `2002@${DOMAIN}`,
        '/finesse/api/User/2002/Dialogs',
        '<Update><data><dialogs><Dialog><id>666</id><fromAddress>IT</fromAddress><state>ALERTING</state></Dialog></dialogs></data><event>POST</event></Update>',
      ),
    );
    await attacker.send(
      forged(
        `2002@${DOMAIN}/desktop`,
        '/finesse/api/SystemInfo',
        '<Update><data><SystemInfo><status>OUT_OF_SERVICE</status></SystemInfo></data><event>PUT</event></Update>',
      ),
    );
    // The server handles a session's stanzas in order: after this answer, both were routed; and
    // one BOSH session delivers in order: once the real event is in, the forged ones were seen.
    await attacker.iqCaller.get(xml('ping', { xmlns: NS.ping }), DOMAIN);
    server.notify.pubsub.publish(
      '/finesse/api/User/2002',
      el(
        'notification',
        { xmlns: NS.pubsub },
        '<Update><data><user><loginId>2002</loginId><state>NOT_READY</state></user></data><event>PUT</event><requestId>r1</requestId></Update>',
      ),
    );
    await until('an update', () => updates.length > 0);
    assert.deepEqual(
      updates.map((u) => [u.node, u.requestId]),
      [['/finesse/api/User/2002', 'r1']],
    );
    assert.equal(logLines.filter((l) => l.includes("Ignored an event message from '2001@")).length, 2);
  });
});

// #15 "a desktop that loses its node reconnects": a node killed outright refuses the held BOSH
// request at once, but Strophe retries it (1 s, 8 s, 27 s …) and says DISCONNECTED only after
// the fifth failure, so the desktop heard of it at its next XMPP ping (≈10 s by default).
describe("the desktop's XMPP client says at once that a BOSH request failed", () => {
  let server: TestServer;
  let proxy: CuttableProxy;
  let notifier: InstanceType<typeof Notifier>;
  const statuses: string[] = [];

  before(async () => {
    server = await startTestServer();
    proxy = await startCuttableProxy(Number(new URL(server.boshUrl).port));
    notifier = new Notifier({
      service: `http://127.0.0.1:${proxy.port}/http-bind/`,
      jid: `2001@${DOMAIN}/desktop`,
      password: '2001',
      pubsubDomain: `pubsub.${DOMAIN}`,
      log: { log: () => {} } as unknown as ClientLog,
      onUpdate: () => {},
      onStatus: (s, condition) => statuses.push(condition ? `${s} ${condition}` : s),
      boshWait: 2,
    });
    await notifier.connect();
  });
  after(async () => {
    notifier?.abandon();
    await proxy?.close();
    await server?.stop();
  });

  it('reports the first failed request while the session is up, before Strophe gives up', async () => {
    proxy.cut();
    await until('a request-failed status', () => statuses.length > 0);
    assert.deepEqual(statuses.slice(0, 1), ['request-failed 0']);
  });
});
