/**
 * What a stuck peer costs: connections that never bind a resource are closed, and collaborators
 * (the authority, `mayRead`) that never answer fail instead of holding a session forever.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualTimers } from '../clock/testing/manual-timers.ts';
import { NS } from './namespaces.ts';
import { passwordAuthority } from './sasl-authority.ts';
import { FakeTransport, login, plain, stanza } from './testing/fake-transport.ts';
import { createTestCore } from './testing/test-core.ts';

const never = () => new Promise<never>(() => {});
const tick = () => new Promise((r) => setImmediate(r));

describe('pre-authentication timeout', () => {
  it('closes a connection with no resource bound after preAuthTimeoutMs, with connection-timeout', async () => {
    const timers = new ManualTimers(1_000_000);
    const core = createTestCore({ timers, preAuthTimeoutMs: 30_000 });
    const idle = new FakeTransport();
    await core.createXmpp(idle).streamStart({ to: 'localhost', version: '1.0' });
    const bound = await login(core, '2001');
    timers.advance(29_999);
    assert.equal(idle.closed, undefined);
    timers.advance(1);
    assert.equal(idle.streamError, 'connection-timeout');
    assert.equal(bound.t.closed, undefined, 'a bound session is not affected');
    assert.equal(core.sessions.size, 1);
    assert.match(
      core.infoLog.grep('Closing unauthenticated')[0],
      /^Closing unauthenticated TCP connection \(id=[0-9a-f]+\) from 127\.0\.0\.1:5000: no resource bound within 30 s$/,
    );
  });

  it('also closes an authenticated stream that never binds, and can be switched off', async () => {
    const timers = new ManualTimers(1_000_000);
    const core = createTestCore({ timers, preAuthTimeoutMs: 1000 });
    const t = new FakeTransport();
    const xmpp = core.createXmpp(t);
    await xmpp.streamStart({ to: 'localhost', version: '1.0' });
    await xmpp.receive(stanza(`<auth xmlns="${NS.sasl}" mechanism="PLAIN">${plain('2001', '2001')}</auth>`));
    timers.advance(1000);
    assert.equal(t.streamError, 'connection-timeout');

    const off = createTestCore({ timers, preAuthTimeoutMs: 0 });
    const t2 = new FakeTransport();
    await off.createXmpp(t2).streamStart({ to: 'localhost', version: '1.0' });
    timers.advance(3_600_000);
    assert.equal(t2.closed, undefined);
    assert.equal(timers.pending, 0, 'no timer at all');
  });
});

describe('collaborator deadlines', () => {
  it('fails an authenticate that never answers with temporary-auth-failure', async () => {
    const timers = new ManualTimers(1_000_000);
    const core = createTestCore({ timers, callbackTimeoutMs: 10_000, authority: passwordAuthority(never) });
    const t = new FakeTransport();
    const xmpp = core.createXmpp(t);
    await xmpp.streamStart({ to: 'localhost', version: '1.0' });
    t.take();
    const step = xmpp.receive(
      stanza(`<auth xmlns="${NS.sasl}" mechanism="PLAIN">${plain('2001', '2001')}</auth>`),
    );
    await tick();
    timers.advance(10_000);
    await step;
    assert.equal(t.take()[0].toString(), `<failure xmlns="${NS.sasl}"><temporary-auth-failure/></failure>`);
    assert.match(core.infoLog.grep('Authentication of')[0], /authenticate did not answer within 10000 ms/);
  });

  it('answers a subscribe whose mayRead never answers with internal-server-error', async () => {
    const timers = new ManualTimers(1_000_000);
    const core = createTestCore({ timers, callbackTimeoutMs: 5_000, mayRead: never });
    core.pubsub.createNode('/finesse/api/Team/1/Users');
    const { xmpp, t } = await login(core, '2001');
    const step = xmpp.receive(
      stanza(
        `<iq type="set" id="s" to="pubsub.localhost"><pubsub xmlns="${NS.pubsub}"><subscribe node="/finesse/api/Team/1/Users" jid="2001@localhost"/></pubsub></iq>`,
      ),
    );
    await tick();
    timers.advance(5_000);
    await step;
    const reply = t.take()[0];
    assert.equal(reply.attr('type'), 'error');
    assert.ok(reply.getChild('error')?.getChild('internal-server-error'));
    assert.match(core.infoLog.grep('iq handler failed')[0], /mayRead did not answer within 5000 ms/);
  });
});
