import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSqliteStore, seedDemoData } from '../../store/index.ts';
import { TEST_HASHING } from '../../store/testing/hashing.ts';
import { createTestCore } from '../dialogs/test-support.ts';
import type { QueueStatistics, UserConfig } from '../model.ts';

const agent = (id: string, teamId: string, supervised: string[] = []): UserConfig => ({
  id,
  loginName: id,
  firstName: id,
  lastName: id,
  roles: supervised.length > 0 ? ['Agent', 'Supervisor'] : ['Agent'],
  teamId,
  teamName: teamId,
  supervisedTeams: supervised.map((t) => ({ id: t, name: t })),
});

const stats = (callsInQueue: number): QueueStatistics => ({
  callsInQueue,
  startTimeOfLongestCallInQueue: callsInQueue > 0 ? '2026-11-22T09:59:00Z' : '',
  agentsReady: 1,
  agentsNotReady: 0,
  agentsBusyOther: 0,
  agentsLoggedOn: 1,
  agentsTalkingInbound: 0,
  agentsTalkingOutbound: 0,
  agentsTalkingInternal: 0,
  agentsWrapUpNotReady: 0,
  agentsWrapUpReady: 0,
});

const tick = () => new Promise((r) => setImmediate(r));

/** Core over the demo store: queues 85881 Sales (everybody's) and 85882 Support (team 5001). */
async function setup() {
  const store = createSqliteStore({ file: ':memory:', passwordHashing: TEST_HASHING });
  await seedDemoData(store);
  const asked: number[] = [];
  const answers = new Map<number, QueueStatistics>([
    [85881, stats(0)],
    [85882, stats(0)],
  ]);
  const { core, timers, published } = createTestCore({
    store,
    cti: {
      isUp: true,
      setAgentState: async () => ({ invokeId: 1 }),
      async queryQueueStatistics(skillGroupNumber) {
        asked.push(skillGroupNumber);
        const answer = answers.get(skillGroupNumber);
        if (!answer) throw new Error('E_CTI_INVALID_SKILL_GROUP');
        return answer;
      },
    },
  });
  await core.reloadQueues();
  const queueUpdates = () => published.filter((p) => p.update.data.kind === 'queue');
  return { core, timers, published, queueUpdates, asked, answers };
}

describe('queue statistics poller', () => {
  it('shows -1 and asks nothing before the CTI link is up', async () => {
    const { core, timers, asked } = await setup();
    timers.advance(30_000);
    await tick();
    assert.deepEqual(asked, []);
    assert.equal(core.getQueue('85881')?.statistics.callsInQueue, -1);
    assert.equal(core.getQueue('85881')?.statistics.agentsLoggedOn, -1);
    assert.equal(core.getQueue('1'), undefined);
  });

  it('polls every 10 s while up and publishes a Queue Update only when a value changed', async () => {
    const { core, timers, queueUpdates, asked, answers } = await setup();
    core.onCtiStatus(true);
    await tick();
    assert.deepEqual(asked, [85881, 85882]);
    assert.equal(queueUpdates().length, 2, 'the first answer is a change from -1');
    const first = queueUpdates()[0];
    assert.equal(first.node, '/finesse/api/Queue/85881');
    assert.deepEqual(
      [first.update.event, first.update.source, first.update.requestId],
      ['PUT', '/finesse/api/Queue/85881', ''],
    );

    timers.advance(9_999);
    await tick();
    assert.equal(asked.length, 2, 'not before 10 s');
    timers.advance(1);
    await tick();
    assert.equal(asked.length, 4);
    assert.equal(queueUpdates().length, 2, 'same values: nothing published');

    answers.set(85881, stats(3));
    timers.advance(10_000);
    await tick();
    assert.equal(queueUpdates().length, 3);
    const last = queueUpdates().at(-1)?.update.data;
    assert.ok(last?.kind === 'queue');
    assert.deepEqual(
      [last.queue.id, last.queue.name, last.queue.statistics.callsInQueue],
      ['85881', 'Sales', 3],
    );
    assert.equal(core.getQueue('85881')?.statistics.callsInQueue, 3);
    core.close();
  });

  it('stops polling while the CTI link is down, and resumes when it is back', async () => {
    const { core, timers, queueUpdates, asked, answers } = await setup();
    core.onCtiStatus(true);
    await tick();
    core.onCtiStatus(false);
    timers.advance(60_000);
    await tick();
    assert.equal(asked.length, 2, 'no polls while down');
    assert.equal(core.getQueue('85881')?.statistics.callsInQueue, 0, 'the last values are kept');

    answers.set(85882, stats(1));
    core.onCtiStatus(true);
    await tick();
    assert.equal(asked.length, 4);
    assert.deepEqual(
      queueUpdates().map((u) => u.node),
      ['/finesse/api/Queue/85881', '/finesse/api/Queue/85882', '/finesse/api/Queue/85882'],
    );
    core.close();
  });

  it('drops an answer that arrives after the link went down', async () => {
    const { core, queueUpdates } = await setup();
    core.onCtiStatus(true);
    core.onCtiStatus(false); // the answers of the first poll are still in flight
    await tick();
    assert.equal(queueUpdates().length, 0);
    assert.equal(core.getQueue('85881')?.statistics.callsInQueue, -1);
  });

  it("a user's queues: those without teams, and those of its team or a team it supervises", async () => {
    const { core } = await setup();
    const ids = (u: UserConfig) => core.userQueues(u).map((q) => q.id);
    assert.deepEqual(ids(agent('2001', '5000')), ['85881']);
    assert.deepEqual(ids(agent('2004', '5001')), ['85881', '85882']);
    assert.deepEqual(ids(agent('2010', '5000', ['5001'])), ['85881', '85882']);
  });
});
