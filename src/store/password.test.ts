import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { deriveScramKeys, SCRAM_HASHES } from '../auth/index.ts';
import {
  createPasswordHasher,
  formatScramKeys,
  hashPassword,
  needsRehash,
  OWASP_HASHING,
  parseScramKeys,
  type ScramMechanism,
  verifyPasswordHash,
} from './password.ts';
import { createSqliteStore } from './sqlite-store.ts';
import { TEST_HASHING } from './testing/hashing.ts';

const cheap = TEST_HASHING.scrypt;

describe('password hashes', () => {
  it('meet OWASP by default: scrypt N=2^17, r=8, p=1', () => {
    assert.deepEqual(OWASP_HASHING.scrypt, { N: 131072, r: 8, p: 1 });
    assert.ok(OWASP_HASHING.scramIterations >= 4096, 'RFC 7677 §4');
  });

  it('verify the right password only, and differ for the same password', async () => {
    const a = await hashPassword('2001', cheap);
    const b = await hashPassword('2001', cheap);
    assert.notEqual(a, b);
    assert.match(a, /^scrypt\$1024\$8\$1\$/);
    assert.equal(await verifyPasswordHash('2001', a), true);
    assert.equal(await verifyPasswordHash('2001', b), true);
    assert.equal(await verifyPasswordHash('2002', a), false);
    assert.equal(await verifyPasswordHash('', a), false);
    const odd = 'pässwörd:with colon';
    assert.equal(await verifyPasswordHash(odd, await hashPassword(odd, cheap)), true);
  });

  it('refuse unreadable or tampered hashes without throwing', async () => {
    const good = await hashPassword('x', cheap);
    const parts = good.split('$');
    for (const bad of [
      '',
      'plain',
      'bcrypt$1$2$3$4$5',
      ['scrypt', '0', ...parts.slice(2)].join('$'),
      ['scrypt', String(2 ** 30), ...parts.slice(2)].join('$'),
      [...parts.slice(0, 5), 'c2hvcnQ='].join('$'),
    ]) {
      assert.equal(await verifyPasswordHash('x', bad), false, bad);
    }
  });

  it('need rehashing when made with other parameters than the current ones', async () => {
    const old = await hashPassword('x', { N: 512, r: 8, p: 1 });
    assert.equal(needsRehash(old, cheap), true);
    assert.equal(needsRehash(await hashPassword('x', cheap), cheap), false);
    assert.equal(needsRehash('garbage', cheap), true);
  });

  it('are computed at most `concurrency` at a time', async () => {
    const stored = await hashPassword('pw', cheap);
    for (const concurrency of [1, 3]) {
      const hasher = createPasswordHasher(TEST_HASHING, concurrency);
      const seen = await scryptsInFlight(() =>
        Promise.all([1, 2, 3, 4, 5, 6].map(() => hasher.verify('pw', stored))),
      );
      assert.deepEqual(seen.results, [true, true, true, true, true, true]);
      assert.equal(seen.most, concurrency);
    }
  });

  it("a store's hashConcurrency reaches its hasher (switchboard import hashes on every core)", async () => {
    const store = createSqliteStore({ file: ':memory:', passwordHashing: TEST_HASHING, hashConcurrency: 4 });
    try {
      const users = Array.from({ length: 8 }, (_, i) => `90${i}`);
      const seen = await scryptsInFlight(() =>
        Promise.all(
          users.map((id) =>
            store.createUser({
              id,
              loginName: `u${id}`,
              firstName: 'F',
              lastName: 'L',
              roles: ['Agent'],
              password: `pw-${id}`,
            }),
          ),
        ),
      );
      assert.ok(seen.results.every((r) => r.ok));
      assert.equal(seen.most, 4);
    } finally {
      await store.close();
    }
  });
});

// RFC 5802 §5 (SCRAM-SHA-1) and RFC 7677 §3 (SCRAM-SHA-256): user "user", password "pencil".
const VECTORS: Record<
  ScramMechanism,
  { salt: string; authMessage: string; proof: string; verifier: string }
> = {
  'SCRAM-SHA-1': {
    salt: 'QSXCR+Q6sek8bf92',
    authMessage:
      'n=user,r=fyko+d2lbbFgONRv9qkxdawL,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096,c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j',
    proof: 'v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=',
    verifier: 'rmF9pqV8S7suAoZWja4dJRkFsKQ=',
  },
  'SCRAM-SHA-256': {
    salt: 'W22ZaJ0SNY7soEsUEjb6gQ==',
    authMessage:
      'n=user,r=rOprNGfwEbeRWgbNEkqO,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
    proof: 'dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
    verifier: '6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
  },
};

describe('SCRAM keys', () => {
  for (const [m, v] of Object.entries(VECTORS) as [ScramMechanism, (typeof VECTORS)[ScramMechanism]][]) {
    it(`match the ${m} test vector: the RFC's proof checks out and its server signature comes out`, async () => {
      const keys = await deriveScramKeys('pencil', m, 4096, Buffer.from(v.salt, 'base64'));
      const { hash } = SCRAM_HASHES[m];
      const signature = crypto.createHmac(hash, keys.storedKey).update(v.authMessage).digest();
      const proof = Buffer.from(v.proof, 'base64');
      const clientKey = Buffer.from(proof.map((b, i) => b ^ signature[i]));
      assert.deepEqual(crypto.createHash(hash).update(clientKey).digest(), keys.storedKey);
      const serverSignature = crypto.createHmac(hash, keys.serverKey).update(v.authMessage).digest('base64');
      assert.equal(serverSignature, v.verifier);
      assert.deepEqual(parseScramKeys(formatScramKeys(keys), m), keys, 'stored and read back');
    });
  }

  it('refuse unreadable stored keys', () => {
    for (const bad of [null, '', '4096$c2FsdA==$AAAA$AAAA', 'x$c2FsdA==$AAAA$AAAA', '0$a$b$c'])
      assert.equal(parseScramKeys(bad, 'SCRAM-SHA-256'), undefined, String(bad));
  });

  it('are kept for new passwords unless the iteration count is 0', async () => {
    const made = await createPasswordHasher(TEST_HASHING).credentials('pw');
    assert.equal(parseScramKeys(made.scram['SCRAM-SHA-256'], 'SCRAM-SHA-256')?.iterations, 4096);
    assert.equal(parseScramKeys(made.scram['SCRAM-SHA-1'], 'SCRAM-SHA-1')?.iterations, 4096);
    const none = await createPasswordHasher({ ...TEST_HASHING, scramIterations: 0 }).credentials('pw');
    assert.deepEqual(none.scram, { 'SCRAM-SHA-1': null, 'SCRAM-SHA-256': null });
  });
});

/** Runs `work` while counting crypto.scrypt calls in flight; `most` is the highest count seen. */
async function scryptsInFlight<T>(work: () => Promise<T>): Promise<{ results: T; most: number }> {
  const real = crypto.scrypt;
  let now = 0;
  let most = 0;
  // biome-ignore lint/suspicious/noExplicitAny: forwards whatever overload the store calls
  (crypto as any).scrypt = (...args: any[]) => {
    const done = args.pop() as (err: Error | null, key: Buffer) => void;
    most = Math.max(most, ++now);
    (real as (...a: unknown[]) => void)(...args, (err: Error | null, key: Buffer) => {
      now--;
      done(err, key);
    });
  };
  try {
    return { results: await work(), most };
  } finally {
    crypto.scrypt = real;
  }
}
