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
import { startSwitchboard } from '../src/app/index.ts';
import { loopbackConfig } from './support/system.ts';

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
    const child = spawn(
      process.execPath,
      [
        'bin/switchboard.js',
        'start',
        ...['--cti-port', String(portOf(blocker)), '--cti-admin-port', '0', '--http-port', '0'],
        // The demo data is hashed before the first listener: a test's cost, not OWASP's.
        ...['--scrypt-cost', '1024,8,1', '--scram-iterations', '4096'],
        ...['--data-dir', path.join(root, 'cli-data'), '--log-dir', path.join(root, 'cli-logs')],
      ],
      { cwd: path.resolve(import.meta.dirname, '..'), env: { PATH: process.env.PATH }, stdio: 'pipe' },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 1, stderr);
    assert.match(
      stderr,
      /switchboard start: cannot listen for the CTI simulator .* on 127\.0\.0\.1:\d+: the port is in use/,
    );
  });
});
