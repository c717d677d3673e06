/** Sessions per address and resources per account: refused with the RFC 6120 conditions, logged. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressOf, SessionLimits } from './limits.ts';
import { NS } from './namespaces.ts';
import { RawBosh } from './testing/bosh-client.ts';
import { FakeTransport, login } from './testing/fake-transport.ts';
import { connectStrophe } from './testing/strophe.ts';
import { createTestCore } from './testing/test-core.ts';
import { DOMAIN, startTestServer } from './testing/test-server.ts';

const limits = (o: Partial<ConstructorParameters<typeof SessionLimits>[0]>) => ({
  maxUnboundPerAddress: 0,
  maxPerAddress: 0,
  maxResourcesPerUser: 0,
  ...o,
});

/** A stream as the limits see it, recording its eviction. */
function stream(name: string, isAuthenticating = false) {
  const s = { name, isAuthenticating, evicted: undefined as string | undefined };
  return Object.assign(s, {
    evict(why: string) {
      s.evicted = why;
    },
  });
}

describe('SessionLimits', () => {
  it('takes the address out of ip:port, IPv6 by its /64', () => {
    assert.equal(addressOf('10.1.2.3:5222'), '10.1.2.3');
    assert.equal(addressOf('::ffff:127.0.0.1:40000'), '::ffff:127.0.0.1');
    assert.equal(addressOf('::1:40000'), '::1');
    assert.equal(addressOf('2001:db8:1:2:aaaa:bbbb:cccc:dddd:443'), '2001:db8:1:2::/64');
    assert.equal(addressOf('2001:db8:1:2::77:443'), '2001:db8:1:2::/64');
    assert.equal(addressOf('2001:0db8::1:443'), '2001:db8:0:0::/64');
  });

  it('makes a stranger (not signed in) of an address make way for a newer one, oldest idle first (#12)', () => {
    const l = new SessionLimits(limits({ maxUnboundPerAddress: 2 }));
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => stream(n));
    l.opened('x', a);
    l.opened('x', b);
    l.opened('x', c);
    assert.match(
      a.evicted ?? '',
      /more than 2 connections not signed in from x; the oldest idle one made way/,
    );
    assert.equal(b.evicted, undefined);
    l.closed('x', a, undefined);
    assert.equal(l.refuseAddress('x'), undefined, 'the newcomer stays');
    // Signed in: no longer a stranger, charged to its account instead.
    l.authenticated('x', b, '2001@localhost');
    l.opened('x', d);
    assert.equal(c.evicted, undefined, 'room enough without evicting');
    assert.equal(l.refuseAddress('y'), undefined, 'another address is not affected');
  });

  it('refuses the newcomer only when every stranger of its address is busy authenticating', () => {
    const l = new SessionLimits(limits({ maxUnboundPerAddress: 1 }));
    const busy = stream('busy', true);
    l.opened('x', busy);
    const late = stream('late');
    l.opened('x', late);
    assert.equal(busy.evicted, undefined);
    assert.match(l.refuseAddress('x') ?? '', /more than 1 connections without a bound resource from x/);
  });

  it('counts all streams per address when asked to, and forgets an address with no stream left', () => {
    const l = new SessionLimits(limits({ maxPerAddress: 1 }));
    const a = stream('a');
    l.opened('x', a);
    l.authenticated('x', a, '2001@localhost');
    l.opened('x', stream('b'));
    assert.match(l.refuseAddress('x') ?? '', /more than 1 sessions from x/);
  });

  it('bounds the signed-in streams of one account that bound no resource yet, never an exempt one', () => {
    const l = new SessionLimits(limits({ maxResourcesPerUser: 2 }));
    const [a, b, c] = ['a', 'b', 'c'].map((n) => stream(n));
    for (const s of [a, b, c]) {
      l.opened('x', s);
      l.authenticated('x', s, '2001@localhost');
    }
    assert.match(a.evicted ?? '', /more than 2 sign-ins of 2001@localhost without a bound resource/);
    l.bound(b, '2001@localhost');
    const system = [stream('s1'), stream('s2'), stream('s3')];
    for (const s of system) {
      l.opened('x', s);
      l.authenticated('x', s, undefined);
    }
    assert.ok(system.every((s) => s.evicted === undefined));
  });

  it('allows resources up to the limit; 0 means none', () => {
    assert.equal(new SessionLimits(limits({ maxResourcesPerUser: 2 })).mayBindAnother(1), true);
    assert.equal(new SessionLimits(limits({ maxResourcesPerUser: 2 })).mayBindAnother(2), false);
    assert.equal(new SessionLimits(limits({})).mayBindAnother(10_000), true);
  });
});

