/**
 * The peers scripts/run-tests.mjs starts once per run instead of once per test file: one
 * PostgreSQL server (each suite takes a fresh database of its own from it) and one Chromium
 * (each file connects and works in contexts of its own). Their addresses reach the test files
 * through the environment; a file run alone starts its own.
 */
import { postgresUnavailable, startPgServer } from '../../src/store/testing/pg-server.ts';

export interface RunPeers {
  /** Variables for the test runner's environment. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startRunPeers(want: { postgres: boolean; chromium: boolean }): Promise<RunPeers> {
  const env: Record<string, string> = {};
  const stops: (() => Promise<void>)[] = [];
  // A peer that is missing or left out is not started here: the files that need it say so.
  const usable = (check: () => unknown) => {
    try {
      return !check();
    } catch {
      return false;
    }
  };
  try {
    if (want.postgres && !process.env.SWITCHBOARD_TEST_PG_URL && usable(postgresUnavailable)) {
      const pg = await startPgServer({ own: true });
      stops.push(() => pg.stop());
      env.SWITCHBOARD_TEST_PG_URL = pg.url;
    }
    // browser.ts throws as it loads when Chromium is missing (and not left out on purpose).
    const desktop = want.chromium ? await import('../desktop/browser.ts').catch(() => undefined) : undefined;
    if (desktop && !process.env.SWITCHBOARD_TEST_BROWSER_WS && !desktop.skipWithoutChromium) {
      const browser = await desktop.launchChromiumServer();
      stops.push(() => browser.close());
      env.SWITCHBOARD_TEST_BROWSER_WS = browser.wsEndpoint();
    }
  } catch (err) {
    await Promise.allSettled(stops.map((s) => s()));
    throw err;
  }
  return {
    env,
    async stop() {
      await Promise.allSettled(stops.reverse().map((s) => s()));
    },
  };
}
