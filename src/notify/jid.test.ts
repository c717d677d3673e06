import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bareOf, parseJid } from './jid.ts';

describe('parseJid (RFC 7622)', () => {
  it('splits local, domain and resource, lower-casing the domain', () => {
    assert.deepEqual(parseJid('2001@UCCEFinesse.Example/desktop'), {
      local: '2001',
      domain: 'uccefinesse.example',
      resource: 'desktop',
      bare: '2001@uccefinesse.example',
      full: '2001@uccefinesse.example/desktop',
    });
    assert.equal(parseJid('pubsub.localhost')?.full, 'pubsub.localhost');
    assert.equal(
      parseJid('a@b/c/d@e')?.resource,
      'c/d@e',
      'the resource is everything after the first slash',
    );
    assert.equal(bareOf('a@b/c'), 'a@b');
  });

  it('refuses what can never be a JID', () => {
    for (const bad of [
      '',
      '@b',
      'a@',
      'a@b/',
      'a b@c',
      'a@b c',
      'a"b@c',
      'a@b.',
      `${'x'.repeat(1024)}@b`,
      'a@b/\u0001',
      '/r',
    ]) {
      assert.equal(parseJid(bad), undefined, JSON.stringify(bad));
    }
  });
});
