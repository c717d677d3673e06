/** The system account's secret: configured, or generated once (owner-only) and reused. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isSamePassword, loadSystemPassword } from './system-account.ts';

describe('system account secret', () => {
  it('generates a random password into a 0600 file once and reuses it; a configured one wins', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notify-secret-'));
    try {
      const file = path.join(dir, 'sub', 'system-account.secret');
      const first = loadSystemPassword(file);
      assert.equal(first.isGenerated, true);
      assert.match(first.password, /^[A-Za-z0-9]{32}$/);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      assert.deepEqual(loadSystemPassword(file), first);
      assert.deepEqual(loadSystemPassword(file, 'configured'), {
        password: 'configured',
        isGenerated: false,
      });
      assert.notEqual(loadSystemPassword(path.join(dir, 'other')).password, first.password);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tightens a secret file that others could read to 0600 (#12)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notify-secret-'));
    try {
      const file = path.join(dir, 'system-account.secret');
      fs.writeFileSync(file, 'older\n', { mode: 0o644 });
      fs.chmodSync(file, 0o644);
      assert.equal(loadSystemPassword(file).password, 'older');
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('compares passwords exactly', () => {
    assert.equal(isSamePassword('s3cret', 's3cret'), true);
    assert.equal(isSamePassword('s3cre', 's3cret'), false);
    assert.equal(isSamePassword('S3cret', 's3cret'), false);
    assert.equal(isSamePassword('', 's3cret'), false);
  });
});
