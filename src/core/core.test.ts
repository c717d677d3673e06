import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store } from '../store/types.ts';
import type { CtiSetAgentState } from './core.ts';
import { createTestCore } from './dialogs/test-support.ts';
import type { Principal, ReasonCode, UserConfig } from './model.ts';
import { CtiAgentState } from './states.ts';

const users: UserConfig[] = [
  {
    id: '2001',
    loginName: 'mmouse',
    firstName: 'Mickey',
    lastName: 'Mouse',
    roles: ['Agent'],
    teamId: '5000',
    teamName: 'Minnies_Team',
    supervisedTeams: [],
  },
  {
    id: '2002',
    loginName: 'minnie',
    firstName: 'Minnie',
    lastName: 'Mouse',
    roles: ['Agent'],
    teamId: '5001',
    teamName: 'Other',
    supervisedTeams: [],
  },
  {
    id: '2010',
    loginName: 'walt',
    firstName: 'Walt',
    lastName: 'D',
    roles: ['Agent', 'Supervisor'],
    teamId: '5000',
    teamName: 'Minnies_Team',
    supervisedTeams: [{ id: '5000', name: 'Minnies_Team' }],
  },
];
const codes: ReasonCode[] = [
  { id: 1, category: 'NOT_READY', code: 11, label: 'Break', forAll: true, systemCode: false },
  { id: 2, category: 'LOGOUT', code: 21, label: 'End of shift', forAll: true, systemCode: false },
];

// A fixed, in-memory configuration: the collaborator of the unit under test (the SQLite store is
// exercised by its own tests and by the end-to-end test).
const store: Store = {
  async getUser(id) {
    return users.find((u) => u.id === id || u.loginName === id);
  },
  async listUsers() {
    return users;
  },
  async verifyPassword() {
    return undefined;
  },
  async listReasonCodes(category) {
    return codes.filter((c) => !category || c.category === category);
  },
  async getReasonCode(id) {
    return codes.find((c) => c.id === id);
  },
  async close() {},
};

const principal = (u: UserConfig): Principal => ({
  id: u.id,
  roles: u.roles,
  supervisedTeams: u.supervisedTeams,
});
const tick = () => new Promise((r) => setImmediate(r));

function setup(options: { failWith?: number } = {}) {
  const sent: CtiSetAgentState[] = [];
  const { core, timers, published } = createTestCore({
    store,
    cti: {
      isUp: true,
      async setAgentState(req) {
        sent.push(req);
        if (options.failWith) {
          // A FAILURE_CONF comes back over the network, never within the request's own turn.
          await tick();
          throw Object.assign(new Error('failure'), { status: options.failWith });
        }
        return { invokeId: sent.length };
      },
    },
    presenceLogoutDelayMs: 60_000,
  });
  core.onCtiStatus(true);
  published.length = 0;
  return { core, timers, sent, published };
}

