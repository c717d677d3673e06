/**
 * A real cluster for the fault tests: a throwaway PostgreSQL, one standalone CTI simulator
 * (`switchboard cti-sim`) and N `switchboard start` processes — real child processes, so that a
 * test can kill -9 one, SIGSTOP another, and restart the database under them. Short timers
 * (heartbeat, presence delay, BOSH) keep each fault quick.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCommandLine } from '../../src/app/options/index.ts';
import { type ConfigStore, createPostgresStore, seedDemoData } from '../../src/store/index.ts';
import { TEST_HASHING } from '../../src/store/testing/hashing.ts';
import { type PgServer, startPgServer } from '../../src/store/testing/pg-server.ts';
import { freePort } from '../support/ports.ts';
import { switchboardBin } from '../support/switchboard-bin.ts';
import { keepTls, reuseTls } from '../support/system.ts';
import { until } from '../support/until.ts';

export interface NodeProcess {
  name: string;
  /** `http://127.0.0.1:<port>`: REST, desktop and BOSH at /http-bind. */
  origin: string;
  bosh: string;
  /** XMPP client port (5222's), and the node's system account password (`system-account.secret`). */
  xmppPort: number;
  systemPassword(): string;
  proc: ChildProcess;
  logDir: string;
  dataDir: string;
  /** Everything it wrote to stdout and stderr. */
  output(): string;
  isAlive(): boolean;
  /** Its webservices log so far. */
  webservicesLog(): string;
}

export interface Cluster {
  pg: PgServer;
  databaseUrl: string;
  /** The simulator's CTI port, its admin API and the admin API's bearer token. */
  cti: { port: number; admin: string; token: string };
  nodes: NodeProcess[];
  /** `fetch` against a node with optional Basic credentials. */
  api(node: NodeProcess, path: string, init?: RequestInit & { auth?: string }): Promise<Response>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  nodes: number;
  presenceLogoutDelaySec: number;
  heartbeatSec: number;
  boshWaitSec: number;
  boshInactivitySec: number;
  /** The configuration the nodes share (default: the demo data). */
  seed?: (store: ConfigStore) => Promise<void>;
  /** More `switchboard start` options for every node. */
  extraArgs?: string[];
  /** Node options (`--cpu-prof` …) for the node of this name ('a', 'b' …). */
  execArgv?: { node: string; args: string[] };
}

/** Resolves with the first match of `pattern` in what `proc` writes to stdout, or rejects if it exits first. */
function waitForLine(
  proc: ChildProcess,
  pattern: RegExp,
  what: string,
  out: () => string,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = pattern.exec(out());
      if (m) {
        proc.stdout?.off('data', check);
        proc.off('exit', exited);
        resolve(m);
      }
    };
    const exited = (code: number | null) =>
      reject(new Error(`${what} exited (${code}) before it was ready:\n${out()}`));
    proc.stdout?.on('data', check);
    proc.once('exit', exited);
    check();
    if (proc.exitCode !== null) exited(proc.exitCode);
  });
}

