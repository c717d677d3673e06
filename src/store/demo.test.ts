import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO, demoSnapshot } from './demo.ts';

describe('demo data', () => {
  it("mirrors the seed's agent: 2001 Mickey Mouse, mmouse, team 5000 Minnies_Team, extension 2003", () => {
    const mickey = DEMO.users.find((u) => u.id === '2001');
    assert.deepEqual(
      mickey && [mickey.loginName, mickey.firstName, mickey.lastName, mickey.teamId, mickey.extension],
      ['mmouse', 'Mickey', 'Mouse', '5000', '2003'],
    );
    assert.equal(DEMO.teams.find((t) => t.id === '5000')?.name, 'Minnies_Team');
    assert.equal(DEMO.extensions['2001'], '2003');
  });

  it('gives every agent a distinct extension that is no agent id, and every user its id as password', () => {
    const exts = DEMO.agents.map((a) => a.extension);
    assert.equal(new Set(exts).size, exts.length);
    for (const e of exts) assert.ok(!DEMO.users.some((u) => u.id === e), e);
    for (const u of DEMO.users) assert.equal(u.password, u.id);
    assert.ok(!DEMO.agents.some((a) => a.roles.includes('Administrator')));
  });

  it('has a supervisor of team 5000, an administrator, and codes of both categories', () => {
    const roles = DEMO.credentials.map((c) => c.role);
    assert.ok(roles.includes('Supervisor') && roles.includes('Administrator'));
    assert.ok(DEMO.users.some((u) => u.supervisedTeamIds.includes('5000')));
    const categories = new Set(DEMO.reasonCodes.map((c) => c.category));
    assert.deepEqual([...categories].sort(), ['LOGOUT', 'NOT_READY']);
    const snapshot = demoSnapshot();
    assert.equal(snapshot.users.find((u) => u.id === 'admin')?.teamId, undefined);
  });
});
