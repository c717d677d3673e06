import assert from 'node:assert/strict';
import { it } from 'node:test';
import { mayReadNode } from './access.ts';
import type { Principal } from './model.ts';

const agent: Principal = { id: '2001', roles: ['Agent'], supervisedTeams: [], teamId: '5000' };
const supervisor: Principal = {
  id: '2010',
  roles: ['Agent', 'Supervisor'],
  supervisedTeams: [{ id: '5001', name: 'Donalds_Team' }],
  teamId: '5000',
};

it('lets users read their own nodes, their teams’ messages, queues and SystemInfo, and nothing else', () => {
  const readable = (p: Principal, node: string) => mayReadNode(p, `/finesse/api/${node}`);
  for (const node of ['User/2001', 'User/2001/Dialogs', 'User/2001/Queues', 'User/2001/ClientLog'])
    assert.ok(readable(agent, node), node);
  assert.ok(!readable(agent, 'User/2002/Queues'), 'not another user’s queues');
  assert.ok(readable(agent, 'Team/5000/TeamMessages'), 'its own team’s messages');
  assert.ok(!readable(agent, 'Team/5001/TeamMessages'), 'not another team’s');
  assert.ok(!readable(agent, 'Team/5000/Users'), 'an agent does not watch its team');
  assert.ok(readable(supervisor, 'Team/5001/TeamMessages'), 'a supervised team’s messages');
  assert.ok(readable(supervisor, 'Team/5000/TeamMessages'), 'and its own team’s');
  assert.ok(readable(supervisor, 'Team/5001/Users'));
  assert.ok(!readable({ ...agent, teamId: undefined }, 'Team/5000/TeamMessages'), 'team unknown: no');
  assert.ok(readable(agent, 'Queue/85881'));
  assert.ok(readable(agent, 'SystemInfo'));
  assert.ok(!readable(agent, 'Team/5000/Other'));
});
