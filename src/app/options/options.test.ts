/** The option registry: one declaration per option gives the parser, the defaults, the help and the README. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../testing/run-cli.ts';
import {
  COMMANDS,
  envName,
  OPTIONS,
  optionsOf,
  parseCommandLine,
  renderOptionTable,
  UsageError,
} from './index.ts';

const start = (args: string[], env: NodeJS.ProcessEnv = {}) => parseCommandLine('start', args, env).config;

describe('the option registry', () => {
  it('declares each option once: names unique per command, variables unique, a doc each', () => {
    for (const command of COMMANDS) {
      const names = optionsOf(command).map((o) => o.name);
      assert.deepEqual(names, [...new Set(names)], `duplicate option of ${command}`);
    }
    const envs = OPTIONS.map(envName).filter(Boolean);
    assert.deepEqual(envs, [...new Set(envs)]);
    for (const o of OPTIONS) {
      assert.ok(o.doc.length > 0 && !o.doc.includes('\n'), `${o.name}: one line of doc`);
      assert.ok(o.commands.length > 0, `${o.name}: taken by no command`);
    }
  });

  it('keeps the embedded defaults of a fresh machine (demo mode on loopback)', () => {
    const c = start([]);
    assert.equal(c.demo, true);
    assert.equal(c.host, '127.0.0.1');
    assert.deepEqual(
      [c.httpPort, c.boshPort, c.xmppPort, c.cti.simulatorPort, c.cti.simulatorAdminPort],
      [8082, 7071, 5222, 42027, 42080],
    );
    assert.equal(c.cti.simulator, true);
    assert.equal(c.dataDir, path.resolve('data'));
    assert.equal(c.plainAuth, 'loopback');
    assert.equal(c.xmppTlsPort, undefined);
    assert.equal(c.presenceLogoutDelaySec, 60);
  });

  it('takes a flag over its variable over the default, in both spellings', () => {
    assert.equal(start(['--http-port', '9000'], { SWITCHBOARD_HTTP_PORT: '9001' }).httpPort, 9000);
    assert.equal(start(['--http-port=9002']).httpPort, 9002);
    assert.equal(start([], { SWITCHBOARD_HTTP_PORT: '9001' }).httpPort, 9001);
    assert.equal(start([], { SWITCHBOARD_XMPP_DOMAIN: 'finesse.example' }).primaryHost, 'finesse.example');
    assert.equal(start(['--https-port', 'off']).httpsPort, 'off');
    assert.equal(start([], { SWITCHBOARD_QUEUE_STATS_INTERVAL: '2' }).queueStatsIntervalSec, 2);
  });

  it('leaves demo mode for a real CTI server or PostgreSQL, unless asked, and then listens everywhere', () => {
    const real = start(['--cti-servers', 'cti-a:42027,cti-b']);
    assert.deepEqual(real.cti.sides, [
      { host: 'cti-a', port: 42027 },
      { host: 'cti-b', port: 42027 },
    ]);
    assert.deepEqual([real.cti.simulator, real.demo, real.host], [false, false, '0.0.0.0']);
    assert.equal(start(['--database-url', 'postgres://db/sb']).demo, false);
    assert.equal(start(['--database-url', 'postgres://db/sb', '--demo']).demo, true);
    assert.equal(start(['--no-demo']).demo, false);
    assert.equal(start([], { SWITCHBOARD_DEMO: 'false' }).demo, false);
    assert.equal(start(['--no-demo']).host, '0.0.0.0');
    assert.equal(parseCommandLine('cti-sim', ['--port', '4100'], {}).config.cti.simulatorPort, 4100);
  });

  it('names the flag or the variable that is wrong', () => {
    const refuses = (args: string[], env: NodeJS.ProcessEnv, message: RegExp) =>
      assert.throws(
        () => start(args, env),
        (e: Error) => e instanceof UsageError && message.test(e.message),
      );
    refuses(['--htp-port', '1'], {}, /unknown option --htp-port for 'switchboard start'/);
    refuses(['--http-port', '70000'], {}, /^--http-port: not a port/);
    refuses(['--http-port'], {}, /^--http-port needs a value/);
    refuses(['--quiet=yes'], {}, /^--quiet takes no value/);
    refuses(
      [],
      { SWITCHBOARD_HTTP_PORT: 'eighty' },
      /^SWITCHBOARD_HTTP_PORT: not a port \(0-65535\): 'eighty'/,
    );
    refuses([], { SWITCHBOARD_DEMO: 'maybe' }, /^SWITCHBOARD_DEMO: not true or false/);
    refuses(
      [],
      { SWITCHBOARD_PLAIN_AUTH: 'sometimes' },
      /^SWITCHBOARD_PLAIN_AUTH: one of loopback, always, never/,
    );
    refuses(['--cti-servers', 'host:port'], {}, /^--cti-servers: not host:port/);
    refuses(['--log-max-files', '0'], {}, /^--log-max-files: must be at least 1/);
    refuses(['--demo', '--no-demo'], {}, /both given/);
    // A variable a command does not take is not read, so a stale one cannot break another command.
    assert.doesNotThrow(() => parseCommandLine('diagnose', [], { SWITCHBOARD_HTTP_PORT: 'eighty' }));
  });

  it('gives every command a --help listing its options, and the README the table of start', async () => {
    for (const command of COMMANDS) {
      const r = await runCli([command, '--help']);
      assert.equal(r.code, 0, r.text);
      assert.match(r.out, new RegExp(`switchboard ${command}`));
      for (const o of optionsOf(command)) if (o.isFlag !== false) assert.ok(r.out.includes(`--${o.name}`));
    }
    const usage = await runCli(['start', '--bogus']);
    assert.equal(usage.code, 2);
    assert.match(usage.err, /unknown option --bogus .*\n\(see 'switchboard start --help'\)/);
    const readme = fs.readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const table = /<!-- options:start -->\n([\s\S]*?)\n<!-- options:end -->/.exec(readme)?.[1];
    assert.equal(table, renderOptionTable('start'), 'run: node scripts/update-readme-options.mjs');
  });
});
