import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSqliteStore, seedDemoData } from '../../store/index.ts';
import { TEST_HASHING } from '../../store/testing/hashing.ts';
import { createTestCore } from '../dialogs/test-support.ts';

const tick = () => new Promise((r) => setImmediate(r));

/**
 * Core over the demo store (SQLite in memory), told of every committed write as the composition
 * root tells it: queues 85881 Sales (everybody's) and 85882 Support (team 5001); agents 2001,
 * 2002, 2006 and supervisor 2010 on team 5000, agents 2004 and 2005 on team 5001.
 */
async function setup() {
  const store = createSqliteStore({ file: ':memory:', passwordHashing: TEST_HASHING });
  await seedDemoData(store);
  const { core, published } = createTestCore({
    store,
    cti: { isUp: true, setAgentState: async () => ({ invokeId: 1 }) },
  });
  store.onChange((c) => core.onConfigChange(c));
  await core.reloadQueues();
  /** What was published since the last call, as `node event queue-ids…` lines. */
  const taken = () => {
    const lines = published.map(({ node, update }) => {
      const d = update.data;
      const what =
        d.kind === 'queues'
          ? d.queues.map((q) => `${q.id}:${q.name}`).join(',')
          : d.kind === 'queue'
            ? d.queue.id
            : d.kind === 'teamMessage'
              ? `${d.message.id}:${d.message.content}`
              : d.kind === 'teamMessageDeleted'
                ? d.id
                : d.kind;
      return `${node} ${update.event} ${what} ${update.source}`;
    });
    published.length = 0;
    return lines.sort();
  };
  return { store, core, taken, close: () => core.close() };
}

describe('User/Queues notifications', () => {
  it('publish nothing for the queues as first read', async () => {
    const { taken, close } = await setup();
    assert.deepEqual(taken(), []);
    close();
  });

  it('POST a new queue to the users whose queue it is, and only them', async () => {
    const { store, core, taken, close } = await setup();
    assert.ok((await store.createQueue({ id: '7001', name: 'Billing', teamIds: ['5001'] })).ok);
    await core.reloadQueues();
    assert.deepEqual(taken(), [
      '/finesse/api/User/2004/Queues POST 7001:Billing /finesse/api/User/2004/Queues',
      '/finesse/api/User/2005/Queues POST 7001:Billing /finesse/api/User/2005/Queues',
    ]);
    assert.deepEqual(
      core.userQueues((await store.getUser('2004'))!).map((q) => q.id),
      ['7001', '85881', '85882'],
    );
    assert.equal(core.getQueue('7001')?.statistics.callsInQueue, -1, 'served at once, -1 until polled');
    close();
  });

  it('move a queue between teams as a DELETE for the old team and a POST for the new', async () => {
    const { store, core, taken, close } = await setup();
    assert.ok((await store.updateQueue('85882', { teamIds: ['5000'] })).ok);
    await core.reloadQueues();
    const users5000 = ['2001', '2002', '2006', '2010'];
    assert.deepEqual(
      taken(),
      [
        ...users5000.map(
          (u) => `/finesse/api/User/${u}/Queues POST 85882:Support /finesse/api/User/${u}/Queues`,
        ),
        '/finesse/api/User/2004/Queues DELETE 85882:Support /finesse/api/User/2004/Queues',
        '/finesse/api/User/2005/Queues DELETE 85882:Support /finesse/api/User/2005/Queues',
      ].sort(),
    );
    close();
  });

  it('follow a user who changes team', async () => {
    const { store, core, taken, close } = await setup();
    assert.ok((await store.updateUser('2001', { teamId: '5001' })).ok);
    await core.reloadQueues();
    assert.deepEqual(taken(), [
      '/finesse/api/User/2001/Queues POST 85882:Support /finesse/api/User/2001/Queues',
    ]);
    close();
  });

  it('DELETE a removed queue from its users, and from its Queue node', async () => {
    const { store, core, taken, close } = await setup();
    assert.ok((await store.deleteQueue('85882')).ok);
    await core.reloadQueues();
    assert.deepEqual(taken(), [
      '/finesse/api/Queue/85882 DELETE 85882 /finesse/api/Queue/85882',
      '/finesse/api/User/2004/Queues DELETE 85882:Support /finesse/api/User/2004/Queues',
      '/finesse/api/User/2005/Queues DELETE 85882:Support /finesse/api/User/2005/Queues',
    ]);
    assert.equal(core.getQueue('85882'), undefined);
    close();
  });
});

describe('TeamMessage notifications', () => {
  it("POST a new message to each of its teams' TeamMessages node, and DELETE it when taken back", async () => {
    const { store, taken, close } = await setup();
    const made = await store.createTeamMessage({
      id: 'a1b2',
      createdBy: '2010',
      createdAt: 1_700_000_000,
      duration: 300,
      content: 'Meeting at 3',
      teamIds: ['5000', '5001'],
    });
    assert.ok(made.ok);
    for (let i = 0; i < 5; i++) await tick();
    assert.deepEqual(taken(), [
      '/finesse/api/Team/5000/TeamMessages POST a1b2:Meeting at 3 /finesse/api/TeamMessage/a1b2',
      '/finesse/api/Team/5001/TeamMessages POST a1b2:Meeting at 3 /finesse/api/TeamMessage/a1b2',
    ]);
    assert.ok((await store.deleteTeamMessage('a1b2')).ok);
    assert.deepEqual(taken(), [
      '/finesse/api/Team/5000/TeamMessages DELETE a1b2 /finesse/api/TeamMessage/a1b2',
      '/finesse/api/Team/5001/TeamMessages DELETE a1b2 /finesse/api/TeamMessage/a1b2',
    ]);
    close();
  });

  it('publish a message written through another node, as its change notice says', async () => {
    const { store, core, taken, close } = await setup();
    // Another node's write: the row is in the shared database, the notice arrives over LISTEN.
    const other = await store.createTeamMessage({
      id: 'c3d4',
      createdBy: 'admin',
      createdAt: 1_700_000_000,
      duration: 60,
      content: 'Fire drill',
      teamIds: ['5001'],
    });
    assert.ok(other.ok);
    for (let i = 0; i < 5; i++) await tick();
    taken();
    core.onConfigChange({ kind: 'teamMessage', op: 'create', id: 'c3d4', teamIds: ['5001'] });
    for (let i = 0; i < 5; i++) await tick();
    assert.deepEqual(taken(), [
      '/finesse/api/Team/5001/TeamMessages POST c3d4:Fire drill /finesse/api/TeamMessage/c3d4',
    ]);
    close();
  });
});
