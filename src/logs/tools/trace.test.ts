import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createScenario,
  deliver,
  publish,
  restRequest,
  type Scenario,
  setAgentState,
  storeOffline,
} from './fixtures.ts';
import { boshPoll, boshSignIn } from './fixtures-presence.ts';
import { formatTrace, trace } from './index.ts';

const RID = '6e210ca9-5786-43bc-babf-64a397a6057f';
const NO_EVENT = '0a1b2c3d-0000-4000-8000-00000000e001';
const OFFLINE = '0a1b2c3d-0000-4000-8000-00000000e002';
const NO_END = '0a1b2c3d-0000-4000-8000-00000000e003';
const NO_CTI = '0a1b2c3d-0000-4000-8000-00000000e004';
const REJECTED = '0a1b2c3d-0000-4000-8000-00000000e005';
const UNDELIVERED = '0a1b2c3d-0000-4000-8000-00000000e006';
const SENT = '0a1b2c3d-0000-4000-8000-00000000e007';

/** The seed's sign-in for 2001, with agent 2002 signing in at the same time as noise. */
async function writeSignIn(s: Scenario): Promise<void> {
  restRequest(s, { agent: '2001', method: 'GET', resource: '/SystemInfo', nocache: '1366756802163' });
  s.step(400);
  boshSignIn(s, '2001', 'f382a015');
  boshSignIn(s, '2002', 'a1b2c3d4');
  s.step(200);
  restRequest(s, { agent: '2001', method: 'GET', resource: '/User/2001', nocache: '1366756805180' });
  s.step(100);
  restRequest(s, {
    agent: '2002',
    method: 'PUT',
    resource: '/User/2002',
    requestId: 'noise-2002',
    params: ' extension:2004 state:LOGIN',
  });
  restRequest(s, {
    agent: '2001',
    method: 'PUT',
    resource: '/User/2001',
    requestId: RID,
    params: ' extension:2003 state:LOGIN',
  });
  setAgentState(s, '2002', '2004', 19, 0);
  boshPoll(s, 'f382a015', 1002);
  setAgentState(s, '2001', '2003', 20, 0);
  publish(s, '2002', 'NOT_READY', 'noise-2002');
  deliver(s, '2002', 'a1b2c3d4', 'NOT_READY', 'noise-2002');
  publish(s, '2001', 'NOT_READY', RID);
  deliver(s, '2001', 'f382a015', 'NOT_READY', RID);
  s.step(300);
  restRequest(s, { agent: '2001', method: 'GET', resource: '/User/2001/Dialogs', nocache: '1366756805355' });
}

/** Requests whose chains break: no AGENT_STATE_EVENT; published while no session; no CTI at all. */
async function writeBrokenChains(s: Scenario): Promise<void> {
  s.step(60_000);
  restRequest(s, {
    agent: '2001',
    method: 'PUT',
    resource: '/User/2001',
    requestId: NO_EVENT,
    params: ' state:READY',
  });
  setAgentState(s, '2001', '2003', 21, 3, { event: 'none' });
  s.step(60_000);
  restRequest(s, {
    agent: '2003',
    method: 'PUT',
    resource: '/User/2003',
    requestId: OFFLINE,
    params: ' state:NOT_READY',
    client: false,
  });
  setAgentState(s, '2003', '2005', 22, 2);
  publish(s, '2003', 'NOT_READY', OFFLINE);
  storeOffline(s, '2003', 'NOT_READY', OFFLINE);
  s.step(60_000);
  restRequest(s, { agent: '2001', method: 'PUT', resource: '/User/2001', requestId: NO_END, end: false });
  s.step(60_000);
  restRequest(s, { agent: '2001', method: 'PUT', resource: '/User/2001', requestId: NO_CTI });
  s.step(60_000);
  restRequest(s, { agent: '2001', method: 'PUT', resource: '/User/2001', requestId: REJECTED });
  setAgentState(s, '2001', '2003', 23, 4, { conf: 'failure', event: 'none' });
  s.step(60_000);
  restRequest(s, { agent: '2001', method: 'PUT', resource: '/User/2001', requestId: UNDELIVERED });
  setAgentState(s, '2001', '2003', 24, 3, { event: 'READY' });
  publish(s, '2001', 'READY', UNDELIVERED);
  s.step(60_000);
  restRequest(s, { agent: '2001', method: 'PUT', resource: '/User/2001', requestId: SENT });
  setAgentState(s, '2001', '2003', 25, 2);
  publish(s, '2001', 'NOT_READY', SENT);
  deliver(s, '2001', 'f382a015', 'NOT_READY', SENT, { via: 'bosh-sent' });
  s.step(60_000);
  restRequest(s, {
    agent: '2001',
    method: 'PUT',
    resource: '/Dialog/16777245',
    requestId: 'answer-1',
    client: false,
  });
  s.logs.webservices.info(
    'pool-5-thread-5',
    'XMPP_PUBLISH_ASYNCHRONOUS',
    [
      ['NodeId', '/finesse/api/User/2001/Dialogs'],
      [
        'Payload',
        '<Update><data><dialog><id>16777245</id><state>ACTIVE</state></dialog></data><event>PUT</event><requestId>answer-1</requestId></Update>',
      ],
    ],
    'Publishing XMPP Message Asynchronously',
  );
}

