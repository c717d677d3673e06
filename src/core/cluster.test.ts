/**
 * Core in a cluster (docs/cluster.md): agent state applied from memory whatever the store does,
 * presence-driven logout that asks the other nodes first, SystemInfo naming every node.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualTimers } from '../clock/testing/manual-timers.ts';
import type { WebservicesLog } from '../logs/index.ts';
import type { ClusterNode, ClusterRegistry, NodeBeat } from '../store/index.ts';
import { StoreUnavailableError } from '../store/index.ts';
import type { Store } from '../store/types.ts';
import type { CtiSetAgentState } from './core.ts';
import { createTestCore, USERS } from './dialogs/test-support.ts';
import { Directory } from './directory.ts';
import type { ReasonCode } from './model.ts';

const codes: ReasonCode[] = [
  { id: 7, category: 'NOT_READY', code: 11, label: 'Break', forAll: true, systemCode: false },
];
const tick = () => new Promise((r) => setImmediate(r));

/** The store of a node: it answers until `down` is set, then every call fails as PostgreSQL's would. */
function switchableStore() {
  const state = { down: false };
  const guard = async <T>(value: T): Promise<T> => {
    if (state.down) throw new StoreUnavailableError('connect ECONNREFUSED 127.0.0.1:5432');
    return value;
  };
  const store: Store = {
    getUser: (id) => guard(USERS.find((u) => u.id === id || u.loginName === id)),
    listUsers: () => guard(USERS),
    verifyPassword: () => guard(undefined),
    listReasonCodes: (category) => guard(codes.filter((c) => !category || c.category === category)),
    getReasonCode: (id) => guard(codes.find((c) => c.id === id)),
    close: async () => {},
  };
  return { store, state };
}

/** A node registry shared by the nodes of one test: rows by node id, ages set by the test. */
function sharedRegistry() {
  const rows = new Map<string, ClusterNode>();
  const state = { down: false };
  const registry = (): ClusterRegistry => ({
    async heartbeat(beat: NodeBeat) {
      if (state.down) throw new StoreUnavailableError('down');
      const old = rows.get(beat.id);
      rows.set(beat.id, {
        id: beat.id,
        host: beat.host,
        startedAt: old?.startedAt ?? rows.size,
        ageMs: 0,
        presentAgents: [...beat.presentAgents],
      });
      return [...rows.values()];
    },
    async leaveCluster(id) {
      rows.delete(id);
    },
  });
  return { registry, rows, state };
}

function node(name: string, store: Store, registry: ClusterRegistry, opts: { primaryHost?: string } = {}) {
  const sent: CtiSetAgentState[] = [];
  const made = createTestCore({
    store,
    cti: {
      isUp: true,
      async setAgentState(req) {
        sent.push(req);
        return { invokeId: sent.length };
      },
    },
    system: {
      xmppDomain: 'localhost',
      primaryHost: opts.primaryHost,
      peripheralId: 5000,
      ctiVersion: 24,
      ctiHeartbeatInterval: 5,
    },
    presenceLogoutDelayMs: 60_000,
    cluster: { nodeId: name, host: () => `${name}.example.com`, registry, heartbeatMs: 5000 },
  });
  made.core.onCtiStatus(true);
  return { ...made, sent };
}

const presence = (type: 'available' | 'unavailable') => ({
  jid: '2001@localhost/desktop',
  bareJid: '2001@localhost',
  type,
});

describe('core without its store', () => {
  it('applies and publishes CTI agent state from memory while the store is down', async () => {
    const { store, state } = switchableStore();
    const { core, published } = node('a', store, sharedRegistry().registry());
    await core.ready();
    state.down = true;
    await core.onAgentState({ agentId: '2004', agentState: 2, reasonCode: 11, extension: '3004' });
    const update = published.filter((p) => p.node === '/finesse/api/User/2004').at(-1)?.update;
    assert.ok(update?.data.kind === 'user', 'published although the store is down');
    assert.equal(update.data.user.state, 'NOT_READY');
    assert.equal(update.data.user.reasonCodeId, 7, 'the reason code found in memory');
    // A request reads through to the store, and falls back to memory when it fails.
    assert.equal((await core.getUser('2004'))?.state, 'NOT_READY');
    assert.equal((await core.getUser('dduck'))?.id, '2004');
    await assert.rejects(core.getUser('9999'), StoreUnavailableError, 'unknown to memory: the fault shows');
    core.close();
  });
});

