/**
 * The node's certificate, for every TLS listener: the configured PEM files, or one generated for
 * every name and address the node answers on. It is read again without a restart — on a reload
 * (SIGHUP: certbot's deploy hook, `systemctl reload`) and, for a generated one, once a day, so
 * that it is renewed before it expires — and handed to the listeners; connections already open
 * keep the certificate they started with.
 */
import os from 'node:os';
import path from 'node:path';
import type { TextLog } from '../logs/index.ts';
import { loadTlsCredentials, type TlsCredentials } from '../notify/index.ts';
import type { Config } from './config.ts';

const DAILY_MS = 24 * 3600 * 1000;

export interface NodeTls {
  readonly credentials: TlsCredentials;
  /** Called with a certificate that differs from the one in use. */
  onChange(apply: (credentials: TlsCredentials) => void): void;
  /** Reads the files again (renewing a generated certificate when due); a bad pair keeps the old. */
  reload(): Promise<void>;
  stop(): void;
}

/** Every name a client may use for this node: configured names, host names, interface addresses. */
export function nodeNames(config: Config): string[] {
  const addresses = Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && !a.internal && !a.address.startsWith('fe80:'))
    .map((a) => a!.address);
  const listen = config.host === '0.0.0.0' || config.host === '::' ? [] : [config.host];
  return [
    ...new Set(
      [
        config.xmppDomain,
        config.primaryHost,
        config.nodeHost.replace(/:\d+$/, ''),
        os.hostname(),
        ...listen,
        ...addresses,
      ]
        .filter((h): h is string => !!h)
        .map((h) => h.toLowerCase()),
    ),
  ];
}

export async function loadNodeTls(config: Config, log: TextLog): Promise<NodeTls> {
  const options = {
    dir: path.join(config.dataDir, 'tls'),
    certFile: config.tlsCert,
    keyFile: config.tlsKey,
    hostNames: nodeNames(config),
    log,
  };
  let credentials = await loadTlsCredentials(options);
  const listeners: ((c: TlsCredentials) => void)[] = [];
  const reload = async () => {
    let next: TlsCredentials;
    try {
      next = await loadTlsCredentials(options);
    } catch (e) {
      log.write(`TLS certificate not reloaded, keeping the one in use: ${(e as Error).message}`);
      return;
    }
    if (next.cert === credentials.cert && next.key === credentials.key) return;
    try {
      for (const apply of listeners) apply(next);
    } catch (e) {
      log.write(`TLS certificate not reloaded, keeping the one in use: ${(e as Error).message}`);
      return;
    }
    credentials = next;
    log.write(`TLS certificate reloaded from ${next.certFile}: new connections use it`);
  };
  const daily = credentials.isGenerated ? setInterval(() => void reload(), DAILY_MS).unref() : undefined;
  return {
    get credentials() {
      return credentials;
    },
    onChange: (apply) => listeners.push(apply),
    reload,
    stop: () => clearInterval(daily),
  };
}
