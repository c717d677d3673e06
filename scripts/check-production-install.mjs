#!/usr/bin/env node
// The production install path, for real (.ci/run runs it): the tracked files of this checkout are
// copied to a fresh folder, installed with `npm ci --omit=dev` (no devDependencies), then
// `npx switchboard start` must come up (all listeners on ports the system chooses), serve the
// desktop bundle it built with its declared dependencies and the REST API, and stop cleanly on
// SIGTERM. Exit code 0 when all of that held; prints how long each part took.
//
// better-sqlite3 has no prebuilt binary reachable here (its download host is GitHub) and would
// compile SQLite from source, minutes on a busy machine. The binary this checkout's own install
// built is offered through prebuild-install's documented mirror variable
// (npm_config_better_sqlite3_binary_host) from a loopback HTTP server; everything else about the
// install is the operator's.
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..');
const INSTALL_TIMEOUT_MS = 15 * 60_000;
const START_TIMEOUT_MS = 3 * 60_000;
const started = Date.now();
const seconds = (t) => ((Date.now() - t) / 1000).toFixed(1);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-production-install-'));
const app = path.join(work, 'app');
let mirror;
let cachedPrebuild;
/** The process group of a switchboard still running (killed on the way out). */
let group;

function fail(message) {
  throw new Error(message);
}

/** A loopback server offering better-sqlite3's binary in prebuild-install's layout. */
async function startPrebuildMirror() {
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'node_modules/better-sqlite3/package.json'), 'utf8'));
  const name = `better-sqlite3-v${pkg.version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  const tarball = path.join(work, name);
  execFileSync('tar', ['czf', tarball, 'build/Release/better_sqlite3.node'], {
    cwd: path.join(repo, 'node_modules/better-sqlite3'),
  });
  const server = http.createServer((req, res) => {
    if (req.url === `/v${pkg.version}/${name}`) res.writeHead(200).end(fs.readFileSync(tarball));
    else res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `http://127.0.0.1:${server.address().port}`;
  // prebuild-install keeps what it downloaded in npm's cache under a digest of the URL; the
  // port changes every run, so that copy is removed afterwards.
  const url = `${host}/v${pkg.version}/${name}`;
  const digest = crypto.createHash('sha512').update(url).digest('hex').slice(0, 6);
  const cache = process.env.npm_config_cache || path.join(os.homedir(), '.npm');
  cachedPrebuild = path.join(cache, '_prebuilds', `${digest}-${name.replace(/[^a-zA-Z0-9.]+/g, '-')}`);
  return { server, host };
}

function copyTrackedFiles() {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repo,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((f) => f && fs.existsSync(path.join(repo, f)));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(app, f)), { recursive: true });
    fs.copyFileSync(path.join(repo, f), path.join(app, f));
  }
  return files.length;
}

function run(cmd, args, opts) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${cmd} ${args.join(' ')}: ${signal ?? `exit ${code}`}\n${output}`));
    });
  });
}

/** `npx switchboard start` until its banner, then the desktop and the API, then SIGTERM. */
async function startAndProbe() {
  const child = spawn(
    'npx',
    [
      '--no-install',
      'switchboard',
      'start',
      ...['--http-port', '0', '--bosh-port', '0', '--xmpp-port', '0', '--cti-port', '0', '--cti-admin-port', '0'],
      ...['--data-dir', path.join(work, 'data'), '--log-dir', path.join(work, 'logs')],
      // The install is under test, not the password cost (OWASP's takes half a second a hash).
      ...['--scrypt-cost', '1024,8,1', '--scram-iterations', '4096'],
    ],
    // Its own process group: npx runs switchboard under npm and a shell, and SIGTERM goes to all.
    {
      cwd: app,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    },
  );
  group = child.pid;
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const desktop = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within ${START_TIMEOUT_MS} ms\n${stdout}${stderr}`)), START_TIMEOUT_MS);
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = /Agent desktop\s+(http:\/\/\S+\/desktop\/)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    exited.then((code) => reject(new Error(`switchboard start exited (${code}) before its banner\n${stdout}${stderr}`)));
  });
  const page = await fetch(desktop);
  const html = await page.text();
  if (page.status !== 200) fail(`GET ${desktop}: ${page.status}`);
  const script = /src="([^"]*assets\/main-[^"]+\.js)"/.exec(html)?.[1] ?? fail(`no bundle named in ${html.slice(0, 300)}`);
  const bundle = await fetch(new URL(script, desktop));
  if (bundle.status !== 200 || !(await bundle.text()).includes('Strophe')) fail(`GET ${script}: not the bundle with Strophe.js`);
  const info = await fetch(new URL('/finesse/api/SystemInfo', desktop));
  const infoText = await info.text();
  if (info.status !== 200 || !infoText.includes('<SystemInfo>')) fail(`SystemInfo: ${info.status} ${infoText}`);
  process.kill(-child.pid, 'SIGTERM');
  await exited;
  // npm may exit before switchboard has finished stopping: wait for the whole group.
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (isAlive(-child.pid)) {
    if (Date.now() > deadline) fail('switchboard still running a while after SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
  }
  group = undefined;
  if (!stdout.includes('switchboard: stopping')) fail(`no orderly stop on SIGTERM\n${stdout}${stderr}`);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** npx keeps a link to the folder it ran a local package from; that one was ours. */
function removeNpxEntry() {
  const dir = path.join(process.env.npm_config_cache || path.join(os.homedir(), '.npm'), '_npx');
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir)) {
    const pkg = path.join(dir, entry, 'package.json');
    if (fs.existsSync(pkg) && fs.readFileSync(pkg, 'utf8').includes(work))
      fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
}

try {
  const { server, host } = await startPrebuildMirror();
  mirror = server;
  const copied = copyTrackedFiles();
  let t = Date.now();
  await run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: app,
    timeoutMs: INSTALL_TIMEOUT_MS,
    env: { ...process.env, npm_config_better_sqlite3_binary_host: host, NODE_ENV: 'production' },
  });
  const install = seconds(t);
  for (const dev of ['typescript', 'playwright-core', '@biomejs/biome'])
    if (fs.existsSync(path.join(app, 'node_modules', dev))) fail(`${dev} (a devDependency) was installed`);
  t = Date.now();
  await startAndProbe();
  console.log(
    `production install: ${copied} files, npm ci --omit=dev ${install} s, start + desktop + API + SIGTERM ${seconds(t)} s, ` +
      `${seconds(started)} s in all`,
  );
} catch (e) {
  console.error(`production install check failed: ${e.stack ?? e}`);
  process.exitCode = 1;
} finally {
  if (group) process.kill(-group, 'SIGKILL');
  mirror?.close();
  removeNpxEntry();
  if (cachedPrebuild) fs.rmSync(cachedPrebuild, { force: true });
  fs.rmSync(work, { recursive: true, force: true });
}
