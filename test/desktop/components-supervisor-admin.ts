/**
 * The team view, the admin form and the connection banner rendered in real Chromium from
 * properties alone (components.test.ts): what they show and the events they send.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Page } from 'playwright-core';
import { textOf } from './browser.ts';
import { ago, type ComponentFixture, events, mount } from './fixture.ts';

const REASONS = [
  { id: '1', category: 'NOT_READY', code: '1', label: 'Break', forAll: true, systemCode: false, uri: '' },
];

/** The supervisor's and the administrator's components, on components.test.ts's page. */
export function supervisorAdminComponentTests(fx: ComponentFixture): void {
  let page: Page;
  before(() => {
    page = fx.page;
  });

  it('team view: live state per agent, supervisor buttons, monitor only on a call', async () => {
    const member = (loginId: string, state: string, extra = {}) => ({
      loginId,
      firstName: 'Agent',
      lastName: loginId,
      extension: `3${loginId.slice(1)}`,
      state,
      stateChangeTime: ago(10),
      pendingState: '',
      reasonLabel: '',
      reasonCodeId: '',
      teamId: '5000',
      ...extra,
    });
    await mount(page, 'sb-team-view', {
      reasons: REASONS,
      teams: [
        {
          id: '5000',
          name: 'Minnies_Team',
          users: [member('2001', 'TALKING'), member('2002', 'NOT_READY', { reasonCodeId: '1' })],
        },
      ],
    });
    const row = (id: string) => page.locator(`#fixture tr[data-agent="${id}"]`);
    assert.match(await textOf(row('2002')), /Not Ready\s+Break/);
    assert.equal(await row('2002').locator('[data-key="sv-monitor-2002"]').isDisabled(), true);
    assert.equal(await row('2001').locator('[data-key="sv-monitor-2001"]').isDisabled(), false);
    // Developer guide 12.5, User—Change Agent State: "A supervisor can set the state of a user to
    // NOT_READY only if that user is in READY, WORK, or WORK_READY state"; LOGOUT also from TALKING.
    const disabled = async (id: string, key: string) =>
      row(id).locator(`[data-key="${key}-${id}"]`).isDisabled();
    assert.deepEqual(
      [await disabled('2001', 'sv-notready'), await disabled('2001', 'sv-logout')],
      [true, false],
      'a TALKING agent: no Not Ready, Sign Out offered',
    );
    assert.deepEqual(
      [await disabled('2002', 'sv-ready'), await disabled('2002', 'sv-notready')],
      [false, true],
      'a NOT_READY agent: Ready offered, not Not Ready again',
    );
    await row('2002').locator('[data-key="sv-ready-2002"]').click();
    await row('2001').locator('[data-key="sv-monitor-2001"]').click();
    assert.deepEqual(await events(page), [
      { type: 'sb-agent-state', detail: { agentId: '2002', state: 'READY' } },
      { type: 'sb-monitor', detail: { agentId: '2001', extension: '3001', mode: 'SILENT_MONITOR' } },
    ]);
  });

  it('admin form: API validation errors next to their field; delete asks for confirmation', async () => {
    await mount(page, 'sb-admin-page', {
      state: {
        resource: 'reasoncodes',
        parent: undefined,
        rows: [{ id: '7', category: 'NOT_READY', code: '7', label: 'Coffee', forAll: 'true' }],
        unavailable: false,
        editing: { id: '', category: 'NOT_READY', code: 'x', label: '', forAll: 'true' },
        fieldErrors: { code: 'Code must be a number between 1 and 65535' },
        formError: '',
        message: '',
      },
    });
    const code = page.locator('#fixture #f-code');
    assert.equal(await code.getAttribute('aria-invalid'), 'true');
    assert.equal(
      await textOf(page.locator(`#${await code.getAttribute('aria-describedby')}`)),
      'Code must be a number between 1 and 65535',
    );
    assert.equal(await page.locator('#fixture #f-label').getAttribute('aria-invalid'), null);
    await page.locator('#fixture #f-code').fill('8');
    await page.locator('#fixture #f-label').fill('Tea');
    await page.locator('#fixture [data-key=admin-save]').click();
    await page.locator('#fixture [data-key="delete-7"]').click();
    await page.locator('#fixture [data-key="confirm-7"]').click();
    assert.deepEqual(await events(page), [
      {
        type: 'sb-admin-save',
        detail: { values: { category: 'NOT_READY', code: '8', label: 'Tea', forAll: 'true' } },
      },
      { type: 'sb-admin-delete', detail: { id: '7' } },
    ]);
  });

  it('banner: the seed text while disconnected, nothing otherwise', async () => {
    await mount(page, 'sb-banner', { server: 'fin1.example.com', connection: 'disconnected' });
    assert.equal(
      await textOf(page.locator('#fixture .banner')),
      'Connection to fin1.example.com lost, please wait while a reachable server is found…',
    );
    await page.evaluate(() => {
      (document.querySelector('#fixture sb-banner') as unknown as { connection: string }).connection =
        'connected';
    });
    await page.waitForSelector('#fixture .banner', { state: 'detached' });
  });
}
