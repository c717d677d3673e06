import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { StoreEvent } from './config-types.ts';
import { MIGRATIONS } from './migrations.ts';
import { createPostgresStore } from './postgres-store.ts';
import { isStoreUnavailable } from './sql.ts';
import { agentOf, watchChanges } from './testing/contract-config.ts';
import { TEST_HASHING } from './testing/hashing.ts';
import { type PgServer, postgresUnavailable, startPgServer } from './testing/pg-server.ts';
import { describeStoreContract } from './testing/store-contract.ts';

// Skipped only when the run leaves PostgreSQL out on purpose (saying so); missing, it fails.
const unavailable = postgresUnavailable();

let server: PgServer | undefined;
let databases = 0;
const freshDatabase = async () => {
  server ??= await startPgServer();
  return server.createDatabase(`switchboard_test_${process.pid}_${++databases}`);
};
after(() => server?.stop());

describeStoreContract(
  'PostgreSQL',
  async () => createPostgresStore({ connectionString: await freshDatabase(), passwordHashing: TEST_HASHING }),
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
      createPostgresStore({ connectionString: url, passwordHashing: TEST_HASHING }),
      createPostgresStore({ connectionString: url, passwordHashing: TEST_HASHING }),
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

  it("tells each node of the other's writes, in order, through the change log and its doorbell", async () => {
    const a = await createPostgresStore({ connectionString: url, passwordHashing: TEST_HASHING });
    const b = await createPostgresStore({ connectionString: url, passwordHashing: TEST_HASHING });
    try {
      const onA = watchChanges(a);
      const onB = watchChanges(b);
      const made = await a.createPhoneBook({ name: 'Shared', type: 'GLOBAL' });
      assert.ok(made.ok);
      const change = { kind: 'phoneBook', op: 'create', id: String(made.value.id) } as const;
      // A write resolves once its own node has handed its change on.
      assert.deepEqual(onA.seen, [{ ...change, isLocal: true }]);
      // Someone else's NOTIFY on the channel only rings the bell: nothing new is read.
      const outsider = new pg.Client({ connectionString: url });
      await outsider.connect();
      await outsider.query("NOTIFY switchboard_config, 'not json'");
      await outsider.end();
      const renamed = await b.updatePhoneBook(made.value.id, { name: 'Renamed' });
      assert.ok(renamed.ok);
      const update = { kind: 'phoneBook', op: 'update', id: String(made.value.id) } as const;
      await onA.expectInOrder([
        { ...change, isLocal: true },
        { ...update, isLocal: false },
      ]);
      await onB.expectInOrder([
        { ...change, isLocal: false },
        { ...update, isLocal: true },
      ]);
      assert.equal((await a.getPhoneBook(made.value.id))?.name, 'Renamed');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("serves users from memory, and reads one again when another node's change of it arrives", async () => {
    const a = await createPostgresStore({ connectionString: url, passwordHashing: TEST_HASHING });
    const b = await createPostgresStore({ connectionString: url, passwordHashing: TEST_HASHING });
    const outsider = new pg.Client({ connectionString: url });
    try {
      const onB = watchChanges(b);
      assert.ok((await a.createTeam({ id: '5100', name: 'Before' })).ok);
      assert.ok((await a.createUser(agentOf('5100', '5101', 'cached'))).ok);
      await onB.expectInOrder([
        { kind: 'team', op: 'create', id: '5100', isLocal: false },
        { kind: 'user', op: 'create', id: '5101', isLocal: false },
      ]);
      assert.equal((await b.getUser('5101'))?.teamName, 'Before');
      const epoch = await b.getCredentialEpoch('5101');
      // Behind the store's back (no change reported): B answers from memory, without a query.
      await outsider.connect();
      await outsider.query("UPDATE users SET first_name = 'Unseen' WHERE login_id = '5101'");
      assert.notEqual((await b.getUser('5101'))?.firstName, 'Unseen');

      const changesOnB = watchChanges(b);
      assert.ok((await a.updateUser('5101', { lastName: 'Renamed', password: 'new-5101' })).ok);
      assert.ok((await a.updateTeam('5100', { name: 'After' })).ok);
      await changesOnB.expectInOrder([
        { kind: 'user', op: 'update', id: '5101', isLocal: false },
        { kind: 'team', op: 'update', id: '5100', isLocal: false },
      ]);
      const again = await b.getUser('5101');
      assert.deepEqual([again?.firstName, again?.lastName, again?.teamName], ['Unseen', 'Renamed', 'After']);
      assert.equal(await b.getCredentialEpoch('5101'), (epoch ?? 0) + 1, 'tokens issued before are revoked');
    } finally {
      await outsider.end().catch(() => {});
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('serves every node the desktop layout and workflows another node saved, and tells it', async () => {
    const a = await createPostgresStore({ connectionString: url, passwordHashing: TEST_HASHING });
    const b = await createPostgresStore({ connectionString: url, passwordHashing: TEST_HASHING });
    try {
      const onB = watchChanges(b);
      assert.ok((await a.createTeam({ id: '5000', name: 'Layout team' })).ok);
      assert.ok((await a.putTeamDesktopLayout('5000', '<finesseLayout>from a</finesseLayout>')).ok);
      const flow = await a.createWorkflow({
        name: 'Cluster pop',
        description: '',
        media: '1',
        triggerSet: { type: 'SYSTEM', name: 'CALL_ARRIVES', triggers: [] },
        conditionSet: { applyMethod: 'ALL', conditions: [] },
        actionIds: [],
      });
      assert.ok(flow.ok);
      await onB.expectInOrder([
        { kind: 'layoutConfig', op: 'update', id: '5000', isLocal: false },
        { kind: 'workflow', op: 'create', id: String(flow.value.id), isLocal: false },
      ]);
      assert.equal(await b.getTeamDesktopLayout('5000'), '<finesseLayout>from a</finesseLayout>');
      assert.equal((await b.getWorkflow(flow.value.id))?.name, 'Cluster pop');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('catches up on changes written while its LISTEN backend was killed, and listens again', async () => {
    const events: StoreEvent[] = [];
    const a = await createPostgresStore({ connectionString: url, passwordHashing: TEST_HASHING });
    const b = await createPostgresStore({
      connectionString: url,
      onEvent: (e) => events.push(e),
      // Deaf for ≥ 750 ms: the write below lands in the gap, and no poll reads it meanwhile.
      reconnectMinMs: 1000,
      pollMs: 60_000,
    });
    try {
      const onB = watchChanges(b);
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      // Every LISTENing backend of this database but our own: b's listener and a's.
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()",
      );
      await admin.end();
      await until(() => events.some((e) => e.type === 'listen-lost'));
      const during = await a.createWrapUpReason({ label: 'Written while deaf' });
      assert.ok(during.ok);
      await until(() => events.some((e) => e.type === 'listen-restored'));
      const after = await a.createWrapUpReason({ label: 'Written after' });
      assert.ok(after.ok);
      await onB.expectInOrder([
        { kind: 'wrapUpReason', op: 'create', id: String(during.value.id), isLocal: false },
        { kind: 'wrapUpReason', op: 'create', id: String(after.value.id), isLocal: false },
      ]);
      const restored = events.find((e) => e.type === 'listen-restored');
      assert.ok(restored && restored.caughtUp >= 1, JSON.stringify(events));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('refuses calls as unavailable while PostgreSQL is down, reconnects by itself and catches up', async (t) => {
    // A server of its own: this one goes down, the run's shared server must not.
    const server = await startPgServer({ own: true });
    t.after(() => server.stop());
    const url = await server.createDatabase('switchboard_outage');
    const events: StoreEvent[] = [];
    const a = await createPostgresStore({ connectionString: url, passwordHashing: TEST_HASHING });
    const b = await createPostgresStore({
      connectionString: url,
      onEvent: (e) => events.push(e),
      reconnectMinMs: 100,
      reconnectMaxMs: 400,
      pollMs: 60_000,
    });
    try {
      const onB = watchChanges(b);
      server.stopServer();
      try {
        await assert.rejects(b.getUser('2001'), (e: unknown) => isStoreUnavailable(e));
        await assert.rejects(b.createWrapUpReason({ label: 'Nowhere' }), (e: unknown) =>
          isStoreUnavailable(e),
        );
        await until(() => events.filter((e) => e.type === 'listen-lost').length >= 2);
      } finally {
        server.startServer();
      }
      // The first write after the restart may meet a pooled connection the restart closed.
      let made = await a.createWrapUpReason({ label: 'After the restart' }).catch(() => undefined);
      made ??= await a.createWrapUpReason({ label: 'After the restart' });
      assert.ok(made.ok);
      await onB.expectInOrder([
        { kind: 'wrapUpReason', op: 'create', id: String(made.value.id), isLocal: false },
      ]);
      await until(() => events.some((e) => e.type === 'listen-restored'));
      assert.ok((await b.getWrapUpReason(made.value.id))?.label === 'After the restart');
      const types = events.map((e) => e.type);
      assert.ok(types.indexOf('unavailable') < types.lastIndexOf('available'), types.join(' '));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('says which database it cannot open, without the password', async () => {
    const port = new URL(url).port;
    await assert.rejects(
      createPostgresStore({
        connectionString: `postgres://someone:secret@127.0.0.1:${port}/no_such_database`,
      }),
      (e: Error) =>
        /cannot open the configuration database 127\.0\.0\.1:\d+\/no_such_database/.test(e.message) &&
        !e.message.includes('secret'),
    );
  });
});

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !condition(); ) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
