/**
 * TLS for tests: one generated certificate per test process, and a way to make clients that take
 * no TLS options trust it without switching verification off.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { loadTlsCredentials, type TlsCredentials } from '../tls.ts';

let credentials: Promise<TlsCredentials> | undefined;

/** A self-signed certificate for localhost / 127.0.0.1, made once per process. */
export function testCredentials(): Promise<TlsCredentials> {
  credentials ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notify-tls-'));
    const c = await loadTlsCredentials({ dir, hostNames: ['localhost'] });
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    return c;
  })();
  return credentials;
}

/**
 * Makes `tls.connect` trust `ca` unless the caller passes its own, until the returned function is
 * called. @xmpp/client passes no TLS options through (its STARTTLS calls `tls.connect({ socket,
 * host })`), and Node 20 has no `tls.setDefaultCACertificates`: this keeps verification on, with
 * our certificate as the one trust anchor, instead of NODE_TLS_REJECT_UNAUTHORIZED=0.
 */
export function trustInTlsConnect(ca: string): () => void {
  const original = tls.connect;
  const patched = (...args: unknown[]) => {
    const [first] = args;
    if (first !== null && typeof first === 'object' && !('ca' in first)) {
      args[0] = { ...first, ca };
    }
    return (original as (...a: unknown[]) => tls.TLSSocket)(...args);
  };
  tls.connect = patched as typeof tls.connect;
  return () => {
    tls.connect = original;
  };
}
