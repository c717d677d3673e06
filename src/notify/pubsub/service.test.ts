/** The pubsub service's rules, without XML transport. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { el } from '../../xml/index.ts';
import { parseJid } from '../jid.ts';
import { PubsubService } from './service.ts';

const jid = (s: string) => parseJid(s)!;

function service() {
  return new PubsubService({
    mayRead: (bare, node) =>
      node === `/finesse/api/User/${bare.split('@')[0]}` || node === '/finesse/api/SystemInfo',
    isSystemUser: (bare) => bare === 'publisher@localhost',
    newItemId: () => 'item-1',
  });
}

describe('PubsubService', () => {
  it('lets only system users create nodes over XMPP; the server always may', () => {
    const s = service();
    assert.deepEqual(s.createNode('/a', jid('2001@localhost/desktop')), {
      ok: false,
      error: 'forbidden',
      text: undefined,
    });
    assert.equal(s.createNode('/a', jid('publisher@localhost/ws')).ok, true);
    assert.deepEqual(s.createNode('/a', jid('publisher@localhost/ws')), {
      ok: false,
      error: 'node-exists',
      text: undefined,
    });
    assert.equal(s.createNode('/a').ok, true, 'server-side create is idempotent');
    assert.equal(s.createNode('').ok, false);
    assert.equal(s.createNode('/bad\u0001').ok, false);
    assert.deepEqual(s.nodes(), ['/a']);
  });

  it('checks subscribe requests: node, own bare JID, then mayRead', async () => {
    const s = service();
    s.createNode('/finesse/api/User/2001');
    s.createNode('/finesse/api/User/2002');
    const me = jid('2001@localhost/desktop');
    assert.equal((await s.authorizeSubscribe('/nope', '2001@localhost', me)).ok, false);
    const other = await s.authorizeSubscribe('/finesse/api/User/2001', '2002@localhost', me);
    assert.deepEqual(other, { ok: false, error: 'invalid-jid', text: undefined });
    const forbidden = await s.authorizeSubscribe('/finesse/api/User/2002', '2001@localhost/desktop', me);
    assert.deepEqual(forbidden, { ok: false, error: 'forbidden', text: undefined });
    const malformed = await s.authorizeSubscribe('/finesse/api/User/2001', '@@', me);
    assert.equal(malformed.ok === false && malformed.error, 'jid-malformed');
    const okFull = await s.authorizeSubscribe('/finesse/api/User/2001', '2001@localhost/other', me);
    assert.equal(okFull.ok && okFull.value.full, '2001@localhost/other');
    // §6.1.3.1 "unless privileged": a system user provisions other users' subscriptions.
    const system = jid('publisher@localhost/core');
    const onBehalf = await s.authorizeSubscribe('/finesse/api/User/2002', '2002@localhost', system);
    assert.equal(onBehalf.ok && onBehalf.value.bare, '2002@localhost');
    s.subscribe('/finesse/api/User/2002', jid('2002@localhost'));
    assert.equal(s.unsubscribe('/finesse/api/User/2002', '2002@localhost', system).ok, true);
  });

  it('keeps one subscription per JID, lists them per account, and unsubscribes', () => {
    const s = service();
    const a = s.subscribe('/n', jid('2001@localhost'));
    assert.equal(
      s.subscribe('/n', jid('2001@LOCALHOST')),
      a,
      'idempotent; domains compare case-insensitively',
    );
    s.subscribe('/n', jid('2001@localhost/desktop'));
    s.subscribe('/m', jid('2001@localhost'));
    assert.equal(s.subscriptionsOf('2001@localhost').length, 3);
    assert.equal(s.subscriptionsOf('2001@localhost', '/m').length, 1);
    assert.equal(s.subscriptionsTo('/n').length, 2);
    assert.deepEqual(s.unsubscribe('/n', '2001@localhost', jid('2002@localhost/x')), {
      ok: false,
      error: 'invalid-jid',
      text: undefined,
    });
    assert.equal(s.unsubscribe('/n', '2001@localhost', jid('2001@localhost/x')).ok, true);
    assert.deepEqual(s.unsubscribe('/n', '2001@localhost', jid('2001@localhost/x')), {
      ok: false,
      error: 'not-subscribed',
      text: undefined,
    });
    assert.equal(s.unsubscribe('/n', '2001@localhost').ok, true, 'server-side unsubscribe is idempotent');
    assert.equal(s.subscriptionsOf('2001@localhost').length, 2);
  });

  it('publishes: system users over XMPP to existing nodes, the server anywhere', () => {
    const s = service();
    const payload = el('notification', { xmlns: 'http://jabber.org/protocol/pubsub' }, '<Update/>');
    assert.equal(s.publish('/n', payload, undefined, jid('2001@localhost/d')).ok, false);
    assert.equal(s.publish('/n', payload, undefined, jid('publisher@localhost/d')).ok, false, 'no such node');
    s.subscribe('/n', jid('2001@localhost'));
    const r = s.publish('/n', payload, 'custom-id', jid('publisher@localhost/d'));
    assert.ok(r.ok);
    assert.equal(r.value.item.id, 'custom-id');
    assert.equal(r.value.subscriptions.length, 1);
    const auto = s.publish('/fresh', payload);
    assert.ok(auto.ok && auto.value.item.id === 'item-1');
    assert.ok(s.hasNode('/fresh'), 'server-side publish creates the node');
    assert.equal(s.lastItem('/n')?.id, 'custom-id');
  });

  it('authorizes reads like subscriptions; a system user reads everything', async () => {
    const s = service();
    s.createNode('/finesse/api/User/2002');
    assert.equal((await s.authorizeRead('/finesse/api/User/2002', jid('2001@localhost/d'))).ok, false);
    assert.equal((await s.authorizeRead('/finesse/api/User/2002', jid('2002@localhost/d'))).ok, true);
    assert.equal((await s.authorizeRead('/finesse/api/User/2002', jid('publisher@localhost/d'))).ok, true);
  });
});
