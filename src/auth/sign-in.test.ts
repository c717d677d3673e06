import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { type ConfigStore, createSqliteStore, seedDemoData } from '../store/index.ts';
import { TEST_HASHING } from '../store/testing/hashing.ts';
import { createSignIn, type SignIn, type SignInOptions } from './sign-in.ts';

const T0 = Date.parse('2026-11-22T10:00:00Z');

/** A node's sign-in over a real (in-memory) store with the demo users, on a manual clock. */
function node(store: ConfigStore, clock: { t: number }, options: Partial<SignInOptions> = {}) {
  const locks: { userId: string; address: string; scope: string }[] = [];
  const signIn = createSignIn({
    store,
    now: () => clock.t,
    onLockout: (e) => locks.push(e),
    ...options,
  });
  return { signIn, locks };
}

async function demoStore(): Promise<ConfigStore> {
  const store = createSqliteStore({ file: ':memory:', passwordHashing: TEST_HASHING });
  await seedDemoData(store);
  return store;
}

describe('sign-in', () => {
  let store: ConfigStore;
  let verified: number;
  const clock = { t: T0 };
  beforeEach(async () => {
    clock.t = T0;
    store = await demoStore();
    verified = 0;
    const verify = store.verifyPassword.bind(store);
    store.verifyPassword = (id, pw) => {
      verified++;
      return verify(id, pw);
    };
  });
  afterEach(() => store.close());
  const from = (ip: string, username = '2001') => ({ username, ip });

  it('verifies a password once per TTL for every door, and shares one check among concurrent ones', async () => {
    const { signIn } = node(store, clock);
    const results = await Promise.all([1, 2, 3].map(() => signIn.password(from('127.0.0.1'), '2001')));
    assert.ok(results.every((r) => r.ok && r.userId === '2001'));
    assert.equal(verified, 1);
    clock.t += 59_999;
    assert.ok((await signIn.password(from('127.0.0.1'), '2001')).ok, 'a hit, whichever door asks');
    assert.equal(verified, 1);
    assert.ok((await signIn.password(from('10.0.0.8'), '2001')).ok);
    assert.equal(verified, 2, 'from another address: a new sign-in');
    clock.t += 1;
    assert.ok((await signIn.password(from('127.0.0.1'), '2001')).ok);
    assert.equal(verified, 3, 'verified again after the TTL');
    assert.ok((await signIn.password(from('127.0.0.1', 'MMOUSE'), '2001')).ok, 'by login name');
  });

  it('never caches a failure, and forgets a user’s credentials as soon as its password changes', async () => {
    const { signIn } = node(store, clock);
    for (let i = 0; i < 2; i++)
      assert.deepEqual(await signIn.password(from('127.0.0.1'), 'wrong'), {
        ok: false,
        reason: 'bad-credentials',
      });
    assert.equal(verified, 2);
    assert.ok((await signIn.password(from('127.0.0.1'), '2001')).ok);
    assert.ok((await store.updateUser('2001', { password: 'n3w' })).ok);
    assert.equal(
      (await signIn.password(from('127.0.0.1'), '2001')).ok,
      false,
      'the old password, cached a moment ago',
    );
    assert.ok((await signIn.password(from('127.0.0.1'), 'n3w')).ok);
  });

  it('slows repeated failures from one address before any lock: refused unverified until the wait is over', async () => {
    const { signIn } = node(store, clock);
    await signIn.password(from('10.0.0.66'), 'guess-1');
    await signIn.password(from('10.0.0.66'), 'guess-2');
    await signIn.password(from('10.0.0.66'), 'guess-3');
    const before = verified;
    const refused = await signIn.password(from('10.0.0.66'), '2001');
    assert.deepEqual(refused, { ok: false, reason: 'throttled', retryAfterMs: 1000 });
    assert.equal(verified, before, 'not verified, not counted');
    assert.ok((await signIn.password(from('10.0.0.7'), '2001')).ok, 'the agent elsewhere is not slowed');
    clock.t += 1000;
    assert.ok((await signIn.password(from('10.0.0.66'), '2001')).ok, 'after the wait, checked as usual');
  });

  it('slows an address guessing many accounts after eleven failures, whoever they were for', async () => {
    const { signIn } = node(store, clock);
    const ids = [
      '2001',
      '2002',
      '2004',
      '2005',
      '2006',
      '2010',
      'admin',
      'nobody',
      'ghost',
      '2001',
      '2002',
      '2004',
    ];
    const outcomes: string[] = [];
    for (const id of ids) {
      const r = await signIn.password(from('192.0.2.1', id), 'password1');
      outcomes.push(r.ok ? 'ok' : r.reason);
    }
    // Ten free failures; the eleventh starts the delays.
    assert.deepEqual(outcomes, [...Array(11).fill('bad-credentials'), 'throttled']);
  });

  it('locks an account for the guessing address only, once, and logs the lock once', async () => {
    const { signIn, locks } = node(store, clock);
    for (let i = 0; i < 5; i++) {
      assert.equal((await signIn.password(from('10.0.0.66'), `guess-${i}`)).ok, false);
      clock.t += 10_000; // past each throttle wait
    }
    const refused = await signIn.password(from('10.0.0.66'), '2001');
    assert.deepEqual(refused, {
      ok: false,
      reason: 'locked',
      scope: 'address',
      until: T0 + 40_000 + 300_000,
    });
    assert.deepEqual(locks, [
      { userId: '2001', address: '10.0.0.66', scope: 'address', until: T0 + 340_000 },
    ]);
    assert.ok((await signIn.password(from('10.0.0.7'), '2001')).ok, 'the agent at its own desk signs in');
    clock.t = T0 + 340_000;
    assert.ok((await signIn.password(from('10.0.0.66'), '2001')).ok, 'the lock runs out');
  });

  it('adds up guesses from many addresses into an account lock that spares familiar addresses', async () => {
    const { signIn, locks } = node(store, clock, { lockout: { maxAccountFailures: 6 } });
    assert.ok((await signIn.password(from('10.0.0.7'), '2001')).ok, 'the agent’s desk becomes familiar');
    for (let i = 0; i < 6; i++) await signIn.password(from(`198.51.100.${i}`), 'guess');
    assert.deepEqual(
      locks.map((l) => l.scope),
      ['account'],
    );
    const stranger = await signIn.password(from('203.0.113.5'), '2001');
    assert.equal(stranger.ok === false && stranger.reason, 'locked', 'a right password from a new address');
    clock.t += 61_000; // past the cache, so the desk's password is checked anew
    assert.ok((await signIn.password(from('10.0.0.7'), '2001')).ok, 'the familiar desk signs in');
  });

  it('lets a session signed in before a lock go on: its cached credentials are still accepted', async () => {
    const { signIn } = node(store, clock, { lockout: { maxAccountFailures: 2 } });
    assert.ok((await signIn.password(from('10.0.0.7'), '2001')).ok);
    for (let i = 0; i < 2; i++) await signIn.password(from(`198.51.100.${i}`), 'guess');
    assert.equal((await signIn.password(from('203.0.113.5'), '2001')).ok, false, 'locked for new sign-ins');
    assert.ok((await signIn.password(from('10.0.0.7'), '2001')).ok, 'the signed-in desktop goes on');
  });

  it('runs SCRAM with stored keys, made-up but stable keys for unknown users, and counts its failures', async () => {
    const { signIn } = node(store, clock);
    const start = await signIn.scram(from('10.0.0.7'), 'SCRAM-SHA-256');
    assert.ok(start.ok);
    assert.equal(start.keys.iterations, 4096);
    const ghost1 = await signIn.scram(from('10.0.0.7', 'ghost'), 'SCRAM-SHA-256');
    const ghost2 = await signIn.scram(from('10.0.0.7', 'ghost'), 'SCRAM-SHA-256');
    assert.ok(ghost1.ok && ghost2.ok);
    assert.deepEqual(ghost1.keys.salt, ghost2.keys.salt, 'the same salt each time, like a real account');
    assert.equal(ghost1.keys.iterations, 4096);
    assert.deepEqual(await ghost1.finish(true), { ok: false, reason: 'bad-credentials' }, 'never a success');
    assert.equal(verified, 0, 'no slow hash for SCRAM');
    for (let i = 0; i < 5; i++) {
      const s = await signIn.scram(from('10.0.0.66'), 'SCRAM-SHA-1');
      assert.ok(s.ok);
      await s.finish(false);
      clock.t += 10_000;
    }
    const locked = await signIn.scram(from('10.0.0.66'), 'SCRAM-SHA-1');
    assert.equal(locked.ok === false && locked.reason, 'locked', 'SCRAM failures lock like passwords');
    const ok = await signIn.scram(from('10.0.0.7'), 'SCRAM-SHA-1');
    assert.ok(ok.ok && (await ok.finish(true)).ok);
  });

  it('refuses SCRAM for an account whose keys are not stored yet, and stores them at its next password sign-in', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sign-in-')), 'sb.db');
    // A database from before SCRAM keys were kept, with an older, cheaper scrypt cost.
    const old = createSqliteStore({
      file,
      passwordHashing: { scrypt: { N: 512, r: 8, p: 1 }, scramIterations: 0 },
    });
    await seedDemoData(old);
    await old.close();
    const upgraded = createSqliteStore({ file, passwordHashing: TEST_HASHING });
    try {
      const { signIn } = node(upgraded, clock);
      assert.deepEqual(await signIn.scram(from('10.0.0.7'), 'SCRAM-SHA-256'), {
        ok: false,
        reason: 'no-scram-keys',
      });
      assert.ok((await signIn.password(from('10.0.0.7'), '2001')).ok);
      const s = await signIn.scram(from('10.0.0.7'), 'SCRAM-SHA-256');
      assert.ok(s.ok && s.keys.iterations === 4096, 'keys made from the password just verified');
      const hash = await upgraded.getScramKeys('2001', 'SCRAM-SHA-1');
      assert.ok(hash?.keys, 'for both mechanisms');
      const epoch = await upgraded.getCredentialEpoch('2001');
      assert.equal(epoch, 1, 'an upgrade is no new password: tokens stay valid');
    } finally {
      await upgraded.close();
    }
  });

  it('upgrades a hash made with older parameters at the next successful sign-in', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sign-in-')), 'sb.db');
    const old = createSqliteStore({
      file,
      passwordHashing: { ...TEST_HASHING, scrypt: { N: 512, r: 8, p: 1 } },
    });
    await seedDemoData(old);
    await old.close();
    const db = new Database(file);
    const hashOf = () =>
      db.prepare("SELECT password_hash FROM users WHERE login_id = '2001'").pluck().get() as string;
    assert.match(hashOf(), /^scrypt\$512\$/);
    const upgraded = createSqliteStore({ file, passwordHashing: TEST_HASHING });
    try {
      const { signIn } = node(upgraded, clock);
      assert.equal((await signIn.password(from('10.0.0.7'), 'wrong')).ok, false);
      assert.match(hashOf(), /^scrypt\$512\$/, 'not on a failure');
      assert.ok((await signIn.password(from('10.0.0.7'), '2001')).ok);
      assert.match(hashOf(), /^scrypt\$1024\$8\$1\$/);
      clock.t += 60_000;
      assert.ok((await signIn.password(from('10.0.0.7'), '2001')).ok, 'the new hash verifies');
    } finally {
      db.close();
      await upgraded.close();
    }
  });
});

