/**
 * Failover to the other node of the pair: the desktop signed in on node A learns node B from
 * A's SystemInfo (`secondaryNode`); when A becomes unreachable the red banner comes up and the
 * desktop moves to B — in the page when B's REST API is scriptable from A's origin (CORS),
 * otherwise by loading B's desktop with the ID and extension filled in — and signs in there.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, newPage, screenshot, skipWithoutChromium, textOf } from './browser.ts';
import { type DesktopSystem, startDesktopSystem } from './system.ts';

const FAST = 'pingMs=1000&pingTimeoutMs=1500&reconnectMinMs=300&reconnectMaxMs=1500';

describe('failover to the secondary node', { skip: skipWithoutChromium }, () => {
  let a: DesktopSystem | undefined;
  let b: DesktopSystem;
  let browser: Browser;

  before(async () => {
    b = await startDesktopSystem();
    const secondary = new URL(b.origin).host;
    a = await startDesktopSystem((c) => {
      c.secondaryHost = secondary;
    });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await a?.stop();
    await b?.stop();
  });

  it('moves an agent from an unreachable node A to node B', async () => {
    if (!a) throw new Error('node A did not start');
    const { page, errors } = await newPage(browser);
    await page.goto(`${a.origin}/desktop/?${FAST}`);
    await page.fill('input[name=id]', '2001');
    await page.fill('input[name=password]', '2001');
    await page.fill('input[name=extension]', '2003');
    await page.click('sb-sign-in button[type=submit]');
    await page.waitForSelector('sb-agent-header [data-state="NOT_READY"]');

    await a.stop();
    a = undefined;
    // The banner shows while B is looked for (briefly: B answers at once).
    await page.waitForFunction(
      (origin) => location.origin === origin || !!document.querySelector('sb-banner .banner'),
      b.origin,
      { timeout: 10_000 },
    );

    // Either B takes over in the page, or the desktop reloads from B with ID and extension filled in.
    await page.waitForFunction(
      (origin) => location.origin === origin || !document.querySelector('sb-banner .banner'),
      b.origin,
      { timeout: 15_000 },
    );
    if (new URL(page.url()).origin === b.origin) {
      await page.waitForSelector('sb-sign-in input[name=password]');
      assert.equal(await page.inputValue('input[name=id]'), '2001');
      assert.equal(await page.inputValue('input[name=extension]'), '2003');
      assert.match(await textOf(page.locator('sb-notices')), /connection to 127\.0\.0\.1:\d+ was lost/i);
      await screenshot(page, 'failover-sign-in-on-b');
      await page.fill('input[name=password]', '2001');
      await page.click('sb-sign-in button[type=submit]');
    }
    await page.waitForSelector('sb-agent-header [data-state="NOT_READY"]', { timeout: 10_000 });
    const onB = await b.sys.api('/finesse/api/User/2001', { auth: ['2001', '2001'] });
    assert.match(await onB.text(), /<state>NOT_READY<\/state>/);
    assert.deepEqual(errors, []);
  });
});
