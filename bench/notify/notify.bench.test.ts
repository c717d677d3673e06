import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { it } from 'node:test';
import { skipUnlessPeer } from '../../test/support/peers.ts';
import { tableRows } from '../support.ts';

// Runs the benchmark briefly, against Switchboard and Prosody (installed by the test script), to
// prove it works end to end and prints its tables. It checks that figures were printed and that
// every event arrived, never how fast: benchmarks are not timed tests.
function hasProsody(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v prosody'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

it('runs the notification benchmark against both servers and prints every figure', (t) => {
  // Prosody is the reference peer: missing, this fails; left out of the run on purpose, the
  // benchmark runs against Switchboard alone and says so.
  const leftOut = skipUnlessPeer(
    'prosody',
    hasProsody() ? undefined : 'prosody is not installed: run scripts/install-prosody.sh (as root)',
  );
  const servers = leftOut ? ['Switchboard'] : ['Switchboard', 'Prosody'];
  if (leftOut) t.diagnostic(`${leftOut}: Switchboard alone`);
  const bench = path.join(import.meta.dirname, 'notify.bench.ts');
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      bench,
      '--sessions',
      '20',
      // One step: the ramp stops early when p99 passes 100 ms, which a loaded machine decides.
      // Two seconds: even seconds publish to user nodes, odd ones to team nodes.
      '--steps',
      '10',
      '--seconds',
      '2',
      '--concurrency',
      '10',
      '--sign-ins',
      '40',
      '--sample-accounts',
      '2',
      '--servers',
      servers.join(',').toLowerCase(),
    ],
    { encoding: 'utf8', timeout: 300_000 },
  );
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  const rows = (first: string) => tableRows(r.stdout, first);
  for (const server of servers) {
    const [signIn] = rows(`${server} (`);
    assert.ok(signIn, `${server} sign-in row in ${r.stdout}`);
    const [, perSecond, cpu, held, rss] = signIn;
    assert.match(perSecond, /^[\d,]+$/);
    assert.match(cpu, /^[\d,]+ µs$/);
    assert.match(held, /^2[01]$/, 'every desktop held (Switchboard also counts the publisher)');
    assert.match(rss, /^-?[\d,]+\.\d kB$/);
    const steps = rows(`${server} |`).filter((row) => /^\d+$/.test(row[1]));
    assert.deepEqual(
      steps.map((s) => s[1]),
      ['10'],
    );
    for (const [, , deliveries, , p50, p99, , perDelivery] of steps) {
      const [got, expected] = deliveries.split('/');
      assert.equal(got, expected, 'every delivery arrived');
      for (const p of [p50, p99]) assert.match(p, /^[\d,]+\.\d\d$/);
      assert.match(perDelivery, /^[\d,]+ µs$/);
    }
  }
  // Switchboard's sign-in cost by mechanism, on the real store at the product's hashing cost.
  const costs = rows('Switchboard | ');
  const byMode = new Map(costs.filter((c) => /^[\d,]+$/.test(c[2])).map((c) => [c[1], c]));
  assert.deepEqual(
    [...byMode.keys()],
    [
      'PLAIN, password checked (scrypt N=2^17, r=8, p=1)',
      'PLAIN, verified password cached',
      'SCRAM-SHA-256, stored keys',
      'SCRAM-SHA-1, stored keys',
      'OAUTHBEARER, session token',
    ],
    r.stdout,
  );
  for (const [label, [, , count, cpu, alone]] of byMode) {
    assert.equal(count, label.includes('checked') ? '2' : '40', `${label}: every sign-in succeeded`);
    assert.match(cpu, /^[\d,]+ µs$/);
    assert.match(alone, label.includes('checked') ? /^\(the hash\)$/ : /^[\d,]+ µs$/);
  }
  if (servers.length === 2) assert.match(r.stdout, /\| server CPU per delivery, K = 10 \| \d+\.\d\d× \|/);
});
