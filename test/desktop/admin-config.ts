/**
 * The configuration pages (admin.test.ts signs the administrator in): every object type opens as
 * a table; reason codes are edited through the config API — a rejected value shows the API's
 * error next to its field —; resources declared as data get forms derived from their
 * declaration; a phone book's contacts are imported and exported as CSV.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { RESOURCES } from '../../src/desktop/app/admin-resources.ts';
import type { AdminContext } from './admin.test.ts';
import { screenshot, textOf } from './browser.ts';

const ADMIN: [string, string] = ['admin', 'admin'];

export function configurationTests(ctx: AdminContext): void {
  it('opens every object type as a table', async () => {
    const page = ctx.page;
    await page.click('[data-key="nav-admin"]');
    for (const r of RESOURCES) {
      await page.click(`[data-key="tab-${r.key}"]`);
      await page.waitForFunction(
        (title) => document.querySelector('sb-admin-page section h2')?.textContent === title,
        r.title,
      );
      await page.locator('sb-admin-page table.grid').waitFor();
    }
  });

  it('creates a reason code after showing the API validation error next to its field, then edits and deletes it', async () => {
    const page = ctx.page;
    await page.click('[data-key="tab-reasoncodes"]');
    await page.click('[data-key="admin-new"]');
    await page.fill('#f-code', 'not-a-number');
    await page.fill('#f-label', 'Coffee');
    await page.click('[data-key="admin-save"]');
    const invalid = page.locator('sb-admin-page [aria-invalid="true"]');
    await invalid.first().waitFor();
    const describedBy = await invalid.first().getAttribute('aria-describedby');
    assert.ok(describedBy, 'the invalid field points at its error');
    assert.ok((await textOf(page.locator(`#${describedBy}`))).length > 0);
    await screenshot(page, 'admin-validation-error');

    await page.fill('#f-code', '77');
    await page.click('[data-key="admin-save"]');
    const row = page.locator('sb-admin-page tbody tr', { hasText: 'Coffee' });
    await row.waitFor();
    await row.locator('button', { hasText: 'Edit' }).click();
    await page.fill('#f-label', 'Tea');
    await page.click('[data-key="admin-save"]');
    const edited = page.locator('sb-admin-page tbody tr', { hasText: 'Tea' });
    await edited.waitFor();
    await edited.locator('button', { hasText: 'Delete' }).click();
    await edited.locator('button', { hasText: 'Confirm delete' }).click();
    await edited.waitFor({ state: 'detached' });
  });

  it('edits resources declared as data through forms derived from their declaration: desk settings, ECC variables', async () => {
    const page = ctx.page;
    await page.click('[data-key="tab-desksettings"]');
    await page.click('[data-key="admin-new"]');
    // A new object's form starts at the declaration's defaults.
    assert.equal(await page.inputValue('#f-wrapUpTimer'), '7200');
    assert.equal(await page.inputValue('#f-wrapUpOnIncoming'), 'OPTIONAL');
    await page.fill('#f-name', 'Sales floor');
    await page.selectOption('#f-wrapUpOnIncoming', 'REQUIRED');
    await page.fill('#f-teams', '5000, 5001');
    await page.click('[data-key="admin-save"]');
    const row = page.locator('sb-admin-page tbody tr', { hasText: 'Sales floor' });
    try {
      await row.waitFor();
    } catch (e) {
      // Seen once with both cores kept busy: what did the page show instead (a form error, a message)?
      throw new Error(`${(e as Error).message}\npage: ${await textOf(page.locator('sb-admin-page'))}`);
    }
    assert.match(await textOf(row), /REQUIRED.*5000, 5001/);
    await screenshot(page, 'admin-desk-settings');

    await page.click('[data-key="tab-eccvariableconfig"]');
    assert.equal(await page.locator('[data-key="admin-new"]').count(), 0, 'a singleton has no New');
    await page.locator('sb-admin-page tbody tr button', { hasText: 'Edit' }).click();
    await page.fill('#f-variables', 'user.locale, 5\nuser.account');
    await page.click('[data-key="admin-save"]');
    await page.locator('sb-admin-page tbody tr', { hasText: 'user.locale, 5; user.account, 40' }).waitFor();
    const stored = await ctx.suite.system.sys.api('/finesse/api/ECCVariableConfig', { auth: ADMIN });
    assert.match(
      await stored.text(),
      /<ECCVariable><name>user.account<\/name><length>40<\/length><\/ECCVariable>/,
    );
  });

  it("imports a phone book's contacts from CSV (replacing them) and exports them, as Finesse's admin does", async () => {
    const page = ctx.page;
    await page.click('[data-key="tab-phonebooks"]');
    await page.click('[data-key="admin-new"]');
    await page.fill('#f-name', 'Partners CSV');
    await page.click('[data-key="admin-save"]');
    const row = page.locator('sb-admin-page tbody tr', { hasText: 'Partners CSV' });
    await row.locator('button', { hasText: 'Contacts' }).click();
    await page.locator('sb-admin-page h2', { hasText: 'Contacts' }).waitFor();
    await page.setInputFiles('[data-key="contacts-import"]', {
      name: 'partners.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'First Name,Last Name,Phone Number,Notes\r\nAda,Lovelace,5551815,"Math, engines"\r\nBob,Smith,5550001,\r\n',
      ),
    });
    await page.getByText('Imported 2 contacts').waitFor();
    await page.locator('sb-admin-page tbody tr', { hasText: 'Lovelace' }).waitFor();
    const download = page.waitForEvent('download');
    await page.click('[data-key="contacts-export"]');
    const file = await download;
    assert.equal(file.suggestedFilename(), 'Partners CSV.csv');
    // The browser may run in another process (one Chromium per test run): read the download as a
    // stream, which works whether it is local or not; path() works only for a local browser.
    const chunks: Buffer[] = [];
    for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    assert.equal(
      text,
      'First Name,Last Name,Phone Number,Notes\r\nAda,Lovelace,5551815,"Math, engines"\r\nBob,Smith,5550001,\r\n',
    );
    await screenshot(page, 'admin-contacts-imported');
  });
}
