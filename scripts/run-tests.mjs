#!/usr/bin/env node
// Runs every *.test.ts under src/, test/ and bench/ with Node's test runner (through tsx). Node 20's
// `--test` does not expand globs, so the file list is built here. Arguments narrow the run:
// `node scripts/run-tests.mjs src/cti test/login-flow.test.ts`.
//
// What this adds to `node --test`, so that the whole suite stays fast on two cores:
// - One PostgreSQL server and one Chromium for the whole run, started only when a selected file
//   needs them (test/support/run-peers.ts); files get them through SWITCHBOARD_TEST_PG_URL and
//   SWITCHBOARD_TEST_BROWSER_WS.
// - The test files run as plain ES modules, bundled once per run with esbuild
//   (test/support/bundle.ts): through tsx each process would spend ~1.5 s more CPU loading them.
//   The bundle also holds the `switchboard` command that tests start as a child process
//   (SWITCHBOARD_TEST_BIN, test/support/switchboard-bin.ts). SWITCHBOARD_TEST_BUNDLE=0 runs the
//   sources through tsx instead.
// - The slowest files start first (their times from the last run, kept in
//   node_modules/.cache/switchboard-test-times.json, else from the committed baseline
//   scripts/test-times.json), so no long file starts last alone; light files share processes.
// - At the end: the runner's time and the slowest files.
//
// How to write a fast test (the suite must stay under ~150 s of runner time here):
// - Prefer in-process tests (src/api/testing/api-fixture.ts, src/notify/testing/test-server.ts)
//   to a whole system, and one system or browser per file (test/desktop/system.ts desktopSuite,
//   test/desktop/fixture.ts) to one per test.
// - Never sleep and never assert real elapsed time: pass a ManualTimers
//   (src/clock/testing/manual-timers.ts) where a component takes `Timers`, step the page's
//   clock with Playwright (page.clock.install / runFor / setFixedTime), configure short timers
//   (boshWaitSec, presenceLogoutDelaySec, …), and wait for the event itself (a notification,
//   a log line, a selector) rather than for time to pass.
// - Never depend on today's date: fix the times a fixture relies on (fs.utimes for files).
// - PostgreSQL: startPgServer() (src/store/testing/pg-server.ts) hands out the run's server; take a
//   fresh database with createDatabase(name) — `own: true` only for a test that stops the server.
// - A missing peer fails (test/support/peers.ts); SWITCHBOARD_TEST_WITHOUT=chromium,… leaves one out.
// - See each file's time: the list printed at the end, or `--test-reporter=spec` durations.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';

const ROOT = path.resolve(import.meta.dirname, '..');
const TIMES = path.join(ROOT, 'node_modules', '.cache', 'switchboard-test-times.json');
// One file more than cores: the files wait on timers, sockets and child processes about a quarter
// of the time, which a third file fills (2 cores, quiet: 173 s at 2, 143 s at 3; with one core kept
// busy by another process 187 s at 3, all green). SWITCHBOARD_TEST_CONCURRENCY sets it.
const CONCURRENCY = Number(process.env.SWITCHBOARD_TEST_CONCURRENCY) || os.availableParallelism() + 1;

const roots = process.argv.slice(2);
const files = [];
for (const root of roots.length ? roots : ['src', 'test', 'bench']) {
  if (!fs.existsSync(root)) continue;
  if (fs.statSync(root).isFile()) {
    files.push(path.resolve(root));
    continue;
  }
  for (const f of fs.readdirSync(root, { recursive: true })) {
    const p = path.join(root, String(f));
    if (p.endsWith('.test.ts') && !p.split(path.sep).includes('node_modules')) files.push(path.resolve(p));
  }
}

