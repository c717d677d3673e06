import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { DEMO, seedDemoData } from './demo.ts';
import { MIGRATIONS, pendingMigrations } from './migrations.ts';
import { LIMITS } from './rules.ts';
import { createSqliteStore } from './sqlite-store.ts';
import { agentOf, watchChanges } from './testing/contract-config.ts';
import { TEST_HASHING } from './testing/hashing.ts';
import { describeStoreContract } from './testing/store-contract.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-store-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the database file (#12)', () => {
  it('is created readable by its owner only, and an older one others could read is tightened', async () => {
    const file = path.join(tmp, 'mode.db');
    const mask = process.umask(0o022);
    try {
      const store = createSqliteStore({ file, passwordHashing: TEST_HASHING });
      await store.close();
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      fs.chmodSync(file, 0o644);
      const again = createSqliteStore({ file, passwordHashing: TEST_HASHING });
      for (const f of [file, `${file}-wal`, `${file}-shm`].filter((f) => fs.existsSync(f)))
        assert.equal(fs.statSync(f).mode & 0o777, 0o600, f);
      await again.close();
    } finally {
      process.umask(mask);
    }
  });
});

describe('migrations', () => {
  it('apply once to a new file, in WAL mode, and not again on reopen', async () => {
    const file = path.join(tmp, 'migrate.db');
    const first = createSqliteStore({ file, passwordHashing: TEST_HASHING });
    assert.deepEqual(
      first.appliedOnOpen,
      MIGRATIONS.map((m) => m.version),
    );
    await first.close();
    const second = createSqliteStore({ file, passwordHashing: TEST_HASHING });
    assert.deepEqual(second.appliedOnOpen, []);
    await second.close();

    // Read the file with a separate connection, not through the code under test.
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    assert.deepEqual(
      rows,
      MIGRATIONS.map((m) => ({ version: m.version, name: m.name })),
    );
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    for (const t of ['reason_codes', 'team_supervisors', 'teams', 'users', 'wrap_up_reasons']) {
      assert.ok(tables.includes(t), t);
    }
    db.close();
  });

  it('refuses a database newer than the build', () => {
    assert.throws(() => pendingMigrations([1, 99]), /newer than this build/);
    assert.deepEqual(
      pendingMigrations([]).map((m) => m.version),
      MIGRATIONS.map((m) => m.version),
    );
  });
});

describeStoreContract('SQLite file', async () =>
  createSqliteStore({ file: path.join(tmp, 'contract.db'), passwordHashing: TEST_HASHING }),
);
describeStoreContract('SQLite in memory', async () =>
  createSqliteStore({ file: ':memory:', passwordHashing: TEST_HASHING }),
);

describe('SQLite store limits that take many rows', () => {
  it('refuses the 6001st contact of a book', async () => {
    const file = path.join(tmp, 'contacts.db');
    const store = createSqliteStore({ file, passwordHashing: TEST_HASHING });
    try {
      const book = await store.createPhoneBook({ name: 'Big', type: 'GLOBAL' });
      assert.ok(book.ok);
      // Fill it through a second connection: 5999 store transactions would only slow the suite.
      const db = new Database(file);
      const insert = db.prepare('INSERT INTO contacts (phone_book_id, phone_number) VALUES (?, ?)');
      db.transaction(() => {
        for (let i = 1; i < LIMITS.contactsPerBook; i++) insert.run(book.value.id, String(i));
      })();
      db.close();
      assert.ok((await store.createContact(book.value.id, { phoneNumber: '6000' })).ok);
      const refused = await store.createContact(book.value.id, { phoneNumber: '6001' });
      assert.deepEqual(!refused.ok && [refused.error.code, refused.error.field], ['limit', 'Contact']);
      assert.equal(await store.countContacts(book.value.id), LIMITS.contactsPerBook);
    } finally {
      await store.close();
    }
  });
});

describe('password storage', () => {
  it('stores scrypt hashes with a salt, never the password', async () => {
    const file = path.join(tmp, 'hash.db');
    const store = createSqliteStore({ file, passwordHashing: TEST_HASHING });
    await seedDemoData(store);
    await store.close();
    const db = new Database(file, { readonly: true });
    const hashes = db.prepare('SELECT password_hash FROM users').pluck().all() as string[];
    db.close();
    assert.equal(hashes.length, DEMO.users.length);
    for (const h of hashes) assert.match(h, /^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    assert.equal(new Set(hashes.map((h) => h.split('$')[4])).size, hashes.length, 'a salt per user');
  });
});

describe('users kept in memory', () => {
  it("are read again after another process's write (switchboard user passwd beside a running node)", async () => {
    const file = path.join(tmp, 'cache.db');
    const node = createSqliteStore({ file, passwordHashing: TEST_HASHING });
    const cli = createSqliteStore({ file, passwordHashing: TEST_HASHING });
    try {
      await seedDemoData(node);
      const before = await node.getUser('2001');
      const epoch = await node.getCredentialEpoch('2001');
      assert.ok(before && epoch !== undefined);
      // Another writer: a raw connection, then another store (the CLI's).
      const db = new Database(file);
      db.prepare("UPDATE users SET first_name = 'Behind' WHERE login_id = '2002'").run();
      db.close();
      assert.ok((await cli.updateUser('2001', { lastName: 'Renamed', password: 'another-one' })).ok);
      assert.equal((await node.getUser('2001'))?.lastName, 'Renamed');
      assert.equal(await node.getCredentialEpoch('2001'), epoch + 1, "the user's session tokens are revoked");
      assert.equal((await node.getUser('2002'))?.firstName, 'Behind');
    } finally {
      await Promise.all([node.close(), cli.close()]);
    }
  });

  it("are served from memory while nobody else writes, and this store's own writes are seen at once", async () => {
    const file = path.join(tmp, 'cache-own.db');
    const store = createSqliteStore({ file, passwordHashing: TEST_HASHING });
    try {
      await seedDemoData(store);
      const first = await store.getUser('2001');
      assert.equal(await store.getUser('2001'), first, 'the same object: no second read');
      assert.ok((await store.updateUser('2001', { firstName: 'Own' })).ok);
      assert.equal((await store.getUser('2001'))?.firstName, 'Own');
    } finally {
      await store.close();
    }
  });
});

describe("another process's writes (switchboard user add, import, passwd beside a running node)", () => {
  it('reach the running store as changes from the log, once each, and its own only as its own', async () => {
    const file = path.join(tmp, 'feed.db');
    const node = createSqliteStore({ file, passwordHashing: TEST_HASHING, pollMs: 10 });
    const cli = createSqliteStore({ file, passwordHashing: TEST_HASHING, pollMs: 10 });
    try {
      const onNode = watchChanges(node);
      assert.ok((await node.createTeam({ id: '5300', name: 'Own' })).ok);
      assert.ok((await cli.createUser(agentOf('5300', '5301', 'added'))).ok);
      assert.ok((await cli.updateTeam('5300', { name: 'Renamed elsewhere' })).ok);
      await onNode.expectInOrder([
        { kind: 'team', op: 'create', id: '5300', isLocal: true },
        { kind: 'user', op: 'create', id: '5301', isLocal: false },
        { kind: 'team', op: 'update', id: '5300', isLocal: false },
      ]);
      assert.equal(onNode.seen.length, 3, JSON.stringify(onNode.seen));
      assert.equal((await node.getUser('5301'))?.teamName, 'Renamed elsewhere');
    } finally {
      await Promise.all([node.close(), cli.close()]);
    }
  });
});
