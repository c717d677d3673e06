/** BOSH inactivity (XEP-0124 §7.1) on an injected clock: reaping, the Openfire log lines, pause. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualTimers } from '../../../clock/testing/manual-timers.ts';
import { NS } from '../../namespaces.ts';
import { post, RawBosh } from '../../testing/bosh-client.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';

describe('BOSH inactivity', () => {
  const timers = new ManualTimers(1_000_000);
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ timers, bosh: { wait: 60, inactivity: 60 } });
  });
  after(() => server.stop());

  it('reaps a session with nothing held after 60 s, logs it as Openfire does, and emits unavailable', async () => {
    const idle = new RawBosh(server.boshUrl);
    const jid = await idle.login('2001', 'idle');
    const busy = new RawBosh(server.boshUrl);
    const busyJid = await busy.login('2002', 'busy');
    const arrived = server.nextRequest(busy.sid);
    const held = busy.send();
    await arrived;

    timers.advance(30_000);
    assert.ok(
      server.debugLog.grep(`Session (id=${idle.sid}) was last active 30000 ms ago: ${jid}`).length === 1,
    );
    assert.ok(
      server.debugLog.grep(`Session (id=${busy.sid}) was last active 0 ms ago: ${busyJid}`).length === 1,
    );
    assert.equal(server.presence.filter((e) => e.type === 'unavailable').length, 0);

    timers.advance(30_000);
    assert.deepEqual(
      server.infoLog.lines.filter((l) => l.includes(idle.sid) || l.includes(`closed for ${jid}`)).slice(-2),
      [
        `Closing idle session (id=${idle.sid}): ${jid} after inactivity for more than threshold value of 60`,
        `A session is closed for ${jid}`,
      ],
    );
    const ev = await server.waitForPresence((e) => e.jid === jid && e.type === 'unavailable');
    assert.equal(ev.reason, 'idle');
    assert.equal((await idle.send()).body?.attr('condition'), 'item-not-found');

    // The busy session's request was held until its 60 s wait ran out: the clock started then.
    assert.equal((await held).body?.attr('type'), undefined);
    timers.advance(59_000);
    assert.ok(!server.presence.some((e) => e.jid === busyJid && e.type === 'unavailable'));
    timers.advance(1_000);
    await server.waitForPresence((e) => e.jid === busyJid && e.type === 'unavailable' && e.reason === 'idle');
  });

  it('a pause stretches the inactivity limit to the pause', async () => {
    const client = new RawBosh(server.boshUrl);
    const jid = await client.login('2001', 'paused');
    const r = await client.send('', { pause: 100 });
    assert.equal(r.body?.attr('type'), undefined);
    timers.advance(99_000);
    assert.ok(!server.presence.some((e) => e.jid === jid && e.type === 'unavailable'));
    timers.advance(1_000);
    await server.waitForPresence((e) => e.jid === jid && e.type === 'unavailable' && e.reason === 'idle');
    assert.ok(
      server.infoLog.grep(
        `Closing idle session (id=${client.sid}): ${jid} after inactivity for more than threshold value of 100`,
      ).length === 1,
    );
  });

  it('any request restarts the clock', async () => {
    const client = new RawBosh(server.boshUrl);
    const jid = await client.login('2001', 'alive');
    for (let i = 0; i < 3; i++) {
      timers.advance(50_000);
      await client.send(`<iq xmlns="jabber:client" type="get" id="p${i}"><ping xmlns="urn:xmpp:ping"/></iq>`);
    }
    assert.ok(!server.presence.some((e) => e.jid === jid && e.type === 'unavailable'));
    await client.send('', { type: 'terminate' });
  });

  it('a request parked ahead of a gap that never fills does not keep the session alive', async () => {
    const client = new RawBosh(server.boshUrl);
    const jid = await client.login('2001', 'gap');
    const arrived = server.nextRequest(client.sid);
    const parked = post(server.boshUrl, client.body('', {}, client.rid + 2));
    await arrived;
    timers.advance(60_000);
    await server.waitForPresence((e) => e.jid === jid && e.type === 'unavailable' && e.reason === 'idle');
    assert.equal((await parked).text, `<body xmlns="${NS.httpbind}"/>`);
  });

  it('answers at once in a polling session, and refuses polling faster than `polling`', async () => {
    const client = new RawBosh(server.boshUrl);
    await client.create({ hold: 0 });
    assert.equal((await client.send()).text, `<body xmlns="${NS.httpbind}"/>`);
    timers.advance(6_000);
    assert.equal((await client.send()).text, `<body xmlns="${NS.httpbind}"/>`);
    timers.advance(1_000);
    assert.equal((await client.send()).body?.attr('condition'), 'policy-violation');
  });
});
