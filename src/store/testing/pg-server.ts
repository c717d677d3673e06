import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { isLeftOut, skipUnlessPeer } from '../../../test/support/peers.ts';
import { freePort } from '../../../test/support/ports.ts';

export interface PgServer {
  /** A server-level URL (database `postgres`); `createDatabase` makes a fresh one per suite. */
  url: string;
  createDatabase(name: string): Promise<string>;
  /** A PostgreSQL outage: the server stops (fast shutdown, every connection cut) and keeps its data. */
  stopServer(): void;
  /** Back on the same port with the same data. */
  startServer(): void;
  stop(): Promise<void>;
}

const INSTALL_SCRIPT = path.resolve(import.meta.dirname, '../../../scripts/install-postgres.sh');

/** `initdb`'s folder: on the PATH, or Debian's /usr/lib/postgresql/<version>/bin (newest first). */
export function findPostgresBin(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return path.dirname(fs.realpathSync(onPath));
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs.readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => path.join(root, v, 'bin')).find((d) => fs.existsSync(path.join(d, 'initdb')));
}

/**
 * Why the PostgreSQL tests are skipped in this run — only when the run leaves PostgreSQL out on
 * purpose (`SWITCHBOARD_TEST_WITHOUT=postgres`); undefined when it can be had. Otherwise the
 * binaries are looked for, and installed with scripts/install-postgres.sh when missing (root and
 * Debian's packages); when that fails too this throws: a missing peer fails the run, loudly.
 * `SWITCHBOARD_TEST_PG_URL` names a running server instead (scripts/run-tests.mjs starts one per
 * run and passes it on).
 */
export function postgresUnavailable(): string | undefined {
  return skipUnlessPeer('postgres', postgresMissing()) || undefined;
}

function postgresMissing(): string | undefined {
  if (isLeftOut('postgres') || process.env.SWITCHBOARD_TEST_PG_URL || findPostgresBin()) return undefined;
  const r = spawnSync('bash', [INSTALL_SCRIPT], { encoding: 'utf8', timeout: 540_000 });
  if (findPostgresBin()) return undefined;
  return `PostgreSQL is not installed and scripts/install-postgres.sh could not install it: ${(r.stderr || r.stdout || String(r.error)).trim().split('\n').slice(-3).join(' | ')}`;
}

/**
 * A PostgreSQL server for a test file: the run's shared one when scripts/run-tests.mjs started it
 * (`SWITCHBOARD_TEST_PG_URL`; each suite takes a fresh database of its own from it, named with
 * the process id, so files never meet), else a throwaway cluster of its own. `own: true` always
 * starts a cluster of its own: for a test that stops and starts the server (an outage).
 *
 * A cluster of its own lives in a temporary folder on a free loopback port, owned by the
 * `postgres` OS user when we run as root (PostgreSQL refuses to run as root). Trust
 * authentication on loopback only; fsync off, as nothing here must survive a crash.
 */
export async function startPgServer(opts: { own?: boolean } = {}): Promise<PgServer> {
  const external = opts.own ? undefined : process.env.SWITCHBOARD_TEST_PG_URL;
  if (external)
    return {
      url: external,
      createDatabase: (name) => createDatabase(external, name),
      stopServer() {
        throw new Error('a shared server cannot be stopped: startPgServer({ own: true })');
      },
      startServer() {
        throw new Error('a shared server cannot be started: startPgServer({ own: true })');
      },
      stop: async () => {},
    };
  const bin = findPostgresBin();
  if (!bin) throw new Error('PostgreSQL binaries not found');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-pg-'));
  const data = path.join(dir, 'data');
  const isRoot = process.getuid?.() === 0;
  if (isRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const as = (cmd: string, args: string[]) =>
    isRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' })
      : execFileSync(cmd, args, { stdio: 'pipe' });
  initDataDir(bin, data, isRoot, as);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const pgCtl = (...args: string[]) => as(path.join(bin, 'pg_ctl'), ['-D', data, ...args]);
  const startServer = () =>
    pgCtl('-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start');
  startServer();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    createDatabase: (name) => createDatabase(url, name),
    stopServer: () => void pgCtl('-m', 'fast', '-w', 'stop'),
    startServer: () => void startServer(),
    async stop() {
      try {
        pgCtl('-m', 'immediate', '-w', 'stop');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A fresh data folder: a copy of one initdb made once per machine and PostgreSQL version (kept in
 * the temporary folder), as initdb costs ~1.6 s of CPU and a run starts two or three servers.
 * Made under another name and renamed into place, so that processes racing to make it never see
 * half of one.
 */
function initDataDir(bin: string, data: string, isRoot: boolean, as: (cmd: string, args: string[]) => void) {
  const initdb = ['-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8'];
  const root = path.join(os.tmpdir(), 'switchboard-pg-template');
  const template = path.join(
    root,
    createHash('sha256')
      .update(`${bin}\0${initdb.join(' ')}`)
      .digest('hex')
      .slice(0, 16),
  );
  if (!fs.existsSync(path.join(template, 'PG_VERSION'))) {
    fs.mkdirSync(root, { recursive: true });
    const tmp = fs.mkdtempSync(`${template}-`);
    try {
      if (isRoot) execFileSync('chown', ['postgres:postgres', tmp]);
      as(path.join(bin, 'initdb'), ['-D', path.join(tmp, 'data'), ...initdb]);
      fs.renameSync(path.join(tmp, 'data'), template);
    } catch (e) {
      // Another process made it first: as good.
      if (!fs.existsSync(path.join(template, 'PG_VERSION'))) throw e;
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  // -a keeps the postgres user's ownership and the folder's 0700, which the server insists on.
  execFileSync('cp', ['-a', template, data]);
}

async function createDatabase(url: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name}`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
