/**
 * Real Chromium for the desktop tests: Debian's /usr/bin/chromium driven by playwright-core (no
 * browser download, ever). scripts/run-tests.mjs starts one for the whole run and passes its
 * address on (`SWITCHBOARD_TEST_BROWSER_WS`); each test file connects to it and works in
 * contexts of its own. Run alone (`node --import tsx --test file`), a file launches its own.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserServer, Locator, Page } from 'playwright-core';
import { skipUnlessPeer } from '../support/peers.ts';

// Through require(): imported as an ES module, playwright-core's 3.6 MB CommonJS bundle is scanned
// for its export names under the tsx loader, ~0.4 s of CPU in every process that drives Chromium.
const { chromium } = createRequire(import.meta.url)('playwright-core') as typeof import('playwright-core');

export const CHROMIUM = '/usr/bin/chromium';

/** `describe(…, { skip })`: false when Chromium is there; missing, the file fails, saying why. */
export const skipWithoutChromium: string | false = skipUnlessPeer(
  'chromium',
  fs.existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing: run scripts/install-chromium.sh (as root)`,
);

/**
 * playwright-core's own `--disable-features` list (1.65, `chromiumSwitches`). Chromium keeps only
 * the last `--disable-features` switch on its command line, so ours must repeat it;
 * `launchChromiumServer` checks that it still does.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];
/**
 * Headless Chromium still builds each window's omnibox popup as WebUI pages (two renderers per
 * browser context) that work on every navigation and title change of the page: more CPU than
 * the desktop page itself (~2 s per signed-in desktop, measured on Chromium 156). Tests never
 * open the omnibox.
 */
const OUR_DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup'];

function launchOptions(disabled: string[]) {
  return {
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
      `--disable-features=${[...new Set(disabled)].join(',')}`,
    ],
  };
}

/** How Chromium is started here: headless, quiet on the network, no omnibox WebUI. */
export const CHROMIUM_LAUNCH = launchOptions([...PLAYWRIGHT_DISABLED_FEATURES, ...OUR_DISABLED_FEATURES]);

/**
 * The run's Chromium (scripts/run-tests.mjs through test/support/run-peers.ts). Should a newer
 * playwright-core disable features this file does not repeat, it is started again with them
 * (a warning says which, to be added above): our switch must not quietly drop Playwright's.
 */
export async function launchChromiumServer(): Promise<BrowserServer> {
  const server = await chromium.launchServer(CHROMIUM_LAUNCH);
  const switches = server.process().spawnargs.filter((a) => a.startsWith('--disable-features='));
  const theirs = switches.length > 1 ? switches[0].slice('--disable-features='.length).split(',') : [];
  const missing = theirs.filter((f) => f && !PLAYWRIGHT_DISABLED_FEATURES.includes(f));
  if (missing.length === 0) return server;
  await server.close();
  console.warn(`test/desktop/browser.ts: playwright-core also disables ${missing.join(', ')}; add them`);
  return chromium.launchServer(
    launchOptions([...PLAYWRIGHT_DISABLED_FEATURES, ...missing, ...OUR_DISABLED_FEATURES]),
  );
}

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

/**
 * The desktop's own client log (what Send Error Report uploads), its last `lines` entries with
 * their times: what a failing test shows of what the page did meanwhile.
 */
export async function clientLogOf(page: Page, lines = 30): Promise<string> {
  const raw = await page.evaluate(() => localStorage.getItem('switchboard.desktop.clientLog') ?? '[]');
  return (JSON.parse(raw) as { time: number; message: string }[])
    .slice(-lines)
    .map((e) => `${new Date(e.time).toISOString()} ${e.message.slice(0, 300)}`)
    .join('\n');
}
