import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { clientLog, createScenario, DAY, restRequest } from './fixtures.ts';
import { boshSignIn } from './fixtures-presence.ts';
import { collect } from './index.ts';

const HOUR = 3_600_000;
// The system tar only reads the archive here: list it, or print one member to stdout.
const tar = (...args: string[]) => execFileSync('tar', args, { encoding: 'utf8', maxBuffer: 64 << 20 });

describe('collect', () => {
  let dir: string;
  let work: string;
  const longName = `${'very-long-client-log-name-'.repeat(6)}.log`;
  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-collect-'));
    dir = path.join(work, 'logs');
    // Morning logs, rotated (small files), then an afternoon session in fresh logs.
    const s = createScenario(dir, DAY - 2 * HOUR);
    boshSignIn(s, '2001', 'mm01');
    for (let i = 0; i < 40; i++) {
      restRequest(s, {
        agent: '2001',
        method: 'GET',
        resource: '/User/2001',
        nocache: String(1700000000000 + i),
        client: false,
      });
      s.step(60_000);
    }
    await s.flush();
    fs.renameSync(
      path.join(dir, 'openfire', 'info.log'),
      path.join(dir, 'openfire', 'info.2026-11-22T08-40-00.000.log'),
    );
    const s2 = createScenario(dir, DAY + 4 * HOUR);
    boshSignIn(s2, '2001', 'ab12');
    clientLog(s2, '2001', 'SignIn._triggerLoggedIn(): Successfully logged in!');
    await s2.flush();
    fs.copyFileSync(
      path.join(dir, 'clientlogs', '2001', 'Desktop-clientlog.2026-11-22T10-00-00.000.log'),
      path.join(dir, 'clientlogs', '2001', longName),
    );
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('writes one .tar.gz that tar -tzf lists, with every file byte for byte', async () => {
    const out = path.join(work, 'all.tar.gz');
    const r = await collect(dir, { out });
    const listed = tar('-tzf', out).trim().split('\n').sort();
    assert.equal(r.files, listed.length);
    assert.equal(r.bytes, fs.statSync(out).size);
    assert.ok(listed.includes('logs/openfire/info.2026-11-22T08-40-00.000.log'), listed.join('\n'));
    assert.ok(listed.includes(`logs/clientlogs/2001/${longName}`), 'pax long name');
    assert.ok(listed.some((f) => f.startsWith('logs/webservices/Desktop-webservices.')));
    for (const name of listed) {
      const original = fs.readFileSync(path.join(dir, name.slice('logs/'.length)), 'utf8');
      assert.equal(tar('-xzOf', out, name), original, name);
    }
  });

  it('takes only the files whose time range overlaps the window', async () => {
    const out = path.join(work, 'afternoon.tar.gz');
    const r = await collect(dir, { out, from: DAY + 3 * HOUR });
    const listed = tar('-tzf', out).trim().split('\n');
    assert.equal(r.files, listed.length);
    assert.ok(!listed.includes('logs/openfire/info.2026-11-22T08-40-00.000.log'), listed.join('\n'));
    assert.ok(listed.includes('logs/openfire/info.log'));
    const none = await collect(dir, { out: path.join(work, 'none.tar.gz'), to: DAY - 3 * HOUR });
    assert.equal(none.files, 0);
    assert.equal(tar('-tzf', none.file).trim(), '');
  });
});
