/**
 * Failover benchmark: N BOSH desktops on node A of a two-node cluster (real `switchboard start`
 * processes on a throwaway PostgreSQL, one CTI simulator), kill -9 of A, and how long until the
 * last is signed in, subscribed and has fetched its user again on B; B's CPU for it; the
 * notifications lost (measure-failover.ts).
 *
 *   node --import tsx bench/failover/failover.bench.ts [--desktops 2000] [--mechanism token|scram]
 *     [--jitter-ms 2000] [--events-per-second N] [--concurrency 50] [--profile DIR]
 *
 * Figures and how to read them: bench/failover/README.md.
 */
import path from 'node:path';
import { DEMO } from '../../src/store/index.ts';
import { startCluster } from '../../test/cluster/cluster.ts';
import { benchArgs } from '../support.ts';
import { benchUsers, measureFailover } from './measure-failover.ts';
import type { Mechanism } from './protocol.ts';

const args = benchArgs();
const count = Number(args.get('desktops') ?? 2000);
// The token by default: the desktop's own path (src/desktop/app/credentials.ts). `scram` is a
// third-party client's: SCRAM over XMPP and Basic on REST, a password check per desktop on B.
const mechanism = (args.get('mechanism') ?? 'token') as Mechanism;
const jitterMs = Number(args.get('jitter-ms') ?? 2000);
// One event per desktop every 4 s by default: a busy contact center's rate of agent and call events.
const eventsPerSecond = Number(args.get('events-per-second') ?? Math.max(1, Math.round(count / 4)));
const concurrency = Number(args.get('concurrency') ?? 50);
/** `--profile DIR`: B runs with --cpu-prof and writes its profile there when the bench ends. */
const profileDir = args.get('profile');
if (mechanism !== 'scram' && mechanism !== 'token') throw new Error('--mechanism scram|token');
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
  seed: async (store) => {
    const teams = DEMO.teams.map((t) => ({ ...t }));
    const r = await store.importConfig({
      teams,
      users: benchUsers(
        count,
        teams.map((t) => t.id),
      ),
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
try {
  const r = await measureFailover({
    from: a,
    to: b,
    count,
    mechanism,
    jitterMs,
    eventsPerSecond,
    concurrency,
    log,
  });
  if (profileDir) {
    // A profile is written on a clean exit only.
    const exited = new Promise((resolve) => b.proc.once('exit', resolve));
    b.proc.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    log(`# B's CPU profile in ${profileDir}`);
  }
  process.exitCode = r.back === r.desktops && r.lost === 0 ? 0 : 1;
} finally {
  await cluster.stop();
}
