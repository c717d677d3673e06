#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with Node's test runner. Node 20's `--test` does not
// expand globs itself, so the file list is built here. Extra arguments narrow the run:
// `node scripts/run-tests.mjs src/cti test/login-flow.test.ts`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const roots = process.argv.slice(2);
const files = [];
for (const root of roots.length ? roots : ['src', 'test', 'bench']) {
  if (!fs.existsSync(root)) continue;
  if (fs.statSync(root).isFile()) {
    files.push(root);
    continue;
  }
  for (const f of fs.readdirSync(root, { recursive: true })) {
    const p = path.join(root, String(f));
    if (p.endsWith('.test.ts') && !p.split(path.sep).includes('node_modules')) files.push(p);
  }
}
files.sort();
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=120000', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
