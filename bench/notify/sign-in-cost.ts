/**
 * Server CPU per whole BOSH sign-in, by mechanism, of one checkout or of two side by side:
 * `node --import tsx bench/notify/sign-in-cost.ts [--checkouts DIR[,DIR]] [--batches 10] [--batch 200]
 *  [--mechanisms SCRAM-SHA-256,SCRAM-SHA-1,OAUTHBEARER,PLAIN] [--floor 6] [--profile DIR]`.
 *
 * Each checkout's notification service runs as `notify.bench.ts` runs it (`switchboard-server.ts`:
 * the real SQLite store and sign-in service, ten accounts at the product's hashing cost, each
 * password checked once first so that PLAIN is the cached case) with its own load process
 * (`load.ts`: create, SASL, restart, bind, terminate, on a new connection each time, ten at once).
 * Two checkouts are measured in alternating batches, in turns, so that whatever else the machine
 * runs weighs on both alike: on this shared 2-core machine the figures of separate runs moved by
 * half, the ratio of interleaved ones by a few percent.
 *
 * `--floor N` measures instead what the platform alone costs for the same shape, N requests per
 * new connection from the same raw client: node:http with a bare handler answering a BOSH-sized
 * body, and a bare TCP server writing the same answer for each chunk it reads (no HTTP parsing at
 * all: the kernel's loopback TCP and libuv, which no HTTP server written in Node can go below).
 */
import { type ChildProcess, fork } from 'node:child_process';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { benchArgs } from '../support.ts';
import { sample } from './proc.ts';
import { RawHttp } from './raw-http.ts';

const args = benchArgs();
const checkouts = (args.get('checkouts') ?? path.join(import.meta.dirname, '../..')).split(',');
const batches = Number(args.get('batches') ?? 10);
const batch = Number(args.get('batch') ?? 200);
const mechanisms = (args.get('mechanisms') ?? 'SCRAM-SHA-256,SCRAM-SHA-1,OAUTHBEARER,PLAIN').split(',');
const tsx = ['--import', 'tsx'];
// `--profile DIR` writes a V8 CPU profile of each server process (not of the load) into DIR.
const profile = args.get('profile');
const serverArgv = profile ? [...tsx, '--cpu-prof', `--cpu-prof-dir=${profile}`] : tsx;

const next = <T>(child: ChildProcess, type: string) =>
  new Promise<T>((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type !== type) return;
      child.off('message', on);
      resolve(m as T);
    };
    child.on('message', on);
  });

interface Side {
  dir: string;
  server: ChildProcess;
  load: ChildProcess;
  signIns(mechanism: string, count: number): Promise<{ ok: number; failed: number }>;
  cpu: Map<string, { seconds: number; kernel: number; signIns: number }>;
}

async function start(dir: string): Promise<Side> {
  const server = fork(path.join(dir, 'bench/notify/switchboard-server.ts'), ['bench', 'off', '0', '10'], {
    execArgv: serverArgv,
    cwd: dir,
  });
  const ports = await next<{ boshPort: number; sample: string[]; tokens: string[] }>(server, 'listening');
  const load = fork(path.join(dir, 'bench/notify/load.ts'), [], { execArgv: tsx, cwd: dir });
  return {
    dir,
    server,
    load,
    signIns(mechanism, count) {
      const secrets = mechanism === 'OAUTHBEARER' ? ports.tokens : ports.sample;
      const users = ports.sample;
      load.send({
        type: 'sign-ins',
        boshPort: ports.boshPort,
        users,
        secrets,
        mechanism,
        count,
        concurrency: 10,
      });
      return next(load, 'signed-in');
    },
    cpu: new Map(),
  };
}