describe('limits on a session', () => {
  it('answers a bind over the per-account limit with resource-constraint; the old resources keep working', async () => {
    const core = createTestCore({ limits: limits({ maxResourcesPerUser: 2 }) });
    await login(core, '2001', 'a');
    await login(core, '2001', 'b');
    await assert.rejects(login(core, '2001', 'c'), /resource-constraint/);
    assert.equal(core.router.resourcesOf('2001@localhost').length, 2);
    assert.ok(
      core.infoLog.lines.some((l) =>
        /Refusing to bind 2001@localhost\/c .*2 resources bound, the limit is 2/.test(l),
      ),
    );
    // Signing in again on a bound resource replaces it (conflict), which the limit allows.
    await login(core, '2001', 'b');
    assert.equal(core.router.resourcesOf('2001@localhost').length, 2);
  });

  it('exempts system accounts from the per-account limit', async () => {
    const core = createTestCore({ limits: limits({ maxResourcesPerUser: 1 }) });
    await login(core, 'publisher', 'a');
    await login(core, 'publisher', 'b');
    assert.equal(core.router.resourcesOf('publisher@localhost').length, 2);
  });

  it("lets a desktop behind a stranger's NAT sign in: the stranger's oldest idle stream makes way (#12)", async () => {
    const core = createTestCore({ limits: limits({ maxUnboundPerAddress: 2 }) });
    const open = async (address: string) => {
      const t = new FakeTransport();
      t.remoteAddress = address;
      await core.createXmpp(t).streamStart({ to: 'localhost', version: '1.0' });
      return t;
    };
    const first = await open('192.0.2.7:1000');
    const second = await open('192.0.2.7:1001');
    const desktop = await login(core, '2001', 'desktop', null, '192.0.2.7:1002');
    assert.equal(first.streamError, 'policy-violation');
    assert.match(
      first.closed?.error?.getChildText('text', NS.streams) ?? '',
      /more than 2 connections not signed in from 192\.0\.2\.7; the oldest idle one made way/,
    );
    assert.equal(second.closed, undefined);
    assert.ok(desktop.jid);
    // Signed in, the desktop no longer counts: two strangers fit again beside it.
    await open('192.0.2.7:1003');
    assert.equal(second.closed, undefined);
    assert.ok(
      core.infoLog.lines.some((l) => /Closing TCP session .* unauthenticated \(192\.0\.2\.7:1000\)/.test(l)),
    );
  });

  it('frees the slot of a stream that ended', async () => {
    const core = createTestCore({ limits: limits({ maxPerAddress: 1 }) });
    const a = await login(core, '2001', 'a');
    await a.xmpp.streamEnd();
    const b = await login(core, '2002', 'b');
    assert.ok(b.jid);
    const t = new FakeTransport();
    await core.createXmpp(t).streamStart({ to: 'localhost', version: '1.0' });
    assert.equal(t.streamError, 'policy-violation');
  });
});

describe('limits over BOSH, with real clients behind one address (#12)', () => {
  it("a stranger's flood of session creations does not keep a Strophe desktop from signing in", async () => {
    const server = await startTestServer({ limits: { maxUnboundPerAddress: 20 } });
    try {
      // Everything here comes from 127.0.0.1, as desktops and a stranger behind one NAT do.
      const flood: RawBosh[] = [];
      for (let i = 0; i < 40; i++) {
        const b = new RawBosh(server.boshUrl);
        const created = await b.create();
        assert.equal(created.body?.attr('type'), undefined, created.text);
        flood.push(b);
      }
      const desktop = await connectStrophe(server.boshUrl, `2001@${DOMAIN}/desktop`, '2001');
      await desktop.disconnect();
      assert.ok(
        server.infoLog.lines.some((l) => /Session \(id=\w+\) bound to 2001@localhost\/desktop/.test(l)),
      );
      // The oldest of the flood made way; the stranger never holds more than 20.
      assert.ok(server.infoLog.grep('the oldest idle one made way').length >= 20);
      assert.ok(server.notify.sessionCount <= 21, String(server.notify.sessionCount));
    } finally {
      await server.stop();
    }
  });
});