// What each file imports, transitively (relative imports only): which peers it needs.
const PG_SERVER = path.join(ROOT, 'src/store/testing/pg-server.ts');
const BROWSER = path.join(ROOT, 'test/desktop/browser.ts');
const graph = new Map();
function imports(file) {
  if (graph.has(file)) return graph.get(file);
  const seen = new Set([file]);
  graph.set(file, seen);
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return seen;
  }
  for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
    for (const f of imports(path.resolve(path.dirname(file), spec))) seen.add(f);
  }
  return seen;
}
const needs = (file, what) => imports(file).has(what);

// A fresh clone (CI's case) has no times of its own: the committed baseline groups and orders its
// files as well as a second run would (without it, ~75 processes instead of ~30: each costs ~1.8 s
// of CPU to load tsx and the app). `SWITCHBOARD_TEST_SAVE_BASELINE=1 npm run test:only` refreshes it.
const BASELINE = path.join(ROOT, 'scripts', 'test-times.json');
let previous = {};
try {
  for (const [f, ms] of Object.entries(JSON.parse(fs.readFileSync(BASELINE, 'utf8'))))
    previous[path.join(ROOT, f)] = ms;
} catch {
  // No baseline: the guess below orders the files.
}
try {
  Object.assign(previous, JSON.parse(fs.readFileSync(TIMES, 'utf8')));
} catch {
  // First run here: the baseline, or the guess.
}
// Without a time of its own: browser files are the longest, then PostgreSQL's, then the rest.
const guess = (f) => (needs(f, BROWSER) ? 60_000 : needs(f, PG_SERVER) ? 20_000 : 5_000);
const expected = (f) => previous[f] ?? guess(f);
files.sort((a, b) => expected(b) - expected(a) || a.localeCompare(b));


// Light files share a process, a few per group: a process of its own costs ~0.9 s of CPU (tsx
// and the module graph load again), more than most unit files take. A file stays alone when it
// drives the browser or is long (a group should not hold up the end of the run).
const SOLO_MS = 10_000;
const GROUP_MS = 15_000;
const solo = files.filter((f) => needs(f, BROWSER) || expected(f) > SOLO_MS);
const light = files.filter((f) => !solo.includes(f));
// At least one group for light files whose times round to 0 ms (a run of two unit files).
const groupCount = light.length && Math.max(1, Math.ceil(light.reduce((sum, f) => sum + expected(f), 0) / GROUP_MS));
const groups = Array.from({ length: groupCount }, () => ({ ms: 0, files: [] }));
for (const f of light) {
  const g = groups.reduce((a, b) => (b.ms < a.ms ? b : a));
  g.ms += expected(f);
  g.files.push(f);
}
const started = performance.now();
const { startRunPeers } = await tsImport('../test/support/run-peers.ts', import.meta.url);
const { BUNDLE_ROOT, bundleTests } = await tsImport('../test/support/bundle.ts', import.meta.url);
// One folder per run (its bundle and group files): two runs in one checkout must not share them.
// A run that was killed left its folder: gone after a day.
fs.mkdirSync(BUNDLE_ROOT, { recursive: true });
for (const old of fs.readdirSync(BUNDLE_ROOT)) {
  const p = path.join(BUNDLE_ROOT, old);
  if (Date.now() - fs.statSync(p).mtimeMs > 86_400_000) fs.rmSync(p, { recursive: true, force: true });
}
const RUN_DIR = fs.mkdtempSync(path.join(BUNDLE_ROOT, 'run-'));
const BUNDLE = process.env.SWITCHBOARD_TEST_BUNDLE !== '0';
let peers;
let bundles;
try {
  [peers, bundles] = await Promise.all([
    startRunPeers({
      postgres: files.some((f) => needs(f, PG_SERVER)),
      chromium: files.some((f) => needs(f, BROWSER)),
    }),
    BUNDLE ? bundleTests(files, path.join(RUN_DIR, 'bundle')) : undefined,
  ]);
} catch (err) {
  await peers?.stop();
  fs.rmSync(RUN_DIR, { recursive: true, force: true });
  throw err;
}
/** What the runner loads for a test file, and back (the times reporter names what it ran). */
const runnable = (f) => bundles?.tests.get(f) ?? f;
const sourceOf = new Map(files.map((f) => [runnable(f), f]));

