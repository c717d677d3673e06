/**
 * What gadgets cost a desktop (issue #13): the time from pressing Sign In to every gadget of the
 * page connected to the hub, with five of the test gadgets (test/fixtures/gadgets/) on the home
 * tab, and the memory an open desktop takes with them and without (Chromium's JS heap after a
 * garbage collection, and the proportional set size of its renderer processes from /proc).
 *
 *   node --import tsx bench/gadgets/gadgets.bench.ts [--runs 5]
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../test/desktop/browser.ts';
import { basic, startTestSystem } from '../../test/support/system.ts';
import { benchArgs } from '../support.ts';

const F = '/3rdpartygadget/files';
const FIVE = [
  'StateToggle/StateToggle.xml',
  'ClickToCall/ClickToCall.xml?number=8000',
  'CallVariables/CallVariables.xml',
  'HubTopic/HubTopic.xml',
  'PhoneBook/PhoneBook.xml',
];

const layout = (
  gadgets: string[],
) => `<finesseLayout xmlns="http://www.cisco.com/vtg/finesse"><version>1</version>
<header><leftAlignedColumns><headercolumn width="300px"><component id="agent-voice-state"><url>/desktop/scripts/js/agentvoicestate.component.js</url></component></headercolumn></leftAlignedColumns></header>
<layout><role>Agent</role><page><gadget>/desktop/scripts/js/callcontrol.js</gadget></page>
<tabs><tab><id>home</id><label>Home</label><gadgets>
${gadgets.map((g) => `<gadget>${F}/${g.replace(/&/g, '&amp;')}</gadget>`).join('\n')}
</gadgets></tab></tabs></layout></finesseLayout>`;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Proportional set size of the renderer processes this process started (through Chromium), kB. */
function rendererRssKb(): number {
  const parent = new Map<number, number>();
  for (const d of fs.readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      // pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis.
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 10; p = parent.get(p) ?? 0, hops++)
      if (p === process.pid) return true;
    return false;
  };
  let kb = 0;
  for (const pid of parent.keys()) {
    if (!mine(pid)) continue;
    try {
      if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      // PSS: shared pages (libraries, the zygote's) are shared out, not counted once per process.
      kb += Number(/^Pss:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return kb;
}

async function measure(browser: Browser, origin: string, frames: number) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/desktop/`);
  await page.fill('input[name=id]', '2001');
  await page.fill('input[name=password]', '2001');
  await page.fill('input[name=extension]', '2003');
  const t0 = performance.now();
  await page.click('sb-sign-in button[type=submit]');
  await page.waitForSelector('sb-agent-header [data-state]', { timeout: 30_000 });
  await page.waitForFunction(
    (n) => {
      const list = Array.from(document.querySelectorAll<HTMLIFrameElement>('.gadget iframe'));
      return (
        list.length === n &&
        list.every((f) =>
          (
            f.contentWindow as unknown as { gadgets?: { Hub: { isConnected(): boolean } } }
          )?.gadgets?.Hub.isConnected(),
        )
      );
    },
    frames,
    { timeout: 30_000, polling: 10 },
  );
  const ms = performance.now() - t0;
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  const rss = rendererRssKb();
  await context.close();
  return { ms, heapMb: heap / 1e6, rssMb: rss / 1024 };
}

const runs = Number(benchArgs().get('runs') ?? 5);
const sys = await startTestSystem((c) =>
  fs.cpSync(path.resolve('test/fixtures/gadgets'), path.join(c.dataDir, '3rdpartygadget', 'files'), {
    recursive: true,
  }),
);
const browser = await launchChromium();
const rows: string[] = [];
try {
  for (const [label, gadgets] of [
    ['no gadgets', []],
    ['five gadgets', FIVE],
  ] as const) {
    const res = await sys.api('/finesse/api/LayoutConfig/default', {
      method: 'PUT',
      auth: basic('admin'),
      headers: { 'Content-Type': 'application/xml' },
      body: `<LayoutConfig><layoutxml>${esc(layout([...gadgets]))}</layoutxml></LayoutConfig>`,
    });
    if (!res.ok) throw new Error(`layout: ${res.status} ${await res.text()}`);
    const all: Awaited<ReturnType<typeof measure>>[] = [];
    for (let i = 0; i < runs; i++) all.push(await measure(browser, sys.base, gadgets.length));
    const med = (k: 'ms' | 'heapMb' | 'rssMb') =>
      all.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(all.length / 2)];
    const min = (k: 'ms') => Math.min(...all.map((r) => r[k]));
    const max = (k: 'ms') => Math.max(...all.map((r) => r[k]));
    rows.push(
      `| ${label} | ${med('ms').toFixed(0)} (${min('ms').toFixed(0)}–${max('ms').toFixed(0)}) | ${med('heapMb').toFixed(1)} | ${med('rssMb').toFixed(0)} |`,
    );
  }
} finally {
  await browser.close();
  await sys.stop();
}
console.log(`\n${runs} runs each, medians (time: min–max)\n`);
console.log('| desktop | sign-in → all gadgets connected, ms | JS heap used, MB | renderer PSS, MB |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(r);
