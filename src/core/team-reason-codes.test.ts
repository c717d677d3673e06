import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSqliteStore, seedDemoData } from '../store/index.ts';
import { TEST_HASHING } from '../store/testing/hashing.ts';
import type { CtiSetAgentState } from './core.ts';
import { createTestCore } from './dialogs/test-support.ts';
import type { Principal } from './model.ts';

const tick = () => new Promise((r) => setImmediate(r));

describe('team reason codes', () => {
  it('lets an agent use the global codes and its own team’s, not another team’s', async () => {
    const store = createSqliteStore({ file: ':memory:', passwordHashing: TEST_HASHING });
    await seedDemoData(store);
    const made = await store.createReasonCode({
      category: 'NOT_READY',
      code: 77,
      label: 'Donalds only',
      forAll: false,
    });
    assert.ok(made.ok);
    assert.ok((await store.setTeamReasonCodes('5001', [made.value.id], 'NOT_READY')).ok);

    const sent: CtiSetAgentState[] = [];
    const { core } = createTestCore({
      store,
      cti: {
        isUp: true,
        async setAgentState(req) {
          sent.push(req);
          return { invokeId: sent.length };
        },
      },
    });

    core.onCtiStatus(true);
    const mickey: Principal = { id: '2001', roles: ['Agent'], supervisedTeams: [] };
    const donald: Principal = { id: '2004', roles: ['Agent'], supervisedTeams: [] };
    for (const [who, ext] of [
      [mickey, '2003'],
      [donald, '3004'],
    ] as const) {
      await core.changeUserState(who, who.id, { state: 'LOGIN', extension: ext }, '');
      await tick();
      await core.onAgentState({ agentId: who.id, agentState: 2, reasonCode: 0 });
    }

    assert.equal(
      (await core.reasonCodes('2001', 'NOT_READY')).some((c) => c.id === made.value.id),
      false,
    );
    assert.equal(
      (await core.reasonCodes('2004', 'NOT_READY')).some((c) => c.id === made.value.id),
      true,
    );
    const refused = await core.changeUserState(
      mickey,
      '2001',
      { state: 'NOT_READY', reasonCodeId: made.value.id },
      '',
    );
    assert.equal(!refused.ok && refused.error.errorType, 'Invalid Input');
    const accepted = await core.changeUserState(
      donald,
      '2004',
      { state: 'NOT_READY', reasonCodeId: made.value.id },
      '',
    );
    assert.ok(accepted.ok);
    await tick();
    await tick();
    assert.equal(sent.at(-1)?.reasonCode, 77);
    core.close();
    await store.close();
  });
});
