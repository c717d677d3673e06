import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { it } from 'node:test';
import { tableRows } from '../support.ts';

// Runs the guess-rate benchmark for a simulated quarter of an hour and checks the policy's bounds: the clock is
// simulated, so these are the throttle's and the lockout's figures, not this machine's speed.
it('prints how many guesses each attacker gets checked, within the lockout policy', () => {
  const bench = path.join(import.meta.dirname, 'guess-rate.bench.ts');
  const r = spawnSync(process.execPath, ['--import', 'tsx', bench, '--hours', '0.25'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  const checked = (first: string) => Number(tableRows(r.stdout, first)[0]?.[1].replace(/,/g, ''));
  // 5 per lock of 5 minutes at most, slowed before (per hour: 60): the red team's script got 42 per second.
  assert.ok(checked('one address, one account') <= 15, r.stdout);
  assert.ok(checked('one address, every account') <= 40, r.stdout);
  // 20 in a row from everywhere lock the account for unfamiliar addresses: 20 per 5 minutes.
  assert.ok(checked('1,000 addresses, one account') <= 60, r.stdout);
});
