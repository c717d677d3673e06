/** The whole system, desktop included, for the browser tests. */
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Config } from '../../src/app/index.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';
import { launchChromium } from './browser.ts';

export interface DesktopSystem {
  sys: TestSystem;
  /** Origin the browser opens `/desktop/` on. */
  origin: string;
  stop(): Promise<void>;
}

export async function startDesktopSystem(overrides?: (c: Config) => void): Promise<DesktopSystem> {
  const sys = await startTestSystem(overrides);
  return { sys, origin: sys.base, stop: () => sys.stop() };
}

/**
 * For a browser suite: starts the system and Chromium before its tests and stops both after
 * (call it inside `describe`); the fields are set once the tests run.
 */
export function desktopSuite(overrides?: (c: Config) => void): { system: DesktopSystem; browser: Browser } {
  const suite = {} as { system: DesktopSystem; browser: Browser };
  before(async () => {
    suite.system = await startDesktopSystem(overrides);
    suite.browser = await launchChromium();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.system?.stop();
  });
  return suite;
}
