/** Maintenance mode's wait (maintenance.ts) on a manual clock: completed, failed at the deadline, nowhere to go. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualTimers } from '../clock/testing/manual-timers.ts';
import type { MaintenanceState } from '../core/index.ts';
import { createMaintenance } from './maintenance.ts';

function setup(opts: { users: number; hasOtherNode?: boolean }) {
  const timers = new ManualTimers(Date.UTC(2026, 10, 22, 10));
  const states: MaintenanceState[] = [];
  let users = opts.users;
  const m = createMaintenance({
    setState: (s) => states.push(s),
    signedIn: () => ({ desktop: users, thirdParty: 0 }),
    hasOtherNode: () => opts.hasOtherNode ?? true,
    deadlineMs: 60_000,
    timers,
    log: () => {},
  });
  return { m, timers, states, leave: (n: number) => (users -= n) };
}

describe('maintenance mode', () => {
  it('waits until every desktop has moved, then completes', async () => {
    const { m, timers, states, leave } = setup({ users: 2 });
    const started = m.start('admin');
    assert.deepEqual(
      [
        started.status,
        started.usersLoggedIn.desktop,
        started.pendingUserDisconnections,
        started.estimatedCompletionTime,
      ],
      ['IN_PROGRESS', 2, 2, 60],
    );
    timers.advance(10_000);
    leave(1);
    timers.advance(1000);
    assert.equal(m.status()?.pendingUserDisconnections, 1);
    assert.equal(m.start('again').startedBy, 'admin', 'one maintenance at a time');
    leave(1);
    timers.advance(1000);
    assert.equal(await m.done, 'COMPLETED');
    assert.deepEqual(states, ['IN_PROGRESS', 'COMPLETED']);
    assert.equal(m.status()?.pendingUserDisconnections, 0);
  });

  it('fails at the deadline when desktops stay', async () => {
    const { m, timers, states } = setup({ users: 1 });
    m.start('SIGTERM');
    timers.advance(59_000);
    assert.equal(m.status()?.status, 'IN_PROGRESS');
    timers.advance(1_000);
    assert.equal(await m.done, 'FAILED');
    assert.deepEqual(states, ['IN_PROGRESS', 'FAILED']);
  });

  it('does not wait without another node, nor when nobody is signed in', async () => {
    const alone = setup({ users: 3, hasOtherNode: false });
    alone.m.start('SIGTERM');
    assert.equal(await alone.m.done, 'FAILED');
    const empty = setup({ users: 0, hasOtherNode: false });
    empty.m.start('SIGTERM');
    assert.equal(await empty.m.done, 'COMPLETED');
  });
});
