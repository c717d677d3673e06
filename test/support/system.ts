import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Config, defaultConfig, type Switchboard, startSwitchboard } from '../../src/app/index.ts';
import type { CtiSimulator } from '../../src/cti/index.ts';
import { TEST_HASHING } from '../../src/store/testing/hashing.ts';
import { type CuttableProxy, startCuttableProxy, startDemoSimulator } from './cti.ts';
import { until } from './until.ts';

export interface TestSystem {
  sb: Switchboard;
  base: string;
  bosh: string;
  /** `fetch` against the REST API with optional Basic credentials. */
  api(pathAndQuery: string, init?: RequestInit & { auth?: [string, string] }): Promise<Response>;
  /** The CTI simulator's admin API (a JSON body, its bearer token), as `switchboard sim` calls it. */
  simAdmin(path: string, method?: string, body?: object): Promise<Response>;
  /** Every log line written so far, per log folder (webservices, openfire, tomcat, cti, cti-server). */
  logs(): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/**
 * The defaults, on loopback: every listener (the CTI simulator and its admin API too) on a port
 * the OS chooses, data and logs under `root`, no banner. Tests and benchmarks start from it.
 */
export function loopbackConfig(root: string): Config {
  const config = defaultConfig({});
  config.host = '127.0.0.1';
  config.httpPort = 0;
  config.boshPort = 0;
  config.xmppPort = 0;
  config.cti.simulatorPort = 0;
  config.cti.simulatorAdminPort = 0;
  config.dataDir = path.join(root, 'data');
  config.logDir = path.join(root, 'logs');
  config.quiet = true;
  config.passwordHashing = TEST_HASHING;
  return config;
}

/**
 * A node generates its self-signed certificate at its first start (~0.3 s of CPU). Test systems
 * naming the same hosts share the first one's, copied into each data folder before it starts:
 * the node still checks it (its names, its expiry) and generates its own when it does not fit.
 * One that is not yet valid on this clock (a run under faketime) is left alone.
 */
const TLS_CACHE = path.join(os.tmpdir(), 'switchboard-test-tls');

function tlsCacheFor(config: Config): string {
  const key = createHash('sha256')
    .update(
      JSON.stringify([
        [config.xmppDomain, config.primaryHost, config.nodeHost, config.host, os.hostname()],
        // The node names its interfaces' addresses too; other tests add and remove interfaces.
        Object.values(os.networkInterfaces())
          .flat()
          .map((a) => a?.address),
      ]),
    )
    .digest('hex')
    .slice(0, 16);
  return path.join(TLS_CACHE, key);
}

/** Before a node of `config` starts (in this process or as `switchboard start`): the cached certificate. */
export function reuseTls(config: Config): void {
  if (config.tlsCert || config.tlsKey) return;
  const cached = tlsCacheFor(config);
  try {
    const cert = fs.readFileSync(path.join(cached, 'cert.pem'));
    if (Date.parse(new X509Certificate(cert).validFrom) > Date.now()) return;
    const dir = path.join(config.dataDir, 'tls');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.copyFileSync(path.join(cached, 'key.pem'), path.join(dir, 'key.pem'));
    fs.chmodSync(path.join(dir, 'key.pem'), 0o600);
    fs.writeFileSync(path.join(dir, 'cert.pem'), cert);
  } catch {
    // Nothing cached yet: this node generates one, and keepTls offers it to the next.
  }
}

/** After a node of `config` started: its certificate for the next, when none is cached. */
export function keepTls(config: Config): void {
  const cached = tlsCacheFor(config);
  const dir = path.join(config.dataDir, 'tls');
  if (config.tlsCert || config.tlsKey || fs.existsSync(cached) || !fs.existsSync(path.join(dir, 'key.pem')))
    return;
  try {
    // Both files, or neither: written beside and renamed into place (other test processes race).
    fs.mkdirSync(TLS_CACHE, { recursive: true, mode: 0o700 });
    const tmp = fs.mkdtempSync(`${cached}-`);
    try {
      for (const f of ['cert.pem', 'key.pem']) fs.copyFileSync(path.join(dir, f), path.join(tmp, f));
      fs.renameSync(tmp, cached);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  } catch {
    // Another process kept its own first: as good.
  }
}

/** The whole system on loopback ports the OS chooses, with its own data and log folders. */
export async function startTestSystem(overrides: (c: Config) => void = () => {}): Promise<TestSystem> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-test-'));
  const config = loopbackConfig(root);
  overrides(config);
  reuseTls(config);
  const sb = await startSwitchboard(config);
  keepTls(config);
  const base = `http://127.0.0.1:${sb.ports.http}`;
  await until('the CTI link to come up', () => sb.core.isInService());
  return {
    sb,
    base,
    bosh: `http://127.0.0.1:${sb.ports.bosh}/http-bind`,
    api(p, init = {}) {
      const headers = new Headers(init.headers);
      if (init.auth)
        headers.set('Authorization', `Basic ${Buffer.from(init.auth.join(':')).toString('base64')}`);
      return fetch(base + p, { ...init, headers });
    },
    simAdmin(p, method = 'GET', body) {
      return fetch(`http://127.0.0.1:${sb.ports.ctiAdmin}${p}`, {
        method,
        headers: {
          Authorization: `Bearer ${sb.ctiAdminToken}`,
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        body: body && JSON.stringify(body),
      });
    },
    async logs() {
      await sb.logs.flush();
      const out: Record<string, string> = {};
      for (const sub of fs.readdirSync(config.logDir)) {
        const dir = path.join(config.logDir, sub);
        out[sub] = fs
          .readdirSync(dir)
          .sort()
          .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
          .join('');
      }
      return out;
    },
    async stop() {
      await sb.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A system whose CTI link runs through a proxy the test can cut, to a demo simulator of its own. */
export interface SystemBehindProxy {
  simulator: CtiSimulator;
  proxy: CuttableProxy;
  sys: TestSystem;
  /** Stops the system, then the proxy and the simulator. */
  stop(): Promise<void>;
}

export async function startSystemBehindProxy(): Promise<SystemBehindProxy> {
  const simulator = await startDemoSimulator();
  const proxy = await startCuttableProxy(simulator.port);
  const sys = await startTestSystem((c) => {
    c.cti.simulator = false;
    c.cti.sides = [{ host: '127.0.0.1', port: proxy.port }];
  });
  return {
    simulator,
    proxy,
    sys,
    async stop() {
      await sys.stop();
      await proxy.close();
      await simulator.stop();
    },
  };
}

export const basic = (id: string, password = id): [string, string] => [id, password];

/** A desktop that can wait for the notification a request caused (support/strophe.ts). */
interface Notified {
  waitForEvent(pred: (e: { payload: string }) => boolean): Promise<unknown>;
}

/**
 * A PUT as `who` with a requestId, answered 202 (an asynchronous request, requestId echoed);
 * with `desktop`, also the Update that carries that requestId.
 */
export async function putAccepted(
  sys: TestSystem,
  who: string,
  path: string,
  body: string,
  requestId: string,
  desktop?: Notified,
): Promise<void> {
  const res = await sys.api(path, { method: 'PUT', auth: basic(who), headers: { requestId }, body });
  assert.equal(res.status, 202, await res.text());
  assert.equal(res.headers.get('requestId'), requestId);
  await desktop?.waitForEvent((e) => e.payload.includes(`<requestId>${requestId}</requestId>`));
}
