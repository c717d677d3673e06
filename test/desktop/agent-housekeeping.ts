/**
 * What an agent's desktop does besides calls, against the whole system (agent-desktop.test.ts's):
 * signing in with the keyboard alone, the SystemInfo `timestamponly` drift check on its period
 * (every minute by default, shortened here through `?pollMs=` and stepped on Playwright's clock)
 * with the seed's client-log line, and "Send Error Report" landing the client log on the server
 * as a file an administrator can collect.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { newPage, screenshot } from './browser.ts';
import type { desktopSuite } from './system.ts';

// Below the 10 s XMPP ping period, so the steps below move only the drift poll.
const POLL_MS = 1000;
/** The page's clock when it asked, from the `nocache` of a drift poll (RestClient.nocache()). */
const pollTime = (url: string) =>
  Number(/\/finesse\/api\/SystemInfo\?timestamponly&nocache=(\d+)$/.exec(url)?.[1] ?? Number.NaN);

/** Run in agent-desktop.test.ts's suite, by Donald (2004): the others' client logs are theirs. */
export function housekeepingTests(suite: ReturnType<typeof desktopSuite>): void {
  it('signs in by keyboard, checks drift on its period and sends its client log on request', async () => {
    const { page, errors } = await newPage(suite.browser);
    const polls: number[] = [];
    page.on('request', (r) => {
      const t = pollTime(r.url());
      if (!Number.isNaN(t)) polls.push(t);
    });
    // The page's timers run on Playwright's clock: natural time while signing in, then paused, so
    // the poll period is stepped exactly however loaded the machine is.
    await page.clock.install();
    await page.goto(`${suite.system.origin}/desktop/?pollMs=${POLL_MS}`);
    // No mouse: the ID field has the caret, Tab moves on, Enter submits. Typing starts once the
    // caret is there: keys pressed before the form has rendered and focused it would be lost.
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.name === 'id');
    await page.keyboard.type('2004');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2004');
    await page.keyboard.press('Tab');
    await page.keyboard.type('3004');
    await page.keyboard.press('Enter');
    await page.waitForSelector('sb-agent-header [data-state="NOT_READY"]');

    // A minute ahead, safely past the page's own clock; what the jump fires asks at or before it.
    const paused = (await page.evaluate(() => Date.now())) + 60_000;
    await page.clock.pauseAt(paused);
    // Three periods, one step each: a poll on a timer asks once per step, exactly a period apart.
    for (let k = 1; k <= 3; k++) {
      const request = page.waitForRequest((r) => pollTime(r.url()) > paused + (k - 1) * POLL_MS);
      await page.clock.runFor(POLL_MS);
      await (await request).response();
    }
    const stepped = polls.filter((t) => t > paused);
    assert.deepEqual(
      stepped.map((t) => t - paused),
      [1, 2, 3].map((k) => k * POLL_MS),
      `polls at ${polls.map((t) => t - paused)} ms from the pause`,
    );
    await page.clock.resume();

    await page.click('a[href="#/log"]');
    const driftLine =
      /Header : Client: \d{4}-\d\d-\d\dT[\d:.]+Z, Server: \d{4}-\d\d-\d\dT[\d:.]+Z, Drift: -?\d+ ms, Network Latency \(round trip\): \d+ ms/;
    // The last answer is read after its response event: wait for its line rather than race it.
    await page.locator('sb-log-view pre', { hasText: driftLine }).waitFor();
    await page.click('a[href="#/agent"]');

    await page.click('[data-key="error-report"]');
    await page.locator('sb-notices .notice', { hasText: 'Error report sent' }).waitFor();
    const dir = path.join(suite.system.sys.sb.config.logDir, 'clientlogs', '2004');
    const files = fs.readdirSync(dir);
    assert.equal(files.length, 1);
    const uploaded = fs.readFileSync(path.join(dir, files[0]), 'utf8');
    assert.match(uploaded, /Drift: -?\d+ ms/);
    assert.match(uploaded, /SignIn : SignIn\._triggerLoggedIn\(\): Successfully logged in!/);
    assert.doesNotMatch(uploaded, /<password>2004/);
    await screenshot(page, 'agent-error-report-sent');
    assert.deepEqual(errors, []);
  });
}
