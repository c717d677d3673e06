import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type SystemInfoFacts, systemInfoOf } from './system-info.ts';

const NOW = Date.UTC(2026, 10, 22, 10, 0, 0);
const facts = (f: Partial<SystemInfoFacts> = {}): SystemInfoFacts => ({
  now: NOW,
  system: { xmppDomain: 'sb1.example.com', peripheralId: 5000, ctiVersion: 24, ctiHeartbeatInterval: 5 },
  hosts: ['sb1.example.com', 'sb2.example.com'],
  isCluster: false,
  isCtiUp: true,
  isPeripheralOnline: true,
  link: {
    servers: [
      { host: 'cti-a', port: 42027, connectedAt: NOW - 90_500 },
      { host: 'cti-b', port: 42027 },
    ],
    lastHeartbeatAt: NOW - 2000,
  },
  ports: { httpsPort: 8445, xmppPort: 5222, xmppSecurePort: 5223 },
  ...f,
});

// Developer guide: "SystemInfo" (the 12.6 object) and "Cisco Finesse API Errors" (PARTIAL_SERVICE).
describe('SystemInfo facts', () => {
  it('is IN_SERVICE with an online peripheral, PARTIAL_SERVICE with it offline ("returns 503 for all requests"), OUT_OF_SERVICE without a session', () => {
    const pick = (f: Partial<SystemInfoFacts>) => {
      const i = systemInfoOf(facts(f));
      return [i.status, i.statusReason, i.lastCTIHeartbeatStatus];
    };
    assert.deepEqual(pick({}), ['IN_SERVICE', undefined, 'success']);
    assert.deepEqual(pick({ isPeripheralOnline: false }), [
      'PARTIAL_SERVICE',
      'PERIPHERAL_OFFLINE',
      'success',
    ]);
    assert.deepEqual(pick({ isCtiUp: false }), ['OUT_OF_SERVICE', 'CTI_CONNECTION_DOWN', 'failure']);
  });

  it('names each node with its httpsPort, xmppPort and xmppSecurePort, each CTI server with connectedDuration and active, and the last heartbeat', () => {
    const info = systemInfoOf(facts());
    assert.deepEqual(info.primaryNode, {
      host: 'sb1.example.com',
      httpsPort: 8445,
      xmppPort: 5222,
      xmppSecurePort: 5223,
    });
    assert.deepEqual(info.secondaryNode, {
      host: 'sb2.example.com',
      httpsPort: 8445,
      xmppPort: 5222,
      xmppSecurePort: 5223,
    });
    assert.deepEqual(info.ctiServers, [
      { host: 'cti-a', connectedDuration: 90, active: true },
      { host: 'cti-b', connectedDuration: 0, active: false },
    ]);
    assert.equal(info.lastSuccessCTIHeartbeatTime, NOW - 2000);
    // "desktopLicensed … This parameter is blank for Unified CCE deployments."
    assert.equal(info.license, '');
    assert.equal(info.ctiMMode, undefined, 'no CTI maintenance: no ctiMMode');
    assert.equal(info.ctiTimeInMMode, undefined);
    const down = systemInfoOf(facts({ isCtiUp: false }));
    assert.deepEqual(
      down.ctiServers?.map((c) => c.active),
      [false, false],
    );
  });

  it('shows the CTI server\'s maintenance: ctiMMode as the CTI link reports it, ctiTimeInMMode in whole seconds since the request ("SystemInfo API Parameters")', () => {
    const link = facts().link!;
    const initiating = systemInfoOf(
      facts({ link: { ...link, maintenance: { mode: 'INITIATING', since: NOW - 2_900 } } }),
    );
    assert.deepEqual(
      [initiating.ctiMMode, initiating.ctiTimeInMMode, initiating.status],
      ['INITIATING', 2, 'IN_SERVICE'],
    );
    // Moving to the other side: no session for a moment, so out of service until it opens.
    const moving = systemInfoOf(
      facts({ isCtiUp: false, link: { ...link, maintenance: { mode: 'IN_PROGRESS', since: NOW - 7_000 } } }),
    );
    assert.deepEqual(
      [moving.ctiMMode, moving.ctiTimeInMMode, moving.status],
      ['IN_PROGRESS', 7, 'OUT_OF_SERVICE'],
    );
  });
});

describe('core and its peripheral', () => {
  it('goes PARTIAL_SERVICE when the peripheral goes offline — not in service, so the API answers 503 — and back', async () => {
    const { createTestCore } = await import('./dialogs/test-support.ts');
    const { core, published } = createTestCore({
      store: {
        getUser: async () => undefined,
        listUsers: async () => [],
        verifyPassword: async () => undefined,
        listReasonCodes: async () => [],
        getReasonCode: async () => undefined,
        close: async () => {},
      },
      cti: { isUp: true, setAgentState: async () => ({ invokeId: 1 }) },
    });
    core.onCtiStatus(true);
    assert.equal(core.isInService(), true);
    core.onPeripheralStatus(false);
    assert.equal(core.isInService(), false);
    const last = published.at(-1)?.update.data;
    assert.equal(last?.kind === 'systemInfo' && last.systemInfo.status, 'PARTIAL_SERVICE');
    core.onPeripheralStatus(true);
    assert.equal(core.isInService(), true);
    core.close();
  });
});
