/**
 * The agent desktop's components rendered in real Chromium from properties alone
 * (components.test.ts): the state header with its reason menus, the call card with its actions,
 * the dial pad — what they show, the events they send, and that they work from the keyboard.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot, textOf } from './browser.ts';
import { ago, type ComponentFixture, events, mount } from './fixture.ts';

const USER = {
  loginId: '2001',
  loginName: 'mmouse',
  firstName: 'Mickey',
  lastName: 'Mouse',
  roles: ['Agent'],
  state: 'NOT_READY',
  stateChangeTime: ago(65),
  pendingState: '',
  reasonCodeId: '2',
  extension: '2003',
  teamId: '5000',
  teamName: 'Minnies_Team',
  teams: [],
  wrapUpOnIncoming: '',
};
const REASONS = [
  { id: '1', category: 'NOT_READY', code: '1', label: 'Break', forAll: true, systemCode: false, uri: '' },
  { id: '2', category: 'NOT_READY', code: '2', label: 'Lunch', forAll: true, systemCode: false, uri: '' },
];
const dialog = (state: string, actions: string[]) => ({
  id: '16777217',
  uri: '/finesse/api/Dialog/16777217',
  associatedDialogUri: '',
  fromAddress: '5551234',
  toAddress: '2003',
  state: state === 'ALERTING' ? 'ALERTING' : 'ACTIVE',
  dialedNumber: '8005550100',
  dnis: '8005550100',
  callType: 'PREROUTE_ACD_IN',
  queueName: 'Sales',
  wrapUpReason: '',
  callVariables: [
    { name: 'callVariable1', value: 'Gold customer' },
    { name: 'callVariable2', value: '' },
  ],
  participants: [
    {
      mediaAddress: '5551234',
      mediaAddressType: '',
      state: 'ACTIVE',
      stateCause: '',
      actions: [],
      startTime: ago(30),
    },
    {
      mediaAddress: '2003',
      mediaAddressType: 'AGENT_DEVICE',
      state,
      stateCause: '',
      actions,
      startTime: ago(12),
    },
  ],
});

/** The agent's components, on components.test.ts's page. */
export function agentComponentTests(fx: ComponentFixture): void {
  let page: Page;
  before(() => {
    page = fx.page;
  });

  it('agent header: name, state in colour with its time and reason; Not Ready reasons from the keyboard', async () => {
    await mount(page, 'sb-agent-header', { user: USER, notReadyReasons: REASONS, logoutReasons: [] });
    const state = page.locator('#fixture [data-state]');
    assert.equal(await state.getAttribute('data-state'), 'NOT_READY');
    assert.match((await state.getAttribute('class')) ?? '', /state-not_ready/);
    assert.match(await textOf(state), /Not Ready/);
    assert.match(await textOf(state), /Lunch/);
    assert.equal(await textOf(page.locator('#fixture .timer.big')), '01:05');
    assert.match(await textOf(page.locator('#fixture .name')), /Mickey Mouse/);
    assert.equal(await textOf(page.locator('#fixture [accesskey=r]')), 'Ready');
    assert.equal(await page.locator('#fixture [accesskey=n]').count(), 1);
    assert.equal(await page.locator('#fixture [accesskey=o]').isDisabled(), false, 'Sign Out from Not Ready');

    await page.locator('#fixture [accesskey=n]').focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#fixture [role=menu]');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Break');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Lunch');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#fixture [role=menu]').count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('accesskey')), 'n');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('#fixture [accesskey=r]').click();
    assert.deepEqual(await events(page), [
      { type: 'sb-state', detail: { state: 'NOT_READY', reasonCodeId: '1' } },
      { type: 'sb-state', detail: { state: 'READY' } },
    ]);
    await screenshot(page, 'component-agent-header');
  });

  it('agent header on a call: pending state shown, Ready disabled once Ready is pending', async () => {
    await mount(page, 'sb-agent-header', {
      user: { ...USER, state: 'TALKING', pendingState: 'READY', reasonCodeId: '' },
      notReadyReasons: REASONS,
      logoutReasons: [],
    });
    assert.match(await textOf(page.locator('#fixture .pending')), /Pending: Ready/);
    assert.equal(await page.locator('#fixture [accesskey=r]').isDisabled(), true);
    // "An agent can set the state to LOGOUT only if that agent is in NOT_READY state" (developer guide 12.5).
    assert.equal(await page.locator('#fixture [accesskey=o]').isDisabled(), true, 'no Sign Out on a call');
  });

  it('incoming call: caller, DNIS, call variables and Answer (Alt+A)', async () => {
    await mount(page, 'sb-dialog-card', {
      extension: '2003',
      wrapUpReasons: [],
      primary: true,
      dialog: dialog('ALERTING', ['ANSWER']),
    });
    const card = page.locator('#fixture article.dialog');
    assert.match(await textOf(card), /Incoming call from 5551234/);
    assert.match(await textOf(card), /DNIS\s+8005550100/);
    assert.match(await textOf(card), /callVariable1\s+Gold customer/);
    assert.doesNotMatch(await textOf(card), /callVariable2/);
    assert.deepEqual(
      await card.locator('[data-action]').evaluateAll((b) => b.map((x) => x.getAttribute('data-action'))),
      ['ANSWER'],
    );
    assert.equal(await card.locator('[data-action=ANSWER]').getAttribute('accesskey'), 'a');
    await card.locator('[data-action=ANSWER]').click();
    assert.deepEqual(await events(page), [
      { type: 'sb-dialog-action', detail: { dialogId: '16777217', action: 'ANSWER' } },
    ]);
  });

  it('active call: consult with a typed number, DTMF keypad, wrap-up reason, end', async () => {
    const actions = ['HOLD', 'DROP', 'CONSULT_CALL', 'TRANSFER_SST', 'SEND_DTMF', 'UPDATE_CALL_DATA'];
    await mount(page, 'sb-dialog-card', {
      extension: '2003',
      wrapUpReasons: [{ id: '1', label: 'Sale', forAll: true, uri: '' }],
      primary: true,
      dialog: dialog('ACTIVE', actions),
    });
    const card = page.locator('#fixture article.dialog');
    await card.locator('[data-action=CONSULT_CALL]').click();
    await page.keyboard.type('2002');
    await page.keyboard.press('Enter');
    await card.locator('[data-action=SEND_DTMF]').click();
    await card.locator('sb-keypad button', { hasText: '5' }).click();
    await card.locator('sb-keypad').focus();
    await page.keyboard.press('#');
    await card.locator('select').selectOption('Sale');
    await card.locator('[data-action=DROP]').click();
    assert.deepEqual(await events(page), [
      {
        type: 'sb-dialog-action',
        detail: { dialogId: '16777217', action: 'CONSULT_CALL', toAddress: '2002' },
      },
      { type: 'sb-dialog-action', detail: { dialogId: '16777217', action: 'SEND_DTMF', dtmfString: '5' } },
      { type: 'sb-dialog-action', detail: { dialogId: '16777217', action: 'SEND_DTMF', dtmfString: '#' } },
      { type: 'sb-wrap-up', detail: { dialogId: '16777217', reason: 'Sale' } },
      { type: 'sb-dialog-action', detail: { dialogId: '16777217', action: 'DROP' } },
    ]);
    await screenshot(page, 'component-call');
  });

  it('held call during a consult: Retrieve, Transfer and Conference (nothing else)', async () => {
    // The buttons are the server's `actions`, in its order (core's DIALOG_ACTIONS), labelled from that table.
    await mount(page, 'sb-dialog-card', {
      extension: '2003',
      wrapUpReasons: [],
      primary: true,
      dialog: dialog('HELD', ['RETRIEVE', 'UPDATE_CALL_DATA', 'TRANSFER', 'CONFERENCE', 'DROP']),
    });
    const card = page.locator('#fixture article.dialog');
    assert.deepEqual(await card.locator('.actions button').allInnerTexts(), [
      'Retrieve',
      'Transfer',
      'Conference',
      'End',
    ]);
    await card.locator('[data-action=TRANSFER]').click();
    await card.locator('[data-action=CONFERENCE]').click();
    assert.deepEqual(await events(page), [
      { type: 'sb-dialog-action', detail: { dialogId: '16777217', action: 'TRANSFER' } },
      { type: 'sb-dialog-action', detail: { dialogId: '16777217', action: 'CONFERENCE' } },
    ]);
  });

  it('offers nothing the server does not: no actions, no buttons (the desktop keeps no copy of the rules)', async () => {
    await mount(page, 'sb-dialog-card', {
      extension: '2003',
      wrapUpReasons: [{ id: '1', label: 'Sale', forAll: true, uri: '' }],
      dialog: dialog('ACTIVE', []),
    });
    const card = page.locator('#fixture article.dialog');
    assert.equal(await card.locator('.actions button').count(), 0);
    assert.equal(await card.locator('select').count(), 0, 'no wrap-up field without UPDATE_CALL_DATA');
  });

  it("lays a call's data out by the team's MediaPropertiesLayout: the pop-over while it rings, editable entries once answered", async () => {
    const layout = {
      name: 'Sales',
      header: [
        { displayName: 'Customer', mediaProperty: 'callVariable1', showInPopOver: true, uiEditable: false },
      ],
      columns: [
        [
          { displayName: 'Queue', mediaProperty: 'queueName', showInPopOver: true, uiEditable: false },
          { displayName: 'Ticket', mediaProperty: 'callVariable2', showInPopOver: false, uiEditable: true },
        ],
        [{ displayName: 'Number called', mediaProperty: 'DNIS', showInPopOver: false, uiEditable: false }],
      ],
    };
    await mount(page, 'sb-dialog-card', {
      extension: '2003',
      wrapUpReasons: [],
      layout,
      dialog: dialog('ALERTING', ['ANSWER']),
    });
    const card = page.locator('#fixture article.dialog');
    // Ringing: only the pop-over entries.
    assert.deepEqual(await card.locator('dl.popover dt').allInnerTexts(), ['Customer', 'Queue']);
    assert.equal(await card.locator('[data-property="DNIS"]').count(), 0);

    await mount(page, 'sb-dialog-card', {
      extension: '2003',
      wrapUpReasons: [],
      layout,
      dialog: dialog('ACTIVE', ['HOLD', 'UPDATE_CALL_DATA', 'DROP']),
    });
    assert.equal(await textOf(card.locator('dl.header-entry dd')), 'Gold customer');
    assert.deepEqual(await card.locator('[data-column="1"] dt').allInnerTexts(), ['Queue', 'Ticket']);
    assert.equal(await textOf(card.locator('[data-column="2"] [data-property="DNIS"]')), '8005550100');
    // Only the uiEditable entry can be changed: UPDATE_CALL_DATA with the call variable.
    assert.equal(await card.locator('dd button', { hasText: 'Edit' }).count(), 1);
    await card.locator('[data-property="callVariable2"] button').click();
    await page.keyboard.type('T-42');
    await page.keyboard.press('Enter');
    assert.deepEqual(await events(page), [
      { type: 'sb-call-data', detail: { dialogId: '16777217', name: 'callVariable2', value: 'T-42' } },
    ]);
    await screenshot(page, 'component-call-layout');
  });

  it("a supervisor's monitoring call names the agent and offers Barge In and End", async () => {
    const monitoring = { ...dialog('ACTIVE', ['BARGE_CALL', 'DROP']), callType: 'SUPERVISOR_MONITOR' };
    const supervisor = { ...monitoring.participants[1], mediaAddress: '3010' };
    await mount(page, 'sb-dialog-card', {
      extension: '3010',
      wrapUpReasons: [],
      dialog: { ...monitoring, toAddress: '3010', participants: [...monitoring.participants, supervisor] },
    });
    const card = page.locator('#fixture article.dialog');
    assert.equal(await textOf(card.locator('.caller')), 'Monitoring 2003 (call from 5551234)');
    assert.deepEqual(await card.locator('.actions button').allInnerTexts(), ['Barge In', 'End']);
    await card.locator('[data-action=BARGE_CALL]').click();
    assert.deepEqual(await events(page), [
      { type: 'sb-dialog-action', detail: { dialogId: '16777217', action: 'BARGE_CALL' } },
    ]);
  });

  it('dial pad: digits and Enter make a call', async () => {
    await mount(page, 'sb-keypad', { mode: 'dial' });
    await page.locator('#fixture button', { hasText: '2' }).click();
    await page.locator('#fixture input[name=number]').focus();
    await page.keyboard.type('002');
    await page.keyboard.press('Enter');
    assert.deepEqual(await events(page), [{ type: 'sb-make-call', detail: { number: '2002' } }]);
  });

  it('phone book: filter, then Call dials the contact; hidden without a PhoneBooks API', async () => {
    const contact = (id: string, firstName: string, phoneNumber: string) => ({
      id,
      firstName,
      lastName: 'Duck',
      phoneNumber,
      description: '',
      uri: '',
    });
    await mount(page, 'sb-phonebook', {
      books: [
        {
          book: { id: '1', name: 'Ducks', type: 'GLOBAL', uri: '', contactsUri: '' },
          contacts: [contact('1', 'Donald', '3004'), contact('2', 'Daisy', '3005')],
        },
      ],
    });
    await page.fill('#fixture input[type=search]', 'dai');
    assert.equal(await page.locator('#fixture .contacts li').count(), 1);
    await page.locator('#fixture .contacts button').click();
    assert.deepEqual(await events(page), [{ type: 'sb-make-call', detail: { number: '3005' } }]);
    await mount(page, 'sb-phonebook', { books: undefined });
    assert.equal(await page.locator('#fixture sb-phonebook').isHidden(), true);
  });
}
