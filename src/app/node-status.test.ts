/**
 * Readiness (#14 "/health/ready … ready only when the store, the CTI link and every listener are
 * up; 503 with the reason otherwise"): each reason on its own and together. The running-node test
 * (test/metrics.test.ts) covers the CTI link; the store and the listeners are hard to break in a
 * running node without breaking the test, so they are broken here, behind the same function.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NotifyServer } from '../notify/index.ts';
import type { ConfigStore } from '../store/index.ts';
import { StoreUnavailableError } from '../store/index.ts';
import { createNodeStatus } from './node-status.ts';

function statusOf(o: {
  storeDown?: boolean;
  xmppListening?: boolean;
  webListening?: boolean;
  cti?: boolean;
  maintenance?: boolean;
}) {
  const store = {
    getUser: async () => {
      if (o.storeDown) throw new StoreUnavailableError('connect ECONNREFUSED 127.0.0.1:5432');
      return undefined;
    },
  } as unknown as ConfigStore;
  // Only what readiness and status read of the notification service.
  const notify = {
    listenerStates: () => [
      { kind: 'BOSH', port: 7443, isSecure: false, isListening: true },
      { kind: 'TCP', port: 5222, isSecure: false, isListening: o.xmppListening ?? true },
    ],
    sessionStats: () => ({
      byTransport: { BOSH: 0, TCP: 0, WebSocket: 0 },
      bound: 0,
      boundUsers: 0,
      boundUsersByTransport: { BOSH: 0, TCP: 0, WebSocket: 0 },
    }),
  } as unknown as NotifyServer;
  return createNodeStatus({
    node: 'a.example.com',
    version: '0.0.0',
    startedAt: 0,
    store,
    storeKind: 'PostgreSQL',
    notify,
    isCtiUp: () => o.cti ?? true,
    ctiServers: () => ['cti-a:42027'],
    isInService: () => true,
    webListeners: () => [{ port: 8082, isListening: o.webListening ?? true }],
    simulator: () => undefined,
    maintenance: () => undefined,
    isInMaintenance: () => o.maintenance ?? false,
  });
}

describe('readiness', () => {
  it('is ready with the store answering, the CTI link up and every listener listening', async () => {
    assert.deepEqual(await statusOf({}).problems(), []);
  });

  it('names the store that does not answer, and shows it degraded in the status', async () => {
    const s = statusOf({ storeDown: true });
    assert.deepEqual(await s.problems(), [
      'store unavailable (the configuration database is unavailable: connect ECONNREFUSED 127.0.0.1:5432)',
    ]);
    const store = (await s.status()).components.find((c) => c.name === 'Configuration store (PostgreSQL)');
    assert.equal(store?.state, 'degraded');
  });

  it('names every listener that does not listen, web and XMPP alike, with the other reasons (CTI link, maintenance)', async () => {
    assert.deepEqual(
      await statusOf({ xmppListening: false, webListening: false, cti: false, maintenance: true }).problems(),
      ['CTI link down', 'in maintenance', 'listener not listening: 8082, 5222'],
    );
  });
});