function spawnSwitchboard(
  bin: string,
  args: string[],
  execArgv: string[] = [],
): { proc: ChildProcess; output: () => string } {
  const proc = spawn(process.execPath, [...execArgv, bin, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let text = '';
  proc.stdout?.setEncoding('utf8').on('data', (s: string) => {
    text += s;
  });
  proc.stderr?.setEncoding('utf8').on('data', (s: string) => {
    text += s;
  });
  return { proc, output: () => text };
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const started = Date.now();
  const progress = (what: string) => console.log(`# cluster: ${what} after ${Date.now() - started} ms`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-cluster-'));
  const processes: ChildProcess[] = [];
  const bin = await switchboardBin();
  const sim = spawnSwitchboard(bin, [
    'cti-sim',
    '--port',
    '0',
    '--cti-admin-port',
    '0',
    '--log-dir',
    path.join(root, 'sim', 'logs'),
    '--data-dir',
    path.join(root, 'sim'),
  ]);
  processes.push(sim.proc);
  let pg: PgServer;
  try {
    // Its own server: the tests stop and start it under the nodes.
    pg = await startPgServer({ own: true });
  } catch (e) {
    sim.proc.kill('SIGKILL');
    throw e;
  }
  const cluster: Cluster = {
    pg,
    databaseUrl: '',
    cti: { port: 0, admin: '', token: '' },
    nodes: [],
    api(node, p, init = {}) {
      const headers = new Headers(init.headers);
      if (init.auth)
        headers.set('Authorization', `Basic ${Buffer.from(`${init.auth}:${init.auth}`).toString('base64')}`);
      return fetch(node.origin + p, { ...init, headers, signal: init.signal ?? AbortSignal.timeout(10_000) });
    },
    async stop() {
      for (const p of processes) {
        if (p.exitCode === null && p.signalCode === null) {
          p.kill('SIGCONT');
          p.kill('SIGKILL');
        }
      }
      await pg.stop();
      // SWITCHBOARD_KEEP_CLUSTER=1 keeps the nodes' logs for a look after a failed run.
      if (process.env.SWITCHBOARD_KEEP_CLUSTER) console.log(`# cluster logs kept in ${root}`);
      else fs.rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    progress('PostgreSQL up');
    cluster.databaseUrl = await pg.createDatabase(`switchboard_cluster_${process.pid}`);
    // The demo configuration, once, before any node starts (three nodes would each hash it).
    const seeding = await createPostgresStore({
      connectionString: cluster.databaseUrl,
      listen: false,
      passwordHashing: TEST_HASHING,
    });
    await (options.seed ?? seedDemoData)(seeding);
    await seeding.close();
    progress('demo data in');
    const simReady = await waitForLine(
      sim.proc,
      /listening on 127\.0\.0\.1:(\d+).*admin API on (http:\/\/127\.0\.0\.1:\d+)/,
      'the CTI simulator',
      sim.output,
    );
    progress('CTI simulator up');
    const token = fs.readFileSync(path.join(root, 'sim', 'cti-admin.token'), 'utf8').trim();
    cluster.cti = { port: Number(simReady[1]), admin: simReady[2], token };

    /** One node, started and answering; 'port taken' when another process took a port first. */
    const startNode = async (
      name: string,
      dir: string,
      logDir: string,
    ): Promise<NodeProcess | 'port taken'> => {
      const httpPort = await freePort();
      const xmppPort = await freePort();
      const args = [
        'start',
        '--quiet',
        '--host',
        '127.0.0.1',
        '--database-url',
        cluster.databaseUrl,
        '--cti-servers',
        `127.0.0.1:${cluster.cti.port}`,
        '--http-port',
        String(httpPort),
        '--bosh-port',
        '0',
        '--xmpp-port',
        String(xmppPort),
        '--https-port',
        'off',
        '--bosh-tls-port',
        'off',
        '--xmpp-tls-port',
        'off',
        '--node-host',
        '127.0.0.1',
        '--cluster-heartbeat',
        String(options.heartbeatSec),
        '--presence-logout-delay',
        String(options.presenceLogoutDelaySec),
        '--bosh-wait',
        String(options.boshWaitSec),
        '--bosh-inactivity',
        String(options.boshInactivitySec),
        // The test cost of password hashes (the seed's: no rehash at sign-in).
        '--scrypt-cost',
        `${TEST_HASHING.scrypt.N},${TEST_HASHING.scrypt.r},${TEST_HASHING.scrypt.p}`,
        '--scram-iterations',
        String(TEST_HASHING.scramIterations),
        '--cti-heartbeat-ms',
        '1000',
        '--data-dir',
        path.join(dir, 'data'),
        '--log-dir',
        logDir,
        ...(options.extraArgs ?? []),
      ];
      // The run's self-signed certificate, as in-process test systems share it (test/support/system.ts):
      // generating one is ~0.5 s of a node's start. The node still checks that it fits.
      const config = parseCommandLine('start', args.slice(1), {}).config;
      reuseTls(config);
      const { proc, output } = spawnSwitchboard(
        bin,
        args,
        options.execArgv?.node === name ? options.execArgv.args : [],
      );
      processes.push(proc);
      const origin = `http://127.0.0.1:${httpPort}`;
      const hasExited = () => proc.exitCode !== null || proc.signalCode !== null;
      await until(
        `node ${name} answering`,
        async () => hasExited() || (await fetch(`${origin}/finesse/api/SystemInfo`)).ok,
        { timeoutMs: 120_000, everyMs: 50 },
      );
      if (hasExited()) {
        if (/the port is in use/.test(output())) return 'port taken';
        throw new Error(`node ${name} exited (${proc.exitCode ?? proc.signalCode}):\n${output()}`);
      }
      keepTls(config);
      return {
        name,
        origin,
        bosh: `${origin}/http-bind`,
        xmppPort,
        systemPassword: () => fs.readFileSync(path.join(dir, 'data', 'system-account.secret'), 'utf8').trim(),
        proc,
        logDir,
        dataDir: path.join(dir, 'data'),
        output,
        isAlive: () => proc.exitCode === null && proc.signalCode === null,
        webservicesLog: () => readLogs(path.join(logDir, 'webservices')),
      };
    };
    const names = 'abcdefgh'.slice(0, options.nodes).split('');
    cluster.nodes = await Promise.all(
      names.map(async (name) => {
        const dir = path.join(root, name);
        const logDir = path.join(dir, 'logs');
        // The node is told its HTTP port (one the system just handed out) so that it can start
        // --quiet: the banner checks every demo password, seconds of scrypt on a loaded machine.
        // Another process of this shared machine may take that port before the node binds it:
        // then the node exits saying so, and is started again on other ports.
        for (let attempt = 1; ; attempt++) {
          const started = await startNode(name, dir, logDir);
          if (started !== 'port taken') return started;
          if (attempt === 3) throw new Error(`node ${name}: its ports were taken three times`);
        }
      }),
    );
    progress(`${cluster.nodes.length} nodes answering`);
    // Ready when every node is IN_SERVICE and names all the others.
    for (const node of cluster.nodes) {
      await until(
        `node ${node.name} in service and knowing every node`,
        async () => {
          const text = await (await cluster.api(node, '/finesse/api/SystemInfo')).text();
          return (
            text.includes('<status>IN_SERVICE</status>') &&
            cluster.nodes.every((n) => text.includes(`<host>${new URL(n.origin).host}</host>`))
          );
        },
        { timeoutMs: 20_000, everyMs: 50 },
      );
    }
    progress('every node in service');
    return cluster;
  } catch (e) {
    await cluster.stop();
    throw e;
  }
}

function readLogs(dir: string): string {
  if (!fs.existsSync(dir)) return '';
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('');
}
