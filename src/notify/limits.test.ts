/** Sessions per address and resources per account: refused with the RFC 6120 conditions, logged. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressOf, SessionLimits } from './limits.ts';
import { NS } from './namespaces.ts';
import { RawBosh } from './testing/bosh-client.ts';
import { FakeTransport, login } from './testing/fake-transport.ts';
import { createTestCore } from './testing/test-core.ts';
import { startTestServer } from './testing/test-server.ts';

const limits = (o: Partial<ConstructorParameters<typeof SessionLimits>[0]>) => ({
  maxUnboundPerAddress: 0,
  maxPerAddress: 0,
  maxResourcesPerUser: 0,
  ...o,
});

describe('SessionLimits', () => {
  it('takes the address out of ip:port, IPv6 included', () => {
    assert.equal(addressOf('10.1.2.3:5222'), '10.1.2.3');
    assert.equal(addressOf('::ffff:127.0.0.1:40000'), '::ffff:127.0.0.1');
    assert.equal(addressOf('::1:40000'), '::1');
  });

  it('counts unbound and all streams per address, and forgets an address with no stream left', () => {
    const l = new SessionLimits(limits({ maxUnboundPerAddress: 2, maxPerAddress: 3 }));
    l.opened('a');
    l.opened('a');
    assert.equal(l.refuseAddress('a'), undefined);
    l.opened('a');
    assert.match(l.refuseAddress('a') ?? '', /more than 2 connections without a bound resource from a/);
    l.bound('a');
    l.bound('a');
    assert.equal(l.refuseAddress('a'), undefined, 'bound streams no longer count as unbound');
    l.opened('a');
    assert.match(l.refuseAddress('a') ?? '', /more than 3 sessions from a/);
    assert.equal(l.refuseAddress('b'), undefined, 'another address is not affected');
    l.closed('a', false);
    l.closed('a', false);
    l.closed('a', true);
    l.closed('a', true);
    l.opened('a');
    assert.equal(l.refuseAddress('a'), undefined);
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

  it('ends a stream from an address over its unbound limit with policy-violation, and logs why', async () => {
    const core = createTestCore({ limits: limits({ maxUnboundPerAddress: 2 }) });
    const open = async (address: string) => {
      const t = new FakeTransport();
      t.remoteAddress = address;
      await core.createXmpp(t).streamStart({ to: 'localhost', version: '1.0' });
      return t;
    };
    const first = await open('192.0.2.7:1000');
    await open('192.0.2.7:1001');
    const third = await open('192.0.2.7:1002');
    assert.equal(third.streamError, 'policy-violation');
    assert.equal(
      third.closed?.error?.getChildText('text', NS.streams),
      'more than 2 connections without a bound resource from 192.0.2.7',
    );
    assert.equal(first.closed, undefined, 'the streams already open are not touched');
    assert.equal((await open('192.0.2.8:1000')).closed, undefined, 'another address is served');
    assert.ok(core.infoLog.lines.some((l) => /Refusing TCP session .*192\.0\.2\.7/.test(l)));
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

describe('limits over BOSH', () => {
  it('terminates a session creation over the address limit with policy-violation', async () => {
    const server = await startTestServer({ limits: { maxUnboundPerAddress: 1 } });
    try {
      const first = new RawBosh(server.boshUrl);
      const created = await first.create();
      assert.equal(created.body?.attr('type'), undefined, created.text);
      const refused = await new RawBosh(server.boshUrl).create();
      assert.equal(refused.body?.attr('type'), 'terminate', refused.text);
      assert.match(refused.text, /policy-violation/);
      assert.ok(server.infoLog.lines.some((l) => /Refusing BOSH session/.test(l)));
    } finally {
      await server.stop();
    }
  });
});
