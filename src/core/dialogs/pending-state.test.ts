import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Update } from '../model.ts';
import { CALL, delivered, established, principal, settle, startCore } from './test-support.ts';

const READY = 3;
const TALKING = 4;

/** Mickey on an answered call, TALKING. */
async function talking() {
  const s = startCore();
  await s.agentState('2001', READY);
  s.core.onCallEvent(delivered());
  s.core.onCallEvent(established());
  await s.agentState('2001', TALKING);
  s.published.length = 0;
  return s;
}

describe('Core dialogs: pending state', () => {
  const userUpdates = (published: { node: string; update: Update }[]) =>
    published.filter((p) => p.node === '/finesse/api/User/2001').map((p) => p.update);
  const pendingOf = (u: Update | undefined) =>
    u?.data.kind === 'user' ? u.data.user.pendingState : undefined;
  const states = (sent: { method: string; args: unknown }[]) =>
    sent
      .filter((x) => x.method === 'setAgentState')
      .map((x) => (x.args as { agentState: number }).agentState);

  it('sends a state asked for during a call at once; its acceptance shows it pending', async () => {
    const { core, sent, published } = await talking();
    const r = await core.changeUserState(
      principal('2001'),
      '2001',
      { state: 'NOT_READY', reasonCodeId: 1 },
      'r-nr',
    );
    assert.ok(r.ok);
    await settle();
    // Not forced: only sign-in and a supervisor's sign-out are (state-rules.ts).
    assert.deepEqual(sent.at(-1), {
      method: 'setAgentState',
      args: { agentId: '2001', instrument: '2003', agentState: 2, reasonCode: 11, forced: false },
    });
    const u = userUpdates(published).at(-1);
    assert.equal(u?.requestId, 'r-nr');
    assert.equal(pendingOf(u), 'NOT_READY');
  });

  it('leaves it to a CTI server that keeps it (NextAgentState), also through wrap-up', async () => {
    const { core, sent, published, agentState } = await talking();
    await core.changeUserState(principal('2001'), '2001', { state: 'NOT_READY', reasonCodeId: 1 }, 'r-nr');
    await settle();
    await core.onAgentState({ agentId: '2001', agentState: TALKING, reasonCode: 0, nextAgentState: 2 });
    assert.equal(pendingOf(userUpdates(published).at(-1)), 'NOT_READY');
    core.onCallEvent({ type: 'CONNECTION_CLEARED', call: CALL, releasingDevice: '2003' });
    core.onCallEvent({ type: 'CLEARED', call: CALL });
    await agentState('2001', 5); // WORK_NOT_READY: wrap-up, then NOT_READY
    await settle();
    assert.equal(pendingOf(userUpdates(published).at(-1)), '');
    assert.deepEqual(states(sent), [2], 'the NOT_READY once: nothing sent twice');
  });

  it('sends it again after the call to a CTI server that forgot it, so that it is not lost', async () => {
    const { core, sent, agentState } = await talking();
    await core.changeUserState(principal('2001'), '2001', { state: 'NOT_READY', reasonCodeId: 1 }, 'r-nr');
    await settle();
    core.onCallEvent({ type: 'CONNECTION_CLEARED', call: CALL, releasingDevice: '2003' });
    core.onCallEvent({ type: 'CLEARED', call: CALL });
    await settle();
    assert.deepEqual(states(sent), [2]);
    await agentState('2001', READY); // back to the state before the call
    await settle();
    assert.deepEqual(states(sent), [2, 2]);
  });
});
