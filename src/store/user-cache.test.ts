import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserConfig } from '../core/model.ts';
import { UserCache } from './user-cache.ts';

const user = (id: string, loginName = `name${id}`, teamName = 'Team'): UserConfig => ({
  id,
  loginName,
  firstName: 'First',
  lastName: id,
  roles: ['Agent'],
  teamId: '1',
  teamName,
  supervisedTeams: [],
});

describe('UserCache', () => {
  it('keeps a read until a change of that user, and not a read that a change overtook', () => {
    const c = new UserCache();
    c.remember(c.generation, user('1001'), 3);
    assert.equal(c.get('1001')?.lastName, '1001');
    assert.equal(c.epoch('1001'), 3);

    // A read begins, the user changes (its old row may be what the read got), the read ends.
    const began = c.generation;
    c.changed({ kind: 'user', op: 'update', id: '1001' });
    assert.equal(c.get('1001'), undefined);
    assert.equal(c.epoch('1001'), undefined);
    c.remember(began, user('1001'), 3);
    assert.equal(c.get('1001'), undefined, 'an overtaken read is not kept');

    c.remember(c.generation, user('1001'), 4);
    assert.equal(c.epoch('1001'), 4);
    // Other kinds of change leave users alone.
    c.changed({ kind: 'reasonCode', op: 'update', id: '7' });
    assert.equal(c.epoch('1001'), 4);
  });

  it('answers a login name only when it knows every id, so that a name never shadows an unread id', () => {
    const c = new UserCache();
    c.remember(c.generation, user('1001', 'alice'), 0);
    assert.equal(c.get('ALICE'), undefined, 'without the whole list, a name goes to the database');

    c.rememberAll(c.generation, [
      { config: user('1001', 'alice'), epoch: 0 },
      { config: user('1002', '1003'), epoch: 0 },
    ]);
    assert.equal(c.get('ALICE')?.id, '1001');
    assert.equal(c.get('1003')?.id, '1002', 'a name that is no id');

    // A new user whose id is another's login name: the id wins, and is read from the database.
    c.changed({ kind: 'user', op: 'create', id: '1003' });
    assert.equal(c.get('1003'), undefined);
    c.remember(c.generation, user('1003', 'carol'), 0);
    assert.equal(c.get('1003')?.loginName, 'carol');

    // A renamed user answers to its new name only.
    c.changed({ kind: 'user', op: 'update', id: '1001' });
    c.remember(c.generation, user('1001', 'alicia'), 0);
    assert.equal(c.get('alice'), undefined);
    assert.equal(c.get('Alicia')?.id, '1001');

    c.clear();
    c.remember(c.generation, user('1001', 'alicia'), 0);
    assert.equal(c.get('alicia'), undefined, 'after a clear the ids are unknown again');
  });

  it('drops every user on a team change (names and supervisors are in each read), keeping the ids', () => {
    const c = new UserCache();
    c.rememberAll(c.generation, [{ config: user('1001', 'alice', 'Old name'), epoch: 0 }]);
    c.changed({ kind: 'team', op: 'update', id: '1' });
    assert.equal(c.get('1001'), undefined);
    c.remember(c.generation, user('1001', 'alice', 'New name'), 0);
    assert.equal(c.get('alice')?.teamName, 'New name');
  });

  it('hands out frozen users: one caller cannot change what the next one reads', () => {
    const c = new UserCache();
    const kept = c.remember(c.generation, user('1001'), 0);
    assert.throws(() => {
      (kept.roles as string[]).push('Administrator');
    }, TypeError);
    assert.throws(() => {
      (kept as { firstName: string }).firstName = 'Mallory';
    }, TypeError);
    assert.deepEqual(c.get('1001')?.roles, ['Agent']);
  });
});
