/** The certificate: generated once and reused, renewed when it no longer fits, or configured. */
import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { memoryLog } from './testing/memory-log.ts';
import { loadTlsCredentials } from './tls.ts';

const DAY = 24 * 3600 * 1000;

describe('TLS credentials', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notify-tls-test-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('generates a self-signed pair on first start, key readable by the owner only, and reuses it', async () => {
    const log = memoryLog();
    const first = await loadTlsCredentials({ dir, hostNames: ['fin1.example.com'], log });
    assert.equal(first.isGenerated, true);
    assert.equal(first.certFile, path.join(dir, 'cert.pem'));
    assert.equal(fs.statSync(first.keyFile).mode & 0o777, 0o600);
    const x509 = new X509Certificate(first.cert);
    for (const name of ['fin1.example.com', 'localhost']) assert.equal(x509.checkHost(name), name);
    assert.equal(x509.checkIP('127.0.0.1'), '127.0.0.1');
    assert.ok(x509.checkPrivateKey(createPrivateKey(first.key)));
    assert.match(
      log.lines[0],
      /^Generated a self-signed TLS certificate .*cert\.pem for fin1\.example\.com, localhost/,
    );

    const second = await loadTlsCredentials({ dir, hostNames: ['FIN1.example.com'], log });
    assert.equal(second.cert, first.cert, 'reused');
    assert.match(log.lines[1], /^Using the generated TLS certificate/);
  });

  it('renews a generated certificate that expires soon or does not name the host', async () => {
    const now = Date.now();
    const old = await loadTlsCredentials({
      dir,
      hostNames: ['a.example.com'],
      now: () => now - 5 * 365 * DAY + 3 * DAY,
    });
    const renewed = await loadTlsCredentials({ dir, hostNames: ['a.example.com'] });
    assert.notEqual(renewed.cert, old.cert, 'expiring within a week');
    const log = memoryLog();
    const moved = await loadTlsCredentials({ dir, hostNames: ['b.example.com'], log });
    assert.notEqual(moved.cert, renewed.cert);
    assert.match(log.lines[0], /previous: does not name b\.example\.com/);
    fs.writeFileSync(path.join(dir, 'cert.pem'), 'garbage');
    const repaired = await loadTlsCredentials({ dir, hostNames: ['b.example.com'] });
    assert.match(repaired.cert, /BEGIN CERTIFICATE/);
  });

  it('uses configured files as they are, and says clearly what is wrong with them', async () => {
    const pair = await loadTlsCredentials({ dir: path.join(dir, 'gen'), hostNames: [] });
    const configured = await loadTlsCredentials({
      dir: path.join(dir, 'unused'),
      certFile: pair.certFile,
      keyFile: pair.keyFile,
      hostNames: ['other.example.com'],
    });
    assert.equal(configured.isGenerated, false);
    assert.equal(configured.cert, pair.cert);
    assert.equal(fs.existsSync(path.join(dir, 'unused')), false, 'nothing generated');
    await assert.rejects(
      loadTlsCredentials({ dir, certFile: pair.certFile, hostNames: [] }),
      /both the certificate and the key/,
    );
    const other = await loadTlsCredentials({ dir: path.join(dir, 'other'), hostNames: [] });
    await assert.rejects(
      loadTlsCredentials({ dir, certFile: pair.certFile, keyFile: other.keyFile, hostNames: [] }),
      (err: Error) => err.message.startsWith(`TLS: ${pair.certFile} / ${other.keyFile}:`),
    );
  });
});
