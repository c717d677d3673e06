/**
 * Health, metrics and the proxy's client address against a running node (#14 "Health and
 * metrics"): real values after a real sign-in and a real call; /metrics for loopback only unless
 * allowed; readiness following the CTI link; X-Forwarded-For believed from --trusted-proxy only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../src/app/testing/run-cli.ts';
import type { CtiSimulator } from '../src/cti/index.ts';
import { startDemoSimulator } from './support/cti.ts';
import { type StropheSession, signOnStrophe } from './support/strophe.ts';
import { basic, putAccepted, startTestSystem, type TestSystem } from './support/system.ts';

/** `name{labels} value` lines of a scrape → value by `name{labels}`. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+(?:\{.*\})?) (\S+)$/.exec(line);
    if (m) out.set(m[1], Number(m[2]));
  }
  return out;
}

describe('health and metrics of a running node', () => {
  let simulator: CtiSimulator;
  let sys: TestSystem;
  let desktop: StropheSession | undefined;
  const scrape = async (headers: Record<string, string> = {}) => {
    const res = await fetch(`${sys.base}/metrics`, { headers });
    return { status: res.status, values: samples(await res.text()) };
  };

  before(async () => {
    simulator = await startDemoSimulator();
    sys = await startTestSystem((c) => {
      c.cti.simulator = false;
      c.cti.sides = [{ host: '127.0.0.1', port: simulator.port }];
      c.cti.heartbeatIntervalMs = 200;
      // A proxy on loopback: its X-Forwarded-For is believed (the tests' requests come from it).
      c.trustedProxies = ['127.0.0.1'];
    });
  });
  after(async () => {
    await desktop?.disconnect().catch(() => {});
    await sys?.stop();
    await simulator?.stop();
  });

  it('reads sign-ins, sessions, REST requests, deliveries and CTI messages after a sign-in and a call', async () => {
    desktop = await signOnStrophe(sys.bosh, '2001@localhost/desktop', '2001');
    await putAccepted(
      sys,
      '2001',
      '/finesse/api/User/2001',
      '<User><state>LOGIN</state><extension>2003</extension></User>',
      'm-login',
      desktop,
    );
    await putAccepted(
      sys,
      '2001',
      '/finesse/api/User/2001',
      '<User><state>READY</state></User>',
      'm-ready',
      desktop,
    );
    assert.ok(simulator.injectCall({ dnis: '8000', ani: '5551234' }).ok);
    await desktop.waitForEvent((e) => e.node.endsWith('/Dialogs') && e.payload.includes('ALERTING'));
    // A heartbeat answered (every 200 ms here).
    let m = (await scrape()).values;
    while (!(m.get('switchboard_cti_heartbeat_round_trip_seconds_count') ?? 0)) {
      await new Promise((r) => setTimeout(r, 100));
      m = (await scrape()).values;
    }

    assert.equal(m.get('switchboard_xmpp_sessions{transport="BOSH"}'), 1);
    assert.equal(m.get('switchboard_desktops_signed_in'), 1);
    assert.equal(m.get('switchboard_cti_link_up'), 1);
    const xmppSignIns = [...m].filter(
      ([k]) => k.startsWith('switchboard_sign_ins_total{door="xmpp"') && k.includes('result="success"'),
    );
    assert.ok(
      xmppSignIns.length > 0 && xmppSignIns[0][1] >= 1,
      `xmpp sign-ins: ${JSON.stringify(xmppSignIns)}`,
    );
    assert.ok(
      (m.get('switchboard_sign_ins_total{door="rest",method="password",result="success"}') ?? 0) >= 1,
    );
    assert.equal(m.get(`switchboard_rest_requests_total{resource="User/{id}",method="PUT",status="202"}`), 2);
    assert.equal(m.get('switchboard_rest_request_seconds_count{resource="User/{id}",method="PUT"}'), 2);
    assert.ok(
      (m.get('switchboard_notification_deliveries_total') ?? 0) >= 3,
      'login, ready and the call reached the desktop',
    );
    assert.ok((m.get('switchboard_notification_publish_seconds_count') ?? 0) >= 3);
    assert.ok(
      (m.get('switchboard_cti_messages_total{direction="sent",type="SET_AGENT_STATE_REQ"}') ?? 0) >= 2,
    );
    assert.ok(
      (m.get('switchboard_cti_messages_total{direction="received",type="CALL_DELIVERED_EVENT"}') ?? 0) >= 1,
    );
    assert.ok((m.get('switchboard_store_operation_seconds_count{operation="getUser"}') ?? 0) >= 1);
    assert.ok(m.has('switchboard_nodejs_eventloop_lag_seconds'));
  });

  it("prints the node's components, sessions and desktops for `switchboard status`", async () => {
    const r = await runCli(['status', '--url', sys.base, '--data-dir', sys.sb.config.dataDir]);
    assert.equal(r.code, 0, r.text);
    assert.match(r.out, /: IN_SERVICE, up since /);
    assert.match(r.out, /^Webservices \(REST API, desktop\)\s+RUNNING\s+\d+/m);
    assert.match(r.out, /^Notification service .*RUNNING.*1 sessions signed in/m);
    assert.match(r.out, /^CTI link\s+RUNNING\s+127\.0\.0\.1:\d+/m);
    assert.match(r.out, /^Desktops signed in: 1 {3}Sessions: BOSH 1, TCP 0, WebSocket 0$/m);
    const wrong = await runCli(['status', '--url', sys.base, '--user', 'admin', '--password', 'nope']);
    assert.equal(wrong.code, 1);
    assert.match(wrong.err, /answered 401/);
  });

  it('serves /metrics to loopback and the allow list only, the client named by the trusted proxy', async () => {
    assert.equal((await scrape({ 'X-Forwarded-For': '203.0.113.9' })).status, 403);
    assert.equal((await scrape({ 'X-Forwarded-For': '127.0.0.1' })).status, 200);
    // The proxy's word for the client goes into the access log, and into the plain-auth policy:
    // a password in clear from another machine is refused unless the proxy says https.
    const fromAfar = (proto: string) =>
      sys.api('/finesse/api/User/2002', {
        auth: basic('2002'),
        headers: { 'X-Forwarded-For': '198.51.100.7', 'X-Forwarded-Proto': proto },
      });
    assert.notEqual((await fromAfar('http')).status, 200);
    assert.equal((await fromAfar('https')).status, 200);
    assert.match((await sys.logs()).tomcat, /^198\.51\.100\.7 .*GET \/finesse\/api\/User\/2002 /m);
  });

  it('is live, and ready only while the CTI link is up (503 with the reason)', async () => {
    assert.equal((await fetch(`${sys.base}/health/live`)).status, 200);
    assert.equal((await fetch(`${sys.base}/health/ready`)).status, 200);
    await simulator.stop();
    let res = await fetch(`${sys.base}/health/ready`);
    while (res.status === 200) {
      await new Promise((r) => setTimeout(r, 50));
      res = await fetch(`${sys.base}/health/ready`);
    }
    assert.equal(res.status, 503);
    assert.match(await res.text(), /not ready: CTI link down/);
    assert.equal((await scrape()).values.get('switchboard_cti_link_up'), 0);
  });
});
