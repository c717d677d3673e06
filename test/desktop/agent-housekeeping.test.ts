/**
 * What an agent's desktop does besides calls, against the whole system: signing in with the
 * keyboard alone, the SystemInfo `timestamponly` drift check on its period (every minute by
 * default, shortened here through `?pollMs=`) with the seed's client-log line, and "Send Error
 * Report" landing the client log on the server as a file an administrator can collect.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { newPage, screenshot, skipWithoutChromium, textOf } from './browser.ts';
import { desktopSuite } from './system.ts';

const POLL_MS = 400;

describe('agent desktop housekeeping', { skip: skipWithoutChromium }, () => {
  const suite = desktopSuite();

  it('signs in by keyboard, checks drift on its period and sends its client log on request', async () => {
    const { page, errors } = await newPage(suite.browser);
    const polls: number[] = [];
    page.on('request', (r) => {
      if (/\/finesse\/api\/SystemInfo\?timestamponly&nocache=\d+$/.test(r.url())) polls.push(Date.now());
    });
    await page.goto(`${suite.system.origin}/desktop/?pollMs=${POLL_MS}`);
    // No mouse: the ID field has the caret, Tab moves on, Enter submits.
    await page.keyboard.type('2001');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2001');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2003');
    await page.keyboard.press('Enter');
    await page.waitForSelector('sb-agent-header [data-state="NOT_READY"]');

    const deadline = Date.now() + 5000;
    while (polls.length < 3 && Date.now() < deadline) await page.waitForTimeout(100);
    assert.ok(polls.length >= 3, `${polls.length} timestamponly polls`);
    // On a timer, not in a burst.
    for (let i = 1; i < polls.length; i++)
      assert.ok(polls[i] - polls[i - 1] >= POLL_MS * 0.7, `polls ${polls}`);

    await page.click('a[href="#/log"]');
    const log = await textOf(page.locator('sb-log-view pre'));
    assert.match(
      log,
      /Header : Client: \d{4}-\d\d-\d\dT[\d:.]+Z, Server: \d{4}-\d\d-\d\dT[\d:.]+Z, Drift: -?\d+ ms, Network Latency \(round trip\): \d+ ms/,
    );
    await page.click('a[href="#/agent"]');

    await page.click('[data-key="error-report"]');
    await page.locator('sb-notices .notice', { hasText: 'Error report sent' }).waitFor({ timeout: 5000 });
    const dir = path.join(suite.system.sys.sb.config.logDir, 'clientlogs', '2001');
    const files = fs.readdirSync(dir);
    assert.equal(files.length, 1);
    const uploaded = fs.readFileSync(path.join(dir, files[0]), 'utf8');
    assert.match(uploaded, /Drift: -?\d+ ms/);
    assert.match(uploaded, /SignIn : SignIn\._triggerLoggedIn\(\): Successfully logged in!/);
    assert.doesNotMatch(uploaded, /<password>2001/);
    await screenshot(page, 'agent-error-report-sent');
    assert.deepEqual(errors, []);
  });
});
