/**
 * The `switchboard` command for tests that start it as a child process (a cluster, a failed start):
 * `spawn(process.execPath, [await switchboardBin(), 'start', …])`. It is the run's bundle of
 * src/cli.ts (bundle.ts; ~1.2 s less CPU per process than through tsx). A file run alone, without
 * scripts/run-tests.mjs, bundles it once for itself. bin/switchboard.js itself — the operator's
 * command through tsx — is started by test/service.test.ts and scripts/check-production-install.mjs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BUNDLE_ROOT, bundleTests } from './bundle.ts';

let own: Promise<string> | undefined;

export function switchboardBin(): Promise<string> {
  const run = process.env.SWITCHBOARD_TEST_BIN;
  if (run) return Promise.resolve(run);
  own ??= (async () => {
    fs.mkdirSync(BUNDLE_ROOT, { recursive: true });
    const dir = fs.mkdtempSync(path.join(BUNDLE_ROOT, 'file-'));
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    return (await bundleTests([], dir)).cli;
  })();
  return own;
}
