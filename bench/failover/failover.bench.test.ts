import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { it } from 'node:test';
import { postgresUnavailable } from '../../src/store/testing/pg-server.ts';
import { tableRows } from '../support.ts';

// Runs the failover benchmark tiny, to prove it works end to end and prints its table. It checks
// that figures were printed, every desktop came back and no notification was lost, never how fast:
// benchmarks are not timed tests.
const unavailable = postgresUnavailable();

it('runs the failover benchmark and prints every figure', { skip: unavailable }, () => {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'failover.bench.ts'),
      '--desktops',
      '10',
      '--jitter-ms',
      '200',
      '--concurrency',
      '5',
    ],
    { encoding: 'utf8', timeout: 170_000 },
  );
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  const [row] = tableRows(r.stdout, '10 |');
  assert.ok(row, r.stdout);
  const [desktops, back, lastSubscribed, , lastReloaded, cpu, perDesktop, , , , lost] = row;
  assert.equal(desktops, '10');
  assert.equal(back, '10', 'every desktop back on the survivor');
  for (const t of [lastSubscribed, lastReloaded, cpu]) assert.match(t, /^[\d,]+\.\d\d s$/);
  assert.match(perDesktop, /^-?[\d,]+ µs$/);
  assert.equal(lost, '0', 'no notification lost after a desktop was subscribed again');
});
