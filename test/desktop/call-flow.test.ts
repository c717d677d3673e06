/**
 * A routed call through three desktops: agent 2001 dials the routing number 8000, the ACD
 * offers it to the only Ready agent (2002), who answers, holds, retrieves and transfers it to
 * 2006, who answers, sets a wrap-up reason and ends it: the CTI simulator's routing and core's
 * Dialog notifications, end to end.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { basic } from '../support/system.ts';
import {
  dialogButton,
  dialogCard,
  newPage,
  screenshot,
  skipWithoutChromium,
  submitSignIn,
  textOf,
} from './browser.ts';
import { desktopSuite } from './system.ts';

type Desk = Awaited<ReturnType<typeof newPage>>;

/** Polls `check` until it holds (the REST side has no notification stream here). */
async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(await check(), 'condition never held');
}

const waitState = (page: Page, state: string) =>
  page.waitForSelector(`sb-agent-header [data-state="${state}"]`);

/**
 * What a desktop's page asks of the browser's Notification and Web Audio, recorded (the real ones
 * still run). A string, not a function: the test's TypeScript build would wrap a function's names
 * in a helper the page does not have.
 */
const RECORD_NOTIFICATIONS_AND_TONES = `
  window.__notes = [];
  window.__tones = [];
  const Real = window.Notification;
  window.Notification = class extends Real {
    constructor(title, options) {
      super(title, options);
      window.__notes.push({ title, body: (options && options.body) || '' });
    }
  };
  const create = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function () {
    const osc = create.call(this);
    const start = osc.start.bind(osc);
    osc.start = (when) => {
      window.__tones.push(osc.frequency.value);
      start(when);
    };
    return osc;
  };
`;

describe('a routed call: answer, hold, transfer, wrap-up', { skip: skipWithoutChromium }, () => {
  const suite = desktopSuite();
  let callerDesk: Desk;
  let firstDesk: Desk;
  let secondDesk: Desk;

  /** A signed-in agent (NOT_READY) whose page may notify and whose notifications and tones are recorded. */
  async function desk(id: string, extension: string): Promise<Desk> {
    const opened = await newPage(suite.browser);
    await opened.context.grantPermissions(['notifications'], { origin: suite.system.origin });
    await opened.page.addInitScript(RECORD_NOTIFICATIONS_AND_TONES);
    await opened.page.goto(`${suite.system.origin}/desktop/`);
    await submitSignIn(opened.page, id, extension);
    await waitState(opened.page, 'NOT_READY');
    return opened;
  }

  before(async () => {
    // One desktop each for the whole file: a sign-in costs more than most steps below.
    [callerDesk, firstDesk, secondDesk] = await Promise.all([
      desk('2001', '2003'),
      desk('2002', '3002'),
      desk('2006', '3006'),
    ]);
  });

  it('goes through three desktops', async () => {
    const [caller, first, second] = [callerDesk.page, firstDesk.page, secondDesk.page];
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
    await second.waitForSelector('sb-dialog-card article.dialog.incoming');
    await first.waitForSelector('sb-dialog-card', { state: 'detached' });

    await dialogButton(second, 'ANSWER').click();
    await dialogButton(second, 'HOLD').waitFor();
    await dialogCard(second).locator('select').selectOption('Sale');
    await second.waitForFunction(() =>
      /Wrap-up\s*Sale/.test(document.querySelector('sb-dialog-card')?.textContent ?? ''),
    );
    await screenshot(second, 'call-transferred-wrap-up');
    await dialogButton(second, 'DROP').click();
    await second.waitForSelector('sb-dialog-card', { state: 'detached' });
    await caller.waitForSelector('sb-dialog-card', { state: 'detached' });
  });

  it('a call arriving while the tab is in the background: a browser notification and a ring cue', async () => {
    // Mickey's desktop, idle again after the call above.
    const { page } = callerDesk;
    await page.waitForSelector('sb-dialog-card', { state: 'detached' });
    await waitState(page, 'NOT_READY');
    // The tab goes to the background.
    await page.evaluate(`
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    `);
    // Daisy (signed in through the REST API) calls Mickey's extension directly.
    const api = (path: string, method: string, body: string) =>
      suite.system.sys.api(path, { method, auth: basic('2005'), body });
    assert.equal(
      (
        await api(
          '/finesse/api/User/2005',
          'PUT',
          '<User><state>LOGIN</state><extension>3005</extension></User>',
        )
      ).status,
      202,
    );
    await waitFor(async () =>
      /NOT_READY/.test(
        await (await suite.system.sys.api('/finesse/api/User/2005', { auth: basic('2005') })).text(),
      ),
    );
    const call = await api(
      '/finesse/api/User/2005/Dialogs',
      'POST',
      '<Dialog><requestedAction>MAKE_CALL</requestedAction><fromAddress>3005</fromAddress><toAddress>2003</toAddress></Dialog>',
    );
    assert.equal(call.status, 202);
    await page.waitForSelector('sb-dialog-card article.dialog.incoming');
    const heard = await page.waitForFunction(() => {
      const w = window as unknown as { __notes: { title: string; body: string }[]; __tones: number[] };
      return w.__notes.length > 0 && w.__tones.length >= 2
        ? { notes: w.__notes, tones: w.__tones }
        : undefined;
    });
    const { notes, tones } = (await heard.jsonValue()) as { notes: { title: string }[]; tones: number[] };
    assert.deepEqual(
      notes.map((n) => n.title),
      ['Incoming call from 3005'],
    );
    // ITU-T E.180 ringing tone: 440 Hz and 480 Hz together.
    assert.deepEqual([...new Set(tones)].sort(), [440, 480]);
    await dialogButton(page, 'ANSWER').click();
    await dialogButton(page, 'DROP').click();
    await page.waitForSelector('sb-dialog-card', { state: 'detached', timeout: 8000 });
    for (const d of [callerDesk, firstDesk, secondDesk]) assert.deepEqual(d.errors, []);
  });
});
