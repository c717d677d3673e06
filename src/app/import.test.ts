import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createSqliteStore, seedDemoData } from '../store/index.ts';
import { TEST_HASHING } from '../store/testing/hashing.ts';
import { applyImport, parseCsv, readImportFile } from './import.ts';
import { runCli } from './testing/run-cli.ts';

describe('user and team import', () => {
  it('parses RFC 4180 CSV: quotes, doubled quotes, commas and line breaks inside fields', () => {
    assert.deepEqual(parseCsv('a,b\r\n"x, y","say ""hi"""\n"two\nlines",\n\n'), [
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', ''],
    ]);
  });

  it('creates missing teams, creates new users, updates existing ones and reports refused rows', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-import-'));
    const file = path.join(dir, 'roster.csv');
    fs.writeFileSync(
      file,
      [
        'id,loginName,firstName,lastName,password,roles,teamId,teamName',
        '3001,hpotter,Harry,Potter,s3cret,Agent,6000,Gryffindor',
        '3002,hgranger,Hermione,Granger,s3cret,Agent;Supervisor,6000,Gryffindor',
        '2001,mmouse,Mickey,Mouse-Renamed,,Agent,5000,',
        ',,No,Id,x,Agent,6000,Gryffindor',
      ].join('\n'),
    );
    const plan = readImportFile(file);
    assert.deepEqual(plan.teams, [{ id: '6000', name: 'Gryffindor' }]);
    const store = createSqliteStore({ file: ':memory:', passwordHashing: TEST_HASHING });
    await seedDemoData(store);
    const r = await applyImport(store, plan);
    assert.equal(r.teamsCreated, 1);
    assert.equal(r.usersCreated, 2);
    assert.equal(r.usersUpdated, 1);
    assert.equal(r.errors.length, 1, r.errors.join());
    assert.equal((await store.getUser('hgranger'))?.teamName, 'Gryffindor');
    assert.ok(await store.verifyPassword('3001', 's3cret'));
    // An empty password keeps the stored one.
    assert.equal((await store.getUser('2001'))?.lastName, 'Mouse-Renamed');
    assert.ok(await store.verifyPassword('2001', '2001'));
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs as `switchboard import FILE.json` against a data directory', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-import-cli-'));
    const file = path.join(dir, 'roster.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        teams: [{ id: '7000', name: 'Night' }],
        users: [
          {
            id: '4001',
            loginName: 'owl',
            firstName: 'Night',
            lastName: 'Owl',
            password: 'hoot',
            roles: ['Agent'],
            teamId: '7000',
          },
        ],
        queues: [
          { id: '9100', name: 'Night line', teamIds: ['7000'] },
          { id: 'nine', name: 'Not a skill group number' },
        ],
      }),
    );
    const { code, text: printed } = await runCli([
      'import',
      file,
      '--data-dir',
      path.join(dir, 'data'),
      // A test's cost: the product's OWASP default takes half a second per password.
      '--scrypt-cost',
      '1024,8,1',
      '--scram-iterations',
      '4096',
    ]);
    assert.equal(code, 1, printed);
    assert.match(
      printed,
      /1 teams created, 1 users created, 0 updated, 1 queues created, 0 updated, 1 refused/,
    );
    assert.match(printed, /refused: queue nine: a skill group number/);
    const store = createSqliteStore({
      file: path.join(dir, 'data', 'switchboard.db'),
      passwordHashing: TEST_HASHING,
    });
    assert.ok(await store.verifyPassword('owl', 'hoot'));
    assert.equal(
      (await store.getScramKeys('owl', 'SCRAM-SHA-256'))?.keys?.iterations,
      4096,
      'import writes SCRAM keys',
    );
    assert.deepEqual(await store.getQueue('9100'), { id: '9100', name: 'Night line', teamIds: ['7000'] });
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
