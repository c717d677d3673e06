/**
 * The notification service's certificate (Openfire keeps its own keystore): the configured PEM
 * files, or a self-signed pair generated on first start into `<dir>/{cert,key}.pem` and reused
 * afterwards — regenerated only when it expires or no longer names this host. Clients must be
 * told to trust it (docs/notifications.md); a real deployment configures its own.
 */
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import type { TextLog } from '../logs/index.ts';

export interface TlsCredentials {
  cert: string;
  key: string;
  certFile: string;
  keyFile: string;
  /** Self-signed by us (clients need the certificate as their trust anchor). */
  isGenerated: boolean;
}

export interface LoadTlsOptions {
  /** Where a generated pair lives: `<dir>/cert.pem`, `<dir>/key.pem`. */
  dir: string;
  /** Configured PEM files; both or neither. */
  certFile?: string;
  keyFile?: string;
  /**
   * Names a generated certificate must cover (the XMPP domain, the host names, the node's
   * addresses); loopback always is.
   */
  hostNames: string[];
  /** Gets one line saying which certificate is used. */
  log?: TextLog;
  now?: () => number;
}

/**
 * The CA/Browser Forum's ceiling for a server certificate (397 days, Baseline Requirements
 * §6.3.2): longer ones are refused by Apple's and Google's TLS clients even when trusted by hand.
 */
const VALIDITY_DAYS = 397;
/** Regenerated this close to expiry (at a start, a reload or the daily check of a running node). */
const RENEW_BEFORE_MS = 30 * 24 * 3600 * 1000;
const LOOPBACK = ['localhost', '127.0.0.1', '::1'];

export async function loadTlsCredentials(o: LoadTlsOptions): Promise<TlsCredentials> {
  const now = o.now ?? Date.now;
  if (o.certFile !== undefined || o.keyFile !== undefined) {
    if (!o.certFile || !o.keyFile) throw new Error('TLS: configure both the certificate and the key');
    const configured = readPair(o.certFile, o.keyFile, false);
    o.log?.write(`Using the configured TLS certificate ${o.certFile} (${describe(configured.cert)})`);
    return configured;
  }
  const certFile = path.join(o.dir, 'cert.pem');
  const keyFile = path.join(o.dir, 'key.pem');
  const names = [...new Set([...o.hostNames.map((n) => n.toLowerCase()), ...LOOPBACK])];
  let reason = 'none yet';
  if (fs.existsSync(certFile) && fs.existsSync(keyFile)) {
    try {
      const existing = readPair(certFile, keyFile, true);
      reason = whyRegenerate(existing.cert, names, now());
      if (reason === '') {
        o.log?.write(`Using the generated TLS certificate ${certFile} (${describe(existing.cert)})`);
        return existing;
      }
    } catch (err) {
      reason = (err as Error).message;
    }
  }
  const generated = await generateSelfSigned(names, now());
  fs.mkdirSync(o.dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(keyFile, generated.key, { mode: 0o600 });
  fs.writeFileSync(certFile, generated.cert, { mode: 0o644 });
  o.log?.write(
    `Generated a self-signed TLS certificate ${certFile} for ${names.join(', ')} (previous: ${reason})`,
  );
  return { ...generated, certFile, keyFile, isGenerated: true };
}

function readPair(certFile: string, keyFile: string, isGenerated: boolean): TlsCredentials {
  const cert = fs.readFileSync(certFile, 'utf8');
  const key = fs.readFileSync(keyFile, 'utf8');
  try {
    // Fails now, at start, on an unreadable PEM or a key that does not belong to the certificate.
    tls.createSecureContext({ cert, key });
  } catch (err) {
    throw new Error(`TLS: ${certFile} / ${keyFile}: ${(err as Error).message}`);
  }
  return { cert, key, certFile, keyFile, isGenerated };
}

/** Empty when the certificate can stay; otherwise why not. */
function whyRegenerate(pem: string, names: string[], now: number): string {
  const x509 = new X509Certificate(pem);
  if (Date.parse(x509.validTo) - RENEW_BEFORE_MS < now) return `expires ${x509.validTo}`;
  const missing = names.filter((n) => (net.isIP(n) ? !x509.checkIP(n) : !x509.checkHost(n)));
  return missing.length > 0 ? `does not name ${missing.join(', ')}` : '';
}

function describe(pem: string): string {
  const x509 = new X509Certificate(pem);
  return `subject ${x509.subject.replace(/\n/g, ', ')}, valid until ${x509.validTo}`;
}

async function generateSelfSigned(names: string[], now: number): Promise<{ cert: string; key: string }> {
  const notBeforeDate = new Date(now - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + VALIDITY_DAYS * 24 * 3600 * 1000);
  const altNames = names.map((n) =>
    net.isIP(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n },
  );
  // Loaded only to generate: selfsigned brings @peculiar/x509 and its dependencies, ~0.45 s of
  // start-up for every process, while a node with its certificate (or a test) never needs it.
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: names[0] }], {
    // P-256: a fraction of RSA's key generation time, and every TLS client speaks ECDSA.
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
