import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, verifyPasswordHash } from './password.ts';

describe('password hashes', () => {
  it('verify the right password only, and differ for the same password', async () => {
    const a = await hashPassword('2001');
    const b = await hashPassword('2001');
    assert.notEqual(a, b);
    assert.equal(await verifyPasswordHash('2001', a), true);
    assert.equal(await verifyPasswordHash('2001', b), true);
    assert.equal(await verifyPasswordHash('2002', a), false);
    assert.equal(await verifyPasswordHash('', a), false);
    assert.equal(
      await verifyPasswordHash('pässwörd:with colon', await hashPassword('pässwörd:with colon')),
      true,
    );
  });

  it('refuse unreadable or tampered hashes without throwing', async () => {
    const good = await hashPassword('x');
    const parts = good.split('$');
    for (const bad of [
      '',
      'plain',
      'bcrypt$1$2$3$4$5',
      ['scrypt', '0', ...parts.slice(2)].join('$'),
      ['scrypt', String(2 ** 30), ...parts.slice(2)].join('$'),
      [...parts.slice(0, 5), 'c2hvcnQ='].join('$'),
    ]) {
      assert.equal(await verifyPasswordHash('x', bad), false, bad);
    }
  });
});
