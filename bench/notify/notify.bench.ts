/**
 * The notification service under load: `node --import tsx bench/notify/notify.bench.ts
 * [--sessions 2000] [--publishes 20000] [--rate 500] [--team-size 10] [--concurrency 100]
 * [--window 64] [--via xmpp|inprocess] [--debug on]`.
 *
 * Two processes, so that the clients never share an event loop with what they measure:
 *   - this one runs the notification service alone (`createNotifyServer`, BOSH and TCP listeners
 *     on loopback, real info.log/debug.log files with the debug log off) and prints the table;
 *   - `load.ts`, forked: `--sessions` raw BOSH long-poll clients and, with `--via xmpp` (the
 *     default), the publisher — @xmpp/client logged in as the system account over TCP, as a core
 *     running apart publishes. `--via inprocess` publishes here, through `notify.pubsub.publish`.
 * Figures: logins/s (create + SASL + restart + bind + presence, `--concurrency` at once), sessions
 * held, heap and RSS per session (after a forced GC), then two publish phases — `paced` at
 * `--rate` publishes/s (latency at a steady load) and `burst` with `--window` publishes in flight
 * (throughput) — each with deliveries, events/s and publish→delivery p50/p99/max. `--debug on`
 * runs with debug.log on (every BOSH and TCP exchange written), to see what the switch costs.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createLogs } from '../../src/logs/index.ts';
import { createNotifyServer } from '../../src/notify/index.ts';
import { el } from '../../src/xml/index.ts';
import {
  clock,
  DOMAIN,
  type FromLoad,
  NS_PUBSUB,
  SYSTEM_USER,
  type ToLoad,
  target,
  teamCount,
  teamNode,
  teamOf,
  update,
  userId,
  userNode,
} from './layout.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1] ?? '');
const opt = (name: string, dflt: number) => Number(args.get(name) ?? dflt);
const sessions = opt('sessions', 2000);
const publishes = opt('publishes', 20_000);
const rate = opt('rate', 500);
const teamSize = opt('team-size', 10);
const concurrency = opt('concurrency', 100);
const window = opt('window', 64);
const via = args.get('via') ?? 'xmpp';
const isDebug = args.get('debug') === 'on';
if (via !== 'xmpp' && via !== 'inprocess') throw new Error('--via xmpp|inprocess');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const memory = () => {
  gc();
  gc();
  return process.memoryUsage();
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notify-bench-'));
const logs = createLogs({ dir, notifyDebug: isDebug });
const password = `bench-${Math.random().toString(36).slice(2)}`;
const notify = createNotifyServer({
  domain: DOMAIN,
  authenticate: async (u, p) => u === p && /^\d+$/.test(u),
  mayRead: () => true,
  infoLog: logs.notifyInfo,
  debugLog: logs.notifyDebug,
  systemAccounts: [{ username: SYSTEM_USER, password }],
  bosh: { wait: 60, inactivity: 120 },
});
for (let i = 0; i < sessions; i++) {
  notify.pubsub.subscribe(userNode(i), `${userId(i)}@${DOMAIN}`);
  notify.pubsub.subscribe(teamNode(teamOf(i, teamSize)), `${userId(i)}@${DOMAIN}`);
}
const { port: boshPort } = await notify.listenBosh({ host: '127.0.0.1', port: 0 });
const { port: tcpPort } = await notify.listenTcp({ host: '127.0.0.1', port: 0 });

const load = fork(path.join(import.meta.dirname, 'load.ts'), [], { execArgv: ['--import', 'tsx'] });
const inbox: FromLoad[] = [];
let wake = () => {};
load.on('message', (m: FromLoad) => {
  inbox.push(m);
  wake();
});
async function next<T extends FromLoad['type']>(type: T): Promise<Extract<FromLoad, { type: T }>> {
  for (;;) {
    const i = inbox.findIndex((m) => m.type === type);
    if (i >= 0) return inbox.splice(i, 1)[0] as Extract<FromLoad, { type: T }>;
    await new Promise<void>((r) => {
      wake = r;
    });
  }
}
const tell = (m: ToLoad) => load.send(m);

const before = memory();
tell({
  type: 'login',
  boshUrl: `http://127.0.0.1:${boshPort}/http-bind`,
  tcpPort,
  sessions,
  teamSize,
  concurrency,
  password,
});
const login = await next('logged-in');
if (login.failed > 0) console.error(`${login.failed} logins failed; first: ${login.firstError}`);
await new Promise((r) => setTimeout(r, 200)); // the last presences settle
const held = notify.sessionCount;
const after = memory();

/** Publishes here, paced like the load process does it (for --via inprocess). */
async function publishInProcess(n: number, perSecond: number): Promise<void> {
  const start = clock();
  for (let k = 0; k < n; k++) {
    if (perSecond > 0) {
      const due = start + (k / perSecond) * 1000;
      if (due > clock()) await new Promise((r) => setTimeout(r, due - clock()));
    } else if (k % 256 === 0) await new Promise((r) => setImmediate(r));
    const { node } = target(k, sessions, teamSize);
    notify.pubsub.publish(node, el('notification', { xmlns: NS_PUBSUB }, update(k, clock())));
  }
}

