import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { it } from 'node:test';

// Runs the benchmark briefly to prove it works end to end and prints its table. It checks that
// figures were printed, never how fast they are: benchmarks are not timed tests.
it('runs the REST API benchmark and prints a figure for every scenario', () => {
  const bench = path.join(import.meta.dirname, 'api.bench.ts');
  const r = spawnSync(process.execPath, ['--import', 'tsx', bench, '--seconds', '1', '--concurrency', '20'], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const rows = r.stdout.split('\n').filter((l) => /^\| (bare|GET|PUT) /.test(l));
  assert.equal(rows.length, 3, r.stdout);
  for (const row of rows) {
    const cells = row.split('|').map((c) => c.trim());
    assert.match(cells[3], /^\d+$/, `req/s in ${row}`);
    for (const p of cells.slice(4, 7)) assert.match(p, /^\d+\.\d\d$/, `latency in ${row}`);
  }
});
