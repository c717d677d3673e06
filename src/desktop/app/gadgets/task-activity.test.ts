import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TaskActivities } from './task-activity.ts';

const note = (from: string, taskId: string, active: boolean, timestamp: number) => ({
  from,
  message: { taskId, active, mediaType: 'chat', timestamp },
});

describe('TaskActivityNotification in the container', () => {
  it('holds the newest notification per gadget and task; an inactive one drops the task', () => {
    const t = new TaskActivities();
    assert.deepEqual(t.take(note('crm', 'chat-1', true, 100)), note('crm', 'chat-1', true, 100));
    t.take(note('crm', 'email-2', true, 50));
    t.take(note('other', 'chat-1', true, 120));
    assert.deepEqual(
      t.current().map((x) => [x.from, x.message.taskId]),
      [
        ['crm', 'email-2'],
        ['crm', 'chat-1'],
        ['other', 'chat-1'],
      ],
    );
    // Older than what is held: not published, nothing changes.
    assert.equal(t.take(note('crm', 'chat-1', false, 90)), undefined);
    assert.equal(t.current().length, 3);
    assert.deepEqual(t.take(note('crm', 'chat-1', false, 130))?.message.active, false);
    assert.deepEqual(
      t.current().map((x) => [x.from, x.message.taskId]),
      [
        ['crm', 'email-2'],
        ['other', 'chat-1'],
      ],
    );
    t.clear();
    assert.deepEqual(t.current(), []);
  });

  it('refuses what is not a task notification', () => {
    const t = new TaskActivities();
    for (const bad of [
      undefined,
      'x',
      {},
      { from: '' },
      { from: 'a', message: 'x' },
      { from: 'a', message: {} },
    ])
      assert.equal(t.take(bad), undefined, JSON.stringify(bad));
    assert.deepEqual(t.current(), []);
  });

  it('holds at most 200 tasks, dropping the one held longest', () => {
    const t = new TaskActivities();
    for (let i = 0; i < 205; i++) t.take(note('g', `t${i}`, true, i + 1));
    const ids = t.current().map((x) => x.message.taskId);
    assert.equal(ids.length, 200);
    assert.equal(ids[0], 't5');
  });
});
