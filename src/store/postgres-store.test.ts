import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { StoreChange } from './config-types.ts';
import { MIGRATIONS } from './migrations.ts';
import { createPostgresStore } from './postgres-store.ts';
import { type PgServer, postgresUnavailable, startPgServer } from './testing/pg-server.ts';
import { describeStoreContract } from './testing/store-contract.ts';

// Never silently passed: without PostgreSQL every case below is reported as skipped, with why.
const unavailable = postgresUnavailable();
if (unavailable) console.log(`# PostgreSQL store tests SKIPPED: ${unavailable}`);

let server: PgServer | undefined;
let databases = 0;
const freshDatabase = async () => {
  server ??= await startPgServer();
  return server.createDatabase(`switchboard_test_${process.pid}_${++databases}`);
};
after(() => server?.stop());

describeStoreContract(
  'PostgreSQL',
  async () => createPostgresStore({ connectionString: await freshDatabase() }),
  {
    skip: unavailable,
  },
);

describe('PostgreSQL store', () => {
  if (unavailable) {
    it('runs against a real PostgreSQL server', { skip: unavailable }, () => {});
    return;
  }
  let url: string;
  before(async () => {
    url = await freshDatabase();
  });

  it('migrates once, with the shared migrations, even when two nodes start at once', async () => {
    const [a, b] = await Promise.all([
      createPostgresStore({ connectionString: url }),
      createPostgresStore({ connectionString: url }),
    ]);
    const applied = [...a.appliedOnOpen, ...b.appliedOnOpen].sort();
    assert.deepEqual(
      applied,
      MIGRATIONS.map((m) => m.version),
    );
    await Promise.all([a.close(), b.close()]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const rows = (await client.query('SELECT version FROM schema_migrations ORDER BY version')).rows;
    await client.end();
    assert.deepEqual(
      rows.map((r) => r.version),
      MIGRATIONS.map((m) => m.version),
    );
  });

  it("tells each node of the other's writes through NOTIFY switchboard_config", async () => {
    const a = await createPostgresStore({ connectionString: url });
    const b = await createPostgresStore({ connectionString: url });
    try {
      const onA: StoreChange[] = [];
      const onB: StoreChange[] = [];
      a.onChange((c) => onA.push(c));
      b.onChange((c) => onB.push(c));
      const made = await a.createPhoneBook({ name: 'Shared', type: 'GLOBAL' });
      assert.ok(made.ok);
      // Someone else's NOTIFY on the channel that is not ours is ignored.
      const outsider = new pg.Client({ connectionString: url });
      await outsider.connect();
      await outsider.query("NOTIFY switchboard_config, 'not json'");
      await outsider.end();
      for (let i = 0; i < 200 && (onA.length < 1 || onB.length < 1); i++)
        await new Promise((r) => setTimeout(r, 10));
      const change = { kind: 'phoneBook', op: 'create', id: String(made.value.id) };
      assert.deepEqual(onA, [{ ...change, isLocal: true }]);
      assert.deepEqual(onB, [{ ...change, isLocal: false }]);
      assert.equal((await b.getPhoneBook(made.value.id))?.name, 'Shared');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
