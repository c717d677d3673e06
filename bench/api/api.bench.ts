/**
 * REST API throughput and latency: `node --import tsx bench/api/api.bench.ts [--seconds 10]
 * [--concurrency 200]`.
 *
 * Three processes, so that the load generator never shares an event loop with what it measures:
 *   - this one (the conductor) starts the other two, signs the demo agents in, prints the table;
 *   - `--role server`: the real system (`startSwitchboard`: SQLite store, CTI simulator and link,
 *     notification service, core, REST API, its logs) plus, in the same process, a bare
 *     `node:http` server whose handler answers a fixed body at once — the ceiling of the stack;
 *   - `--role load`: node:http clients on a keep-alive agent, `--concurrency` requests in flight,
 *     for `--seconds`, reporting requests/s and latency percentiles as JSON.
 * Scenarios: the bare route; GET /User/2001 (Basic credentials, served from the 60 s credential
 * cache after the first); PUT /User/{id} alternating READY / NOT_READY with a reason code, spread
 * over the six demo agents (each answered 202 once core has validated and queued it for CTI).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { benchArgs, DEMO_AGENTS } from '../support.ts';

const args = benchArgs();
const seconds = Number(args.get('seconds') ?? 10);
const concurrency = Number(args.get('concurrency') ?? 200);
const SELF = new URL(import.meta.url).pathname;
// The demo agents the CTI simulator knows (DEMO in src/store/demo.ts): id → extension.
const basic = (id: string) => `Basic ${Buffer.from(`${id}:${id}`).toString('base64')}`;

interface LoadResult {
  requests: number;
  seconds: number;
  statuses: Record<string, number>;
  p50: number;
  p90: number;
  p99: number;
}

async function serve() {
  const { startSwitchboard } = await import('../../src/app/index.ts');
  const { loopbackConfig } = await import('../../test/support/system.ts');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-bench-'));
  const config = loopbackConfig(dir);
  const sb = await startSwitchboard(config);
  const body = Buffer.from('<SystemInfo><status>IN_SERVICE</status></SystemInfo>');
  const bare = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/xml', 'Content-Length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  for (let i = 0; i < 100 && !sb.core.isInService(); i++) await new Promise((r) => setTimeout(r, 100));
  process.stdout.write(
    `${JSON.stringify({ http: sb.ports.http, bare: (bare.address() as AddressInfo).port })}\n`,
  );
  const stop = async () => {
    bare.closeAllConnections();
    bare.close();
    await sb.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.stdin.on('data', () => void stop());
  process.stdin.on('end', () => void stop());
}

async function load() {
  const url = new URL(args.get('url') ?? '');
  const scenario = args.get('scenario');
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const warmUpEnd = performance.now() + Math.min(1000, seconds * 200);
  const end = warmUpEnd + seconds * 1000;
  const request = (worker: number, n: number) => {
    const [id] = DEMO_AGENTS[worker % DEMO_AGENTS.length];
    const isPut = scenario === 'put';
    const body = isPut
      ? n % 2 === 0
        ? '<User><state>READY</state></User>'
        : '<User><state>NOT_READY</state><reasonCodeId>1</reasonCodeId></User>'
      : undefined;
    return new Promise<number>((resolve) => {
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: isPut ? 'PUT' : 'GET',
          path: isPut ? `/finesse/api/User/${id}` : url.pathname,
          headers: { Authorization: basic(isPut ? id : '2001'), 'Content-Type': 'application/xml' },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', () => resolve(0));
      req.end(body);
    });
  };
  const worker = async (w: number) => {
    for (let n = 0; performance.now() < end; n++) {
      const start = performance.now();
      const status = await request(w, n);
      if (start < warmUpEnd) continue;
      latencies.push(performance.now() - start);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const result: LoadResult = {
    requests: latencies.length,
    seconds,
    statuses,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function child(role: string, extra: string[] = []) {
  return spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      SELF,
      '--role',
      role,
      '--seconds',
      String(seconds),
      '--concurrency',
      String(concurrency),
      ...extra,
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
}

const firstLine = (p: ReturnType<typeof child>) =>
  new Promise<string>((resolve, reject) => {
    let out = '';
    p.stdout!.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    p.on('exit', (code) => reject(new Error(`${p.spawnargs.join(' ')} exited with ${code}`)));
  });

async function signIn(port: number): Promise<string | undefined> {
  const call = (method: string, id: string, body?: string) =>
    fetch(`http://127.0.0.1:${port}/finesse/api/User/${id}`, {
      method,
      body,
      headers: { Authorization: basic(id) },
    });
  for (const [id, extension] of DEMO_AGENTS) {
    const r = await call('PUT', id, `<User><state>LOGIN</state><extension>${extension}</extension></User>`);
    if (r.status !== 202) return `LOGIN of ${id} answered ${r.status}: ${await r.text()}`;
  }
  for (const [id] of DEMO_AGENTS) {
    for (let i = 0; i < 50; i++) {
      if ((await (await call('GET', id)).text()).includes('<state>NOT_READY</state>')) break;
      if (i === 49) return `${id} did not reach NOT_READY after LOGIN`;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return undefined;
}

async function conduct() {
  const server = child('server');
  const ports = JSON.parse(await firstLine(server)) as { http: number; bare: number };
  const rows: [string, LoadResult | string][] = [];
  const run = async (name: string, url: string, scenario: string) => {
    const p = child('load', ['--url', url, '--scenario', scenario]);
    rows.push([name, JSON.parse(await firstLine(p)) as LoadResult]);
  };
  try {
    await run('bare node:http route (ceiling)', `http://127.0.0.1:${ports.bare}/`, 'get');
    await run('GET /finesse/api/User/2001', `http://127.0.0.1:${ports.http}/finesse/api/User/2001`, 'get');
    const notReady = await signIn(ports.http);
    if (notReady) rows.push(['PUT /finesse/api/User/{id} state', `skipped: ${notReady}`]);
    else await run('PUT /finesse/api/User/{id} state', `http://127.0.0.1:${ports.http}/`, 'put');
  } finally {
    server.stdin!.end();
  }
  print(rows);
}

function print(rows: [string, LoadResult | string][]) {
  const ceiling = rows.find(([, r]) => typeof r !== 'string')?.[1] as LoadResult;
  const rate = (r: LoadResult) => r.requests / r.seconds;
  console.log(
    `REST API benchmark: ${seconds} s per scenario, ${concurrency} concurrent keep-alive clients, ${os.cpus().length} CPUs, Node ${process.version}`,
  );
  console.log('| scenario | requests | req/s | p50 ms | p90 ms | p99 ms | statuses | vs ceiling |');
  console.log('|---|---:|---:|---:|---:|---:|---|---:|');
  for (const [name, r] of rows) {
    if (typeof r === 'string') {
      console.log(`| ${name} | – | – | – | – | – | ${r} | – |`);
      continue;
    }
    const statuses = Object.entries(r.statuses)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    const ratio = `${((100 * rate(r)) / rate(ceiling)).toFixed(1)} %`;
    console.log(
      `| ${name} | ${r.requests} | ${rate(r).toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p90.toFixed(2)} | ${r.p99.toFixed(2)} | ${statuses} | ${ratio} |`,
    );
  }
}

const role = args.get('role');
await (role === 'server' ? serve() : role === 'load' ? load() : conduct());
