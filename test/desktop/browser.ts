/**
 * Real Chromium for the desktop tests: Debian's /usr/bin/chromium driven by playwright-core (no
 * browser download, ever). scripts/run-tests.mjs starts one for the whole run and passes its
 * address on (`SWITCHBOARD_TEST_BROWSER_WS`); each test file connects to it and works in
 * contexts of its own. Run alone (`node --import tsx --test file`), a file launches its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { skipUnlessPeer } from '../support/peers.ts';

export const CHROMIUM = '/usr/bin/chromium';

/** `describe(…, { skip })`: false when Chromium is there; missing, the file fails, saying why. */
export const skipWithoutChromium: string | false = skipUnlessPeer(
  'chromium',
  fs.existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing: run scripts/install-chromium.sh (as root)`,
);

/** How Chromium is started here: headless, and quiet on the network. */
export const CHROMIUM_LAUNCH = {
  executablePath: CHROMIUM,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

const ARTIFACTS = path.resolve('test-artifacts/desktop');

/**
 * The run's Chromium when there is one (closing it only disconnects, which closes this file's
 * contexts), else a fresh headless Chromium with a temporary user-data-dir of its own.
 */
export function launchChromium(): Promise<Browser> {
  const shared = process.env.SWITCHBOARD_TEST_BROWSER_WS;
  return shared ? chromium.connect(shared) : chromium.launch(CHROMIUM_LAUNCH);
}

/** Page errors and console errors, so a test can insist the desktop ran cleanly. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Failed requests are expected while the network is cut, and CORS refusals while failover
    // probes the other node; script errors are not.
    if (m.type() === 'error' && !/Failed to load resource|net::ERR_|blocked by CORS policy/.test(m.text())) {
      errors.push(`console: ${m.text()}`);
    }
  });
  return errors;
}

export async function newPage(
  browser: Browser,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

/** Fills in and submits the sign-in form of a page showing it (a demo user's password is its id). */
export async function submitSignIn(page: Page, id: string, extension?: string, password = id): Promise<void> {
  await page.fill('input[name=id]', id);
  await page.fill('input[name=password]', password);
  if (extension !== undefined) await page.fill('input[name=extension]', extension);
  await page.click('sb-sign-in button[type=submit]');
}

/** A fresh page at `url` with an agent signed in; an agent arrives NOT_READY. */
export async function agentPage(browser: Browser, url: string, id: string, extension: string) {
  const opened = await newPage(browser);
  await opened.page.goto(url);
  await submitSignIn(opened.page, id, extension);
  await opened.page.waitForSelector('sb-agent-header [data-state="NOT_READY"]');
  return opened;
}

/** The first call card on a page, and one of its action buttons (`ANSWER`, `HOLD`, …). */
export const dialogCard = (page: Page) => page.locator('sb-dialog-card article.dialog').first();
export const dialogButton = (page: Page, action: string) =>
  dialogCard(page).locator(`[data-action="${action}"]`);

/** Screenshots go to test-artifacts/desktop/ (gitignored) for a human to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** The text as rendered (layout line breaks included), which assertions on what a user reads want. */
export function textOf(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText(), not the DOM property
  return locator.innerText();
}
