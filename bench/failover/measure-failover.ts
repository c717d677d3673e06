/**
 * One failover, measured (bench/failover/README.md): `count` BOSH desktops signed in on `from`,
 * kill -9 of `from`, and how long until each is signed in, subscribed and has fetched its user
 * again on `to`; `to`'s CPU for it; and the notifications lost. `to` publishes events to the
 * desktops' user nodes throughout: every one published after a desktop was subscribed again must
 * reach it (those before are what its GET User fetches again). Used by `failover.bench.ts` and,
 * tiny, by the cluster test's last case.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import type { NewUser } from '../../src/store/index.ts';
import type { NodeProcess } from '../../test/cluster/cluster.ts';
import { clock } from '../notify/layout.ts';
import { sample } from '../notify/proc.ts';
import type { FromDesktops, Mechanism, ToDesktops } from './protocol.ts';

export interface FailoverOptions {
  from: NodeProcess;
  to: NodeProcess;
  count: number;
  mechanism: Mechanism;
  jitterMs: number;
  eventsPerSecond: number;
  concurrency: number;
  log: (line: string) => void;
  /** How long the events' own cost on B is measured before the kill (default 2 s). */
  baselineMs?: number;
}

export type FailoverResult = Extract<FromDesktops, { type: 'result' }> & { cpuSeconds: number };

/** Agents 10000 … with their password = their id, spread over `teams`: the desktops' accounts. */
export function benchUsers(count: number, teams: readonly string[]): NewUser[] {
  return Array.from({ length: count }, (_, i) => {
    const id = String(10_000 + i);
    return {
      id,
      loginName: `agent${id}`,
      firstName: 'Agent',
      lastName: id,
      roles: ['Agent'],
      teamId: teams[i % teams.length],
      password: id,
    };
  });
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export async function measureFailover(o: FailoverOptions): Promise<FailoverResult> {
  const { from: a, to: b, log } = o;
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
    const signed = await ask(
      {
        type: 'sign-in',
        origin: a.origin,
        count: o.count,
        concurrency: o.concurrency,
        mechanism: o.mechanism,
      },
      'signed-in',
    );
    log(
      `# ${signed.ok} desktops on A in ${fmt(signed.seconds, 1)} s${signed.failed ? ` (${signed.failed} failed: ${signed.firstError})` : ''}`,
    );
    await ask(
      {
        type: 'arm',
        survivor: b.origin,
        xmppPort: b.xmppPort,
        systemPassword: b.systemPassword(),
        jitterMs: o.jitterMs,
        minBackoffMs: 1000,
        eventsPerSecond: o.eventsPerSecond,
      },
      'armed',
    );
    const pid = b.proc.pid as number;
    // B's CPU for the events alone, before the kill: taken off its CPU for the failover.
    const idle = sample(pid);
    const baselineMs = o.baselineMs ?? 2000;
    await new Promise((r) => setTimeout(r, baselineMs));
    const before = sample(pid);
    const baselinePerMs = (before.cpu - idle.cpu) / baselineMs;
    const killedAt = clock();
    a.proc.kill('SIGKILL');
    const waiting = ask(
      { type: 'await', killedAt, timeoutMs: 120_000, drainMs: Math.min(1000, o.baselineMs ?? 1000) },
      'result',
    );
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
    log(
      `# the load process meanwhile: ${fmt(r.loadCpu, 2)} cores, event-loop delay p99 ${fmt(r.loadLagP99Ms)} ms`,
    );
    log(`# B's CPU share by half second from the kill: ${cpuTimeline(samples, killedAt, backAt)}`);
    for (const [why, n] of Object.entries(r.retryReasons)) log(`# tried again ${n}×: ${why}`);
    if (r.back < r.desktops) log(`# ${r.desktops - r.back} desktops not back: ${r.firstError}`);
    load.send({ type: 'stop' } satisfies ToDesktops);
    return { ...r, cpuSeconds: cpu };
  } finally {
    load.kill('SIGKILL');
  }
}

/** B's CPU share (of one core) in each half second from `from` to `to`: where B waited, where it was the limit. */
function cpuTimeline(samples: { at: number; cpu: number }[], from: number, to: number): string {
  const shares: string[] = [];
  for (let t = from; t < to; t += 500) {
    const a = samples.find((x) => x.at >= t);
    const b = samples.find((x) => x.at >= t + 500) ?? samples[samples.length - 1];
    if (!a || b.at <= a.at) break;
    shares.push(`${Math.round(((b.cpu - a.cpu) / ((b.at - a.at) / 1000)) * 100)}%`);
  }
  return shares.join(' ');
}
