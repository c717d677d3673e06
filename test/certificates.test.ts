/**
 * The node's certificate (#14, #12 Low): a generated one lives at most 397 days and names the
 * node's host names and addresses; a replaced one is served by every TLS listener after a reload,
 * without a restart.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import tls from 'node:tls';
import { nodeNames } from '../src/app/node-tls.ts';
import { loadTlsCredentials } from '../src/notify/index.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';

const DAY = 24 * 3600 * 1000;

/** The fingerprint of the certificate a TLS listener presents to a new connection. */
function served(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

describe('the node certificate', () => {
  let sys: TestSystem;
  let work: string;
  const pairs: { cert: string; key: string; fingerprint: string }[] = [];
  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-certs-'));
    for (const name of ['a', 'b']) {
      const c = await loadTlsCredentials({ dir: path.join(work, name), hostNames: [`${name}.example`] });
      pairs.push({ cert: c.cert, key: c.key, fingerprint: new X509Certificate(c.cert).fingerprint256 });
    }
    fs.writeFileSync(path.join(work, 'cert.pem'), pairs[0].cert);
    fs.writeFileSync(path.join(work, 'key.pem'), pairs[0].key);
    sys = await startTestSystem((c) => {
      c.tlsCert = path.join(work, 'cert.pem');
      c.tlsKey = path.join(work, 'key.pem');
    });
  });
  after(async () => {
    await sys?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('generates one valid for at most 397 days, naming the host and its addresses', () => {
    const dir = path.join(sys.sb.config.dataDir, '..', 'generated');
    return loadTlsCredentials({ dir, hostNames: nodeNames(sys.sb.config) }).then((c) => {
      const x509 = new X509Certificate(c.cert);
      const days = (Date.parse(x509.validTo) - Date.parse(x509.validFrom)) / DAY;
      assert.ok(days <= 397, `${days} days`);
      assert.ok(x509.checkHost(os.hostname()), `names ${os.hostname()}: ${x509.subjectAltName}`);
      assert.ok(x509.checkIP('127.0.0.1'));
      for (const n of nodeNames(sys.sb.config)) if (/^[\d.]+$/.test(n)) assert.ok(x509.checkIP(n), n);
    });
  });

  it('serves a replaced certificate on every TLS listener after a reload, without a restart', async () => {
    const { https, boshTls, xmppTls } = sys.sb.ports;
    const ports = [https, boshTls, xmppTls].filter((p): p is number => p !== undefined);
    assert.equal(ports.length, 3);
    for (const port of ports) assert.equal(await served(port), pairs[0].fingerprint);
    fs.writeFileSync(path.join(work, 'cert.pem'), pairs[1].cert);
    fs.writeFileSync(path.join(work, 'key.pem'), pairs[1].key);
    await sys.sb.reload();
    for (const port of ports) assert.equal(await served(port), pairs[1].fingerprint, `port ${port}`);
    // A key that does not belong to the certificate is not taken: the one in use stays.
    fs.writeFileSync(path.join(work, 'key.pem'), pairs[0].key);
    await sys.sb.reload();
    assert.equal(await served(ports[0]), pairs[1].fingerprint);
    assert.match((await sys.logs()).openfire, /TLS certificate not reloaded, keeping the one in use/);
  });
});
