import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { it } from 'node:test';

// Runs the benchmark briefly to prove it works end to end and prints its table. It checks that
// figures were printed, never how fast they are: benchmarks are not timed tests.
it('runs the notification benchmark and prints every figure', () => {
  const bench = path.join(import.meta.dirname, 'notify.bench.ts');
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      bench,
      '--sessions',
      '20',
      '--publishes',
      '100',
      '--rate',
      '500',
      '--concurrency',
      '10',
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  const cell = (name: string) =>
    r.stdout
      .split('\n')
      .find((l) => l.startsWith(`| ${name} |`))
      ?.split('|')
      .map((c) => c.trim())
      .slice(1, -1);
  assert.match(cell('logins/s')?.[1] ?? '', /^\d+$/, r.stdout);
  assert.equal(cell('sessions held')?.[1], '20');
  assert.match(cell('heap per session')?.[1] ?? '', /^-?\d+\.\d kB$/);
  assert.match(cell('RSS per session')?.[1] ?? '', /^-?\d+\.\d kB$/);
  for (const phase of ['paced', 'burst']) {
    const row = cell(phase);
    assert.ok(row, `${phase} row in ${r.stdout}`);
    const [, published, deliveries, eventsPerSecond, p50, p99] = row;
    assert.equal(published, '100');
    assert.equal(deliveries, '550/550', 'every delivery arrived');
    assert.match(eventsPerSecond, /^\d+$/);
    for (const p of [p50, p99]) assert.match(p, /^\d+\.\d\d$/);
  }
});
