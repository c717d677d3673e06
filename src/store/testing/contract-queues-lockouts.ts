import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ConfigStore, StoreChange } from '../config-types.ts';
import { watchChanges } from './contract-config.ts';
import { refused } from './contract-people.ts';

const policy = (nowMs: number) => ({ nowMs, maxFailures: 5, lockMs: 300_000 });

/** Queues (skill groups), the shared sign-in lockout, and team messages as store changes. */
export function queuesAndLockoutsContract(store: () => ConfigStore) {
  it('keeps queues by skill group number, unique by name, with the teams whose queues they are', async () => {
    const s = store();
    assert.deepEqual(await s.listQueues(), [
      { id: '85881', name: 'Sales' },
      { id: '85882', name: 'Support', teamIds: ['5001'] },
    ]);
    const made = await s.createQueue({ id: '9', name: 'Billing', teamIds: ['5001', '5000', '5000'] });
    assert.ok(made.ok);
    assert.deepEqual(made.value, { id: '9', name: 'Billing', teamIds: ['5000', '5001'] });
    assert.deepEqual(
      (await s.listQueues()).map((q) => q.id),
      ['9', '85881', '85882'],
      'by number',
    );
    refused(await s.createQueue({ id: '9', name: 'Other' }), 'conflict', 'id');
    refused(await s.createQueue({ id: '10', name: 'Sales' }), 'conflict', 'name');
    refused(await s.createQueue({ id: 'sales', name: 'Words' }), 'invalid', 'id');
    refused(await s.createQueue({ id: '11', name: '' }), 'missing', 'name');
    refused(await s.createQueue({ id: '11', name: 'x'.repeat(65) }), 'invalid', 'name');
    refused(await s.createQueue({ id: '11', name: 'Ghost team', teamIds: ['404'] }), 'invalid', 'teams');
    assert.equal(await s.getQueue('11'), undefined, 'a refused create leaves nothing');

    const renamed = await s.updateQueue('9', { name: 'Billing 2', teamIds: [] });
    assert.ok(renamed.ok);
    assert.deepEqual(renamed.value, { id: '9', name: 'Billing 2' }, 'no teams: everybody’s');
    assert.deepEqual(await s.getQueue('9'), { id: '9', name: 'Billing 2' });
    refused(await s.updateQueue('9', { name: 'Sales' }), 'conflict', 'name');
    refused(await s.updateQueue('404', { name: 'Nobody' }), 'not-found');
    assert.ok((await s.deleteQueue('9')).ok);
    refused(await s.deleteQueue('9'), 'not-found');
  });

  it('counts wrong passwords per account and locks it once, for every store instance alike', async () => {
    const s = store();
    const t0 = Date.parse('2026-11-22T10:00:00Z');
    await s.clearSignInFailures('2002');
    for (let i = 1; i <= 4; i++)
      assert.deepEqual(await s.recordSignInFailure('2002', policy(t0)), { failures: i, lockedUntil: 0 });
    assert.equal(await s.signInLockedUntil('2002'), 0);
    assert.deepEqual(await s.listLockedOutUsers(t0), []);
    // Two nodes count the fifth and sixth failure at the same moment: only one of them locks.
    const both = await Promise.all([
      s.recordSignInFailure('2002', policy(t0)),
      s.recordSignInFailure('2002', policy(t0)),
    ]);
    assert.deepEqual(both.map((r) => r.lockedUntil).sort(), [0, t0 + 300_000]);
    assert.equal(await s.signInLockedUntil('2002'), t0 + 300_000);
    assert.deepEqual(await s.listLockedOutUsers(t0 + 299_999), [
      { id: '2002', loginName: 'mminnie', firstName: 'Minnie', lastName: 'Mouse', lockedUntil: t0 + 300_000 },
    ]);
    assert.deepEqual(await s.listLockedOutUsers(t0 + 300_000), [], 'the lock has run out');
    // After the lock, counting starts again from nothing.
    assert.deepEqual(await s.recordSignInFailure('2002', policy(t0 + 300_000)), {
      failures: 1,
      lockedUntil: 0,
    });
    await s.clearSignInFailures('2002');
    assert.deepEqual(await s.recordSignInFailure('2002', policy(t0 + 300_000)), {
      failures: 1,
      lockedUntil: 0,
    });
    await s.clearSignInFailures('2002');
    assert.deepEqual(await s.recordSignInFailure('nobody', policy(t0)), { failures: 0, lockedUntil: 0 });
    assert.equal(await s.signInLockedUntil('nobody'), 0);
  });

  it('finds nothing by a value holding NUL, on every database (PostgreSQL text cannot hold one)', async () => {
    const s = store();
    assert.equal(await s.getUser('2001\u0000'), undefined);
    assert.equal(await s.verifyPassword('\u0000', '2001'), undefined);
    assert.equal(await s.getTeam('5000\u0000'), undefined);
    assert.equal(await s.getQueue('\u0000'), undefined);
    assert.equal(await s.getTeamMessage('\u0000'), undefined);
    refused(await s.createTeam({ name: 'Nul\u0000Team' }), 'invalid');
  });

  it('reports team messages and queues as changes, a message with its teams even when deleted', async () => {
    const s = store();
    const changes = watchChanges(s);
    const m = await s.createTeamMessage({
      id: 'watched-1',
      createdBy: '2010',
      createdAt: 1000,
      duration: 60,
      content: 'Hello',
      teamIds: ['5000'],
    });
    assert.ok(m.ok);
    assert.ok((await s.deleteTeamMessage('watched-1')).ok);
    assert.ok((await s.createQueue({ id: '77', name: 'Watched' })).ok);
    assert.ok((await s.deleteQueue('77')).ok);
    const expected: StoreChange[] = [
      { kind: 'teamMessage', op: 'create', id: 'watched-1', teamIds: ['5000'], isLocal: true },
      { kind: 'teamMessage', op: 'delete', id: 'watched-1', teamIds: ['5000'], isLocal: true },
      { kind: 'queue', op: 'create', id: '77', isLocal: true },
      { kind: 'queue', op: 'delete', id: '77', isLocal: true },
    ];
    await changes.expectInOrder(expected);
  });
}
