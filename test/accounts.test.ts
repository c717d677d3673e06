/**
 * Outside demo mode no account has a known password (#14 "Safe defaults"): the first
 * administrator's is generated into <data-dir>/admin.secret, `switchboard user add|passwd|list`
 * manage accounts, and the banner shows only credentials that work.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { describeStartup } from '../src/app/index.ts';
import { runCli } from '../src/app/testing/run-cli.ts';
import { $iq, signOnStrophe } from './support/strophe.ts';
import { startTestSystem, type TestSystem } from './support/system.ts';
import { until } from './support/until.ts';

describe('accounts outside demo mode', () => {
  let sys: TestSystem;
  let secretFile: string;
  // A test's password cost, not OWASP's half second.
  const cheap = ['--scrypt-cost', '1024,8,1', '--scram-iterations', '4096'];
  const user = (...args: string[]) =>
    runCli(['user', ...args, '--data-dir', sys.sb.config.dataDir, ...cheap]);
  const status = async (id: string, password: string) =>
    (await sys.api(`/finesse/api/User/${id}`, { auth: [id, password] })).status;

  before(async () => {
    sys = await startTestSystem((c) => {
      c.demo = false;
    });
    secretFile = path.join(sys.sb.config.dataDir, 'admin.secret');
  });
  after(() => sys?.stop());

  it('creates the first administrator with a generated password only its owner can read', async () => {
    assert.equal(fs.statSync(secretFile).mode & 0o777, 0o600);
    const password = fs.readFileSync(secretFile, 'utf8').trim();
    assert.match(password, /^[A-Za-z0-9]{24}$/);
    assert.equal(await status('admin', password), 200);
    assert.equal(await status('admin', 'admin'), 401);
    assert.equal(await status('2001', '2001'), 401, 'no demo agents');
    const banner = await describeStartup(sys.sb);
    assert.doesNotMatch(banner, /Demo credentials/);
    assert.match(
      banner,
      new RegExp(`Administrator: admin, password in ${secretFile.replaceAll('/', '\\/')}`),
    );
  });

  it('adds a user with a password from a file, lists it, and changes a password', async () => {
    const file = path.join(sys.sb.config.dataDir, 'new-password');
    fs.writeFileSync(file, 'Tr0ub4dor&3\n');
    const added = await user(
      'add',
      '3001',
      '--roles',
      'Agent',
      '--first-name',
      'Ada',
      '--password-file',
      file,
    );
    assert.deepEqual([added.code, added.out], [0, 'created 3001\n']);
    assert.equal(await status('3001', 'Tr0ub4dor&3'), 200);

    const listed = await user('list');
    assert.match(listed.out, /^3001\s+3001\s+Ada\s+Agent/m);
    assert.match(listed.out, /^admin\s+admin\s+Switchboard Administrator\s+Administrator/m);

    const changed = await user('passwd', 'admin');
    const generated = /password: (\S+)/.exec(changed.out)?.[1] ?? '';
    assert.equal(changed.code, 0, changed.text);
    assert.equal(await status('admin', generated), 200);
    assert.doesNotMatch(
      await describeStartup(sys.sb),
      /Administrator: admin/,
      'the old secret no longer works',
    );

    assert.equal((await user('add', '3001', '--password-file', file)).code, 1);
    assert.match((await user('add', '3002', '--roles', 'Boss')).err, /--roles: unknown role Boss/);
    assert.equal((await user('remove', '3001')).code, 2);
  });

  it('a user added beside the running node gets its notification nodes at once (no restart)', async () => {
    const file = path.join(sys.sb.config.dataDir, 'agent-password');
    fs.writeFileSync(file, 'Agent-3003-pw\n');
    assert.equal((await user('add', '3003', '--roles', 'Agent', '--password-file', file)).code, 0);
    // The command wrote the database file from its own connection, as from another process; the
    // node reads it from the change log and makes the user's nodes, subscribed, as at start.
    const desktop = await signOnStrophe(sys.bosh, '3003@localhost/desktop', 'Agent-3003-pw');
    try {
      const items = () =>
        desktop.iq(
          $iq({ type: 'get', to: 'pubsub.localhost' })
            .c('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' })
            .c('items', { node: '/finesse/api/User/3003' }),
        );
      await until('the node of the new user', async () => (await items()).getAttribute('type') === 'result');
    } finally {
      await desktop.disconnect().catch(() => {});
    }
  });
});