describe('trace', () => {
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-trace-'));
    const s = createScenario(dir);
    await writeSignIn(s);
    await writeBrokenChains(s);
    await s.flush();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('rebuilds every hop of the sign-in PUT in order, from client to client', async () => {
    const r = await trace(dir, RID);
    assert.equal(r.kind, 'requestId');
    assert.equal(r.agentId, '2001');
    assert.equal(r.brokenAt, undefined, formatTrace(r));
    assert.deepEqual(
      r.hops.map((h) => h.step),
      [
        'client request',
        'access log',
        'REQUEST_START',
        'API_REQUEST',
        'REQUEST_END',
        'client response',
        'MESSAGE_TO_CTI_SERVER',
        'CTI SEND',
        'CTI server',
        'CTI RECV',
        'CONF',
        'CTI RECV',
        'AGENT_STATE_EVENT',
        'XMPP_PUBLISH_ASYNCHRONOUS',
        'delivery',
        'client received',
      ],
      formatTrace(r),
    );
    const times = r.hops.map((h) => h.time ?? 0);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
    assert.match(
      r.hops.find((h) => h.step === 'MESSAGE_TO_CTI_SERVER')?.summary ?? '',
      /invoke 20 agent 2001/,
    );
    assert.match(r.hops.find((h) => h.step === 'delivery')?.summary ?? '', /f382a015/);
    assert.ok(r.hops.every((h) => /^[\w-]+\/[^:]+$/.test(h.file) && h.line > 0));
    assert.ok((r.totalMs ?? 0) > 0);
  });

  it("takes the debug log's BOSH response as the delivery when there is no delivery line", async () => {
    const r = await trace(dir, SENT);
    assert.equal(r.brokenAt, undefined, formatTrace(r));
    assert.match(r.hops.find((h) => h.step === 'delivery')?.summary ?? '', /over BOSH session f382a015/);
  });

  it('does not call a delivery missing when the notification service does not log deliveries', async () => {
    const quiet = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-trace-quiet-'));
    try {
      const s = createScenario(quiet, undefined, false);
      boshSignIn(s, '2001', 'f382a015');
      restRequest(s, { agent: '2001', method: 'PUT', resource: '/User/2001', requestId: RID, client: false });
      setAgentState(s, '2001', '2003', 20, 0);
      publish(s, '2001', 'NOT_READY', RID);
      await s.flush();
      const r = await trace(quiet, RID);
      assert.equal(r.brokenAt, undefined, formatTrace(r));
      assert.ok(r.missing.some((m) => m.startsWith('delivery (not logged')));
    } finally {
      fs.rmSync(quiet, { recursive: true, force: true });
    }
  });

  it('follows a GET by its nocache value', async () => {
    const r = await trace(dir, '1366756805180');
    assert.equal(r.kind, 'nocache');
    assert.equal(r.brokenAt, undefined, formatTrace(r));
    assert.deepEqual(
      r.hops.map((h) => h.step),
      ['client request', 'access log', 'REQUEST_START', 'API_REQUEST', 'REQUEST_END', 'client response'],
    );
  });

  it('names the hop where a chain broke', async () => {
    assert.equal(
      (await trace(dir, NO_EVENT)).brokenAt,
      'CTI answered no AGENT_STATE_EVENT (invoke 21 was confirmed)',
    );
    const offline = await trace(dir, OFFLINE);
    assert.equal(offline.brokenAt, 'published but never delivered: no session (store offline)');
    assert.ok(offline.hops.some((h) => h.step === 'store offline'));
    const noEnd = await trace(dir, NO_END);
    assert.match(noEnd.brokenAt ?? '', /^request never completed: no REQUEST_END on thread http-8082-7-\d+$/);
    assert.equal(
      (await trace(dir, NO_CTI)).brokenAt,
      'the API accepted the request but sent nothing to the CTI server',
    );
    const rejected = await trace(dir, REJECTED);
    assert.equal(rejected.brokenAt, 'the CTI server rejected invoke 23: FailureConf');
    assert.ok(rejected.hops.some((h) => h.step === 'CTI FAILURE'));
    assert.equal(
      (await trace(dir, UNDELIVERED)).brokenAt,
      'published but never delivered: no delivery to a session of 2001 in the notification logs',
    );
  });

  it("gives an agent's timeline of requests, presence and sessions", async () => {
    const r = await trace(dir, '2001');
    assert.equal(r.kind, 'agent');
    const steps = new Set(r.hops.map((h) => h.step));
    for (const s of ['request', 'presence', 'cti', 'publish', 'session']) assert.ok(steps.has(s), s);
    assert.ok(r.hops.every((h) => !h.text.includes('2002@')));
  });

  it("gives a dialog's timeline from the lines that name it", async () => {
    const r = await trace(dir, '16777245');
    assert.equal(r.kind, 'dialog');
    assert.deepEqual(
      r.hops.map((h) => h.step),
      ['access', 'REQUEST_START', 'API_REQUEST', 'XMPP_PUBLISH_ASYNCHRONOUS'],
    );
  });

  it('respects the --from/--to window and says when nothing matches', async () => {
    const t0 = (await trace(dir, RID)).hops[0].time ?? 0;
    const r = await trace(dir, RID, { from: t0 + 3_600_000 });
    assert.equal(r.kind, 'unknown');
    assert.match(r.brokenAt ?? '', /no request/);
    assert.match(formatTrace(await trace(dir, RID)), /complete: every hop is in the logs/);
  });
});
