/**
 * How fast `trace` and `diagnose` read a big log directory:
 *   node --import tsx bench/logs/trace-diagnose.bench.ts [--gb 1 | --mb 200] [--keep]
 * Generates the logs into a temp dir (default 200 MB) in a child process — so the peak RSS
 * printed is the tools' own — then times one requestId trace and one diagnose over all of it.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { diagnose, trace } from '../../src/logs/tools/index.ts';
import { type Generated, generateLogs } from './generate.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const mb = (n: number) => (n / 1e6).toFixed(1);
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

if (flag('--generate-into')) {
  // Child: write the logs and report what was written.
  process.send?.(generateLogs(flag('--generate-into') ?? '', Number(flag('--bytes'))), () =>
    process.disconnect?.(),
  );
} else {
  const target = flag('--gb')
    ? Number(flag('--gb')) * 1e9
    : flag('--mb')
      ? Number(flag('--mb')) * 1e6
      : 200e6;
  if (!(target > 0)) throw new Error('usage: trace-diagnose.bench.ts [--gb N | --mb N] [--keep]');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-logs-'));
  try {
    let t0 = performance.now();
    const gen = await new Promise<Generated>((resolve, reject) => {
      const child = fork(process.argv[1], ['--generate-into', dir, '--bytes', String(target)]);
      child.once('message', (m) => resolve(m as Generated));
      child.once('exit', (code) => reject(new Error(`generator exited with ${code}`)));
    });
    console.log(
      `generated ${mb(gen.bytes)} MB in ${gen.files} files, ${gen.agents} agents, in ${((performance.now() - t0) / 1000).toFixed(1)} s (${dir})`,
    );

    t0 = performance.now();
    const tr = await trace(dir, gen.requestId);
    const trS = (performance.now() - t0) / 1000;
    console.log(
      `trace ${gen.requestId}: ${tr.hops.length} hops, ${tr.brokenAt ? `BROKEN: ${tr.brokenAt}` : 'complete'}; ` +
        `${trS.toFixed(2)} s, read ${mb(tr.scanned.bytes)} MB in ${tr.scanned.files} file reads, ${mb(tr.scanned.bytes / trS)} MB/s`,
    );
    const trRss = rssMb();

    t0 = performance.now();
    const dg = await diagnose(dir);
    const dgS = (performance.now() - t0) / 1000;
    console.log(
      `diagnose: ${dg.classification}, ${dg.disconnects.length} disconnects, ${dg.incidents.length} incidents, ` +
        `${dg.presenceLogouts.length} presence logouts; ${dgS.toFixed(2)} s, read ${mb(dg.scanned.bytes)} MB, ${mb(dg.scanned.bytes / dgS)} MB/s`,
    );
    console.log(
      `trace + diagnose: ${(trS + dgS).toFixed(2)} s for ${mb(gen.bytes)} MB (${mb(gen.bytes / (trS + dgS))} MB/s); ` +
        `peak RSS ${rssMb()} MB (after trace ${trRss} MB)`,
    );
  } finally {
    if (args.includes('--keep')) console.log(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}
