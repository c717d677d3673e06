import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Config, defaultConfig, type Switchboard, startSwitchboard } from '../../src/app/index.ts';
import { TEST_HASHING } from '../../src/store/testing/hashing.ts';
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

/** The whole system on loopback ports the OS chooses, with its own data and log folders. */
export async function startTestSystem(overrides: (c: Config) => void = () => {}): Promise<TestSystem> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-test-'));
  const config = loopbackConfig(root);
  overrides(config);
  const sb = await startSwitchboard(config);
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
