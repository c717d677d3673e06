/** The whole system, desktop included, for the browser tests. */
import type { Config } from '../../src/app/index.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

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
