/**
 * Failover benchmark: N BOSH desktops signed in on node A of a two-node cluster (real
 * `switchboard start` processes on a throwaway PostgreSQL, one CTI simulator), kill -9 of A, and
 * how long until the last desktop is signed in, subscribed and has fetched its user again on B;
 * B's CPU for it; and the notifications lost — B publishes events to the desktops' user nodes
 * throughout, and every one published after a desktop was subscribed again must reach it (those
 * before are what its GET User fetches again).
 *
 *   node --import tsx bench/failover/failover.bench.ts [--desktops 2000] [--mechanism scram|token]
 *     [--jitter-ms 2000] [--events-per-second 500] [--concurrency 50]
 *
 * Figures and how to read them: bench/failover/README.md.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { DEMO } from '../../src/store/index.ts';
import { startCluster } from '../../test/cluster/cluster.ts';
import { clock } from '../notify/layout.ts';
import { sample } from '../notify/proc.ts';
import { benchArgs } from '../support.ts';
import type { FromDesktops, Mechanism, ToDesktops } from './protocol.ts';

const args = benchArgs();
const count = Number(args.get('desktops') ?? 2000);
const mechanism = (args.get('mechanism') ?? 'scram') as Mechanism;
const jitterMs = Number(args.get('jitter-ms') ?? 2000);
// One event per desktop every 4 s by default: a busy contact center's rate of agent and call events.
const eventsPerSecond = Number(args.get('events-per-second') ?? Math.max(1, Math.round(count / 4)));
const concurrency = Number(args.get('concurrency') ?? 50);
/** `--profile DIR`: B runs with --cpu-prof and writes its profile there when the bench ends. */
const profileDir = args.get('profile');
if (mechanism !== 'scram' && mechanism !== 'token') throw new Error('--mechanism scram|token');

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const log = (s: string) => process.stdout.write(`${s}\n`);

log(
  `# failover of ${count} BOSH desktops (${mechanism}), jitter ${jitterMs} ms, ${eventsPerSecond} events/s`,
);
const cluster = await startCluster({
  nodes: 2,
  presenceLogoutDelaySec: 60,
  heartbeatSec: 1,
  boshWaitSec: 60,
  boshInactivitySec: 120,
  // Agents 10000 … with their password = their id, in the demo teams.
  seed: async (store) => {
    const r = await store.importConfig({
      teams: DEMO.teams.map((t) => ({ ...t })),
      users: Array.from({ length: count }, (_, i) => {
        const id = String(10_000 + i);
        return {
          id,
          loginName: `agent${id}`,
          firstName: 'Agent',
          lastName: id,
          roles: ['Agent' as const],
          teamId: DEMO.teams[i % DEMO.teams.length].id,
          password: id,
        };
      }),
      reasonCodes: [],
    });
    if (!r.ok) throw new Error(r.error.message);
  },
  // All desktops come from one address here, as behind one proxy: no per-address cap on sign-ins.
  extraArgs: ['--xmpp-max-unbound-per-address', '0'],
  execArgv: profileDir
    ? { node: 'b', args: ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] }
    : undefined,
});
const [a, b] = cluster.nodes;
const load = fork(path.join(import.meta.dirname, 'desktops.ts'), [], {
  execArgv: ['--import', 'tsx'],
  stdio: 'inherit',
  // The publisher's XMPP connection to B starts TLS: B's self-signed certificate is trusted.
  env: { ...process.env, NODE_EXTRA_CA_CERTS: path.join(b.dataDir, 'tls', 'cert.pem') },
});
const ask = <T extends FromDesktops['type']>(m: ToDesktops, answer: T) =>
  new Promise<Extract<FromDesktops, { type: T }>>((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`the load process exited (${code})`));
    const on = (r: FromDesktops) => {
      if (r.type !== answer) return;
      load.off('message', on);
      load.off('exit', exited);
      resolve(r as Extract<FromDesktops, { type: T }>);
    };
    load.on('message', on);
    load.once('exit', exited);
    load.send(m);
  });

try {
  const signed = await ask({ type: 'sign-in', origin: a.origin, count, concurrency, mechanism }, 'signed-in');
  log(
    `# ${signed.ok} desktops on A in ${fmt(signed.seconds, 1)} s${signed.failed ? ` (${signed.failed} failed: ${signed.firstError})` : ''}`,
  );
  await ask(
    {
      type: 'arm',
      survivor: b.origin,
      xmppPort: b.xmppPort,
      systemPassword: b.systemPassword(),
      jitterMs,
      minBackoffMs: 1000,
      eventsPerSecond,
    },
    'armed',
  );
  const pid = b.proc.pid as number;
  // B's CPU for the events alone, before the kill: taken off its CPU for the failover.
  const idle = sample(pid);
  await new Promise((r) => setTimeout(r, 2000));
  const before = sample(pid);
  const baselinePerMs = (before.cpu - idle.cpu) / 2000;
  const killedAt = clock();
  a.proc.kill('SIGKILL');
  const waiting = ask({ type: 'await', killedAt, timeoutMs: 120_000, drainMs: 1000 }, 'result');
  // B's CPU up to the moment the last desktop was back, not the drain after it.
  const samples: { at: number; cpu: number }[] = [];
  const poll = setInterval(() => samples.push({ at: clock(), cpu: sample(pid).cpu }), 50);
  const r = await waiting;
  clearInterval(poll);
  const backAt = killedAt + r.lastReloadedMs;
  const cpu =
    (samples.find((x) => x.at >= backAt) ?? samples[samples.length - 1]).cpu -
    before.cpu -
    baselinePerMs * r.lastReloadedMs;
  log('');
  log(
    '| desktops | back on B | last subscribed | median subscribed | last reloaded | B CPU (less the events) | B CPU per desktop | retries | events in the gap (fetched again) | events after | lost |',
  );
  log('|---|---|---|---|---|---|---|---|---|---|---|');
  log(
    `| ${fmt(r.desktops)} | ${fmt(r.back)} | ${fmt(r.lastSubscribedMs / 1000, 2)} s | ${fmt(r.medianSubscribedMs / 1000, 2)} s | ${fmt(r.lastReloadedMs / 1000, 2)} s | ${fmt(cpu, 2)} s | ${fmt((cpu / Math.max(1, r.back)) * 1e6)} µs | ${fmt(r.retries)} | ${fmt(r.eventsDuringGap)} | ${fmt(r.eventsAfterSubscribed)} | ${fmt(r.lost)} |`,
  );
  const st = r.medianSteps;
  log('');
  log(
    `# median desktop: waited ${fmt(r.medianJitterMs)} ms, then session ${fmt(st.session)} ms, SASL ${fmt(st.sasl)} ms, bind ${fmt(st.bind)} ms, presence + subscription ${fmt(st.subscribe)} ms, GET User ${fmt(st.reload)} ms`,
  );
  for (const [why, n] of Object.entries(r.retryReasons)) log(`# tried again ${n}×: ${why}`);
  if (r.back < r.desktops) log(`# ${r.desktops - r.back} desktops not back: ${r.firstError}`);
  load.send({ type: 'stop' } satisfies ToDesktops);
  if (profileDir) {
    // A profile is written on a clean exit only.
    const exited = new Promise((r) => b.proc.once('exit', r));
    b.proc.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
    log(`# B's CPU profile in ${profileDir}`);
  }
  process.exitCode = r.back === r.desktops && r.lost === 0 ? 0 : 1;
} finally {
  load.kill('SIGKILL');
  await cluster.stop();
}