async function compare(): Promise<void> {
  const sides = await Promise.all(checkouts.map(start));
  // Each account's first password check (a scrypt hash), one at a time; then a round to warm up.
  for (const s of sides) for (let k = 0; k < 10; k++) await s.signIns('PLAIN', 1);
  for (const s of sides) for (const m of mechanisms) await s.signIns(m, 2 * batch);
  for (let b = 0; b < batches; b++) {
    for (const m of mechanisms) {
      for (const s of b % 2 === 0 ? sides : [...sides].reverse()) {
        const before = sample(s.server.pid ?? 0);
        const done = await s.signIns(m, batch);
        const after = sample(s.server.pid ?? 0);
        const c = s.cpu.get(m) ?? { seconds: 0, kernel: 0, signIns: 0 };
        s.cpu.set(m, {
          seconds: c.seconds + after.cpu - before.cpu,
          kernel: c.kernel + after.systemCpu - before.systemCpu,
          signIns: c.signIns + done.ok,
        });
      }
    }
  }
  console.log(`| checkout | ${mechanisms.join(' | ')} |\n|---|${mechanisms.map(() => '---:|').join('')}`);
  for (const s of sides) {
    const cells = mechanisms.map((m) => {
      const c = s.cpu.get(m);
      const us = (seconds: number) =>
        Math.round((seconds / Math.max(1, c?.signIns ?? 1)) * 1e6).toLocaleString('en');
      return c ? `${us(c.seconds)} µs (kernel ${us(c.kernel)})` : '-';
    });
    console.log(`| ${s.dir} | ${cells.join(' | ')} |`);
    s.load.send({ type: 'stop' });
    s.server.send({ type: 'stop' });
  }
}

const FLOOR_ANSWER =
  '<body xmlns="http://jabber.org/protocol/httpbind" sid="0123456789abcdef01234567"><challenge xmlns="urn:ietf:params:xml:ns:xmpp-sasl">cj1mb29iYXJiYXpxdXV4LHM9c2FsdHNhbHQsaT00MDk2</challenge></body>';

/** Server CPU of node:http alone, then of bare TCP, per connection of `perConnection` BOSH-sized requests. */
async function floor(perConnection: number): Promise<void> {
  for (const kind of ['node:http', 'bare TCP'] as const) await floorOf(kind, perConnection);
}

async function floorOf(kind: 'node:http' | 'bare TCP', perConnection: number): Promise<void> {
  const server = fork(import.meta.filename, ['--serve-floor', kind], { execArgv: tsx });
  const port = (await next<{ port: number }>(server, 'listening')).port;
  const request =
    '<body xmlns="http://jabber.org/protocol/httpbind" sid="0123456789abcdef01234567" rid="1234568"><response xmlns="urn:ietf:params:xml:ns:xmpp-sasl">Yz1iaXdzLHI9Zm9vYmFyYmF6cXV1eCxwPXh4eHh4eHh4eHh4eA==</response></body>';
  const connections = async (n: number) => {
    let left = n;
    const client = async () => {
      while (left-- > 0) {
        const h = new RawHttp('127.0.0.1', port, '/http-bind');
        for (let i = 0; i < perConnection; i++) await h.post(request);
        h.close();
      }
    };
    await Promise.all(Array.from({ length: 10 }, client));
  };
  await connections(500);
  const count = batches * batch;
  const before = sample(server.pid ?? 0).cpu;
  await connections(count);
  const perConn = ((sample(server.pid ?? 0).cpu - before) / count) * 1e6;
  console.log(
    `${kind} alone, ${perConnection} requests per new connection: ${Math.round(perConn)} µs of server CPU per connection (${Math.round(perConn / perConnection)} µs a request)`,
  );
  server.kill();
}

if (process.argv[2] === '--serve-floor') {
  const answer = FLOOR_ANSWER;
  const head = `HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(answer)}\r\n\r\n`;
  const whole = Buffer.from(head + answer);
  const s =
    process.argv[3] === 'bare TCP'
      ? // Each request arrives in one chunk from this client: one answer per chunk read.
        net.createServer({ noDelay: true }, (socket) => {
          socket.on('data', () => socket.write(whole));
          socket.on('error', () => {});
        })
      : http.createServer((req, res) => {
          req.resume();
          req.on('end', () => {
            res.writeHead(200, {
              'Content-Type': 'text/xml; charset=utf-8',
              'Content-Length': Buffer.byteLength(answer),
            });
            res.end(answer);
          });
        });
  s.listen(0, '127.0.0.1', () =>
    process.send?.({ type: 'listening', port: (s.address() as AddressInfo).port }),
  );
} else if (args.has('floor')) await floor(Number(args.get('floor')));
else await compare();
