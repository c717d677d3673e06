/**
 * `switchboard start` as a service manager runs it (#14 "Logs for services"): JSON lines on
 * standard output with --log-stdout (the banner on stderr), SIGHUP reopening the log files after
 * logrotate moved them, SIGTERM stopping in order with exit code 0 and the logs flushed.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { until } from './support/until.ts';

describe('switchboard start under a service manager', () => {
  let root: string;
  let child: ChildProcess;
  let stdout = '';
  let stderr = '';
  let base = '';
  let exited: Promise<number | null>;
  const logDir = () => path.join(root, 'logs');

  /** Resolves once `pred` holds for what has been read so far. */
  const untilOutput = (pred: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pred()) {
          child.stdout?.off('data', check);
          child.stderr?.off('data', check);
          resolve();
        }
      };
      child.stdout?.on('data', check);
      child.stderr?.on('data', check);
      exited.then((code) => reject(new Error(`exited ${code}\n${stderr}`)));
      check();
    });

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-service-'));
    child = spawn(
      process.execPath,
      [
        'bin/switchboard.js',
        'start',
        '--log-stdout',
        ...[
          '--http-port',
          '0',
          '--bosh-port',
          '0',
          '--xmpp-port',
          '0',
          '--cti-port',
          '0',
          '--cti-admin-port',
          '0',
        ],
        ...['--https-port', 'off', '--bosh-tls-port', 'off', '--xmpp-tls-port', 'off'],
        ...['--scrypt-cost', '1024,8,1', '--scram-iterations', '4096'],
        ...['--data-dir', path.join(root, 'data'), '--log-dir', logDir()],
      ],
      { cwd: path.resolve(import.meta.dirname, '..'), env: { PATH: process.env.PATH }, stdio: 'pipe' },
    );
    child.stdout?.on('data', (d) => {
      stdout += d;
    });
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    exited = new Promise((resolve) => child.on('exit', resolve));
    await untilOutput(() => /Agent desktop\s+http:\/\/[^/]+\//.test(stderr));
    base = /Agent desktop\s+(http:\/\/[^/]+)\//.exec(stderr)?.[1] ?? '';
  });
  after(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('writes JSON lines only on standard output, the banner on standard error', async () => {
    assert.equal((await fetch(`${base}/finesse/api/SystemInfo`)).status, 200);
    await untilOutput(() => stdout.includes('"log":"access"'));
    const lines = stdout.trimEnd().split('\n');
    for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), line);
    assert.ok(lines.some((l) => JSON.parse(l).path === '/finesse/api/SystemInfo'));
    assert.doesNotMatch(stdout, /Switchboard is running/);
  });

  it('reopens its log files on SIGHUP, after logrotate moved them away', async () => {
    const dir = path.join(logDir(), 'tomcat');
    // The access log of the requests so far is written in batches: wait for its file to exist.
    await until('the access log file', () => fs.existsSync(dir) && fs.readdirSync(dir).length > 0);
    const [file] = fs.readdirSync(dir);
    fs.renameSync(path.join(dir, file), path.join(dir, `${file}.1`));
    child.kill('SIGHUP');
    // Requests until one lands in a new file by the old name (the signal is handled asynchronously).
    while (!fs.existsSync(path.join(dir, file))) {
      assert.equal((await fetch(`${base}/finesse/api/SystemInfo?nocache=after-hup`)).status, 200);
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(child.exitCode, null, 'SIGHUP does not end the process');
  });

  it('stops in order on SIGTERM, through maintenance mode: exit code 0, the notification service stopped and logged', async () => {
    child.kill('SIGTERM');
    assert.equal(await exited, 0, stderr);
    // SIGTERM is Finesse's maintenance mode first (no other node here: nobody to wait for).
    assert.match(stderr, /SIGTERM: maintenance mode/);
    assert.match(stdout, /"log":"webservices".*Maintenance mode started by SIGTERM/);
    assert.match(stdout, /"log":"webservices".*Maintenance mode COMPLETED/);
    assert.match(stderr, /switchboard: stopping/);
    const info = fs.readFileSync(path.join(logDir(), 'openfire', 'info.log'), 'utf8');
    assert.match(info, /Notification service stopped/);
  });
});
