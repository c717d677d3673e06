/**
 * Silent monitor and barge-in from the supervisor's team view: a call routed to agent 2002 is
 * answered; supervisor 2010 (extension 3010) starts Silent Monitor on 2002's row, sees the
 * monitoring call next to the team, barges in from it (the agent's call now has the supervisor
 * in it), then leaves; the agent's call goes on until the agent ends it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPage, screenshot, skipWithoutChromium, textOf } from './browser.ts';
import { type DesktopSystem, startDesktopSystem } from './system.ts';

async function signIn(browser: Browser, origin: string, id: string, extension: string) {
  const { page, errors } = await newPage(browser);
  await page.goto(`${origin}/desktop/`);
  await page.fill('input[name=id]', id);
  await page.fill('input[name=password]', id);
  await page.fill('input[name=extension]', extension);
  await page.click('sb-sign-in button[type=submit]');
  await page.waitForSelector('sb-agent-header [data-state="NOT_READY"]');
  return { page, errors };
}

const card = (page: Page) => page.locator('sb-dialog-card article.dialog').first();
const action = (page: Page, name: string) => card(page).locator(`[data-action="${name}"]`);

describe('supervisor: silent monitor and barge-in from the team view', { skip: skipWithoutChromium }, () => {
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

  it('monitors an agent on a call, barges in, and leaves the call to the agent', async () => {
    const agent = await signIn(browser, system.origin, '2002', '3002');
    const sup = await signIn(browser, system.origin, '2010', '3010');
    await sup.page.click('[data-key="nav-team"]');
    const row = sup.page.locator('sb-team-view tr[data-agent="2002"]');
    await row.waitFor();
    // Nothing to monitor while the agent is not on a call.
    assert.equal(await row.locator('[data-key="sv-monitor-2002"]').isDisabled(), true);

    await agent.page.click('sb-agent-header [accesskey=r]');
    await agent.page.waitForSelector('sb-agent-header [data-state="READY"]');
    const injected = await fetch(`http://127.0.0.1:${system.sys.sb.ports.ctiAdmin}/calls`, {
      method: 'POST',
      body: JSON.stringify({ dnis: '8000', ani: '5551234' }),
    });
    assert.equal(injected.status, 201);
    await agent.page.waitForSelector('sb-dialog-card article.dialog.incoming', { timeout: 8000 });
    await action(agent.page, 'ANSWER').click();
    await agent.page.waitForSelector('sb-agent-header [data-state="TALKING"]', { timeout: 8000 });

    // The team view follows the agent onto the call; Silent Monitor becomes possible.
    await sup.page.waitForSelector('sb-team-view tr[data-agent="2002"][data-state="TALKING"]', {
      timeout: 8000,
    });
    await row.locator('[data-key="sv-monitor-2002"]').click();
    // The supervisor's monitoring call shows on the team page, with Barge In and End.
    await action(sup.page, 'BARGE_CALL').waitFor({ timeout: 8000 });
    assert.equal(await sup.page.locator('main[data-page="team"] sb-call-panel').count(), 1);
    assert.ok(await action(sup.page, 'DROP').isVisible());
    // Silent: the agent's call has no supervisor in it.
    assert.doesNotMatch(await textOf(card(agent.page).locator('.participants')), /3010/);
    await screenshot(sup.page, 'supervisor-silent-monitor');

    await action(sup.page, 'BARGE_CALL').click();
    await agent.page.waitForFunction(
      () => /3010/.test(document.querySelector('sb-dialog-card .participants')?.textContent ?? ''),
      undefined,
      { timeout: 8000 },
    );
    const parts = await textOf(card(agent.page).locator('.participants'));
    assert.match(parts, /3002 — (Active|Talking)/i);
    assert.match(parts, /3010 — (Active|Talking)/i);
    // The supervisor is now a party of the call: End is there, Barge In is not.
    await sup.page.waitForFunction(
      () =>
        !document.querySelector('sb-dialog-card [data-action="BARGE_CALL"]') &&
        /3010/.test(document.querySelector('sb-dialog-card .participants')?.textContent ?? ''),
      undefined,
      { timeout: 8000 },
    );
    await screenshot(sup.page, 'supervisor-barged-in');
    await screenshot(agent.page, 'agent-supervisor-barged-in');

    // The supervisor leaves; the agent keeps the caller.
    await action(sup.page, 'DROP').click();
    await sup.page.waitForSelector('sb-dialog-card', { state: 'detached', timeout: 8000 });
    await agent.page.waitForFunction(
      () => /3010 — Ended/.test(document.querySelector('sb-dialog-card .participants')?.textContent ?? ''),
      undefined,
      { timeout: 8000 },
    );
    assert.match(await textOf(card(agent.page).locator('.participants')), /5551234 — Active\s+3002 — Active/);
    assert.equal(await agent.page.locator('sb-agent-header [data-state="TALKING"]').count(), 1);
    await action(agent.page, 'DROP').click();
    await agent.page.waitForSelector('sb-dialog-card', { state: 'detached', timeout: 8000 });
    assert.deepEqual([...agent.errors, ...sup.errors], []);
  });
});
