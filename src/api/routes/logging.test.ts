import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ApiFixture, startApiFixture } from '../testing/api-fixture.ts';
import { apiErrorOf, xml } from '../testing/xml.ts';

const ADMIN: [string, string] = ['admin', 'admin'];
const AGENT: [string, string] = ['2001', '2001'];
const SUPERVISOR: [string, string] = ['2010', '2010'];

describe('GET|PUT /finesse/api/Logging and GET /finesse/api/Troubleshooting/*', () => {
  let api: ApiFixture;
  let notifySwitches: boolean[];
  before(async () => {
    notifySwitches = [];
    api = await startApiFixture({
      setNotificationDebug: (on) => {
        notifySwitches.push(on);
        api.logs.notifyDebug.enabled = on;
      },
    });
  });
  after(() => api.stop());

  const put = (body: string, auth = ADMIN) =>
    api.request('/finesse/api/Logging', {
      method: 'PUT',
      auth,
      body,
      headers: { 'Content-Type': 'application/xml' },
    });

  it('is for administrators only: agents and supervisors get Authorization Failure', async () => {
    for (const who of [AGENT, SUPERVISOR]) {
      const got = await api.request('/finesse/api/Logging', { auth: who });
      assert.equal(got.status, 401);
      assert.equal((await apiErrorOf(got))[0], 'Authorization Failure');
      const changed = await put('<Logging><webservicesDebug>true</webservicesDebug></Logging>', who);
      assert.equal(changed.status, 401);
      for (const p of ['/Troubleshooting/Trace?id=x', '/Troubleshooting/Diagnose']) {
        assert.equal((await api.request(`/finesse/api${p}`, { auth: who })).status, 401, p);
      }
    }
    assert.equal(api.logs.webservices.debugEnabled, false);
    assert.equal((await api.request('/finesse/api/Logging')).status, 401, 'no credentials');
  });

  it('shows both switches, off by default', async () => {
    const res = await api.request('/finesse/api/Logging', { auth: ADMIN });
    assert.equal(res.status, 200);
    const doc = xml(await res.text());
    assert.equal(doc.getChildText('webservicesDebug'), 'false');
    assert.equal(doc.getChildText('notificationDebug'), 'false');
  });

  it('switching webservices debug on and off changes what the webservices log gets', async () => {
    api.logs.webservices.debug('t', 'PROBE_BEFORE', [], 'not written while debug is off');
    const on = await put('<Logging><webservicesDebug>true</webservicesDebug></Logging>');
    assert.equal(on.status, 200);
    assert.equal(xml(await on.text()).getChildText('webservicesDebug'), 'true');
    api.logs.webservices.debug('t', 'PROBE_WHILE_ON', [], 'written');
    await put('<Logging><webservicesDebug>false</webservicesDebug></Logging>');
    api.logs.webservices.debug('t', 'PROBE_AFTER', [], 'not written again');
    const { webservices } = await api.readLogs();
    assert.ok(!webservices.includes('PROBE_BEFORE'));
    assert.ok(webservices.includes('PROBE_WHILE_ON'));
    assert.ok(!webservices.includes('PROBE_AFTER'));
    assert.match(webservices, /LOGGING_LEVEL_CHANGED: %\[usr=admin\]\[webservices_debug=true\]/);
    assert.match(webservices, /Webservices debug logging disabled/);
  });

  it('switches notification debug through the notification service and leaves the other switch alone', async () => {
    const res = await put('<Logging><notificationDebug>true</notificationDebug></Logging>');
    const doc = xml(await res.text());
    assert.equal(doc.getChildText('notificationDebug'), 'true');
    assert.equal(doc.getChildText('webservicesDebug'), 'false');
    await put('<Logging><notificationDebug>true</notificationDebug></Logging>');
    await put('<Logging><notificationDebug>false</notificationDebug></Logging>');
    assert.deepEqual(notifySwitches, [true, false], 'an unchanged value is not switched again');
  });

  it('refuses bad bodies with Invalid Input', async () => {
    for (const body of [
      '<Logging><webservicesDebug>yes</webservicesDebug></Logging>',
      '<Other/>',
      '<Logging>',
    ]) {
      const res = await put(body);
      assert.equal(res.status, 400, body);
      assert.equal((await apiErrorOf(res))[0], 'Invalid Input');
    }
  });

  it('traces a requestId through the node’s logs as JSON', async () => {
    const requestId = 'c0ffee00-1111-4222-8333-troubleshoot';
    await api.request('/finesse/api/User/2001', {
      method: 'PUT',
      auth: AGENT,
      headers: { requestId, 'Content-Type': 'application/xml' },
      body: '<User><state>LOGIN</state><extension>2003</extension></User>',
    });
    const res = await api.request(`/finesse/api/Troubleshooting/Trace?id=${requestId}`, { auth: ADMIN });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json');
    const r = await res.json();
    assert.equal(r.id, requestId);
    assert.equal(r.kind, 'requestId');
    const steps: string[] = r.hops.map((h: { step: string }) => h.step);
    assert.ok(
      steps.some((s) => s.includes('REQUEST_START')),
      steps.join(' → '),
    );
    assert.ok(r.hops.every((h: { text: string }) => !h.text.includes('Troubleshooting')));
  });

  it('checks the trace parameters', async () => {
    const missing = await api.request('/finesse/api/Troubleshooting/Trace', { auth: ADMIN });
    assert.equal(missing.status, 400);
    assert.deepEqual((await apiErrorOf(missing)).slice(0, 1), ['Parameter Missing']);
    const bad = await api.request('/finesse/api/Troubleshooting/Trace?id=1&from=yesterday', { auth: ADMIN });
    assert.equal(bad.status, 400);
  });

  it('diagnoses the node’s logs as JSON', async () => {
    const res = await api.request('/finesse/api/Troubleshooting/Diagnose?from=2020-01-01T00:00:00Z', {
      auth: ADMIN,
    });
    assert.equal(res.status, 200);
    const r = await res.json();
    assert.equal(r.classification, 'none');
    assert.deepEqual(r.disconnects, []);
    assert.ok(Array.isArray(r.checks));
  });
});
