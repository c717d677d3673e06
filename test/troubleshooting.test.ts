/**
 * The seeds' manual troubleshooting recipes, done by the tools on logs the running system wrote:
 * a sign-in traced hop by hop, agents whose desktops drop one by one (client side), and the
 * notification service stopped for everyone (server side).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnose, trace } from '../src/logs/index.ts';
import { RawBosh } from '../src/notify/testing/bosh-client.ts';
import { signOnStrophe as connectStrophe } from './support/strophe.ts';
import { basic, startTestSystem, type TestSystem } from './support/system.ts';
import { until } from './support/until.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** diagnose's window for "many desktops at once" (default 5 s), shortened so the drops can be quick. */
const CLUSTER_MS = 1000;

async function signIn(sys: TestSystem, agent: string, extension: string, requestId: string) {
  const res = await sys.api(`/finesse/api/User/${agent}`, {
    method: 'PUT',
    auth: basic(agent),
    headers: { requestId },
    body: `<User><state>LOGIN</state><extension>${extension}</extension></User>`,
  });
  assert.equal(res.status, 202, await res.text());
}

describe('switchboard trace', () => {
  it('rebuilds every hop of a sign-in, in order, from the logs', async () => {
    const sys = await startTestSystem((c) => {
      c.notifyDebug = true;
    });
    try {
      const desktop = await connectStrophe(sys.bosh, '2001@localhost/desktop', '2001');
      const requestId = 'b8f1c6a2-trace-e2e';
      await signIn(sys, '2001', '2003', requestId);
      await desktop.waitForEvent((e) => e.payload.includes(requestId));
      // Signed in and still connected: no disconnect. (Leaving without LOGOUT is one: the
      // desktop goes away from a signed-in agent, as a closed browser does.)
      await sys.sb.logs.flush();
      const diagnosis = await diagnose(sys.sb.config.logDir);
      assert.equal(diagnosis.classification, 'none', JSON.stringify(diagnosis.incidents, null, 1));
      assert.deepEqual(diagnosis.disconnects, []);
      await desktop.disconnect();
      await sys.sb.logs.flush();

      const result = await trace(sys.sb.config.logDir, requestId);
      const steps = result.hops.map((h) => h.step);
      assert.equal(result.brokenAt, undefined, `chain broken: ${result.brokenAt}\n${steps.join('\n')}`);
      const order = ['REQUEST_START', 'API_REQUEST', 'MESSAGE_TO_CTI_SERVER', 'XMPP_PUBLISH_ASYNCHRONOUS'];
      let last = -1;
      for (const want of order) {
        const i = steps.findIndex((s) => s.includes(want));
        assert.ok(i > last, `${want} after the previous hop in: ${steps.join(' → ')}`);
        last = i;
      }
      assert.ok(
        steps.some((s) => /access/i.test(s)),
        `access log hop in ${steps.join(' → ')}`,
      );
      assert.ok(
        steps.some((s) => /AGENT_STATE_EVENT|AgentStateEvent/.test(s)),
        `CTI event hop in ${steps.join(' → ')}`,
      );
      assert.ok(
        steps.some((s) => /deliver/i.test(s)),
        `delivery hop in ${steps.join(' → ')}`,
      );
      const times = result.hops.map((h) => h.time).filter((t): t is number => t !== undefined);
      assert.deepEqual(
        times,
        [...times].sort((a, b) => a - b),
        'hops in time order',
      );
    } finally {
      await sys.stop();
    }
  });
});

describe('switchboard diagnose', () => {
  it('classifies desktops dropping one by one as a client-side problem, with presence logouts', async () => {
    const sys = await startTestSystem((c) => {
      c.boshWaitSec = 1;
      c.boshInactivitySec = 1;
      c.presenceLogoutDelaySec = 1;
    });
    try {
      const agents = [
        ['2001', '2003'],
        ['2002', '3002'],
        ['2004', '3004'],
      ];
      const sessions: RawBosh[] = [];
      for (const [id, ext] of agents) {
        const bosh = new RawBosh(sys.bosh);
        await bosh.login(id);
        await signIn(sys, id, ext, `drop-${id}`);
        sessions.push(bosh);
      }
      // Each desktop stops polling at its own time: the first at once, the others later, keeping
      // their sessions alive with empty requests until then. Three drops within CLUSTER_MS would
      // be one server-side event; these span ~3 s, so the window is shortened from its 5 s.
      for (let i = 1; i < sessions.length; i++) {
        const end = Date.now() + i * 1000;
        while (Date.now() < end) {
          await Promise.all(sessions.slice(i).map((s) => s.send('', {}).catch(() => undefined)));
          await sleep(300);
        }
      }
      await until('presence-driven logouts', async () => {
        const { webservices } = await sys.logs();
        return (webservices.match(/PRESENCE DRIVEN LOGOUT/g) ?? []).length >= agents.length;
      });
      const result = await diagnose(sys.sb.config.logDir, { clusterWindowMs: CLUSTER_MS });
      assert.equal(result.classification, 'client', JSON.stringify(result.incidents, null, 1));
      assert.deepEqual(new Set(result.disconnects.map((d) => d.agentId)), new Set(agents.map(([id]) => id)));
      assert.ok(result.disconnects.every((d) => d.loggedOutByPresence));
      assert.deepEqual(new Set(result.presenceLogouts.map((l) => l.reasonCode)), new Set([255]));
    } finally {
      await sys.stop();
    }
  });

  it('classifies the notification service stopping for everyone as a server-side problem', async () => {
    const sys = await startTestSystem();
    try {
      for (const [id, ext] of [
        ['2001', '2003'],
        ['2002', '3002'],
        ['2004', '3004'],
      ]) {
        await new RawBosh(sys.bosh).login(id);
        await signIn(sys, id, ext, `all-${id}`);
      }
      await sys.sb.notify.close();
      await sys.sb.logs.flush();
      const result = await diagnose(sys.sb.config.logDir);
      assert.equal(result.classification, 'server', JSON.stringify(result.incidents, null, 1));
      assert.ok(
        result.incidents.some((i) => i.cause === 'notification-service' || i.cause === 'simultaneous-drop'),
      );
    } finally {
      await sys.stop();
    }
  });
});
