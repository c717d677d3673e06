import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ConfigStore, createPostgresStore, createSqliteStore } from '../store/index.ts';
import { TEST_HASHING } from '../store/testing/hashing.ts';
import { type PgServer, postgresUnavailable, startPgServer } from '../store/testing/pg-server.ts';
import { type ApiFixture, startApiFixture } from './testing/api-fixture.ts';
import { apiErrorOf, xml } from './testing/xml.ts';

const unavailable = postgresUnavailable();
let pgServer: PgServer | undefined;
after(() => pgServer?.stop());

/**
 * Two nodes of a cluster: two API instances, each with its own store connection to one database
 * (a SQLite file, and PostgreSQL as in cluster mode). The sign-in lockout must hold on both.
 */
const databases: [string, () => Promise<() => Promise<ConfigStore>>][] = [
  [
    'SQLite file',
    async () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-lockout-')), 'sb.db');
      return async () => createSqliteStore({ file, passwordHashing: TEST_HASHING });
    },
  ],
  [
    'PostgreSQL',
    async () => {
      pgServer ??= await startPgServer();
      const url = await pgServer.createDatabase(`switchboard_lockout_${process.pid}`);
      return async () => createPostgresStore({ connectionString: url, passwordHashing: TEST_HASHING });
    },
  ],
];

for (const [name, database] of databases) {
  describe(`sign-in lockout across two nodes (${name})`, () => {
    if (name === 'PostgreSQL' && unavailable) {
      it('runs on PostgreSQL', { skip: `PostgreSQL unavailable: ${unavailable}` }, () => {});
      return;
    }
    let clock = Date.parse('2026-11-22T10:00:00Z');
    let a: ApiFixture;
    let b: ApiFixture;
    before(async () => {
      const openStore = await database();
      a = await startApiFixture({ now: () => clock, openStore });
      b = await startApiFixture({ now: () => clock, openStore });
    });
    after(async () => {
      await a?.stop();
      await b?.stop();
    });
    const getUser = (node: ApiFixture, password: string) =>
      node.request('/finesse/api/User/2001', { auth: ['2001', password] });
    /** A wrong password, then time enough for each node's throttle (at most 4 s before the lock). */
    const guess = async (node: ApiFixture, password: string) => {
      const res = await getUser(node, password);
      clock += 10_000;
      return res;
    };
    const lockedUntil = (lockedAt: number) => new Date(lockedAt + 5 * 60_000).toISOString();
    let firstLock = 0;

    it('counts wrong passwords made on either node, and both refuse the locked account', async () => {
      for (let i = 0; i < 3; i++) assert.equal((await guess(a, `bad-a-${i}`)).status, 401);
      for (let i = 0; i < 2; i++) assert.equal((await guess(b, `bad-b-${i}`)).status, 401);
      firstLock = clock - 10_000;
      for (const node of [a, b]) {
        const res = await getUser(node, '2001');
        assert.equal(res.status, 401);
        assert.deepEqual(await apiErrorOf(res), [
          'Authentication Failure',
          'The account is locked for 5 minutes after 5 consecutive failed sign-in attempts',
          '2001',
        ]);
      }
      // Logged once, by the node whose failure locked the account.
      const lines = [
        ...(await a.readLogs()).webservices.split('\n'),
        ...(await b.readLogs()).webservices.split('\n'),
      ];
      assert.equal(lines.filter((l) => l.includes('USER_LOCKED_OUT')).length, 1);
    });

    it('lists locked accounts to administrators on any node (GET /LockedOutUsers)', async () => {
      const res = await b.request('/finesse/api/LockedOutUsers', { auth: ['admin', 'admin'] });
      assert.equal(res.status, 200);
      const root = xml(await res.text());
      assert.equal(root.name, 'LockedOutUsers');
      const users = root.getChildren('LockedOutUser');
      assert.deepEqual(
        users.map((u) => u.elements().map((c) => [c.name, c.text()])),
        [
          [
            ['uri', '/finesse/api/User/2001'],
            ['loginId', '2001'],
            ['loginName', 'mmouse'],
            ['firstName', 'Mickey'],
            ['lastName', 'Mouse'],
            ['lockedUntil', lockedUntil(firstLock)],
            ['lockedFrom', ''],
          ],
        ],
      );
      const from = users[0].getChild('lockedFrom')?.getChildren('address');
      assert.deepEqual(
        from?.map((a) => a.text()),
        ['127.0.0.1'],
        'locked for the address the guesses came from',
      );
      const agent = await a.request('/finesse/api/LockedOutUsers', { auth: ['2002', '2002'] });
      assert.equal(agent.status, 401);
      assert.deepEqual(await apiErrorOf(agent), ['Authorization Failure', 'UNAUTHORIZED', '2002']);
      const supervisor = await a.request('/finesse/api/LockedOutUsers/2001', {
        method: 'DELETE',
        auth: ['2010', '2010'],
      });
      assert.equal(supervisor.status, 401);
    });

    it('lets an administrator lift a lock on one node, and the other node admits the user', async () => {
      const lift = await a.request('/finesse/api/LockedOutUsers/mmouse', {
        method: 'DELETE',
        auth: ['admin', 'admin'],
      });
      assert.equal(lift.status, 200);
      assert.equal((await getUser(b, '2001')).status, 200);
      const again = await a.request('/finesse/api/LockedOutUsers/2001', {
        method: 'DELETE',
        auth: ['admin', 'admin'],
      });
      assert.equal(again.status, 404);
      assert.equal((await apiErrorOf(again))[0], 'Not Found');
      const empty = await a.request('/finesse/api/LockedOutUsers', { auth: ['admin', 'admin'] });
      assert.equal(await empty.text(), '<LockedOutUsers/>');
    });

    it('lets a lock run out after 5 minutes on every node', async () => {
      for (let i = 0; i < 5; i++) await guess(i % 2 ? a : b, `bad-${i}`);
      clock += 60_000; // past the cached verification of the previous test
      assert.equal((await getUser(a, '2001')).status, 401);
      clock += 5 * 60_000;
      assert.equal((await getUser(b, '2001')).status, 200);
      assert.equal((await getUser(a, '2001')).status, 200);
    });
  });
}
