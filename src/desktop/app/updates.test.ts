import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dialog, TeamUser, Update } from './client/models.ts';
import { EMPTY } from './desktop-data.ts';
import { applyUpdate } from './updates.ts';

const dialog = (id: string, state: string) => ({ id, state }) as Dialog;
const update = (node: string, event: string, data: Update['data']): Update => ({
  node,
  event,
  data,
  requestId: '',
  source: node,
  xml: '',
});

describe('notifications applied to desktop data', () => {
  it('adds dialogs on POST, replaces them on PUT and removes them on DELETE', () => {
    const node = '/finesse/api/User/2001/Dialogs';
    let data = { ...EMPTY };
    data = {
      ...data,
      ...applyUpdate(data, update(node, 'POST', { kind: 'dialogs', dialogs: [dialog('1', 'ALERTING')] })),
    };
    data = {
      ...data,
      ...applyUpdate(data, update(node, 'PUT', { kind: 'dialog', dialog: dialog('1', 'ACTIVE') })),
    };
    assert.deepEqual(data.dialogs, [dialog('1', 'ACTIVE')]);
    data = {
      ...data,
      ...applyUpdate(data, update(node, 'DELETE', { kind: 'dialogs', dialogs: [dialog('1', 'DROPPED')] })),
    };
    assert.deepEqual(data.dialogs, []);
  });

  it('updates a team member in place, keeping names a summary leaves out', () => {
    const member = {
      loginId: '2002',
      firstName: 'Minnie',
      lastName: 'Mouse',
      state: 'NOT_READY',
      teamId: '5000',
    } as TeamUser;
    const data = { ...EMPTY, teams: [{ id: '5000', name: 'Minnies_Team', users: [member] }] };
    const patch = applyUpdate(
      data,
      update('/finesse/api/Team/5000/Users', 'PUT', {
        kind: 'teamUser',
        user: { ...member, firstName: '', lastName: '', state: 'READY' },
      }),
    );
    assert.deepEqual(patch?.teams?.[0].users, [{ ...member, state: 'READY' }]);
  });

  it("ignores another user's User update", () => {
    const data = { ...EMPTY, user: { loginId: '2001' } as (typeof EMPTY)['user'] };
    assert.equal(
      applyUpdate(
        data,
        update('/finesse/api/User/2002', 'PUT', { kind: 'user', user: { loginId: '2002' } as never }),
      ),
      undefined,
    );
  });
});
