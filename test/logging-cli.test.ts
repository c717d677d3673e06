/**
 * `switchboard notification|webservices logging enable|disable|status` against a running node:
 * switching notification debug on makes BOSH traffic appear in openfire/debug.log at once, and
 * switching it off stops it — no restart, as with `utils finesse notification logging enable`.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCommandLine } from '../src/app/options/index.ts';
import { runCli } from '../src/app/testing/run-cli.ts';
import { formatTrace, trace } from '../src/logs/index.ts';
import { signOnStrophe } from './support/strophe.ts';
import { basic, startTestSystem, type TestSystem } from './support/system.ts';

describe('switchboard notification|webservices logging', () => {
  let sys: TestSystem;
  before(async () => {
    sys = await startTestSystem();
  });
  after(() => sys?.stop());

  async function run(...args: string[]): Promise<[number, string]> {
    const { code, text } = await runCli(args);
    return [code, text];
  }
  const node = () => ['--url', sys.base, '--user', 'admin', '--password', 'admin'];

  async function boshSession(jid: string, password: string) {
    const c = await signOnStrophe(sys.bosh, jid, password);
    await c.disconnect();
  }

  it('switches notification debug on and off on the running node', async () => {
    assert.deepEqual(await run('notification', 'logging', 'status', ...node()), [
      0,
      `notification service debug logging: disabled on ${sys.base}\n`,
    ]);
    await boshSession('2001@localhost/before', '2001');
    assert.ok(!(await sys.logs()).openfire.includes('HTTP RECV('), 'no BOSH traffic in debug.log while off');

    assert.equal((await run('notification', 'logging', 'enable', ...node()))[1].includes('enabled'), true);
    assert.equal(sys.sb.notify.isDebugEnabled, true);
    await boshSession('2001@localhost/during', '2001');
    const during = (await sys.logs()).openfire;
    assert.ok(during.includes('Notification service debug logging enabled'), 'info.log records the switch');
    assert.ok(during.includes('HTTP RECV('), 'debug.log shows the BOSH traffic');

    const [code, out] = await run('notification', 'logging', 'disable', ...node());
    assert.equal(code, 0);
    assert.match(out, /disabled/);
    const size = (await sys.logs()).openfire.length;
    await boshSession('2001@localhost/after', '2001');
    const afterwards = (await sys.logs()).openfire.slice(size);
    assert.ok(!afterwards.includes('HTTP RECV('), `no BOSH traffic logged once off:\n${afterwards}`);
  });

  it('switches webservices debug and reports it', async () => {
    assert.equal((await run('webservices', 'logging', 'enable', ...node()))[0], 0);
    assert.equal(sys.sb.logs.webservices.debugEnabled, true);
    assert.deepEqual(await run('webservices', 'logging', 'status', ...node()), [
      0,
      `webservices debug logging: enabled on ${sys.base}\n`,
    ]);
    await run('webservices', 'logging', 'disable', ...node());
    assert.equal(sys.sb.logs.webservices.debugEnabled, false);
    assert.match((await sys.logs()).webservices, /LOGGING_LEVEL_CHANGED.*Webservices debug logging enabled/);
  });

  it('fails clearly: not an administrator, nobody listening, bad usage', async () => {
    const [agent, why] = await run(
      'notification',
      'logging',
      'enable',
      '--url',
      sys.base,
      '--user',
      '2001',
      '--password',
      '2001',
    );
    assert.equal(agent, 1);
    assert.match(why, /HTTP 401: Authorization Failure/);
    assert.equal(sys.sb.notify.isDebugEnabled, false);
    assert.equal((await run('notification', 'logging', 'status', '--url', 'http://127.0.0.1:1'))[0], 1);
    assert.equal((await run('notification', 'logging', 'louder'))[0], 2);
    assert.equal((await run('notification', 'logging', 'status', '--port', '1'))[0], 2);
  });
});

describe('--log-json, rotation flags and client logs on a running node', () => {
  let sys: TestSystem;
  before(async () => {
    sys = await startTestSystem((c) => {
      const { config } = parseCommandLine(
        'start',
        ['--log-json', '--log-max-file-mb', '1', '--log-max-files', '4'],
        {},
      );
      c.logJson = config.logJson;
      c.logMaxFileMb = config.logMaxFileMb;
      c.logMaxFiles = config.logMaxFiles;
      c.notifyDebug = true;
    });
  });
  after(() => sys?.stop());

  it('writes JSON lines that trace still follows, and keeps uploaded client logs one file per agent', async () => {
    assert.deepEqual(
      [sys.sb.config.logJson, sys.sb.config.logMaxFileMb, sys.sb.config.logMaxFiles],
      [true, 1, 4],
    );
    const desktop = await signOnStrophe(sys.bosh, '2001@localhost/desktop', '2001');
    const requestId = '0d3c7a52-json-sign-in';
    const res = await sys.api('/finesse/api/User/2001', {
      method: 'PUT',
      auth: basic('2001'),
      headers: { requestId },
      body: '<User><state>LOGIN</state><extension>2003</extension></User>',
    });
    assert.equal(res.status, 202);
    await desktop.waitForEvent((e) => e.payload.includes(requestId));
    for (const text of ['first upload', 'second upload']) {
      const up = await sys.api('/finesse/api/User/2001/ClientLog', {
        method: 'POST',
        auth: basic('2001'),
        body: `<ClientLog><logData>2026-11-22T10:00:00.000 +00:00: : host: Container : ${text}</logData></ClientLog>`,
      });
      assert.ok(up.status < 300, await up.text());
    }
    await desktop.disconnect();
    await sys.sb.logs.flush();

    for (const sub of ['webservices', 'openfire', 'tomcat', 'cti']) {
      const folder = path.join(sys.sb.config.logDir, sub);
      for (const f of fs.readdirSync(folder)) {
        const first = fs.readFileSync(path.join(folder, f), 'utf8').split('\n')[0];
        assert.equal(typeof JSON.parse(first).time, 'string', `${sub}/${f}: ${first}`);
      }
    }
    const result = await trace(sys.sb.config.logDir, requestId);
    assert.equal(result.brokenAt, undefined, formatTrace(result));
    const steps = result.hops.map((h) => h.step);
    for (const s of [
      'access log',
      'API_REQUEST',
      'CONF',
      'AGENT_STATE_EVENT',
      'XMPP_PUBLISH_ASYNCHRONOUS',
      'delivery',
    ])
      assert.ok(steps.includes(s), `${s} in ${steps.join(' → ')}`);

    const dir = path.join(sys.sb.config.logDir, 'clientlogs', '2001');
    const files = fs.readdirSync(dir);
    assert.equal(files.length, 1, files.join());
    assert.match(files[0], /^2001\.\d{4}-\d\d-\d\dT[\d-]+\.\d{3}\.log$/);
    assert.match(fs.readFileSync(path.join(dir, files[0]), 'utf8'), /first upload[\s\S]*second upload/);
  });
});
