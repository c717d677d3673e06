/**
 * The notification service under load, side by side with Prosody:
 * `node --import tsx bench/notify/notify.bench.ts [--sessions 10000] [--steps 500,1000,2000,…]
 *  [--seconds 10] [--team-size 10] [--concurrency 100] [--servers switchboard,prosody] [--debug on]
 *  [--sign-ins 500] [--sample-accounts 10]`.
 *
 * For each server, three processes: the server (Switchboard's notification service alone, forked;
 * or Prosody from Debian), a load process (`load.ts`: the system account publishing over XMPP/TCP
 * and raw BOSH desktops) and this conductor, which only sends orders and reads the server's CPU
 * time and RSS from /proc. Per server:
 *   1. the system account creates a user node per desktop and a team node per `--team-size`;
 *   2. Switchboard only: the sign-in cost by mechanism on the real store and sign-in service, on
 *      `--sample-accounts` accounts at the product's default hashing cost (`--sign-ins` each but for
 *      the first PLAIN of each account, which pays its scrypt hash): PLAIN checked, PLAIN cached,
 *      SCRAM-SHA-256, SCRAM-SHA-1, OAUTHBEARER (session token); server CPU per whole BOSH sign-in,
 *      and of the SASL exchange alone, replayed in the server's process;
 *   3. `--sessions` desktops sign in over BOSH (`--concurrency` at once; each: create, SASL with
 *      the best mechanism offered — SCRAM on both servers, from stored keys — restart, bind,
 *      presence, subscribe to its user node and its team node) and are then held idle:
 *      sign-ins/s, server CPU per sign-in, RSS per held session;
 *   4. a ramp: for each `--steps` count K, for `--seconds`, each of the first K desktops receives
 *      one event per second (even seconds on its user node, odd seconds through its team node),
 *      while the others stay held: events/s, publish→delivery p50/p99/max, server CPU per delivered
 *      event and in all. The ramp stops after the first step whose p99 passes 100 ms.
 * The same workload runs against both, in the same run, and the ratios are printed at the end.
 */
