import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { ConfigStore } from '../config-types.ts';

/** The node registry: heartbeats, ages by the database's clock, desktop presence, leaving. */
export function clusterContract(store: () => ConfigStore) {
  it('registers a node at its heartbeat with the agents present on it, and forgets it when it leaves', async () => {
    const s = store();
    const first = await s.heartbeat({ id: 'node-a', host: 'a.example.com', presentAgents: [] });
    const a = first.find((n) => n.id === 'node-a');
    assert.ok(a, 'its own row comes back');
    assert.equal(a.host, 'a.example.com');
    assert.ok(a.ageMs >= 0 && a.ageMs < 5000, `fresh: ${a.ageMs} ms`);
    assert.deepEqual(a.presentAgents, []);

    await s.heartbeat({ id: 'node-b', host: 'b.example.com:8082', presentAgents: ['2001', '2002'] });
    const both = await s.heartbeat({ id: 'node-a', host: 'a.example.com', presentAgents: ['2004'] });
    assert.deepEqual(
      both.map((n) => [n.id, n.host, n.presentAgents]),
      [
        ['node-a', 'a.example.com', ['2004']],
        ['node-b', 'b.example.com:8082', ['2001', '2002']],
      ],
      'oldest first, each with its own agents',
    );
    assert.ok(both[1].startedAt >= both[0].startedAt);

    await s.leaveCluster('node-b');
    const left = await s.heartbeat({ id: 'node-a', host: 'a.example.com', presentAgents: [] });
    assert.deepEqual(
      left.map((n) => n.id),
      ['node-a'],
    );
    await s.leaveCluster('node-a');
  });
}
