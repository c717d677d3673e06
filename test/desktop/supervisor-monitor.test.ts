/**
 * Silent monitor and barge-in from the supervisor's team view: a call routed to agent 2002 is
 * answered; supervisor 2010 (extension 3010) starts Silent Monitor on 2002's row, sees the
 * monitoring call next to the team, barges in from it (the agent's call now has the supervisor
 * in it), then leaves; the agent's call goes on until the agent ends it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agentPage, dialogButton, dialogCard, screenshot, skipWithoutChromium, textOf } from './browser.ts';
import { desktopSuite } from './system.ts';

describe('supervisor: silent monitor and barge-in from the team view', { skip: skipWithoutChromium }, () => {
  const suite = desktopSuite();

  it('monitors an agent on a call, barges in, and leaves the call to the agent', async () => {
    const agent = await agentPage(suite.browser, `${suite.system.origin}/desktop/`, '2002', '3002');
    const sup = await agentPage(suite.browser, `${suite.system.origin}/desktop/`, '2010', '3010');
    await sup.page.click('[data-key="nav-team"]');
    const row = sup.page.locator('sb-team-view tr[data-agent="2002"]');
    await row.waitFor();
    // Nothing to monitor while the agent is not on a call.
    assert.equal(await row.locator('[data-key="sv-monitor-2002"]').isDisabled(), true);

    await agent.page.click('sb-agent-header [accesskey=r]');
    await agent.page.waitForSelector('sb-agent-header [data-state="READY"]');
    const injected = await suite.system.sys.simAdmin('/calls', 'POST', { dnis: '8000', ani: '5551234' });
    assert.equal(injected.status, 201);
    await agent.page.waitForSelector('sb-dialog-card article.dialog.incoming');
    await dialogButton(agent.page, 'ANSWER').click();
    await agent.page.waitForSelector('sb-agent-header [data-state="TALKING"]');

    // The team view follows the agent onto the call; Silent Monitor becomes possible.
    await sup.page.waitForSelector('sb-team-view tr[data-agent="2002"][data-state="TALKING"]');
    await row.locator('[data-key="sv-monitor-2002"]').click();
    // The supervisor's monitoring call shows on the team page, with Barge In and End.
    await dialogButton(sup.page, 'BARGE_CALL').waitFor();
    assert.equal(await sup.page.locator('main[data-page="team"] sb-call-panel').count(), 1);
    assert.ok(await dialogButton(sup.page, 'DROP').isVisible());
    // Silent: the agent's call has no supervisor in it.
    assert.doesNotMatch(await textOf(dialogCard(agent.page).locator('.participants')), /3010/);
    await screenshot(sup.page, 'supervisor-silent-monitor');

    await dialogButton(sup.page, 'BARGE_CALL').click();
    await agent.page.waitForFunction(
      () => /3010/.test(document.querySelector('sb-dialog-card .participants')?.textContent ?? ''),
      undefined,
    );
    const parts = await textOf(dialogCard(agent.page).locator('.participants'));
    assert.match(parts, /3002 — (Active|Talking)/i);
    assert.match(parts, /3010 — (Active|Talking)/i);
    // The supervisor is now a party of the call: End is there, Barge In is not.
    await sup.page.waitForFunction(
      () =>
        !document.querySelector('sb-dialog-card [data-action="BARGE_CALL"]') &&
        /3010/.test(document.querySelector('sb-dialog-card .participants')?.textContent ?? ''),
      undefined,
    );
    await screenshot(sup.page, 'supervisor-barged-in');
    await screenshot(agent.page, 'agent-supervisor-barged-in');

    // The supervisor leaves; the agent keeps the caller.
    await dialogButton(sup.page, 'DROP').click();
    await sup.page.waitForSelector('sb-dialog-card', { state: 'detached' });
    await agent.page.waitForFunction(
      () => /3010 — Ended/.test(document.querySelector('sb-dialog-card .participants')?.textContent ?? ''),
      undefined,
    );
    assert.match(
      await textOf(dialogCard(agent.page).locator('.participants')),
      /5551234 — Active\s+3002 — Active/,
    );
    assert.equal(await agent.page.locator('sb-agent-header [data-state="TALKING"]').count(), 1);
    await dialogButton(agent.page, 'DROP').click();
    await agent.page.waitForSelector('sb-dialog-card', { state: 'detached' });
    assert.deepEqual([...agent.errors, ...sup.errors], []);
  });
});