describe('session tokens', () => {
  let store: ConfigStore;
  const clock = { t: T0 };
  beforeEach(async () => {
    clock.t = T0;
    store = await demoStore();
  });
  afterEach(() => store.close());
  const issue = async (signIn: SignIn, userId = '2001', authAt = clock.t) => {
    const t = await signIn.issueToken(userId, authAt);
    assert.ok(t);
    return t;
  };

  it('are accepted by every node of the cluster (one store), for the user they name only', async () => {
    const a = node(store, clock).signIn;
    const b = node(store, clock).signIn;
    const { token, expiresAt } = await issue(a);
    assert.match(token, /^sbt1\.k\d+\.[\w-]+\.[\w-]+$/);
    assert.equal(expiresAt, T0 + 8 * 3600_000);
    assert.deepEqual(await b.token(token), { ok: true, userId: '2001', authAt: T0 });
    assert.deepEqual(await b.token(token, '2002'), { ok: false, reason: 'bad-credentials' });
    assert.equal(b.claimedUser(token), '2001');
  });

  it('are refused when forged, altered, expired, or past the session limit', async () => {
    const { signIn } = node(store, clock);
    const { token } = await issue(signIn);
    const [p, k, payload, mac] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const other = Buffer.from(JSON.stringify({ ...claims, u: '2010' })).toString('base64url');
    for (const bad of [
      `${p}.${k}.${other}.${mac}`,
      `${p}.${k}.${payload}.${mac.slice(0, -2)}AA`,
      `${p}.k999.${payload}.${mac}`,
      'sbt1.garbage',
      '',
    ])
      assert.equal((await signIn.token(bad)).ok, false, bad);
    clock.t += 8 * 3600_000;
    assert.equal((await signIn.token(token)).ok, false, 'expired');
    // A renewal keeps the time the password was verified: 24 h at most without it.
    clock.t = T0 + 20 * 3600_000;
    const renewed = await issue(signIn, '2001', T0);
    assert.equal(renewed.expiresAt, T0 + 24 * 3600_000);
    clock.t = T0 + 24 * 3600_000;
    assert.equal((await signIn.token(renewed.token)).ok, false);
  });

  it('are revoked by a new password, and survive a lockout', async () => {
    const { signIn } = node(store, clock, { lockout: { maxAccountFailures: 1 } });
    const { token } = await issue(signIn);
    await signIn.password({ username: '2001', ip: '198.51.100.1' }, 'guess');
    assert.ok((await signIn.token(token)).ok, 'a locked account’s desktop goes on');
    assert.ok((await store.updateUser('2001', { password: 'n3w' })).ok);
    assert.equal((await signIn.token(token)).ok, false, 'revoked on every node: the epoch is the store’s');
  });

  it('cost one store read per user and minute on a node, and a change of the user reads it again', async () => {
    let reads = 0;
    const read = store.getCredentialEpoch.bind(store);
    store.getCredentialEpoch = (id) => {
      reads++;
      return read(id);
    };
    const a = node(store, clock).signIn;
    const b = node(store, clock).signIn;
    const { token } = await issue(a);
    reads = 0;
    // A failover: the desktop's XMPP sign-in, then its REST requests, on b.
    for (let i = 0; i < 3; i++) assert.ok((await b.token(token)).ok);
    assert.equal(reads, 1);
    clock.t += 59_999;
    assert.ok((await b.token(token)).ok);
    assert.equal(reads, 1);
    clock.t += 1;
    assert.ok((await b.token(token)).ok);
    assert.equal(reads, 2, 'read again after a minute');
    assert.ok((await store.updateUser('2001', { firstName: 'Renamed' })).ok);
    assert.ok((await b.token(token)).ok, 'a change without a new password revokes nothing');
    assert.equal(reads, 3, 'but the epoch is read again at once');
  });

  it('are accepted in a storm on a node that has not seen their key yet (one read of the keys)', async () => {
    const b = node(store, clock).signIn;
    assert.equal((await b.token('sbt1.k1.e30.AAAA')).ok, false, 'b has read the keys: none yet');
    const { token } = await issue(node(store, clock).signIn);
    clock.t += 1000;
    let reads = 0;
    const list = store.listSessionTokenKeys.bind(store);
    store.listSessionTokenKeys = () => {
      reads++;
      return list();
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => b.token(token)));
    assert.deepEqual(
      results.map((r) => r.ok),
      results.map(() => true),
    );
    assert.equal(reads, 1);
  });

  it('are signed with a new key each day and accepted across the change', async () => {
    const a = node(store, clock).signIn;
    const first = await issue(a);
    clock.t += 24 * 3600_000 - 60_000;
    const b = node(store, clock).signIn;
    clock.t += 60_000;
    const second = await issue(b);
    assert.notEqual(first.token.split('.')[1], second.token.split('.')[1], 'another key');
    assert.ok((await a.token(second.token)).ok, 'a learns the key b made');
    assert.equal((await a.token(first.token)).ok, false, 'expired by then anyway');
    assert.equal((await store.listSessionTokenKeys()).length, 2);
  });

  it('are all revoked within a minute when their keys are deleted from the database', async () => {
    const { signIn } = node(store, clock);
    const { token } = await issue(signIn);
    await store.deleteSessionTokenKeysBefore(Number.MAX_SAFE_INTEGER);
    clock.t += 59_999;
    assert.ok((await signIn.token(token)).ok, 'still known to this node');
    clock.t += 1;
    assert.equal((await signIn.token(token)).ok, false);
    assert.ok((await signIn.token((await issue(signIn)).token)).ok, 'a new key for new tokens');
  });
});