import { type ChildProcess, fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { benchArgs } from '../support.ts';
import { type FromLoad, type ToLoad, teamCount } from './layout.ts';
import { sample } from './proc.ts';
import { ensureProsody, startProsody } from './prosody.ts';

const args = benchArgs();
const opt = (name: string, dflt: number) => Number(args.get(name) ?? dflt);
const sessions = opt('sessions', 10_000);
const steps = (args.get('steps') ?? '500,1000,2000,4000,6000,8000,10000')
  .split(',')
  .map(Number)
  .filter((k) => k > 0 && k <= sessions);
const seconds = opt('seconds', 10);
const teamSize = opt('team-size', 10);
const concurrency = opt('concurrency', 100);
const servers = (args.get('servers') ?? 'switchboard,prosody').split(',');
const isDebug = args.get('debug') === 'on';
/** Sign-ins per mechanism for the cost table, and accounts at the product's hashing cost. */
const signIns = opt('sign-ins', 500);
const sampleAccounts = opt('sample-accounts', 10);
const P99_LIMIT_MS = 100;

/** A child process we talk to by IPC messages. */
class Peer<In, Out extends { type: string }> {
  readonly #inbox: Out[] = [];
  #wake = () => {};
  constructor(readonly child: ChildProcess) {
    child.on('message', (m: Out) => {
      this.#inbox.push(m);
      this.#wake();
    });
  }
  tell(m: In): void {
    this.child.send(m as object);
  }
  async next<T extends Out['type']>(type: T): Promise<Extract<Out, { type: T }>> {
    for (;;) {
      const i = this.#inbox.findIndex((m) => m.type === type);
      if (i >= 0) return this.#inbox.splice(i, 1)[0] as Extract<Out, { type: T }>;
      if (this.child.exitCode !== null) throw new Error(`child exited with ${this.child.exitCode}`);
      await new Promise<void>((r) => {
        this.#wake = r;
        setTimeout(r, 1000);
      });
    }
  }
}

interface Target {
  name: string;
  version: string;
  pid: number;
  boshPort: number;
  tcpPort: number;
  /** Accounts at the product's hashing cost and their session tokens (Switchboard only). */
  sample?: { users: string[]; tokens: string[] };
  /** Server CPU in µs of the authentication step alone, by mechanism, measured in its process. */
  authCost?(): Promise<Record<string, number>>;
  held(): Promise<number | undefined>;
  stop(): Promise<void>;
}

const tsx = { execArgv: ['--import', 'tsx'] };
// Extra node flags for the server process only, e.g. SERVER_NODE_ARGS='--cpu-prof' to profile it.
const serverArgs = {
  execArgv: [...tsx.execArgv, ...(process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)],
};
const password = `bench-${Math.random().toString(36).slice(2)}`;

async function startSwitchboard(): Promise<Target> {
  const child = fork(
    path.join(import.meta.dirname, 'switchboard-server.ts'),
    [password, isDebug ? 'on' : 'off', String(sessions), String(sampleAccounts)],
    serverArgs,
  );
  type FromServer =
    | { type: 'listening'; boshPort: number; tcpPort: number; sample: string[]; tokens: string[] }
    | { type: 'count'; sessions: number }
    | { type: 'auth-cost'; costs: Record<string, number> };
  const peer = new Peer<{ type: string }, FromServer>(child);
  const ports = await peer.next('listening');
  return {
    name: 'Switchboard',
    version: `Node ${process.version}${isDebug ? ', debug.log on' : ''}`,
    pid: child.pid ?? 0,
    boshPort: ports.boshPort,
    tcpPort: ports.tcpPort,
    sample: { users: ports.sample, tokens: ports.tokens },
    async authCost() {
      peer.tell({ type: 'auth-cost' });
      return (await peer.next('auth-cost')).costs;
    },
    async held() {
      peer.tell({ type: 'count' });
      return (await peer.next('count')).sessions;
    },
    async stop() {
      peer.tell({ type: 'stop' });
      await new Promise((r) => child.once('exit', r));
    },
  };
}

async function startReference(): Promise<Target | undefined> {
  if (!ensureProsody((l) => console.error(l))) return undefined;
  const p = await startProsody({ users: sessions, systemPassword: password });
  return { name: 'Prosody', held: async () => undefined, ...p };
}

interface Step {
  active: number;
  deliveries: number;
  expected: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  cpuPerDeliveryUs: number;
  serverCores: number;
  loadCores: number;
  publishErrors: number;
}

interface SignInCost {
  label: string;
  /** The SASL mechanism, for the in-process figure of the authentication step. */
  mechanism: string;
  /** Server CPU of the SASL exchange alone (in process, µs), without the BOSH session around it. */
  authUs?: number;
  signIns: number;
  failed: number;
  cpuPerSignInUs: number;
}

interface Run {
  target: Target;
  costs: SignInCost[];
  loginsPerSecond: number;
  failed: number;
  held: number | undefined;
  cpuPerSignInUs: number;
  rssPerSessionKb: number;
  rssBaseMb: number;
  steps: Step[];
}

async function run(target: Target): Promise<Run> {
  const load = new Peer<ToLoad, FromLoad>(fork(path.join(import.meta.dirname, 'load.ts'), [], tsx));
  try {
    load.tell({ type: 'nodes', tcpPort: target.tcpPort, password, sessions, teamSize });
    const nodes = await load.next('nodes-created');
    if (nodes.errors > 0) throw new Error(`${target.name}: ${nodes.errors} node creations failed`);
    await new Promise((r) => setTimeout(r, 500));
    const costs = target.sample ? await signInCosts(load, target, target.sample) : [];
    const alone = (await target.authCost?.()) ?? {};
    // The first PLAIN of an account is its scrypt hash: the in-process figure is of cache hits.
    for (const c of costs) c.authUs = c.label.includes('checked') ? undefined : alone[c.mechanism];
    const base = sample(target.pid);
    load.tell({ type: 'login', boshPort: target.boshPort, from: 0, to: sessions, teamSize, concurrency });
    const login = await load.next('logged-in');
    if (login.failed > 0)
      console.error(`${target.name}: ${login.failed} sign-ins failed; first: ${login.firstError}`);
    const signedIn = sample(target.pid);
    // The last answers settle and the held requests are the only ones left.
    await new Promise((r) => setTimeout(r, 1000));
    const idle = sample(target.pid);
    const result: Run = {
      target,
      costs,
      loginsPerSecond: login.ok / login.seconds,
      failed: login.failed,
      held: await target.held(),
      cpuPerSignInUs: ((signedIn.cpu - base.cpu) / Math.max(1, login.ok)) * 1e6,
      rssPerSessionKb: (idle.rssBytes - base.rssBytes) / Math.max(1, login.ok) / 1024,
      rssBaseMb: base.rssBytes / 1024 / 1024,
      steps: [],
    };
    for (const active of steps) {
      const before = sample(target.pid);
      load.tell({ type: 'phase', active, held: sessions, teamSize, seconds });
      const done = await load.next('phase-done');
      const after = sample(target.pid);
      const cpu = after.cpu - before.cpu;
      result.steps.push({
        active,
        deliveries: done.deliveries,
        expected: done.expected,
        eventsPerSecond: done.deliveries / done.seconds,
        p50: done.p50,
        p99: done.p99,
        max: done.max,
        cpuPerDeliveryUs: (cpu / Math.max(1, done.deliveries)) * 1e6,
        serverCores: cpu / done.seconds,
        loadCores: done.loadCpu,
        publishErrors: done.publishErrors,
      });
      if (!(done.p99 <= P99_LIMIT_MS) || done.deliveries < done.expected) break;
    }
    return result;
  } finally {
    load.tell({ type: 'stop' });
    await new Promise((r) => (load.child.exitCode !== null ? r(0) : load.child.once('exit', r)));
  }
}

/**
 * Server CPU per whole BOSH sign-in (session, SASL, restart, bind, terminate) by how it signs in,
 * on the accounts at the product's hashing cost: the first PLAIN of each (a scrypt hash), PLAIN
 * again (the verified password cached), SCRAM from the stored keys, and a session token.
 */
async function signInCosts(
  load: Peer<ToLoad, FromLoad>,
  target: Target,
  s: { users: string[]; tokens: string[] },
): Promise<SignInCost[]> {
  type Mode = Extract<ToLoad, { type: 'sign-ins' }>['mechanism'];
  // [label, mechanism, secrets, sign-ins, at once]: the slow hashes one at a time, so that none
  // waits in the hasher's queue and the figure is one hash's.
  const modes: [string, Mode, string[], number, number][] = [
    ['PLAIN, password checked (scrypt N=2^17, r=8, p=1)', 'PLAIN', s.users, s.users.length, 1],
    ['PLAIN, verified password cached', 'PLAIN', s.users, signIns, concurrency],
    ['SCRAM-SHA-256, stored keys', 'SCRAM-SHA-256', s.users, signIns, concurrency],
    ['SCRAM-SHA-1, stored keys', 'SCRAM-SHA-1', s.users, signIns, concurrency],
    ['OAUTHBEARER, session token', 'OAUTHBEARER', s.tokens, signIns, concurrency],
  ];
  const run = (mechanism: Mode, secrets: string[], count: number, atOnce: number) => {
    load.tell({
      type: 'sign-ins',
      boshPort: target.boshPort,
      users: s.users,
      secrets,
      mechanism,
      count,
      concurrency: atOnce,
    });
    return load.next('signed-in');
  };
  const out: SignInCost[] = [];
  for (const [label, mechanism, secrets, count, atOnce] of modes) {
    // An unmeasured round first (the first round after the slow hashes costs up to twice as much
    // while the JIT and the heap settle), except for the slow hashes: each must be an account's first.
    if (atOnce > 1) await run(mechanism, secrets, Math.min(count, 200), atOnce);
    const before = sample(target.pid);
    const done = await run(mechanism, secrets, count, atOnce);
    if (done.failed > 0) console.error(`${label}: ${done.failed} sign-ins failed; first: ${done.firstError}`);
    const cpu = sample(target.pid).cpu - before.cpu;
    out.push({
      label,
      mechanism,
      signIns: done.ok,
      failed: done.failed,
      cpuPerSignInUs: (cpu / Math.max(1, done.ok)) * 1e6,
    });
  }
  return out;
}

const runs: Run[] = [];
for (const name of servers) {
  const target = name === 'prosody' ? await startReference() : await startSwitchboard();
  if (!target) continue;
  try {
    runs.push(await run(target));
  } finally {
    await target.stop();
  }
}

const n = (x: number, digits = 0) =>
  Number.isNaN(x)
    ? '-'
    : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const out: string[] = [
  `Notification service over BOSH: ${n(sessions)} desktops held (raw keep-alive clients in a load process), each subscribed to its user node and a team node of ${teamSize} (${n(teamCount(sessions, teamSize))} teams); publishes by the system account over XMPP/TCP; server CPU and RSS read from /proc. ${os.cpus().length} CPUs.`,
  '',
  '| server | sign-ins/s | server CPU per sign-in | sessions held | RSS per held session | RSS before sign-ins |',
  '|---|---|---|---|---|---|',
  ...runs.map(
    (r) =>
      `| ${r.target.name} (${r.target.version}) | ${n(r.loginsPerSecond)} | ${n(r.cpuPerSignInUs)} µs | ${r.held === undefined ? n(sessions - r.failed) : n(r.held)} | ${n(r.rssPerSessionKb, 1)} kB | ${n(r.rssBaseMb, 1)} MB |`,
  ),
  '',
  'Sign-in cost: server CPU per BOSH sign-in (session, SASL, restart, bind, terminate), by mechanism, on accounts at the product default cost (the held desktops above sign in with the best mechanism offered: SCRAM):',
  '',
  '| server | sign-in | sign-ins | server CPU per sign-in | of which the SASL exchange (in process) |',
  '|---|---|---|---|---|',
  ...runs.flatMap((r) =>
    r.costs.map(
      (c) =>
        `| ${r.target.name} | ${c.label} | ${n(c.signIns)} | ${n(c.cpuPerSignInUs)} µs | ${c.authUs === undefined ? '(the hash)' : `${n(c.authUs)} µs`} |`,
    ),
  ),
  '',
  `Each of the first K desktops receives one event per second for ${seconds} s (the others stay held):`,
  '',
  '| server | K | deliveries | events/s | p50 ms | p99 ms | max ms | server CPU per delivery | server CPU | load CPU |',
  '|---|---|---|---|---|---|---|---|---|---|',
  ...runs.flatMap((r) =>
    r.steps.map(
      (s) =>
        `| ${r.target.name} | ${n(s.active)} | ${n(s.deliveries)}/${n(s.expected)} | ${n(s.eventsPerSecond)} | ${n(s.p50, 2)} | ${n(s.p99, 2)} | ${n(s.max, 1)} | ${n(s.cpuPerDeliveryUs)} µs | ${n(s.serverCores * 100)} % | ${n(s.loadCores * 100)} % |`,
    ),
  ),
  '',
  '| server | most desktops at 1 event/s with p99 ≤ 100 ms |',
  '|---|---|',
  ...runs.map((r) => {
    const ok = r.steps.filter((s) => s.p99 <= P99_LIMIT_MS && s.deliveries >= s.expected);
    if (r.steps.length === 0) return `| ${r.target.name} | - (no step run) |`;
    const all = ok.length === r.steps.length && ok.length === steps.length;
    return `| ${r.target.name} | ${ok.length ? n(ok[ok.length - 1].active) : 'none'}${all ? ' (every step passed)' : ''} |`;
  }),
];
const [ours, ref] = [
  runs.find((r) => r.target.name === 'Switchboard'),
  runs.find((r) => r.target.name === 'Prosody'),
];
if (ours && ref) {
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '-');
  out.push(
    '',
    '| Switchboard / Prosody | ratio |',
    '|---|---|',
    `| server CPU per sign-in | ${ratio(ours.cpuPerSignInUs, ref.cpuPerSignInUs)} |`,
    `| RSS per held session | ${ratio(ours.rssPerSessionKb, ref.rssPerSessionKb)} |`,
    ...ours.steps.flatMap((s) => {
      const r = ref.steps.find((x) => x.active === s.active);
      return r
        ? [
            `| server CPU per delivery, K = ${n(s.active)} | ${ratio(s.cpuPerDeliveryUs, r.cpuPerDeliveryUs)} |`,
          ]
        : [];
    }),
  );
}
console.log(out.join('\n'));
const lost = runs.some(
  (r) => r.failed > 0 || r.costs.some((c) => c.failed > 0) || r.steps.some((s) => s.publishErrors > 0),
);
process.exit(lost ? 1 : 0);
