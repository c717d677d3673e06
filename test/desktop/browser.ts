/**
 * Real Chromium for the desktop tests: Debian's /usr/bin/chromium driven by playwright-core (no
 * browser download, ever). Without it the suites skip with a message naming the install script.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** `describe(…, { skip })`: false when Chromium is there, else why the suite cannot run. */
export const skipWithoutChromium: string | false = fs.existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is missing — run scripts/install-chromium.sh (as root) to run the desktop browser tests`;

const ARTIFACTS = path.resolve('test-artifacts/desktop');

/** A fresh headless Chromium; `launch()` gives it a new temporary user-data-dir of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
  });
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
