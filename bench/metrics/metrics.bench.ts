/**
 * What the metrics cost on the hot paths, in CPU time (process.cpuUsage, so that a busy machine
 * slows the figures less than wall-clock throughput): `node --import tsx
 * bench/metrics/metrics.bench.ts [--n 200000]`. Per call: a REST request observed (counter and
 * histogram with labels, the path turned into a resource), a publish observed, a CTI message
 * counted, and a store read through the timing proxy against the same read direct.
 */

import { instrumentStore } from '../../src/app/instrument.ts';
import { createMetrics } from '../../src/app/metrics.ts';
import { createSqliteStore, seedDemoData } from '../../src/store/index.ts';
import { TEST_HASHING } from '../../src/store/testing/hashing.ts';
import { benchArgs } from '../support.ts';

const n = Number(benchArgs().get('n') ?? 200_000);
const metrics = createMetrics({ sessionsByTransport: () => ({}), signedIn: () => 0, isCtiUp: () => true });

/** CPU microseconds per call of `fn`, best of three rounds. */
async function cost(fn: (i: number) => unknown, calls = n): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const before = process.cpuUsage();
    for (let i = 0; i < calls; i++) {
      const r = fn(i);
      if (r instanceof Promise) await r;
    }
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / calls);
  }
  return best;
}

const paths = ['/finesse/api/User/2001', '/finesse/api/User/2001/Dialogs', '/finesse/api/Dialog/16777217'];
const rows: [string, number][] = [
  [
    'REST request observed (resource, counter, histogram)',
    await cost((i) => metrics.restRequest('GET', paths[i % 3], 200, 0.002)),
  ],
  ['publish observed (counter, histogram)', await cost(() => metrics.published(3, 0.0004))],
  ['CTI message counted', await cost(() => metrics.ctiMessage('received', 'AGENT_STATE_EVENT'))],
];
const store = createSqliteStore({ file: ':memory:', passwordHashing: TEST_HASHING });
await seedDemoData(store);
const timed = instrumentStore(store, metrics);
const direct = await cost(() => store.getUser('2001'), n / 10);
const through = await cost(() => timed.getUser('2001'), n / 10);
rows.push(['store.getUser direct (SQLite)', direct], ['store.getUser through the timing proxy', through]);
await store.close();
console.log(`Metrics cost in CPU µs per call, best of 3 × ${n} calls, Node ${process.version}`);
console.log('| what | µs |\n|---|---:|');
for (const [what, us] of rows) console.log(`| ${what} | ${us.toFixed(3)} |`);
console.log(`(store proxy overhead: ${(through - direct).toFixed(3)} µs per call)`);
