import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { ManualTimers } from '../../clock/testing/manual-timers.ts';
import { createCtiClient } from '../index.ts';
import { AgentState } from '../protocol/index.ts';
import { eventually } from '../testing/wire-peer.ts';
import { startCtiSimulator } from './index.ts';

/**
 * QUERY_SKILL_GROUP_STATISTICS_REQ answered from the ACD's live state: agent states per skill
 * group, calls waiting, and the waiting time of the oldest one on the ACD's (fake) clock.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const START = 1_795_000_000_000;

async function setUp() {
  const clock = new ManualTimers(START);
  const sim = await startCtiSimulator({
    port: 0,
    timers: clock,
    ronaTimeoutSec: 0,
    agents: [
      { agentId: '2001', instrument: '2003' },
      { agentId: '2002', instrument: '2004' },
      { agentId: '2005', instrument: '2006', skillGroups: [{ number: 85882, id: 5001 }] },
    ],
  });
  cleanups.push(() => sim.stop());
  // The client keeps real timers: only the ACD's clock is under the test's control.
  const client = createCtiClient({
    sides: [{ host: '127.0.0.1', port: sim.port }],
    clientId: 'switchboard',
    clientPassword: '',
    peripheralId: 5000,
  });
  client.start();
  cleanups.push(() => client.stop());
  await eventually(() => client.isUp, 3000, 'CTI link up');
  return { clock, sim, client };
}

test('counts agents by state and calls waiting, per skill group', async () => {
  const { clock, sim, client } = await setUp();
  const login = async (agentId: string, agentInstrument: string, ready: boolean) => {
    await client.setAgentState({ agentId, agentInstrument, agentState: AgentState.LOGIN, forcedFlag: 1 });
    if (ready) await client.setAgentState({ agentId, agentInstrument, agentState: AgentState.AVAILABLE });
  };
  await login('2001', '2003', true);
  await login('2002', '2004', false);
  await eventually(() => sim.agents.get('2001')?.state === AgentState.AVAILABLE);

  const empty = await client.querySkillGroupStatistics({ skillGroupNumber: 85881 });
  assert.deepEqual(
    [empty.skillGroupId, empty.agentsLoggedOn, empty.agentsAvail, empty.agentsNotReady, empty.callsQueuedNow],
    [5000, 2, 1, 1, 0],
  );
  assert.equal(empty.longestCallInQ, 0);

  // The first call rings 2001 (reserved); the second waits, 15 s by the time we ask (less than the
  // session idle timeout, which runs on the same fake clock).
  assert.ok(sim.injectCall({ dnis: '8000' }).ok);
  const queuedAt = Math.floor(clock.now() / 1000);
  assert.ok(sim.injectCall({ dnis: '8000' }).ok);
  clock.advance(15_000);
  const busy = await client.querySkillGroupStatistics({ skillGroupNumber: 85881 });
  assert.deepEqual(
    [busy.agentsLoggedOn, busy.agentsAvail, busy.agentsReserved, busy.agentsNotReady, busy.callsQueuedNow],
    [2, 0, 1, 1, 1],
  );
  assert.equal(busy.longestCallInQ, 15);
  assert.equal(busy.icmCentralControllerTime - busy.longestCallInQ, queuedAt);

  // The other skill group, asked by its id, sees none of it.
  const other = await client.querySkillGroupStatistics({ skillGroupId: 5001 });
  assert.deepEqual([other.skillGroupNumber, other.agentsLoggedOn, other.callsQueuedNow], [85882, 0, 0]);
});

test('an unknown skill group is refused with E_CTI_INVALID_SKILL_GROUP', async () => {
  const { client } = await setUp();
  await assert.rejects(client.querySkillGroupStatistics({ skillGroupNumber: 1 }), (e) => {
    return (e as { status?: number }).status === 72;
  });
});
