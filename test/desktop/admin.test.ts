/**
 * The administrator's pages end to end in Chromium against the whole system, with one
 * administrator signed in for all of them (a sign-in and a system of their own cost more than most
 * of their steps): Troubleshooting (admin-troubleshooting.ts), the configuration pages
 * (admin-config.ts), then the gadget admin pages (admin-gadgets.ts) — last, as the layout they
 * save names a gadget every agent signing in afterwards would load.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { configurationTests } from './admin-config.ts';
import { gadgetAdminTests } from './admin-gadgets.ts';
import { troubleshootingTests } from './admin-troubleshooting.ts';
import { newPage, screenshot, skipWithoutChromium, submitSignIn } from './browser.ts';
import { desktopSuite } from './system.ts';

export interface AdminContext {
  suite: ReturnType<typeof desktopSuite>;
  /** The administrator's page, signed in; each group of tests opens its own page of the app. */
  page: Page;
}

describe('admin pages, end to end', { skip: skipWithoutChromium }, () => {
  const suite = desktopSuite();
  const ctx = { suite } as AdminContext;
  let errors: string[] = [];

  before(async () => {
    ({ page: ctx.page, errors } = await newPage(suite.browser));
    await ctx.page.goto(`${suite.system.origin}/desktop/`);
    await submitSignIn(ctx.page, 'admin');
    await ctx.page.waitForSelector('main[data-page="admin"] sb-admin-page nav.tabs');
  });

  it('signs the administrator in without an extension, straight to the admin pages', async () => {
    const page = ctx.page;
    assert.equal(await page.locator('sb-agent-header').count(), 0);
    assert.deepEqual(await page.locator('nav.pages a').allInnerTexts(), [
      'Administration',
      'Troubleshooting',
      'Client log',
    ]);
    await screenshot(page, 'admin');
  });

  describe('Troubleshooting', () => troubleshootingTests(ctx));
  describe('configuration', () => configurationTests(ctx));
  describe('gadget admin', () => gadgetAdminTests(ctx));

  it('signs the administrator out from the top bar', async () => {
    await ctx.page.click('[data-key="sign-out"]');
    await ctx.page.waitForSelector('sb-sign-in input[name=id]');
  });

  it('ran without script errors', () => {
    assert.deepEqual(errors, []);
  });
});
