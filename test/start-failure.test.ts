/**
 * A start that cannot complete gives back every port it opened and says why; the command exits
 * non-zero instead of lingering with half its listeners (#14, "a failed start releases every port").
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startSwitchboard } from '../src/app/index.ts';
import { type PgServer, postgresUnavailable, startPgServer } from '../src/store/testing/pg-server.ts';
import { switchboardBin } from './support/switchboard-bin.ts';
import { loopbackConfig } from './support/system.ts';
import { until } from './support/until.ts';

const listen = (port = 0) =>
  new Promise<net.Server>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
const portOf = (s: net.Server) => (s.address() as net.AddressInfo).port;
const close = (s: net.Server) => new Promise<void>((resolve) => s.close(() => resolve()));

/** Ports nobody listens on right now (bound by the system, then let go). */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: n }, () => listen()));
  const ports = servers.map(portOf);
  await Promise.all(servers.map(close));
  return ports;
}

/** `switchboard start ARGS` as an operator runs it, to its exit: the code and stderr. */
async function startCli(dir: string, args: string[]) {
  const child = spawn(
    process.execPath,
    [
      await switchboardBin(),
      'start',
      ...args,
      // The demo data (or the first administrator) is hashed before the first listener: a test's
      // cost, not OWASP's.
      ...['--scrypt-cost', '1024,8,1', '--scram-iterations', '4096'],
      ...['--data-dir', path.join(dir, 'data'), '--log-dir', path.join(dir, 'logs')],
    ],
    { cwd: path.resolve(import.meta.dirname, '..'), env: { PATH: process.env.PATH }, stdio: 'pipe' },
  );
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  // A hang guard, not a time limit: a process that lingers fails with what it printed.
  const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(guard);
  return { code, stderr };
}

describe('a start that fails', () => {
  let root: string;
  let blocker: net.Server;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-start-failure-'));
    blocker = await listen();
  });
  after(async () => {
    await close(blocker);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('releases the ports it had opened and names the busy one and its flag', async () => {
    const [http, bosh, cti, ctiAdmin] = await freePorts(4);
    const config = loopbackConfig(root);
    Object.assign(config, { httpPort: http, boshPort: bosh, xmppPort: portOf(blocker) });
    Object.assign(config.cti, { simulatorPort: cti, simulatorAdminPort: ctiAdmin });
    await assert.rejects(
      startSwitchboard(config),
      new RegExp(
        `cannot listen for XMPP on 127\\.0\\.0\\.1:${portOf(blocker)}: the port is in use .*--xmpp-port`,
      ),
    );
    // Every port opened before the failure can be bound again: nothing kept it.
    for (const port of [http, bosh, cti, ctiAdmin]) await close(await listen(port));
  });

  it('refuses demo mode (known passwords) on a non-loopback address unless asked in so many words', async () => {
    const config = loopbackConfig(root);
    config.host = '0.0.0.0';
    await assert.rejects(
      startSwitchboard(config),
      /refusing to start in demo mode on 0\.0\.0\.0.*--demo-on-network/,
    );
  });

  // The simulator's port is the first one opened, so the process fails before the slow parts.
  it('ends `switchboard start` with exit code 1 and the reason on stderr', async () => {
    const { code, stderr } = await startCli(path.join(root, 'cli'), [
      ...['--cti-port', String(portOf(blocker)), '--cti-admin-port', '0', '--http-port', '0'],
    ]);
    assert.equal(code, 1, stderr);
    assert.match(
      stderr,
      /switchboard start: cannot listen for the CTI simulator .* on 127\.0\.0\.1:\d+: the port is in use/,
    );
  });

  // #15: "a node exits with a clear error when it cannot open a listener or the store at start"
  // (the command's exit code 1 for a failed start is the case above).
  it('fails when its database cannot be opened, naming it without the password', async () => {
    const [nobody] = await freePorts(1);
    const config = loopbackConfig(root);
    config.databaseUrl = `postgres://someone:hunter2@127.0.0.1:${nobody}/switchboard`;
    await assert.rejects(
      startSwitchboard(config),
      (e: Error) =>
        new RegExp(`^cannot open the configuration database 127\\.0\\.0\\.1:${nobody}/switchboard: `).test(
          e.message,
        ) && !e.message.includes('hunter2'),
    );
  });
});

// #15: "a node whose listener cannot bind (EADDRINUSE) prints the error and keeps running, holding
// its database connection": the process must end, its PostgreSQL connections with it.
describe('a start on PostgreSQL whose listener is taken', { skip: postgresUnavailable() }, () => {
  let root: string;
  let blocker: net.Server;
  let server: PgServer;
  let url: string;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-start-failure-pg-'));
    [blocker, server] = await Promise.all([listen(), startPgServer()]);
    url = await server.createDatabase(`start_failure_${process.pid}`);
  });
  after(async () => {
    await close(blocker);
    await server?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('exits with code 1 and leaves no connection to the database behind', async () => {
    const { code, stderr } = await startCli(root, [
      ...['--database-url', url, '--xmpp-port', String(portOf(blocker))],
      ...['--cti-port', '0', '--cti-admin-port', '0', '--http-port', '0', '--bosh-port', '0'],
    ]);
    assert.equal(code, 1, stderr);
    assert.match(stderr, /cannot listen for XMPP on .*the port is in use .*--xmpp-port/);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      // A backend notices its client's closed socket a moment after the process is gone: wait for
      // the count to reach 0 (a node that kept its pool would keep it above 0 until the guard).
      let left = -1;
      await until('the failed node’s database connections to end', async () => {
        const r = await admin.query(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        );
        left = r.rows[0].n;
        return left === 0;
      }).catch(() => assert.fail(`connections of the failed node: ${left}`));
    } finally {
      await admin.end();
    }
  });
});
