import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ApiFixture } from '../testing/api-fixture.ts';
import { describeOnEachStore } from '../testing/each-store.ts';
import { apiErrorOf, assertStandardHeaders, xml } from '../testing/xml.ts';

const STATISTICS = [
  'callsInQueue',
  'startTimeOfLongestCallInQueue',
  'agentsReady',
  'agentsNotReady',
  'agentsBusyOther',
  'agentsLoggedOn',
  'agentsTalkingInbound',
  'agentsTalkingOutbound',
  'agentsTalkingInternal',
  'agentsWrapUpNotReady',
  'agentsWrapUpReady',
];
const basic = (id: string): [string, string] => [id, id];

describeOnEachStore('Queue routes', (suite) => {
  let api: ApiFixture;
  before(() => {
    api = suite.api();
  });

  describe('GET Queue/{id}', () => {
    it('answers any signed-in agent with the spec element order', async () => {
      const res = await api.request('/finesse/api/Queue/85881', { auth: basic('2004') });
      assert.equal(res.status, 200);
      assertStandardHeaders(res);
      const queue = xml(await res.text());
      assert.equal(queue.name, 'Queue');
      assert.deepEqual(
        queue.elements().map((e) => e.name),
        ['uri', 'name', 'statistics'],
      );
      assert.equal(queue.getChildText('uri'), '/finesse/api/Queue/85881');
      assert.equal(queue.getChildText('name'), 'Sales');
      const stats = queue.getChild('statistics');
      assert.deepEqual(
        stats?.elements().map((e) => e.name),
        STATISTICS,
      );
      assert.equal(stats?.getChildText('callsInQueue'), '2');
      assert.equal(stats?.getChildText('startTimeOfLongestCallInQueue'), '2026-11-22T09:59:18Z');
    });

    it('shows -1 for statistics not known yet', async () => {
      const res = await api.request('/finesse/api/Queue/85882', { auth: basic('2001') });
      const stats = xml(await res.text()).getChild('statistics');
      for (const name of STATISTICS.filter((n) => n !== 'startTimeOfLongestCallInQueue'))
        assert.equal(stats?.getChildText(name), '-1', name);
      assert.equal(stats?.getChildText('startTimeOfLongestCallInQueue'), '');
    });

    it('is 404 for an id that is not a queue, and 401 without credentials', async () => {
      const missing = await api.request('/finesse/api/Queue/1', { auth: basic('2001') });
      assert.equal(missing.status, 404);
      assert.equal((await apiErrorOf(missing))[0], 'Not Found');
      const anonymous = await api.request('/finesse/api/Queue/85881');
      assert.equal(anonymous.status, 401);
    });
  });

  describe('GET User/{id}/Queues', () => {
    it('answers the user itself with its queues', async () => {
      const res = await api.request('/finesse/api/User/2001/Queues', { auth: basic('2001') });
      assert.equal(res.status, 200);
      const queues = xml(await res.text());
      assert.equal(queues.name, 'Queues');
      assert.deepEqual(
        queues.getChildren('Queue').map((q) => q.getChildText('uri')),
        ['/finesse/api/Queue/85881', '/finesse/api/Queue/85882'],
      );
    });

    it("answers a supervisor for its team's agent, and refuses another agent", async () => {
      const sup = await api.request('/finesse/api/User/2002/Queues', { auth: basic('2010') });
      assert.equal(sup.status, 200);
      assert.equal(api.core.queueLookups.at(-1), '2002');
      const other = await api.request('/finesse/api/User/2002/Queues', { auth: basic('2001') });
      assert.equal(other.status, 401);
      assert.equal((await apiErrorOf(other))[0], 'Invalid Authorization User Specified');
    });
  });
});
