/**
 * How many passwords an attacker gets checked, now that every door counts (#12):
 * `node --import tsx bench/sign-in/guess-rate.bench.ts [--hours 1]`.
 *
 * The product's sign-in service (src/auth, default throttle and lockout) on a real SQLite store
 * with the demo accounts, driven on a simulated clock by attackers who retry the moment they are
 * allowed to (the wait a refusal names, or the end of a lock): one address guessing one account,
 * one address spraying every account, and 1,000 addresses guessing one account. It counts the
 * guesses that were actually checked against the password. The clock is simulated, so the figures
 * are the policy's, not this machine's speed; each checked guess also costs the attacker one scrypt
 * hash of server time (bench/notify prints that cost).
 */
import { createSignIn, type SignInResult } from '../../src/auth/index.ts';
import { createSqliteStore, DEMO, seedDemoData } from '../../src/store/index.ts';
import { TEST_HASHING } from '../../src/store/testing/hashing.ts';
import { benchArgs } from '../support.ts';

const hours = Number(benchArgs().get('hours') ?? 1);
const T0 = Date.parse('2026-12-07T09:00:00Z');

interface Attack {
  name: string;
  /** The next attempt: who, from where. */
  next(k: number): { username: string; ip: string };
}

const accounts = DEMO.users.map((u) => u.id);
const attacks: Attack[] = [
  { name: 'one address, one account', next: () => ({ username: '2001', ip: '192.0.2.10' }) },
  {
    name: 'one address, every account (spraying)',
    next: (k) => ({ username: accounts[k % accounts.length], ip: '192.0.2.11' }),
  },
  {
    name: '1,000 addresses, one account',
    next: (k) => ({ username: '2002', ip: `198.51.${100 + Math.floor((k % 1000) / 250)}.${k % 250}` }),
  },
];

const store = createSqliteStore({ file: ':memory:', passwordHashing: TEST_HASHING });
await seedDemoData(store);
const rows: string[] = [];
for (const attack of attacks) {
  let now = T0;
  const signIn = createSignIn({ store, now: () => now });
  const end = T0 + hours * 3600_000;
  let checked = 0;
  let refused = 0;
  for (let k = 0; now < end; k++) {
    const r: SignInResult = await signIn.password(attack.next(k), `guess-${k}`);
    if (r.ok) throw new Error('a guess was right');
    if (r.reason === 'bad-credentials') checked++;
    else refused++;
    // Retry when allowed: after the named wait, at the end of the lock, or at once.
    if (r.reason === 'throttled') now += r.retryAfterMs;
    else if (r.reason === 'locked') now = Math.max(now + 1, r.until);
    else now += 1;
  }
  await store.clearSignInFailures('2001', now);
  await store.clearSignInFailures('2002', now);
  for (const id of accounts) await store.clearSignInFailures(id, now);
  rows.push(
    `| ${attack.name} | ${checked.toLocaleString('en-US')} | ${((checked / hours) * 24).toLocaleString('en-US', { maximumFractionDigits: 0 })} | ${refused.toLocaleString('en-US')} |`,
  );
}
await store.close();
console.log(
  [
    `Passwords an attacker gets checked in ${hours} h (simulated clock; retries as soon as allowed; default throttle and lockout):`,
    '',
    '| attacker | guesses checked | per day | attempts refused unchecked |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n'),
);
