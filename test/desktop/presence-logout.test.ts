/**
 * Presence-driven logout as the second seed describes it: a desktop that is gone (closed tab,
 * crashed browser) leaves a BOSH session nobody polls; the server reaps it, the agent's presence
 * goes unavailable, and after the logout window the agent is signed out with reason 255. A
 * reload within the window signs the desktop in again by itself and nobody is signed out.
 * The server's BOSH wait, inactivity limit and logout window are shortened to a second or two.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { until } from '../support/until.ts';
import { launchChromium, newPage, screenshot, skipWithoutChromium, submitSignIn } from './browser.ts';
import { type DesktopSystem, startDesktopSystem } from './system.ts';

const WINDOW_MS = 1500;

describe('presence-driven logout', { skip: skipWithoutChromium }, () => {
  let system: DesktopSystem;
  let browser: Browser;

  before(async () => {
    system = await startDesktopSystem((c) => {
      c.presenceLogoutDelaySec = WINDOW_MS / 1000;
      c.boshWaitSec = 1;
      c.boshInactivitySec = 2;
    });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await system?.stop();
  });

  const userXml = async () =>
    (await system.sys.api('/finesse/api/User/2001', { auth: ['2001', '2001'] })).text();
  const webservices = async () => (await system.sys.logs()).webservices;

  it('a reload signs the desktop in again and within the window nobody is signed out; a closed tab is signed out with reason 255', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${system.origin}/desktop/`);
    await submitSignIn(page, '2001', '2003');
    await page.waitForSelector('sb-agent-header [data-state="NOT_READY"]');
    await page.click('sb-agent-header [accesskey=r]');
    await page.waitForSelector('sb-agent-header [data-state="READY"]');

    await page.reload();
    // Back without typing anything, in the state it had.
    await page.waitForSelector('sb-agent-header [data-state="READY"]');
    // The server saw the old desktop session go (replaced or reaped) and started the window,
    // then saw the reloaded desktop and called the logout off: nothing is left to fire.
    await until('AGENT_PRESENT after AGENT_PRESENCE_MONITORING', async () =>
      /AGENT_PRESENCE_MONITORING: %\[agent_id=2001\][\s\S]*AGENT_PRESENT: %\[agent_id=2001\]/.test(
        await webservices(),
      ),
    );
    assert.match(await userXml(), /<state>READY<\/state>/);
    assert.doesNotMatch(await webservices(), /PRESENCE DRIVEN LOGOUT/);
    assert.equal(await page.locator('sb-agent-header [data-state="READY"]').count(), 1);
    await screenshot(page, 'agent-after-reload');
    assert.deepEqual(errors, []);

    const closedAt = Date.now();
    await context.close();
    await until('the forced logout', async () => /<state>LOGOUT<\/state>/.test(await userXml()));
    const elapsed = Date.now() - closedAt;
    const log = await webservices();
    assert.match(log, /PRESENCE DRIVEN LOGOUT: %\[agent_id=2001\]\[reason_code=255\]/);
    assert.match((await system.sys.logs()).cti, /eventReasonCode=255/);
    // Not before the BOSH session was reaped (wait 1 s + inactivity 2 s) and the window passed.
    assert.ok(elapsed >= WINDOW_MS, `signed out ${elapsed} ms after the tab closed`);
  });
});
