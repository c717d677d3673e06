/**
 * A routed call through three desktops: agent 2001 dials the routing number 8000, the ACD
 * offers it to the only Ready agent (2002), who answers, holds, retrieves and transfers it to
 * 2006, who answers, sets a wrap-up reason and ends it: the CTI simulator's routing and core's
 * Dialog notifications, end to end.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { agentPage, dialogButton, dialogCard, screenshot, skipWithoutChromium, textOf } from './browser.ts';
import { desktopSuite } from './system.ts';

const waitState = (page: Page, state: string) =>
  page.waitForSelector(`sb-agent-header [data-state="${state}"]`, { timeout: 8000 });

describe('a routed call: answer, hold, transfer, wrap-up', { skip: skipWithoutChromium }, () => {
  const suite = desktopSuite();

  it('goes through three desktops', async () => {
    const caller = (await agentPage(suite.browser, `${suite.system.origin}/desktop/`, '2001', '2003')).page;
    const first = (await agentPage(suite.browser, `${suite.system.origin}/desktop/`, '2002', '3002')).page;
    const second = (await agentPage(suite.browser, `${suite.system.origin}/desktop/`, '2006', '3006')).page;
    await first.click('sb-agent-header [accesskey=r]');
    await waitState(first, 'READY');

    await caller.fill('sb-keypad input[name=number]', '8000');
    await caller.press('sb-keypad input[name=number]', 'Enter');
    // Offered to 2002; a refusal shows on the caller's desktop and fails the test with its text.
    const refused = caller.locator('sb-notices .notice-error span');
    const offered = await Promise.race([
      first.waitForSelector('sb-dialog-card article.dialog.incoming').then(() => true),
      // Its timeout must not reject the race once the call was offered: it then never settles.
      refused
        .first()
        .waitFor()
        .then(
          () => false,
          () => new Promise<boolean>(() => {}),
        ),
    ]);
    assert.ok(offered, `no call reached agent 2002: ${(await refused.allInnerTexts()).join('; ')}`);
    assert.match(await textOf(dialogCard(first)), /Incoming call from 2003/);
    assert.match(await textOf(dialogCard(first)), /DNIS\s+8000/);
    await screenshot(first, 'call-incoming');

    await dialogButton(first, 'ANSWER').click();
    await dialogButton(first, 'HOLD').waitFor();
    await waitState(first, 'TALKING');
    await screenshot(first, 'call-active');

    await dialogButton(first, 'HOLD').click();
    await dialogButton(first, 'RETRIEVE').waitFor();
    await waitState(first, 'HOLD');
    await dialogButton(first, 'RETRIEVE').click();
    await dialogButton(first, 'HOLD').waitFor();
    await waitState(first, 'TALKING');

    await dialogButton(first, 'TRANSFER_SST').click();
    await first.keyboard.type('3006');
    await first.keyboard.press('Enter');
    await second.waitForSelector('sb-dialog-card article.dialog.incoming', { timeout: 8000 });
    await first.waitForSelector('sb-dialog-card', { state: 'detached', timeout: 8000 });

    await dialogButton(second, 'ANSWER').click();
    await dialogButton(second, 'HOLD').waitFor();
    await dialogCard(second).locator('select').selectOption('Sale');
    await second.waitForFunction(() =>
      /Wrap-up\s*Sale/.test(document.querySelector('sb-dialog-card')?.textContent ?? ''),
    );
    await screenshot(second, 'call-transferred-wrap-up');
    await dialogButton(second, 'DROP').click();
    await second.waitForSelector('sb-dialog-card', { state: 'detached', timeout: 8000 });
    await caller.waitForSelector('sb-dialog-card', { state: 'detached', timeout: 8000 });
  });
});