const units = [...solo.map((f) => ({ file: runnable(f), ms: expected(f) }))];
groups.forEach((g, i) => {
  if (g.files.length === 1) return units.push({ file: runnable(g.files[0]), ms: g.ms });
  const file = path.join(RUN_DIR, `group-${i + 1}.test.mjs`);
  fs.writeFileSync(
    file,
    `// Written by scripts/run-tests.mjs: these test files, one after the other, in one process.
import { test } from 'node:test';
for (const file of ${JSON.stringify(g.files.map(runnable), null, 2)}) {
  try {
    await import(file);
  } catch (err) {
    test(\`\${file} loads\`, () => {
      throw err;
    });
  }
}
`,
  );
  units.push({ file, ms: g.ms });
});
units.sort((a, b) => b.ms - a.ms);

const timesOut = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-test-times-')), 'times.json');
const child = spawn(
  process.execPath,
  [
    ...(BUNDLE ? ['--enable-source-maps'] : ['--import', 'tsx']),
    '--test',
    `--test-concurrency=${CONCURRENCY}`,
    // Per test, and per process (a group's whole time): generous, for a loaded machine.
    '--test-timeout=300000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${path.join(ROOT, 'scripts/test-times-reporter.mjs')}`,
    `--test-reporter-destination=${timesOut}`,
    ...units.map((u) => u.file),
  ],
  {
    stdio: 'inherit',
    env: { ...process.env, ...peers.env, ...(bundles ? { SWITCHBOARD_TEST_BIN: bundles.cli } : {}) },
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
await peers.stop();
fs.rmSync(RUN_DIR, { recursive: true, force: true });

let times = {};
try {
  // Test files only (not the group files), and only those that still exist.
  times = Object.fromEntries(
    Object.entries(JSON.parse(fs.readFileSync(timesOut, 'utf8')))
      // A bundled file's own process is named by its bundle (its tests, source-mapped, by the
      // source): the process's whole time wins over the sum of its tests.
      .sort(([a], [b]) => Number(sourceOf.has(a)) - Number(sourceOf.has(b)))
      .map(([f, ms]) => [sourceOf.get(f) ?? f, ms])
      .filter(([f]) => files.includes(f)),
  );
  fs.rmSync(path.dirname(timesOut), { recursive: true, force: true });
  fs.mkdirSync(path.dirname(TIMES), { recursive: true });
  const isHere = (f) => !path.relative(ROOT, f).startsWith('..');
  const kept = Object.entries(previous).filter(([f]) => fs.existsSync(f) && isHere(f));
  const all = { ...Object.fromEntries(kept), ...times };
  fs.writeFileSync(TIMES, JSON.stringify(all, null, 1));
  if (process.env.SWITCHBOARD_TEST_SAVE_BASELINE === '1') {
    // This checkout's files only: a cache copied from another checkout keeps its absolute paths.
    const relative = Object.entries(all)
      .filter(([f]) => isHere(f))
      .map(([f, ms]) => [path.relative(ROOT, f), Math.round(ms / 100) * 100])
      .sort(([a], [b]) => a.localeCompare(b));
    fs.writeFileSync(BASELINE, `${JSON.stringify(Object.fromEntries(relative), null, 1)}\n`);
  }
} catch (e) {
  // No times (the runner stopped early): the next run keeps the old ones.
  console.log(`\nno file times from this run (${e.message})`);
}
const slowest = Object.entries(times)
  .sort((a, b) => b[1] - a[1])
  .slice(0, 8)
  .map(([f, ms]) => `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${path.relative(ROOT, f)}`);
console.log(
  `\nrunner time ${((performance.now() - started) / 1000).toFixed(1)} s (${files.length} files in ` +
    `${units.length} processes, concurrency ${CONCURRENCY}); slowest files:\n${slowest.join('\n')}`,
);
process.exit(code);