describe('Core state changes', () => {
  it('sends LOGIN to CTI and publishes the resulting state with the requestId', async () => {
    const { core, sent, published } = setup();
    const r = await core.changeUserState(
      principal(users[0]),
      '2001',
      { state: 'LOGIN', extension: '2003' },
      'req-1',
    );
    assert.deepEqual(r, { ok: true, value: undefined });
    await tick();
    assert.deepEqual(sent, [
      { agentId: '2001', instrument: '2003', agentState: 0, reasonCode: 0, forced: true },
    ]);
    await core.onAgentState({ agentId: '2001', agentState: 0, reasonCode: 0 });
    assert.equal(published.length, 0, 'LOGIN is transient and never published');
    await core.onAgentState({ agentId: '2001', agentState: 2, reasonCode: 0, extension: '2003' });
    assert.deepEqual(
      published.map((p) => p.node),
      ['/finesse/api/User/2001', '/finesse/api/Team/5000/Users'],
      'the user node and the team node supervisors watch',
    );
    const { node, update } = published[0];
    assert.equal(node, '/finesse/api/User/2001');
    assert.equal(update.requestId, 'req-1');
    assert.equal(update.data.kind, 'user');
    if (update.data.kind === 'user') {
      assert.equal(update.data.user.state, 'NOT_READY');
      assert.equal(update.data.user.extension, '2003');
      assert.equal(update.data.user.stateChangeTime, '2026-11-22T10:00:00.000Z');
    }
  });

  it('maps reason codes both ways: id to CTI code, CTI code back to id', async () => {
    const { core, sent, published } = setup();
    await core.changeUserState(principal(users[0]), '2001', { state: 'LOGIN', extension: '2003' }, 'a');
    await tick();
    await core.onAgentState({ agentId: '2001', agentState: 2, reasonCode: 0 });
    await core.changeUserState(principal(users[0]), '2001', { state: 'NOT_READY', reasonCodeId: 1 }, 'b');
    await tick();
    await tick();
    assert.equal(sent[1].reasonCode, 11);
    await core.onAgentState({ agentId: '2001', agentState: 2, reasonCode: 11 });
    const last = published.filter((p) => p.node === '/finesse/api/User/2001').at(-1)?.update;
    assert.equal(last?.requestId, 'b');
    assert.equal(last?.data.kind === 'user' && last.data.user.reasonCodeId, 1);
  });

  it('refuses NOT_READY without a reason code, unknown states, and acting for someone else', async () => {
    const { core } = setup();
    await core.changeUserState(principal(users[0]), '2001', { state: 'LOGIN', extension: '2003' }, '');
    await core.onAgentState({ agentId: '2001', agentState: 2, reasonCode: 0 });
    const missing = await core.changeUserState(principal(users[0]), '2001', { state: 'NOT_READY' }, '');
    assert.equal(!missing.ok && missing.error.errorType, 'Parameter Missing');
    const bogus = await core.changeUserState(principal(users[0]), '2001', { state: 'TALKING' }, '');
    assert.equal(!bogus.ok && bogus.error.errorType, 'Invalid State');
    const other = await core.changeUserState(principal(users[0]), '2002', { state: 'READY' }, '');
    assert.equal(!other.ok && other.error.errorType, 'Invalid Authorization User Specified');
    const wrongCategory = await core.changeUserState(
      principal(users[0]),
      '2001',
      { state: 'NOT_READY', reasonCodeId: 2 },
      '',
    );
    assert.equal(!wrongCategory.ok && wrongCategory.error.errorType, 'Invalid Input');
    const notSignedIn = await core.changeUserState(principal(users[1]), '2002', { state: 'READY' }, '');
    assert.equal(!notSignedIn.ok && notSignedIn.error.errorType, 'Invalid State');
  });

  it('lets a supervisor change agents of its teams only (forced NOT_READY gets reason 999)', async () => {
    const { core, sent } = setup();
    await core.changeUserState(principal(users[0]), '2001', { state: 'LOGIN', extension: '2003' }, '');
    await core.onAgentState({ agentId: '2001', agentState: 3, reasonCode: 0 });
    const ok = await core.changeUserState(principal(users[2]), '2001', { state: 'NOT_READY' }, 'sup');
    assert.ok(ok.ok);
    await tick();
    await tick();
    assert.equal(sent.at(-1)?.reasonCode, 999);
    const notMine = await core.changeUserState(principal(users[2]), '2002', { state: 'LOGOUT' }, '');
    assert.equal(!notMine.ok && notMine.error.errorType, 'Invalid Supervisor');
  });

  it('orders requests per user: the second waits for the CTI outcome of the first', async () => {
    const { core, sent, timers } = setup();
    await core.changeUserState(principal(users[0]), '2001', { state: 'LOGIN', extension: '2003' }, '1');
    await tick();
    await core.onAgentState({ agentId: '2001', agentState: 2, reasonCode: 0 });
    await core.changeUserState(principal(users[0]), '2001', { state: 'READY' }, '2');
    await core.changeUserState(principal(users[0]), '2001', { state: 'NOT_READY', reasonCodeId: 1 }, '3');
    await tick();
    await tick();
    assert.equal(sent.length, 2, 'NOT_READY waits for READY to be confirmed');
    await core.onAgentState({ agentId: '2001', agentState: 3, reasonCode: 0 });
    await tick();
    await tick();
    assert.equal(sent.length, 3);
    assert.equal(sent[2].agentState, 2);
    // A request whose event never comes does not block the queue forever.
    await core.changeUserState(principal(users[0]), '2001', { state: 'READY' }, '4');
    await core.changeUserState(principal(users[0]), '2001', { state: 'NOT_READY', reasonCodeId: 1 }, '5');
    await tick();
    await tick();
    const before = sent.length;
    timers.advance(10_000);
    await tick();
    await tick();
    assert.equal(sent.length, before + 1);
  });

  it('validates a queued request when its turn comes, not on arrival: READY right after LOGIN', async () => {
    const { core, sent, published } = setup();
    const me = principal(users[0]);
    assert.ok((await core.changeUserState(me, '2001', { state: 'LOGIN', extension: '2003' }, 'in')).ok);
    // Still LOGOUT for now; checked on arrival this READY would be 400 "not signed in".
    assert.ok((await core.changeUserState(me, '2001', { state: 'READY' }, 'ready')).ok);
    await tick();
    assert.deepEqual(
      sent.map((r) => r.agentState),
      [CtiAgentState.LOGIN],
      'READY waits for the outcome of LOGIN',
    );
    await core.onAgentState({ agentId: '2001', agentState: 2, reasonCode: 0 });
    await tick();
    assert.deepEqual(
      sent.map((r) => r.agentState),
      [CtiAgentState.LOGIN, CtiAgentState.AVAILABLE],
    );
    assert.ok(!published.some((p) => p.update.data.kind === 'apiErrors'));
    // With nothing queued, a request that cannot apply is still refused synchronously.
    await core.onAgentState({ agentId: '2001', agentState: 3, reasonCode: 0 });
    await tick();
    const late = await core.changeUserState(me, '2001', { state: 'LOGIN', extension: 'not valid!' }, 'x');
    assert.equal(late.ok, false);
  });

  it('reports a queued request that turns out invalid as apiErrors with its requestId', async () => {
    const { core, sent, published } = setup({ failWith: 22 });
    const me = principal(users[0]);
    assert.ok((await core.changeUserState(me, '2001', { state: 'LOGIN', extension: '9999' }, 'in')).ok);
    assert.ok((await core.changeUserState(me, '2001', { state: 'READY' }, 'ready')).ok);
    await tick();
    await tick();
    assert.equal(sent.length, 1, 'the failed sign-in leaves the agent LOGOUT: READY is never sent');
    const errors = published.filter((p) => p.update.data.kind === 'apiErrors').map((p) => p.update);
    assert.deepEqual(
      errors.map((u) => [u.requestId, u.source, u.data.kind === 'apiErrors' && u.data.errors[0].errorType]),
      [
        ['in', '/finesse/api/User/2001', 'Invalid Device'],
        ['ready', '/finesse/api/User/2001', 'Invalid State'],
      ],
    );
  });

  it('reports a CTI failure as apiErrors carrying the requestId', async () => {
    const { core, published } = setup({ failWith: 22 });
    await core.changeUserState(principal(users[0]), '2001', { state: 'LOGIN', extension: '9999' }, 'fail-1');
    await tick();
    await tick();
    const u = published.at(-1)?.update;
    assert.equal(u?.requestId, 'fail-1');
    assert.equal(u?.data.kind, 'apiErrors');
    if (u?.data.kind === 'apiErrors') assert.equal(u.data.errors[0].errorMessage, 'CF_INVALID_OBJECT_STATE');
  });
});

