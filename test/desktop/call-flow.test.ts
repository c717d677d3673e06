/**
 * A routed call through three desktops: agent 2001 dials the routing number 8000, the ACD
 * offers it to the only Ready agent (2002), who answers, holds, retrieves and transfers it to
 * 2006, who answers, sets a wrap-up reason and ends it. Needs the CTI simulator's routing and
 * core's Dialog notifications; until the server publishes dialogs the flow is skipped.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPage, screenshot, skipWithoutChromium, textOf } from './browser.ts';
import { type DesktopSystem, startDesktopSystem } from './system.ts';

async function agent(browser: Browser, origin: string, id: string, extension: string): Promise<Page> {
  const { page } = await newPage(browser);
  await page.goto(`${origin}/desktop/`);
  await page.fill('input[name=id]', id);
  await page.fill('input[name=password]', id);
  await page.fill('input[name=extension]', extension);
  await page.click('sb-sign-in button[type=submit]');
  await page.waitForSelector('sb-agent-header [data-state="NOT_READY"]');
  return page;
}

const card = (page: Page) => page.locator('sb-dialog-card article.dialog').first();
const action = (page: Page, name: string) => card(page).locator(`[data-action="${name}"]`);
const waitState = (page: Page, state: string) =>
  page.waitForSelector(`sb-agent-header [data-state="${state}"]`, { timeout: 8000 });

describe('a routed call: answer, hold, transfer, wrap-up', { skip: skipWithoutChromium }, () => {
  let system: DesktopSystem;
  let browser: Browser;

  before(async () => {
    system = await startDesktopSystem();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('goes through three desktops', async (t) => {
    const caller = await agent(browser, system.origin, '2001', '2003');
    const first = await agent(browser, system.origin, '2002', '3002');
    const second = await agent(browser, system.origin, '2006', '3006');
    await first.click('sb-agent-header [accesskey=r]');
    await waitState(first, 'READY');

    await caller.fill('sb-keypad input[name=number]', '8000');
    await caller.press('sb-keypad input[name=number]', 'Enter');
    // Offered to 2002, or refused at once (the caller's desktop shows why), or nothing at all.
    const offered = await Promise.race([
      first.waitForSelector('sb-dialog-card article.dialog.incoming', { timeout: 6000 }).then(() => true),
      caller.waitForSelector('sb-notices .notice-error', { timeout: 6000 }).then(() => false),
    ]).catch(() => false);
    if (!offered) {
      const why = await caller.locator('sb-notices .notice-error span').allInnerTexts();
      t.skip(
        `no call reached agent 2002: the server does not deliver Dialogs yet (${why.join('; ') || 'no error shown'})`,
      );
      return;
    }
    assert.match(await textOf(card(first)), /Incoming call from 2003/);
    assert.match(await textOf(card(first)), /DNIS\s+8000/);
    await screenshot(first, 'call-incoming');

    await action(first, 'ANSWER').click();
    await action(first, 'HOLD').waitFor();
    await waitState(first, 'TALKING');
    await screenshot(first, 'call-active');

    await action(first, 'HOLD').click();
    await action(first, 'RETRIEVE').waitFor();
    await waitState(first, 'HOLD');
    await action(first, 'RETRIEVE').click();
    await action(first, 'HOLD').waitFor();
    await waitState(first, 'TALKING');

    await action(first, 'TRANSFER_SST').click();
    await first.keyboard.type('3006');
    await first.keyboard.press('Enter');
    await second.waitForSelector('sb-dialog-card article.dialog.incoming', { timeout: 8000 });
    await first.waitForSelector('sb-dialog-card', { state: 'detached', timeout: 8000 });

    await action(second, 'ANSWER').click();
    await action(second, 'HOLD').waitFor();
    await card(second).locator('select').selectOption('Sale');
    await second.waitForFunction(() =>
      /Wrap-up\s*Sale/.test(document.querySelector('sb-dialog-card')?.textContent ?? ''),
    );
    await screenshot(second, 'call-transferred-wrap-up');
    await action(second, 'DROP').click();
    await second.waitForSelector('sb-dialog-card', { state: 'detached', timeout: 8000 });
    await caller.waitForSelector('sb-dialog-card', { state: 'detached', timeout: 8000 });
  });
});