describe("core's directory after a store outage", () => {
  it('answers from memory while the store is down, then reads everything again by itself', async () => {
    const { store, state } = switchableStore();
    let users = USERS;
    store.listUsers = async () => {
      if (state.down) throw new StoreUnavailableError('connect ECONNREFUSED 127.0.0.1:5432');
      return users;
    };
    const timers = new ManualTimers(Date.UTC(2026, 10, 22, 10));
    const logged: string[] = [];
    const line = (_thread: string, mnemonic: string) => void logged.push(mnemonic);
    const log = { info: line, error: line, debug: line, log: () => {} } as unknown as WebservicesLog;
    let recovered = 0;
    const dir = new Directory({ store, timers, log, retryMinMs: 1000, onRecovered: () => recovered++ });
    await dir.ready();
    const mickey = dir.userNow('2001');
    assert.ok(mickey);

    state.down = true;
    assert.equal((await dir.getUser('2001'))?.id, '2001', 'from memory');
    assert.deepEqual(logged, ['DB_RUNTIME_EXCEPTION']);
    // Meanwhile another node, still connected, renamed an agent and added one.
    users = [
      ...USERS.map((u) => (u.id === '2001' ? { ...u, lastName: 'Renamed' } : u)),
      { ...mickey, id: '2099', loginName: 'late' },
    ];
    timers.advance(1000);
    await dir.refresh();
    assert.equal(dir.userNow('2001')?.lastName, mickey.lastName, 'still down: memory as it was');

    state.down = false;
    timers.advance(2000);
    await dir.refresh();
    assert.equal(dir.userNow('2001')?.lastName, 'Renamed');
    assert.equal(dir.userNow('late')?.id, '2099');
    assert.deepEqual(logged, ['DB_RUNTIME_EXCEPTION', 'DB_RELOADED']);
    assert.equal(recovered, 1, 'core told to read the rest again');
    dir.close();
  });
});

describe('presence-driven logout in a cluster', () => {
  async function signedInOnA() {
    const { store } = switchableStore();
    const shared = sharedRegistry();
    const a = node('a', store, shared.registry());
    const b = node('b', store, shared.registry());
    await a.core.ready();
    await a.core.onAgentState({ agentId: '2001', agentState: 2, reasonCode: 0, extension: '2003' });
    a.core.start();
    b.core.start();
    a.core.onPresence(presence('available'));
    return { a, b, shared };
  }

  it("does not log out an agent whose desktop moved to another node's session", async () => {
    const { a, b } = await signedInOnA();
    a.core.onPresence(presence('unavailable'));
    b.core.onPresence(presence('available'));
    b.timers.advance(100);
    await tick();
    a.timers.advance(60_000);
    for (let i = 0; i < 5; i++) await tick();
    assert.equal(a.sent.length, 0, 'A sent no LOGOUT');
    assert.equal(b.sent.length, 0);
    assert.deepEqual(b.core.presentAgents(), ['2001']);
    a.core.close();
    b.core.close();
  });

  it('logs out as before when no node has the desktop, and waits while the store cannot tell', async () => {
    const { a, b, shared } = await signedInOnA();
    a.core.onPresence(presence('unavailable'));
    shared.state.down = true;
    a.timers.advance(60_000);
    for (let i = 0; i < 5; i++) await tick();
    assert.equal(a.sent.length, 0, 'no logout on a guess');
    shared.state.down = false;
    a.timers.advance(60_000);
    for (let i = 0; i < 5; i++) await tick();
    assert.deepEqual(
      a.sent.map((r) => [r.agentId, r.reasonCode]),
      [['2001', 255]],
    );
    a.core.close();
    b.core.close();
  });

  it('names every live node in SystemInfo, the configured primary first, and forgets one that leaves', async () => {
    const { registry } = sharedRegistry();
    const { store } = switchableStore();
    const a = node('a', store, registry(), { primaryHost: 'pair-a.example.com' });
    const b = node('b', store, registry());
    a.core.start();
    b.core.start();
    await tick();
    a.timers.advance(5000);
    await tick();
    assert.deepEqual(a.core.nodeHosts(), ['pair-a.example.com', 'a.example.com', 'b.example.com']);
    const info = a.core.systemInfo();
    assert.equal(info.primaryNode.host, 'pair-a.example.com');
    assert.equal(info.secondaryNode?.host, 'a.example.com');
    assert.equal(info.nodes?.length, 3);
    await b.core.leaveCluster();
    a.timers.advance(5000);
    await tick();
    assert.deepEqual(a.core.nodeHosts(), ['pair-a.example.com', 'a.example.com']);
    assert.ok(
      a.published.some((p) => p.node === '/finesse/api/SystemInfo'),
      'desktops told of the change',
    );
    a.core.close();
    b.core.close();
  });
});
