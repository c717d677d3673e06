import { after, before, describe, it } from 'node:test';
import { type ConfigChange, type ConfigStore, createPostgresStore } from '../../store/index.ts';
import { TEST_HASHING } from '../../store/testing/hashing.ts';
import { type PgServer, postgresUnavailable, startPgServer } from '../../store/testing/pg-server.ts';
import { type ApiFixture, type ApiFixtureOptions, startApiFixture } from './api-fixture.ts';

export interface StoreSuite {
  api(): ApiFixture;
  /** A request below `/finesse/api` with an XML body, as `auth` (the administrator by default). */
  send(method: string, path: string, body?: string, auth?: [string, string]): Promise<Response>;
  /** Every `onConfigChange` call so far. */
  changes: ConfigChange[];
  /** What `isPrimaryNode()` answers. */
  setPrimary(isPrimary: boolean): void;
}

const unavailable = postgresUnavailable();
let server: PgServer | undefined;
let databases = 0;
after(() => server?.stop());

/**
 * Runs the same API tests on the API over each store implementation: SQLite in memory, and a
 * fresh database on a throwaway PostgreSQL server (a counted, visible skip with the reason when
 * PostgreSQL cannot be had).
 */
export function describeOnEachStore(
  title: string,
  body: (suite: StoreSuite) => void,
  options: Omit<ApiFixtureOptions, 'openStore' | 'onConfigChange' | 'isPrimaryNode'> = {},
): void {
  const stores: [string, (() => Promise<ConfigStore>) | undefined][] = [
    ['SQLite', undefined],
    [
      'PostgreSQL',
      async () => {
        server ??= await startPgServer();
        const url = await server.createDatabase(`switchboard_api_${process.pid}_${++databases}`);
        return createPostgresStore({ connectionString: url, passwordHashing: TEST_HASHING });
      },
    ],
  ];
  for (const [name, openStore] of stores) {
    describe(`${title} (${name})`, () => {
      if (name === 'PostgreSQL' && unavailable) {
        it('runs on PostgreSQL', { skip: `PostgreSQL unavailable: ${unavailable}` }, () => {});
        return;
      }
      let fixture: ApiFixture | undefined;
      let isPrimary = true;
      const suite: StoreSuite = {
        api: () => fixture!,
        send: (method, path, body, auth = ['admin', 'admin']) =>
          fixture!.request(`/finesse/api${path}`, {
            method,
            auth,
            body,
            headers: { 'Content-Type': 'application/xml' },
          }),
        changes: [],
        setPrimary: (b) => {
          isPrimary = b;
        },
      };
      before(async () => {
        fixture = await startApiFixture({
          ...options,
          openStore,
          onConfigChange: (c) => suite.changes.push(c),
          isPrimaryNode: () => isPrimary,
        });
      });
      after(() => fixture?.stop());
      body(suite);
    });
  }
}
