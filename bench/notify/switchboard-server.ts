/**
 * Switchboard's notification service alone, as the benchmark runs it (forked by notify.bench.ts;
 * not run by hand): BOSH and XMPP/TCP listeners on loopback ports the OS picks, real info.log and
 * debug.log files, the bench's system account, and the product's sign-in: a SQLite store and the
 * sign-in service `switchboard start` uses (cache, throttle, lockout, SCRAM keys, tokens).
 *
 * Accounts: the held desktops `10000 + i` (password = name), made with a cheap scrypt cost and
 * SCRAM keys at RFC 7677's 4096 iterations so that 10,000 of them are made in seconds (they sign
 * in with SCRAM, which never touches the scrypt hash); and `sample` accounts `90000 + j` made at
 * the product's default cost (OWASP scrypt, 10,000 SCRAM iterations), for the sign-in cost figures,
 * each with a session token. Tells the parent its ports and the sample, then serves until told to
 * stop.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { xmppAuthority } from '../../src/app/index.ts';
import { createSignIn } from '../../src/auth/index.ts';
import { createLogs } from '../../src/logs/index.ts';
import { createNotifyServer } from '../../src/notify/index.ts';
import { createSqliteStore, type NewUser, OWASP_HASHING } from '../../src/store/index.ts';
import { authCost } from './auth-cost.ts';
import { DOMAIN, SYSTEM_USER, userId } from './layout.ts';

const [password = '', debug = 'off', held = '0', sampleSize = '0'] = process.argv.slice(2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notify-bench-'));
const logs = createLogs({ dir, notifyDebug: debug === 'on' });
const file = path.join(dir, 'switchboard.db');

const agent = (id: string): NewUser => ({
  id,
  loginName: `u${id}`,
  firstName: 'Bench',
  lastName: id,
  roles: ['Agent'],
  password: id,
});
const bulk = createSqliteStore({
  file,
  passwordHashing: { scrypt: { N: 1024, r: 8, p: 1 }, scramIterations: 4096 },
});
const r = await bulk.importConfig({
  teams: [],
  users: Array.from({ length: Number(held) }, (_, i) => agent(userId(i))),
  reasonCodes: [],
});
if (!r.ok) throw new Error(r.error.message);
await bulk.close();

// The product's store, at the product's default cost.
const store = createSqliteStore({ file, passwordHashing: OWASP_HASHING });
const sample = Array.from({ length: Number(sampleSize) }, (_, j) => String(90_000 + j));
for (const id of sample) {
  const made = await store.createUser(agent(id));
  if (!made.ok) throw new Error(made.error.message);
}
// Verified passwords stay cached 10 min instead of 1, so that the 'cached' figure is cache hits
// only, not re-verifications of accounts checked more than a minute earlier in a slow run.
const signIn = createSignIn({ store, cacheTtlMs: 10 * 60_000 });
const tokens = await Promise.all(
  sample.map(async (id) => (await signIn.issueToken(id, Date.now()))?.token ?? ''),
);

const authority = xmppAuthority(signIn, true);
const notify = createNotifyServer({
  domain: DOMAIN,
  authority,
  mayRead: () => true,
  infoLog: logs.notifyInfo,
  debugLog: logs.notifyDebug,
  systemAccounts: [{ username: SYSTEM_USER, password }],
  bosh: { wait: 60, inactivity: 120 },
  // A password check at the product's cost may wait its turn (two at a time) longer than the
  // default 10 s on a loaded machine: the figures are CPU, not latency.
  callbackTimeout: 120,
});
const bosh = await notify.listenBosh({ host: '127.0.0.1', port: 0 });
const tcp = await notify.listenTcp({ host: '127.0.0.1', port: 0 });
process.send?.({ type: 'listening', boshPort: bosh.port, tcpPort: tcp.port, sample, tokens });
process.on('message', async (m: { type: string; count?: number }) => {
  if (m.type === 'count') process.send?.({ type: 'count', sessions: notify.sessionCount });
  if (m.type === 'auth-cost' && sample.length > 0) {
    const costs: Record<string, number> = {};
    for (const [mechanism, secret] of [
      ['PLAIN', sample[0]],
      ['SCRAM-SHA-256', sample[0]],
      ['SCRAM-SHA-1', sample[0]],
      ['OAUTHBEARER', tokens[0]],
    ] as const) {
      await authCost(authority, mechanism, sample[0], secret, 200); // warm-up
      costs[mechanism] = await authCost(authority, mechanism, sample[0], secret, m.count ?? 2000);
    }
    process.send?.({ type: 'auth-cost', costs });
  }
  if (m.type === 'stop') {
    await notify.close();
    await store.close();
    await logs.flush();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
});
