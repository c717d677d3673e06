import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { DEMO, seedDemoData } from './demo.ts';
import { MIGRATIONS, pendingMigrations } from './migrations.ts';
import { createSqliteStore, type SqliteStore } from './sqlite-store.ts';
import type { ConfigSnapshot } from './types.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-store-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const empty = (over: Partial<ConfigSnapshot> = {}): ConfigSnapshot => ({
  teams: [],
  users: [],
  reasonCodes: [],
  ...over,
});

describe('migrations', () => {
  it('apply once to a new file, in WAL mode, and not again on reopen', async () => {
    const file = path.join(tmp, 'migrate.db');
    const first = createSqliteStore({ file });
    assert.deepEqual(first.appliedOnOpen, [1]);
    await first.close();
    const second = createSqliteStore({ file });
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

for (const kind of ['file', 'memory'] as const) {
  describe(`SQLite store with demo data (${kind})`, () => {
    let store: SqliteStore;
    before(async () => {
      store = createSqliteStore({ file: kind === 'memory' ? ':memory:' : path.join(tmp, 'demo.db') });
      assert.equal(await seedDemoData(store), true);
    });
    after(() => store.close());

    it('seeds only an empty database', async () => {
      assert.equal(await seedDemoData(store), false);
      assert.equal((await store.listUsers()).length, DEMO.users.length);
    });

    it('finds users by login id and by login name, with team and supervised teams', async () => {
      const mickey = await store.getUser('2001');
      assert.deepEqual(mickey, {
        id: '2001',
        loginName: 'mmouse',
        firstName: 'Mickey',
        lastName: 'Mouse',
        roles: ['Agent'],
        teamId: '5000',
        teamName: 'Minnies_Team',
        supervisedTeams: [],
      });
      assert.deepEqual(await store.getUser('mmouse'), mickey);
      const walt = await store.getUser('2010');
      assert.deepEqual(walt?.roles, ['Agent', 'Supervisor']);
      assert.deepEqual(walt?.supervisedTeams, [{ id: '5000', name: 'Minnies_Team' }]);
      const admin = await store.getUser('admin');
      assert.deepEqual(admin?.roles, ['Administrator']);
      assert.equal(admin?.teamId, '');
      assert.equal(await store.getUser('9999'), undefined);
      const listed = await store.listUsers();
      assert.deepEqual(
        listed.find((u) => u.id === '2010'),
        walt,
      );
    });

    it('verifies passwords: right, wrong, unknown user, by login name', async () => {
      assert.equal((await store.verifyPassword('2001', '2001'))?.id, '2001');
      assert.equal((await store.verifyPassword('mmouse', '2001'))?.id, '2001');
      assert.equal(await store.verifyPassword('2001', '2002'), undefined);
      assert.equal(await store.verifyPassword('2001', ''), undefined);
      assert.equal(await store.verifyPassword('nobody', '2001'), undefined);
      assert.equal((await store.verifyPassword('admin', 'admin'))?.id, 'admin');
    });

    it('lists reason codes by category and finds one by id', async () => {
      const nr = await store.listReasonCodes('NOT_READY');
      assert.deepEqual(
        nr.map((c) => c.label),
        ['Break', 'Lunch', 'Meeting', 'Training'],
      );
      assert.ok(nr.every((c) => c.category === 'NOT_READY' && c.forAll && !c.systemCode));
      const logout = await store.listReasonCodes('LOGOUT');
      assert.ok(logout.length > 0 && logout.every((c) => c.category === 'LOGOUT'));
      assert.equal((await store.listReasonCodes()).length, nr.length + logout.length);
      assert.deepEqual(await store.getReasonCode(1), {
        id: 1,
        category: 'NOT_READY',
        code: 1,
        label: 'Break',
        forAll: true,
        systemCode: false,
      });
      assert.equal(await store.getReasonCode(999), undefined);
    });

    it('enforces uniqueness and constraints, importing all or nothing', async () => {
      const refused = async (snapshot: ConfigSnapshot, code: 'conflict' | 'invalid') => {
        const r = await store.importConfig(snapshot);
        assert.equal(r.ok, false, JSON.stringify(snapshot));
        assert.equal(!r.ok && r.error.code, code);
      };
      const code = (category: 'NOT_READY' | 'LOGOUT', c: number, label: string) => ({
        category,
        code: c,
        label,
      });
      await refused(empty({ reasonCodes: [code('NOT_READY', 1, 'Other label')] }), 'conflict');
      await refused(empty({ reasonCodes: [code('NOT_READY', 77, 'Break')] }), 'conflict');
      await refused(empty({ reasonCodes: [code('NOT_READY', 0, 'Zero')] }), 'invalid');
      await refused(empty({ reasonCodes: [code('NOT_READY', 78, 'x'.repeat(41))] }), 'invalid');
      const user = { id: '3001', loginName: 'mmouse', firstName: 'A', lastName: 'B', password: 'p' };
      await refused(empty({ users: [{ ...user, roles: ['Agent'] }] }), 'conflict');
      await refused(
        empty({ users: [{ ...user, loginName: 'new', roles: ['Agent'], teamId: '404' }] }),
        'invalid',
      );
      await refused(empty({ users: [{ ...user, loginName: 'new', roles: [] }] }), 'invalid');
      await refused(empty({ teams: [{ id: '5000', name: 'Again' }] }), 'conflict');
      // The same label in the other category is fine; the first half of a refused import is not kept.
      await refused(
        empty({ reasonCodes: [code('LOGOUT', 40, 'Break'), code('LOGOUT', 11, 'Clash')] }),
        'conflict',
      );
      assert.equal(
        (await store.listReasonCodes('LOGOUT')).find((c) => c.code === 40),
        undefined,
      );
      const ok = await store.importConfig(empty({ reasonCodes: [code('LOGOUT', 40, 'Break')] }));
      assert.deepEqual(ok, { ok: true, value: { imported: true } });
      const added = (await store.listReasonCodes('LOGOUT')).find((c) => c.code === 40);
      assert.ok(added && added.id > 13, 'ids continue after the explicit demo ids');
    });
  });
}

describe('password storage', () => {
  it('stores scrypt hashes with a salt, never the password', async () => {
    const file = path.join(tmp, 'hash.db');
    const store = createSqliteStore({ file });
    await seedDemoData(store);
    await store.close();
    const db = new Database(file, { readonly: true });
    const hashes = db.prepare('SELECT password_hash FROM users').pluck().all() as string[];
    db.close();
    assert.equal(hashes.length, DEMO.users.length);
    for (const h of hashes) assert.match(h, /^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    assert.equal(new Set(hashes.map((h) => h.split('$')[4])).size, hashes.length, 'a salt per user');
  });
});