const phases: (Extract<FromLoad, { type: 'phase-done' }> & { cpu: number })[] = [];
for (const [name, perSecond] of [
  ['paced', rate],
  ['burst', 0],
] as const) {
  const cpu = process.cpuUsage();
  const wall = clock();
  tell({ type: 'phase', name, publishes, rate: perSecond, window, publishHere: via === 'xmpp' });
  if (via === 'inprocess') {
    await next('ready');
    await publishInProcess(publishes, perSecond);
  }
  const done = await next('phase-done');
  const used = process.cpuUsage(cpu);
  phases.push({ ...done, cpu: ((used.user + used.system) / 1000 / (clock() - wall)) * 100 });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const ms = (x: number) => (Number.isNaN(x) ? '-' : x.toFixed(2));
const table = [
  `Notification service: ${sessions} BOSH sessions (raw long-poll clients in a child process), publishes ${
    via === 'xmpp'
      ? 'by the system account over XMPP/TCP (@xmpp/client)'
      : 'in process (notify.pubsub.publish)'
  }; ${teamCount(sessions, teamSize)} team nodes of ${teamSize}; debug.log ${isDebug ? 'on' : 'off'}; Node ${process.version}, ${os.cpus().length} CPUs`,
  '',
  '| figure | value |',
  '|---|---|',
  `| logins/s | ${(login.ok / login.seconds).toFixed(0)} |`,
  `| sessions held | ${held} |`,
  `| heap per session | ${kb((after.heapUsed - before.heapUsed) / Math.max(1, held))} |`,
  `| RSS per session | ${kb((after.rss - before.rss) / Math.max(1, held))} |`,
  '',
  '| phase | publishes | deliveries | events/s | p50 ms | p99 ms | max ms | server CPU % |',
  '|---|---|---|---|---|---|---|---|',
  ...phases.map(
    (p) =>
      `| ${p.name} | ${publishes} | ${p.deliveries}/${p.expected} | ${(p.deliveries / p.seconds).toFixed(0)} | ${ms(p.p50)} | ${ms(p.p99)} | ${ms(p.max)} | ${p.cpu.toFixed(0)} |`,
  ),
];
console.log(table.join('\n'));
if (phases.some((p) => p.publishErrors > 0))
  console.error(`publish errors: ${phases.map((p) => p.publishErrors).join(', ')}`);

tell({ type: 'stop' });
await new Promise((r) => load.once('exit', r));
await notify.close();
await logs.flush();
fs.rmSync(dir, { recursive: true, force: true });
const lost = phases.some((p) => p.deliveries < p.expected) || login.failed > 0;
process.exit(lost ? 1 : 0);