describe('presence-driven logout', () => {
  async function signedIn() {
    const s = setup();
    await s.core.changeUserState(principal(users[0]), '2001', { state: 'LOGIN', extension: '2003' }, '');
    await tick();
    await s.core.onAgentState({ agentId: '2001', agentState: 2, reasonCode: 0 });
    s.core.onPresence({ jid: '2001@localhost/desktop', bareJid: '2001@localhost', type: 'available' });
    return s;
  }

  it('forces LOGOUT with reason 255 after the delay when the desktop stays away', async () => {
    const { core, sent, timers } = await signedIn();
    core.onPresence({ jid: '2001@localhost/desktop', bareJid: '2001@localhost', type: 'unavailable' });
    await tick();
    timers.advance(59_000);
    await tick();
    assert.equal(sent.length, 1);
    timers.advance(1_000);
    await tick();
    await tick();
    assert.deepEqual(sent.at(-1), {
      agentId: '2001',
      instrument: '2003',
      agentState: 1,
      reasonCode: 255,
      forced: true,
    });
  });

  it('gives the whole delay again once the node is back in service: a CTI outage logs nobody out at its end', async () => {
    const { core, sent, timers } = await signedIn();
    // The node goes OUT_OF_SERVICE; its desktop is told to leave and finds no node in service.
    core.onPresence({ jid: '2001@localhost/desktop', bareJid: '2001@localhost', type: 'unavailable' });
    await tick();
    timers.advance(50_000);
    core.onCtiStatus(false);
    timers.advance(70_000);
    await tick();
    assert.equal(sent.length, 1, 'no logout while out of service');
    core.onCtiStatus(true);
    timers.advance(59_000);
    await tick();
    assert.equal(sent.length, 1, 'the desktop has its whole window after the outage');
    timers.advance(1_000);
    await tick();
    await tick();
    assert.deepEqual(
      sent.slice(1).map((r) => [r.agentId, r.reasonCode]),
      [['2001', 255]],
      'still away after it: logged out',
    );
  });

  it('does not log out an agent whose desktop reloads within the window', async () => {
    const { core, sent, timers } = await signedIn();
    core.onPresence({ jid: '2001@localhost/desktop', bareJid: '2001@localhost', type: 'unavailable' });
    await tick();
    timers.advance(20_000);
    core.onPresence({ jid: '2001@localhost/desktop', bareJid: '2001@localhost', type: 'available' });
    timers.advance(120_000);
    await tick();
    assert.equal(sent.length, 1);
  });
});

describe('SystemInfo', () => {
  it('follows the CTI link and is published when it changes', () => {
    const { core, published } = setup();
    assert.equal(core.systemInfo().status, 'IN_SERVICE');
    core.onCtiStatus(false);
    assert.equal(core.isInService(), false);
    assert.equal(published.at(-1)?.node, '/finesse/api/SystemInfo');
    const u = published.at(-1)?.update;
    assert.equal(u?.data.kind === 'systemInfo' && u.data.systemInfo.status, 'OUT_OF_SERVICE');
  });
});
