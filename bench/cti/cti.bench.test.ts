import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { it } from 'node:test';
import { tableRows } from '../support.ts';

// Runs the benchmark briefly to prove it works end to end and prints its tables. It checks that
// figures were printed and every call ended, never how fast: benchmarks are not timed tests.
it('runs the CTI benchmark and prints every figure', () => {
  const bench = path.join(import.meta.dirname, 'cti.bench.ts');
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', bench, '--codec-ms', '50', '--seconds', '0.5', '--rate', '8'],
    { encoding: 'utf8', timeout: 300_000 },
  );
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  const rows = (first: string) => tableRows(r.stdout, first);
  const number = /^\d+(\.\d+)?$/;
  const codec = rows('v');
  assert.deepEqual(
    codec.map((c) => c[0]),
    ['v17 (1-byte tags)', 'v24 (2-byte tags)'],
    r.stdout,
  );
  for (const [, encode, decode, bytes, errors] of codec) {
    for (const x of [encode, decode, bytes]) assert.match(x, number);
    assert.equal(errors, '0');
  }
  for (const phase of ['paced', 'saturated']) {
    const [summary, ...kinds] = rows(`${phase} |`);
    assert.ok(summary, `${phase} row in ${r.stdout}`);
    const [, calls, completed, perSecond, p50, p99, max, cpu, loadCpu] = summary;
    assert.match(calls, /^[1-9]\d*$/);
    assert.equal(completed, `${calls}/${calls}`, 'every call ended');
    for (const x of [perSecond, p50, p99, max, cpu, loadCpu]) assert.match(x, number);
    assert.deepEqual(
      kinds.map((k) => k[1]),
      [
        'CALL_DELIVERED → Dialog POST',
        'CALL_ESTABLISHED → PUT ACTIVE',
        'CALL_CONNECTION_CLEARED → PUT DROPPED',
      ],
    );
    for (const [, , timed, ...figures] of kinds) {
      assert.equal(timed, calls, 'each call timed once per event');
      for (const x of figures) assert.match(x, number);
    }
  }
});
