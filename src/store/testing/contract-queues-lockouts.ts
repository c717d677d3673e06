import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ConfigStore, StoreChange } from '../config-types.ts';
import { watchChanges } from './contract-config.ts';
import { refused } from './contract-people.ts';

const policy = (nowMs: number) => ({ nowMs, maxFailures: 5, maxAccountFailures: 8, lockMs: 300_000 });

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

  it('counts wrong passwords per account and address, and locks each once, for every store instance alike', async () => {
    const s = store();
    const t0 = Date.parse('2026-11-22T10:00:00Z');
    const fail = (address: string, nowMs = t0) => s.recordSignInFailure('2002', address, policy(nowMs));
    await s.clearSignInFailures('2002', t0);
    for (let i = 1; i <= 4; i++)
      assert.deepEqual(await fail('10.0.0.9'), { failures: i, accountFailures: i, locked: [] });
    assert.deepEqual(await s.signInRecord('2002', '10.0.0.9'), {
      addressFailures: 4,
      addressLockedUntil: 0,
      lastSuccessAt: 0,
      accountFailures: 4,
      accountLockedUntil: 0,
    });
    assert.deepEqual(await s.listLockedOutUsers(t0), []);
    // Two nodes count the fifth and sixth failure at the same moment: only one of them locks.
    const both = await Promise.all([fail('10.0.0.9'), fail('10.0.0.9')]);
    // Either may be first: the lock, then nothing.
    assert.deepEqual(
      both.map((r) => r.locked).sort((x, y) => y.length - x.length),
      [[{ scope: 'address', until: t0 + 300_000 }], []],
      'whichever counts the fifth locks, the other does not',
    );
    assert.equal((await s.signInRecord('2002', '10.0.0.9')).addressLockedUntil, t0 + 300_000);
    assert.equal(
      (await s.signInRecord('2002', '10.0.0.10')).addressLockedUntil,
      0,
      'another address is not locked',
    );
    assert.deepEqual(await s.listLockedOutUsers(t0 + 299_999), [
      {
        id: '2002',
        loginName: 'mminnie',
        firstName: 'Minnie',
        lastName: 'Mouse',
        lockedUntil: t0 + 300_000,
        isLockedEverywhere: false,
        addresses: ['10.0.0.9'],
      },
    ]);
    assert.deepEqual(await s.listLockedOutUsers(t0 + 300_000), [], 'the lock has run out');

    // A success elsewhere resets the account count and makes that address familiar; locks stay.
    await s.recordSignInSuccess('2002', '10.0.0.10', t0 + 1000);
    assert.deepEqual(await s.signInRecord('2002', '10.0.0.10'), {
      addressFailures: 0,
      addressLockedUntil: 0,
      lastSuccessAt: t0 + 1000,
      accountFailures: 0,
      accountLockedUntil: 0,
    });
    // Guesses from many addresses add up to the account-wide lock (here at 8).
    let locked: { scope: string; until: number }[] = [];
    for (let i = 0; i < 8; i++) locked = (await fail(`192.0.2.${i}`, t0 + 2000)).locked;
    assert.deepEqual(locked, [{ scope: 'account', until: t0 + 302_000 }]);
    const [listed] = await s.listLockedOutUsers(t0 + 2000);
    assert.equal(listed.isLockedEverywhere, true);
    assert.deepEqual(listed.addresses, ['10.0.0.9']);

    assert.equal(await s.clearSignInFailures('2002', t0 + 2000), true, 'an administrator lifts every lock');
    assert.equal(await s.clearSignInFailures('2002', t0 + 2000), false, 'nothing left to lift');
    assert.equal((await s.signInRecord('2002', '10.0.0.9')).addressLockedUntil, 0);
    assert.equal((await s.signInRecord('2002', '10.0.0.10')).lastSuccessAt, t0 + 1000, 'familiarity is kept');
    assert.deepEqual(await s.recordSignInFailure('nobody', '10.0.0.9', policy(t0)), {
      failures: 0,
      accountFailures: 0,
      locked: [],
    });
    assert.equal(
      (await s.signInRecord('nobody', '10.0.0.9')).addressFailures,
      0,
      'no rows for made-up names',
    );
  });

  it('keeps SCRAM keys beside the hash, and raises the credential epoch with each new password', async () => {
    const s = store();
    const before = await s.getCredentialEpoch('2004');
    assert.equal(typeof before, 'number');
    const found = await s.getScramKeys('dduck', 'SCRAM-SHA-256');
    assert.equal(found?.userId, '2004', 'by login name too');
    assert.equal(found?.keys?.iterations, s.passwordHashing.scramIterations);
    assert.equal(found?.keys?.storedKey.length, 32);
    assert.equal((await s.getScramKeys('2004', 'SCRAM-SHA-1'))?.keys?.storedKey.length, 20);
    assert.equal(await s.getScramKeys('nobody', 'SCRAM-SHA-1'), undefined);
    assert.ok((await s.updateUser('2004', { firstName: 'Donald' })).ok);
    assert.equal(await s.getCredentialEpoch('2004'), before, 'a change without a password keeps it');
    assert.ok((await s.updateUser('2004', { password: 'quack' })).ok);
    assert.equal(await s.getCredentialEpoch('2004'), before! + 1);
    const after = await s.getScramKeys('2004', 'SCRAM-SHA-256');
    assert.notDeepEqual(after?.keys?.salt, found?.keys?.salt, 'new keys');
    assert.ok((await s.updateUser('2004', { password: '2004' })).ok);
    assert.equal(await s.getCredentialEpoch('nobody'), undefined);
  });

  it("shares the session token keys: the first of two nodes to add a period's key wins", async () => {
    const s = store();
    await s.deleteSessionTokenKeysBefore(Number.MAX_SAFE_INTEGER);
    await Promise.all([
      s.addSessionTokenKey({ id: 'k1', secret: 'c2VjcmV0LWE=', createdAt: 1000 }),
      s.addSessionTokenKey({ id: 'k1', secret: 'c2VjcmV0LWI=', createdAt: 1001 }),
    ]);
    await s.addSessionTokenKey({ id: 'k2', secret: 'c2VjcmV0LWM=', createdAt: 2000 });
    const keys = await s.listSessionTokenKeys();
    assert.deepEqual(
      keys.map((k) => k.id),
      ['k2', 'k1'],
      'newest first',
    );
    assert.equal(keys.filter((k) => k.id === 'k1').length, 1);
    await s.deleteSessionTokenKeysBefore(2000);
    assert.deepEqual(
      (await s.listSessionTokenKeys()).map((k) => k.id),
      ['k2'],
    );
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
