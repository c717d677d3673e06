/** What is offered when (RFC 6120 §5.3, §6.3): the PLAIN policy, STARTTLS, in process. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NS } from './namespaces.ts';
import { isLoopbackAddress, mayUsePlain } from './stream-features.ts';
import { FakeTransport, plain, stanza } from './testing/fake-transport.ts';
import type { TestCore } from './testing/test-core.ts';
import { createTestCore } from './testing/test-core.ts';

async function opened(core: TestCore, t = new FakeTransport()) {
  const xmpp = core.createXmpp(t);
  await xmpp.streamStart({ to: 'localhost', version: '1.0' });
  return { t, xmpp, features: t.take()[0] };
}

const mechanisms = (features: { getChild(n: string, ns?: string): unknown }) =>
  features.getChild('mechanisms', NS.sasl) !== undefined;

describe('the PLAIN policy', () => {
  it('knows loopback addresses as the transports print them', () => {
    for (const a of ['127.0.0.1:5000', '127.4.5.6:1', '::1:5222', '::ffff:127.0.0.1:80']) {
      assert.equal(isLoopbackAddress(a), true, a);
    }
    for (const a of ['10.0.0.7:5000', '::ffff:10.0.0.7:1', 'fe80::1:5222', '128.0.0.1:1', 'unknown:0']) {
      assert.equal(isLoopbackAddress(a), false, a);
    }
  });

  it('allows PLAIN over TLS always, in clear per policy', () => {
    const remote = { isSecure: false, remoteAddress: '10.0.0.7:5000' };
    const local = { isSecure: false, remoteAddress: '127.0.0.1:5000' };
    assert.equal(mayUsePlain(false, { ...remote, isSecure: true }), true);
    assert.equal(mayUsePlain(true, remote), true);
    assert.equal(mayUsePlain(false, local), false);
    assert.equal(mayUsePlain('loopback', local), true);
    assert.equal(mayUsePlain('loopback', remote), false);
  });

  it("by default ('loopback') offers PLAIN to a local client and refuses it to a remote one", async () => {
    const core = createTestCore({ allowPlainOnInsecure: 'loopback' });
    assert.equal(mechanisms((await opened(core)).features), true);
    const remote = new FakeTransport();
    remote.remoteAddress = '10.0.0.7:5000';
    const { xmpp, t, features } = await opened(core, remote);
    assert.equal(mechanisms(features), false);
    await xmpp.receive(stanza(`<auth xmlns="${NS.sasl}" mechanism="PLAIN">${plain('2001', '2001')}</auth>`));
    assert.equal(t.take()[0].elements()[0].local, 'encryption-required');
  });
});

describe('STARTTLS (RFC 6120 §5)', () => {
  it('is offered, required when PLAIN is not allowed in clear, and restarts the stream secure', async () => {
    const core = createTestCore({ allowPlainOnInsecure: false });
    const { t, xmpp, features } = await opened(core, new FakeTransport().offerTls());
    assert.equal(features.getChild('starttls', NS.tls)?.getChild('required')?.name, 'required');
    assert.equal(mechanisms(features), false);
    await xmpp.receive(stanza(`<starttls xmlns="${NS.tls}"/>`));
    assert.equal(t.take()[0].toString(), `<proceed xmlns="${NS.tls}"/>`);
    assert.equal(t.isSecure, true);
    await xmpp.streamStart({ to: 'localhost', version: '1.0' });
    const after = t.take()[0];
    assert.equal(after.getChild('starttls', NS.tls), undefined, 'offered once');
    assert.equal(mechanisms(after), true);
    assert.notEqual(t.headers[1].id, t.headers[0].id, 'a new stream id');
    // A second <starttls/> has nothing to negotiate: failure, and the stream closes (§5.4.2.2).
    await xmpp.receive(stanza(`<starttls xmlns="${NS.tls}"/>`));
    assert.equal(t.take()[0].toString(), `<failure xmlns="${NS.tls}"/>`);
    assert.ok(t.closed);
  });

  it('is offered without <required/> when PLAIN is allowed in clear too', async () => {
    const { features } = await opened(createTestCore(), new FakeTransport().offerTls());
    const starttls = features.getChild('starttls', NS.tls);
    assert.ok(starttls);
    assert.equal(starttls.getChild('required'), undefined);
    assert.equal(mechanisms(features), true);
  });

  it('is not offered on a link that cannot be upgraded, or after authentication', async () => {
    const core = createTestCore();
    const { features, xmpp, t } = await opened(core);
    assert.equal(features.getChild('starttls', NS.tls), undefined);
    await xmpp.receive(stanza(`<starttls xmlns="${NS.tls}"/>`));
    assert.equal(t.take()[0].toString(), `<failure xmlns="${NS.tls}"/>`);
    const late = await opened(core, new FakeTransport().offerTls());
    await late.xmpp.receive(
      stanza(`<auth xmlns="${NS.sasl}" mechanism="PLAIN">${plain('2001', '2001')}</auth>`),
    );
    await late.xmpp.streamStart({ to: 'localhost', version: '1.0' });
    const bindStage = late.t.take().at(-1);
    assert.equal(bindStage?.getChild('starttls', NS.tls), undefined);
  });
});
