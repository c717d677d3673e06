/**
 * A component fixture in real Chromium, in the spirit of open-wc's `fixture()`: the desktop is
 * served by `createDesktopHandler()` alone (no system behind it), its shell is hidden, and each
 * test mounts one component with properties and reads back the events it sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { createDesktopHandler } from '../../src/desktop/index.ts';
import { launchChromium, newPage } from './browser.ts';

export interface ComponentFixture {
  page: Page;
  /** Page and console errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

export async function openFixture(): Promise<ComponentFixture> {
  const desktop = await createDesktopHandler();
  const server = http.createServer((req, res) => {
    if (!desktop.handle(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const browser: Browser = await launchChromium();
  const { page, errors } = await newPage(browser);
  // The page's Date stands still at FIXTURE_NOW (its timers still run), so a state timer shows
  // exactly what its `ago()` start says however slow the machine is.
  await page.clock.setFixedTime(FIXTURE_NOW);
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/desktop/`);
  await page.waitForSelector('sb-sign-in input[name=id]');
  await page.evaluate(() => document.querySelector('sb-desktop')?.setAttribute('hidden', ''));
  return {
    page,
    errors,
    async close() {
      await browser.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** The page's fixed "now" in every component fixture (any fixed instant will do). */
export const FIXTURE_NOW = Date.UTC(2026, 10, 22, 10, 0, 0);
/** The ISO time `s` seconds before the fixture's fixed now. */
export const ago = (s: number) => new Date(FIXTURE_NOW - s * 1000).toISOString();

/** Mounts `tag` with `props` in a fresh fixture; its events are recorded in `window.__events`. */
export async function mount(page: Page, tag: string, props: Record<string, unknown>): Promise<void> {
  await page.evaluate(
    ({ tag, props }) => {
      const w = window as unknown as { __events: { type: string; detail: unknown }[] };
      w.__events = [];
      document.getElementById('fixture')?.remove();
      const fixture = document.createElement('div');
      fixture.id = 'fixture';
      for (const type of [
        'sb-state',
        'sb-sign-out',
        'sb-dialog-action',
        'sb-wrap-up',
        'sb-call-data',
        'sb-make-call',
        'sb-agent-state',
        'sb-monitor',
        'sb-admin-save',
        'sb-admin-delete',
        'sb-admin-edit',
      ]) {
        fixture.addEventListener(type, (e) => {
          e.stopPropagation();
          w.__events.push({ type, detail: (e as CustomEvent).detail });
        });
      }
      const el = Object.assign(document.createElement(tag), props);
      fixture.appendChild(el);
      document.body.prepend(fixture);
    },
    { tag, props },
  );
}

export const events = (page: Page) =>
  page.evaluate(() => (window as unknown as { __events: { type: string; detail: unknown }[] }).__events);
