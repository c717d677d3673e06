/** XEP-0124 §9 acknowledgements: negotiated at creation, request acks, and reports of lost responses. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualTimers } from '../../../clock/testing/manual-timers.ts';
import { NS } from '../../namespaces.ts';
import { post, RawBosh } from '../../testing/bosh-client.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';
import { REPORT_AFTER_MS } from './session.ts';

const ping = (id: string) =>
  `<iq xmlns="${NS.client}" type="get" id="${id}" to="localhost"><ping xmlns="urn:xmpp:ping"/></iq>`;

describe('BOSH acknowledgements (XEP-0124 §9)', () => {
  const timers = new ManualTimers(1_000_000);
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ timers, bosh: { wait: 60, hold: 1, requests: 2 } });
  });
  after(() => server.stop());

  it("answers ack='1' at creation with the creation rid, and leaves a client without acks alone", async () => {
    const withAcks = new RawBosh(server.boshUrl);
    const firstRid = withAcks.rid;
    const created = await withAcks.create({ ack: 1 });
    assert.equal(created.body?.attr('ack'), String(firstRid));
    const plain = new RawBosh(server.boshUrl);
    assert.equal((await plain.create()).body?.attr('ack'), undefined);
  });

  it('says which rid is the newest when it answers an older request (§9.3)', async () => {
    const c = new RawBosh(server.boshUrl);
    await c.login('2001', 'acks', undefined, { ack: 1 });
    const heldRid = c.rid + 1;
    // Whichever arrives first, rids are handled in order: the first is held, the second answers it.
    const held = c.send('', { ack: c.rid });
    const newer = c.send(ping('p1'), { ack: c.rid - 1 });
    const [oldest, newest] = await Promise.all([held, newer]);
    assert.equal(
      oldest.body?.attr('ack'),
      String(heldRid + 1),
      'the held request was answered after a newer one arrived',
    );
    assert.equal(newest.body?.attr('ack'), undefined, 'the newest request needs no ack');
    assert.ok(newest.body?.getChild('iq'), 'the ping result came on its own request');
  });

  it('reports a response the client never acknowledged, and resends it byte for byte (§9.2, §14.3)', async () => {
    const c = new RawBosh(server.boshUrl);
    await c.login('2002', 'lossy', undefined, { ack: 1 });
    const lostRid = c.rid + 1;
    const lost = await c.send(ping('lost'));
    assert.ok(lost.body?.getChild('iq'));
    timers.advance(REPORT_AFTER_MS);
    // The client acknowledges only up to the rid before the lost one.
    const next = await c.send(ping('after'), { ack: lostRid - 1 });
    assert.equal(next.body?.attr('report'), String(lostRid));
    assert.equal(next.body?.attr('time'), String(REPORT_AFTER_MS));
    const resent = await post(c.url, c.body('', { ack: lostRid - 1 }, lostRid));
    assert.equal(resent.text, lost.text);
  });

  it('does not report a response that merely crossed the request on the wire', async () => {
    const c = new RawBosh(server.boshUrl);
    await c.login('2001', 'fast', undefined, { ack: 1 });
    const rid = c.rid + 1;
    await c.send(ping('a'));
    const next = await c.send(ping('b'), { ack: rid - 1 });
    assert.equal(next.body?.attr('report'), undefined);
  });
});
