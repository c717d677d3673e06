/**
 * The gadget admin pages (admin.test.ts signs the administrator in): the desktop layout editor (a
 * refused layout shows its problems by line and element and the saved one stays; a valid one is
 * previewed and saved), the workflow forms (an action, then a workflow using it for team 5000),
 * and the gadget file upload.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEFAULT_LAYOUT_XML } from '../../src/gadgets/index.ts';
import type { AdminContext } from './admin.test.ts';
import { screenshot } from './browser.ts';

const ADMIN: [string, string] = ['admin', 'admin'];
const NS = 'http://www.cisco.com/vtg/finesse';
const dollar = (name: string) => ['$', '{', name, '}'].join('');

export function gadgetAdminTests(ctx: AdminContext): void {
  const api = (path: string) => ctx.suite.system.sys.api(`/finesse/api${path}`, { auth: ADMIN });
  const layoutXml = async () =>
    /<layoutxml>([\s\S]*)<\/layoutxml>/.exec(await (await api('/LayoutConfig/default')).text())?.[1];

  it('edits the desktop layout: problems by line and element, the old layout kept, then a valid one previewed and saved', async () => {
    const page = ctx.page;
    await page.click('[data-key="nav-admin"]');
    await page.click('[data-key="tab-layout"]');
    const editor = page.locator('sb-layout-admin textarea.layout-xml');
    // The editor is there before the layout has loaded into it.
    await page.waitForFunction(
      (xml) =>
        document.querySelector<HTMLTextAreaElement>('sb-layout-admin textarea.layout-xml')?.value === xml,
      DEFAULT_LAYOUT_XML,
    );
    await page.locator('sb-layout-admin .preview-role[data-role="Supervisor"]').waitFor();

    const bad = `<finesseLayout xmlns="${NS}">\n<layout>\n<role>Agent</role>\n<page><gadget maxRows="lots">/a.xml</gadget></page>\n</layout>\n</finesseLayout>`;
    await editor.fill(bad);
    await page.click('[data-key="layout-save"]');
    const problems = page.locator('sb-layout-admin .layout-errors li');
    await problems.first().waitFor();
    assert.deepEqual(await problems.allInnerTexts(), [
      'line 4, <gadget>: maxRows "lots" must be a whole number from 1',
    ]);
    assert.equal(await editor.inputValue(), bad, 'the draft stays for fixing');
    await screenshot(page, 'gadget-admin-layout-refused');
    assert.ok((await layoutXml())?.includes('agent-voice-state'), 'the saved layout is unchanged');

    const good = `<finesseLayout xmlns="${NS}">\n<layout>\n<role>Agent</role>\n<tabs><tab><id>crm</id><label>CRM</label><gadgets><gadget id="crm">/3rdpartygadget/files/CRM/crm.xml</gadget></gadgets></tab></tabs>\n</layout>\n</finesseLayout>`;
    await editor.fill(good);
    await page.locator('sb-layout-admin .preview-tab[data-tab="crm"]').waitFor();
    await page.click('[data-key="layout-save"]');
    await page.getByText('Saved the default layout').waitFor();
    assert.equal(await problems.count(), 0);
    assert.match((await layoutXml()) ?? '', /&lt;id&gt;crm&lt;\/id&gt;/);
    await screenshot(page, 'gadget-admin-layout-saved');
  });

  it('creates a workflow action and a workflow that runs it for team 5000; a refused one shows why', async () => {
    const page = ctx.page;
    await page.click('[data-key="tab-workflows"]');
    await page.click('[data-key="new-WorkflowAction"]');
    await page.fill('#wf-name', 'Pop CRM');
    await page.selectOption('#wf-handledBy', 'OTHER');
    await page.fill(
      '#wf-params',
      `path=https://crm.example.com/find?ani=${dollar('nobody')}\nwindowName=crm`,
    );
    await page.fill('#wf-variables', 'ani | //Dialog/fromAddress | CUSTOM | 5551234');
    await page.click('[data-key="wf-save"]');
    await page.locator('sb-workflow-admin form p.error').waitFor();
    assert.match(
      (await page.locator('sb-workflow-admin form p.error').textContent()) ?? '',
      /Invalid Input \(path\)/,
    );
    await page.fill('#wf-params', `path=https://crm.example.com/find?ani=${dollar('ani')}\nwindowName=crm`);
    await page.click('[data-key="wf-save"]');
    await page
      .locator('sb-workflow-admin table[aria-label="Workflow actions"] td', { hasText: 'Pop CRM' })
      .waitFor();

    await page.click('[data-key="new-Workflow"]');
    await page.fill('#wf-name', 'Ring pop');
    await page.fill('#wf-conditions', 'callVariable1 | IS_NOT_EMPTY |');
    await page.getByLabel('Pop CRM').check();
    await page.getByLabel('5000 Minnies_Team').check();
    await screenshot(page, 'gadget-admin-workflow-form');
    await page.click('[data-key="wf-save"]');
    const row = page.locator('sb-workflow-admin table[aria-label="Workflows"] tr', { hasText: 'Ring pop' });
    await row.waitFor();
    assert.deepEqual((await row.locator('td').allTextContents()).slice(0, 4), [
      'Ring pop',
      'CALL_ARRIVES',
      'Pop CRM',
      '5000',
    ]);
    const teamFlows = await (await api('/Team/5000/Workflows')).text();
    assert.match(teamFlows, /<name>Ring pop<\/name>/);
    assert.match(teamFlows, /<name>Pop CRM<\/name>/);
    await screenshot(page, 'gadget-admin-workflows');
  });

  it('uploads gadget files into a folder, lists them with their URL, and deletes one', async () => {
    const page = ctx.page;
    await page.click('[data-key="tab-gadgets"]');
    await page.fill('#gadget-folder', 'CRM');
    await page.setInputFiles('#gadget-files', [
      {
        name: 'crm.xml',
        mimeType: 'application/xml',
        buffer: Buffer.from('<Module><Content type="html"/></Module>'),
      },
      { name: 'crm.js', mimeType: 'text/javascript', buffer: Buffer.from('var crm = 1;') },
    ]);
    await page.click('[data-key="gadget-upload"]');
    await page.locator('sb-gadget-files p.status, sb-gadget-files p.error').first().waitFor();
    assert.equal(
      await page.locator('sb-gadget-files p.error').count(),
      0,
      (await page.locator('sb-gadget-files').textContent()) ?? '',
    );
    await page.getByText('Uploaded CRM/crm.xml, CRM/crm.js').waitFor();
    await page.locator('sb-gadget-files a', { hasText: '/3rdpartygadget/files/CRM/crm.xml' }).waitFor();
    assert.equal(
      await (await fetch(`${ctx.suite.system.origin}/3rdpartygadget/files/CRM/crm.js`)).text(),
      'var crm = 1;',
    );
    await screenshot(page, 'gadget-admin-files');
    await page.click('[data-key="delete-CRM/crm.js"]');
    await page.click('[data-key="confirm-CRM/crm.js"]');
    await page.getByText('Deleted CRM/crm.js').waitFor();
    assert.equal((await fetch(`${ctx.suite.system.origin}/3rdpartygadget/files/CRM/crm.js`)).status, 404);
  });
}
