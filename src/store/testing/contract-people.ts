import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ConfigStore } from '../config-types.ts';
import { DEMO } from '../demo.ts';
import type { ConfigSnapshot, StoreError } from '../types.ts';

const empty = (over: Partial<ConfigSnapshot> = {}): ConfigSnapshot => ({
  teams: [],
  users: [],
  reasonCodes: [],
  ...over,
});

export function refused(r: { ok: boolean; error?: StoreError }, code: StoreError['code'], field?: string) {
  assert.equal(r.ok, false, `expected ${code} ${field ?? ''}`);
  assert.equal(r.error?.code, code, r.error?.message);
  if (field !== undefined) assert.equal(r.error?.field, field);
}

/** Users, teams, passwords and imports: the half of the contract core and sign-in depend on. */
export function peopleContract(store: () => ConfigStore) {
  it('finds users by login id and, case-insensitively, by login name, with teams', async () => {
    const s = store();
    const mickey = await s.getUser('2001');
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
    assert.deepEqual(await s.getUser('mmouse'), mickey);
    assert.deepEqual(await s.getUser('MMouse'), mickey);
    const walt = await s.getUser('2010');
    assert.deepEqual(walt?.roles, ['Agent', 'Supervisor']);
    assert.deepEqual(walt?.supervisedTeams, [{ id: '5000', name: 'Minnies_Team' }]);
    assert.equal((await s.getUser('admin'))?.teamId, '');
    assert.equal(await s.getUser('9999'), undefined);
    const listed = await s.listUsers();
    assert.equal(listed.length, DEMO.users.length);
    assert.deepEqual(
      listed.find((u) => u.id === '2010'),
      walt,
    );
  });

  it('verifies passwords: right, wrong, unknown user, login name in any case', async () => {
    const s = store();
    assert.equal((await s.verifyPassword('2001', '2001'))?.id, '2001');
    assert.equal((await s.verifyPassword('MMOUSE', '2001'))?.id, '2001');
    assert.equal(await s.verifyPassword('2001', '2002'), undefined);
    assert.equal(await s.verifyPassword('nobody', '2001'), undefined);
  });

  it('imports all or nothing, refusing clashes and bad values', async () => {
    const s = store();
    const code = (category: 'NOT_READY' | 'LOGOUT', c: number, label: string) => ({
      category,
      code: c,
      label,
    });
    const user = { id: '3001', loginName: 'MMOUSE', firstName: 'A', lastName: 'B', password: 'p' };
    refused(await s.importConfig(empty({ users: [{ ...user, roles: ['Agent'] }] })), 'conflict');
    refused(await s.importConfig(empty({ users: [{ ...user, loginName: 'n', roles: [] }] })), 'invalid');
    refused(await s.importConfig(empty({ reasonCodes: [code('NOT_READY', 1, 'Other')] })), 'conflict');
    refused(await s.importConfig(empty({ reasonCodes: [code('NOT_READY', 0, 'Zero')] })), 'invalid');
    refused(await s.importConfig(empty({ reasonCodes: [code('NOT_READY', 78, 'x'.repeat(41))] })), 'invalid');
    refused(
      await s.importConfig(
        empty({ reasonCodes: [code('LOGOUT', 40, 'Break'), code('LOGOUT', 11, 'Clash')] }),
      ),
      'conflict',
    );
    assert.equal(
      (await s.listReasonCodes('LOGOUT')).find((c) => c.code === 40),
      undefined,
    );
    assert.deepEqual(await s.importConfig(empty(), { onlyIfEmpty: true }), {
      ok: true,
      value: { imported: false },
    });
    // Ids generated after an import with explicit ids continue after them (PostgreSQL: setval).
    const created = await s.createReasonCode(code('LOGOUT', 41, 'After import'));
    assert.ok(created.ok && created.value.id > 13, JSON.stringify(created));
    const wrapUp = await s.createWrapUpReason({ label: 'After import' });
    assert.ok(wrapUp.ok && wrapUp.value.id > 3);
  });

  it('creates, updates and deletes users, checking every field', async () => {
    const s = store();
    const base = { id: 'u1', loginName: 'NewAgent', firstName: 'New', lastName: 'Agent', password: 'pw' };
    const made = await s.createUser({ ...base, roles: ['Agent'], teamId: '5001' });
    assert.ok(made.ok);
    assert.equal(made.value.teamName, 'Donalds_Team');
    assert.equal((await s.verifyPassword('newagent', 'pw'))?.id, 'u1');
    refused(
      await s.createUser({ ...base, id: 'u2', loginName: 'newagent', roles: ['Agent'] }),
      'conflict',
      'loginName',
    );
    refused(await s.createUser({ ...base, roles: ['Agent'] }), 'conflict');
    refused(await s.createUser({ ...base, id: 'a b', roles: ['Agent'] }), 'invalid', 'loginId');
    refused(
      await s.createUser({ ...base, id: 'u3', loginName: 'x:y', roles: ['Agent'] }),
      'invalid',
      'loginName',
    );
    refused(await s.createUser({ ...base, id: 'u3', loginName: 'u3', roles: [] }), 'missing', 'roles');
    refused(
      await s.createUser({ ...base, id: 'u3', loginName: 'u3', roles: ['Boss' as 'Agent'] }),
      'invalid',
      'roles',
    );
    refused(
      await s.createUser({ ...base, id: 'u3', loginName: 'u3', password: '', roles: ['Agent'] }),
      'missing',
      'password',
    );
    refused(
      await s.createUser({ ...base, id: 'u3', loginName: 'u3', roles: ['Agent'], teamId: '404' }),
      'invalid',
      'teamId',
    );
    refused(
      await s.createUser({ ...base, id: 'u3', loginName: 'u3', firstName: 'x'.repeat(65), roles: ['Agent'] }),
      'invalid',
      'firstName',
    );

    const updated = await s.updateUser('u1', {
      roles: ['Agent', 'Supervisor'],
      supervisedTeamIds: ['5001'],
      password: 'new',
    });
    assert.ok(updated.ok);
    assert.deepEqual(updated.value.supervisedTeams, [{ id: '5001', name: 'Donalds_Team' }]);
    assert.equal(await s.verifyPassword('u1', 'pw'), undefined);
    assert.equal((await s.verifyPassword('u1', 'new'))?.id, 'u1');
    const demoted = await s.updateUser('u1', { roles: ['Agent'], teamId: '' });
    assert.ok(demoted.ok);
    assert.deepEqual(demoted.value.supervisedTeams, [], 'losing the role loses the teams');
    assert.equal(demoted.value.teamId, '');
    refused(await s.updateUser('nobody', { firstName: 'x' }), 'not-found');
    refused(await s.updateUser('u1', { loginName: 'MMouse' }), 'conflict', 'loginName');
    assert.ok((await s.deleteUser('u1')).ok);
    assert.equal(await s.getUser('u1'), undefined);
    refused(await s.deleteUser('u1'), 'not-found');
  });

  it('creates teams with supervisors and members, updates and deletes them', async () => {
    const s = store();
    const made = await s.createTeam({ name: 'Goofys_Team', supervisorIds: ['2010'], memberIds: ['2006'] });
    assert.ok(made.ok);
    assert.equal(made.value.id, '5002', 'the next free number');
    assert.deepEqual(made.value, {
      id: '5002',
      name: 'Goofys_Team',
      supervisorIds: ['2010'],
      memberIds: ['2006'],
    });
    assert.equal((await s.getUser('2006'))?.teamId, '5002');
    assert.deepEqual(
      (await s.getUser('2010'))?.supervisedTeams.map((t) => t.id),
      ['5000', '5002'],
    );
    refused(await s.createTeam({ name: 'Goofys_Team' }), 'conflict', 'name');
    refused(await s.createTeam({ name: '' }), 'missing', 'name');
    refused(await s.createTeam({ id: '5000', name: 'Dup' }), 'conflict');
    refused(await s.createTeam({ name: 'T', supervisorIds: ['2001'] }), 'invalid', 'supervisors');
    refused(await s.createTeam({ name: 'T', memberIds: ['404'] }), 'invalid', 'users');
    assert.equal(await s.getTeam('5003'), undefined, 'a refused create leaves nothing');

    const updated = await s.updateTeam('5002', {
      name: 'Goofy',
      memberIds: ['2006', '2005'],
      supervisorIds: [],
    });
    assert.ok(updated.ok);
    assert.deepEqual(updated.value, {
      id: '5002',
      name: 'Goofy',
      supervisorIds: [],
      memberIds: ['2005', '2006'],
    });
    const teams = await s.listTeams();
    assert.deepEqual(
      teams.map((t) => t.id),
      ['5000', '5001', '5002'],
    );
    assert.deepEqual(teams[0].supervisorIds, ['2010']);
    refused(await s.updateTeam('404', { name: 'x' }), 'not-found');
    assert.ok((await s.deleteTeam('5002')).ok);
    assert.equal((await s.getUser('2006'))?.teamId, '', 'members of a deleted team have none');
    refused(await s.deleteTeam('5002'), 'not-found');
    assert.ok((await s.updateUser('2006', { teamId: '5000' })).ok);
    assert.ok((await s.updateUser('2005', { teamId: '5001' })).ok);
  });
}
