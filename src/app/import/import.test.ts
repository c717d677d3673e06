import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createSqliteStore, seedDemoData } from '../../store/index.ts';
import { TEST_HASHING } from '../../store/testing/hashing.ts';
import { runCli } from '../testing/run-cli.ts';
import { applyImport, ImportFileError, parseCsv, readImportFile } from './index.ts';

const demoStore = async () => {
  const store = createSqliteStore({ file: ':memory:', passwordHashing: TEST_HASHING });
  await seedDemoData(store);
  return store;
};
const csv = (...lines: string[]) => readImportFile('roster.csv', lines.join('\n'));

describe('user and team import', () => {
  it('parses RFC 4180 CSV (quotes, doubled quotes, commas) with each row’s line', () => {
    assert.deepEqual(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n\n"",z\n'), {
      ok: true,
      rows: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['x, y', 'say "hi"'] },
        { line: 4, fields: ['', 'z'] },
      ],
    });
  });

  it('refuses a malformed quote with its line instead of merging rows (#12 High 5)', () => {
    const refused = (text: string) => {
      const r = parseCsv(text);
      return r.ok ? 'accepted' : `line ${r.line}: ${r.message}`;
    };
    assert.match(
      refused('id,firstName\n2001,"Mickey\n2002,Minnie\n'),
      /^line 2: a quoted field runs over a line break/,
    );
    assert.match(
      refused('id,firstName\n2001,Mickey\n2002,"Minnie'),
      /^line 3: a quote opened on this line is never closed/,
    );
    assert.match(refused('id,firstName\n2001,"Mic"key\n'), /^line 2: text after a closing quote/);
    assert.match(refused('id,firstName\n2001,Mic"key\n'), /^line 2: a quote inside an unquoted field/);
    assert.throws(() => csv('id,firstName', '2001,"Mickey', '2002,Minnie'), ImportFileError);
  });

  it('refuses rows it cannot trust, each with its place: duplicate ids, bad roles, oversized fields, JSON types', () => {
    const plan = csv(
      'id,firstName,roles',
      '2001,Mickey,Agent',
      '2002,Minnie,Boss',
      `2003,${'x'.repeat(2000)},Agent`,
      '2001,Mickey again,Agent',
      '2004,Donald',
    );
    assert.deepEqual(plan.users, []);
    assert.deepEqual(plan.refused, [
      "line 3: unknown role 'Boss' (Agent, Supervisor, Administrator)",
      'line 4: firstName is 2000 characters long (at most 1024)',
      'line 6: 2 fields, but the header names 3',
      'line 2: id 2001 is also on line 5 (all of them refused)',
      'line 5: id 2001 is also on line 2 (all of them refused)',
    ]);
    const json = readImportFile(
      'roster.json',
      JSON.stringify({
        users: [
          { id: 2001, password: 'x' },
          { id: '2002', roles: 'Agent' },
          { id: '2003', shoeSize: '44' },
          'nobody',
          { id: '2004', lastName: 'Duck' },
        ],
      }),
    );
    assert.deepEqual(json.refused, [
      'users[0]: id must be a string, not a number',
      'users[1] (id 2002): roles must be a list of strings, not a string',
      'users[2] (id 2003): unknown field shoeSize (known: id, loginName, firstName, lastName, password, roles, teamId, supervisedTeamIds)',
      'users[3]: must be an object, not a string',
    ]);
    assert.deepEqual(json.users, [{ where: 'users[4]', id: '2004', fields: { lastName: 'Duck' } }]);
    assert.throws(() => readImportFile('x.json', '{"users": [\n{"id": "1",}]}'), /^Error: line 2: not JSON/);
  });

  it('changes only the columns the file names, and never demotes the last administrator (#12 High 5)', async () => {
    const store = await demoStore();
    const before = await store.getUser('2010');
    const r = await applyImport(
      store,
      csv('id,password', '2001,new-secret', '2010,also-new', 'admin,admin-new'),
    );
    assert.deepEqual([r.usersUpdated, r.errors], [3, []]);
    assert.deepEqual(await store.getUser('2010'), before, 'names, login name, roles and teams untouched');
    assert.ok(await store.verifyPassword('2001', 'new-secret'));
    assert.equal((await store.getUser('admin'))?.roles.includes('Administrator'), true);

    const demote = await applyImport(store, csv('id,roles', 'admin,Agent'));
    assert.deepEqual(demote.errors, [
      'line 2 (user admin): admin is the last Administrator: make another user Administrator first',
    ]);
    assert.deepEqual((await store.getUser('admin'))?.roles, ['Administrator']);
    // With a second administrator the first may go.
    await applyImport(store, csv('id,roles', '2010,Supervisor;Administrator'));
    assert.deepEqual((await applyImport(store, csv('id,roles', 'admin,Agent'))).errors, []);
    await store.close();
  });

  it('creates teams and users, updates existing ones, and names the refused rows', async () => {
    const store = await demoStore();
    const plan = csv(
      'id,loginName,firstName,lastName,password,roles,teamId,teamName',
      '3001,hpotter,Harry,Potter,s3cret,Agent,6000,Gryffindor',
      '3002,hgranger,Hermione,Granger,s3cret,Agent;Supervisor,6000,Gryffindor',
      '2001,mmouse,Mickey,Mouse-Renamed,,Agent,5000,',
      '3003,nopass,No,Password,,Agent,6000,Gryffindor',
    );
    assert.deepEqual(plan.teams, [{ id: '6000', name: 'Gryffindor' }]);
    const r = await applyImport(store, plan, { concurrency: 2 });
    assert.deepEqual([r.teamsCreated, r.usersCreated, r.usersUpdated], [1, 2, 1]);
    assert.deepEqual(r.errors, ['line 5 (new user 3003): password is required']);
    assert.equal((await store.getUser('hgranger'))?.teamName, 'Gryffindor');
    assert.ok(await store.verifyPassword('3001', 's3cret'));
    // An empty password keeps the stored one.
    assert.equal((await store.getUser('2001'))?.lastName, 'Mouse-Renamed');
    assert.ok(await store.verifyPassword('2001', '2001'));
    await store.close();
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
    // A test's cost: the product's OWASP default takes half a second per password.
    const cheap = ['--scrypt-cost', '1024,8,1', '--scram-iterations', '4096'];
    const {
      code,
      text: printed,
      err,
    } = await runCli([
      'import',
      file,
      '--data-dir',
      path.join(dir, 'data'),
      '--progress',
      'always',
      ...cheap,
    ]);
    assert.equal(code, 1, printed);
    // The progress line (on a terminal by default; asked for here), on standard error.
    assert.match(err, /^\rimporting \S+roster\.json: 1\/1 users \(100 %\), \d+ s\n$/);
    assert.match(
      printed,
      /1 teams created, 1 users created, 0 updated, 1 queues created, 0 updated, 1 refused/,
    );
    assert.match(printed, /refused: queue nine: a skill group number/);
    const broken = path.join(dir, 'broken.csv');
    fs.writeFileSync(broken, 'id,firstName\n4002,"Unclosed\n4003,Next\n');
    const refused = await runCli(['import', broken, '--data-dir', path.join(dir, 'data'), ...cheap]);
    assert.equal(refused.code, 1);
    assert.equal(refused.err, '', 'no progress line when not on a terminal');
    assert.match(refused.out, /broken\.csv: refused, nothing imported: line 2: a quoted field runs over/);
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
    assert.equal(await store.getUser('4003'), undefined);
    assert.deepEqual(await store.getQueue('9100'), { id: '9100', name: 'Night line', teamIds: ['7000'] });
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
