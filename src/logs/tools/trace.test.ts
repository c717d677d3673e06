import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createScenario,
  DAY,
  DOMAIN,
  deliver,
  jidOf,
  publish,
  restRequest,
  type Scenario,
  setAgentState,
  storeOffline,
} from './fixtures.ts';
import {
  answerCall,
  type Call,
  callEvent,
  deliverDialog,
  dialogRequest,
  dialogUpdate,
  publishDialog,
  routeCall,
} from './fixtures-call.ts';
import { boshPoll, boshSignIn } from './fixtures-presence.ts';
import { formatTrace, type TraceResult, trace } from './index.ts';

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

  it('follows a Dialog request with no CTI log lines of its own to its publish', async () => {
    const r = await trace(dir, '16777245');
    assert.equal(r.kind, 'dialog');
    assert.deepEqual(
      r.hops.map((h) => h.step),
      ['access log', 'REQUEST_START', 'API_REQUEST', 'REQUEST_END', 'XMPP_PUBLISH_ASYNCHRONOUS'],
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

const CALL: Call = { callId: 16777217, agent: '2001', ext: '2003' };
const ANSWER = 'c0ffee00-0000-4000-8000-0000000a5e01';
const HOLD = 'c0ffee00-0000-4000-8000-0000000a5e02';

describe('trace of a routed call', () => {
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-trace-call-'));
    const s = createScenario(dir);
    boshSignIn(s, '2001', 'f382a015');
    boshSignIn(s, '2002', 'a1b2c3d4');
    s.step(1000);
    // Noise: another agent's call, and 2001's User updates on the other node.
    routeCall(s, { callId: 16777216, agent: '2002', ext: '2004' }, 'a1b2c3d4');
    routeCall(s, CALL, 'f382a015');
    publish(s, '2001', 'RESERVED');
    s.step(2000);
    dialogRequest(s, CALL, answerCall(ANSWER, { sid: 'f382a015' }));
    s.step(5000);
    dialogRequest(s, CALL, {
      requestId: HOLD,
      action: 'HOLD',
      invoke: 32,
      req: 'HoldCallReq',
      event: 'CALL_HELD_EVENT',
      state: 'ACTIVE',
      sid: 'f382a015',
    });
    await s.flush();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("follows a Dialog PUT's requestId through the CTI call chain to the desktop", async () => {
    const r = await trace(dir, ANSWER);
    assert.equal(r.kind, 'requestId');
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
        'CALL_EVENT',
        'XMPP_PUBLISH_ASYNCHRONOUS',
        'delivery',
        'BOSH sent',
        'client received',
      ],
      formatTrace(r),
    );
    const summary = (step: string) => r.hops.filter((h) => h.step === step).map((h) => h.summary);
    assert.match(summary('MESSAGE_TO_CTI_SERVER')[0], /AnswerCallReq invoke 31 call 16777217/);
    assert.match(summary('CALL_EVENT')[0], /CallEstablishedEvent call 16777217/);
    assert.match(summary('CTI server')[0], /CALL_ESTABLISHED_EVENT CallID=16777217/);
    assert.match(summary('XMPP_PUBLISH_ASYNCHRONOUS')[0], /Dialogs: dialog 16777217 ACTIVE \(PUT\)/);
    assert.equal(r.hops.find((h) => h.step === 'BOSH sent')?.tookMs, 40);
  });

  it('follows the call by its dialog id: routing, the POST, and every request on it, in causal order', async () => {
    const r = await trace(dir, '16777217');
    assert.equal(r.kind, 'dialog');
    assert.equal(r.agentId, '2001');
    assert.equal(r.brokenAt, undefined, formatTrace(r));
    const steps = r.hops.map((h) => `${h.step}: ${h.summary}`);
    const routing = [
      /^CTI server: .*BEGIN_CALL_EVENT CallID=16777217/,
      /^CTI RECV: RECV BeginCallEvent/,
      /^CALL_EVENT: from CTI: BeginCallEvent call 16777217/,
      /^CTI RECV: RECV CallDeliveredEvent/,
      /^CALL_EVENT: from CTI: CallDeliveredEvent/,
      /^XMPP_PUBLISH_ASYNCHRONOUS: .*dialog 16777217 ALERTING \(POST\)$/,
      /^delivery: delivered \/finesse\/api\/User\/2001\/Dialogs to 2001@/,
      /^BOSH sent: /,
    ];
    const answer = [
      /^client request: /,
      /^access log: PUT \/finesse\/api\/Dialog\/16777217/,
      /^REQUEST_START: PUT \/Dialog\/16777217/,
      /^API_REQUEST: dialog.PUT Dialog\/16777217 \[requestedAction:ANSWER/,
      /^MESSAGE_TO_CTI_SERVER: to CTI: AnswerCallReq invoke 31/,
      /^CTI SEND: SEND AnswerCallReq/,
      /^CONF: from CTI: AnswerCallConf invoke 31/,
      /^CALL_EVENT: from CTI: CallEstablishedEvent/,
      /^XMPP_PUBLISH_ASYNCHRONOUS: .*ACTIVE \(PUT\) requestId c0ffee00-0000-4000-8000-0000000a5e01/,
      /^delivery: /,
      /^BOSH sent: /,
      /^client received: /,
      /^API_REQUEST: .*requestedAction:HOLD/,
      /^CALL_EVENT: from CTI: CallHeldEvent/,
      /^XMPP_PUBLISH_ASYNCHRONOUS: .*requestId c0ffee00-0000-4000-8000-0000000a5e02/,
      /^client received: /,
    ];
    let at = -1;
    for (const want of [...routing, ...answer]) {
      const i = steps.findIndex((s, k) => k > at && want.test(s));
      assert.ok(i > at, `${want} after hop ${at} in:\n${steps.join('\n')}`);
      at = i;
    }
    // The CTI server sends both routing events in one millisecond: each before cti.log has it.
    const index = (re: RegExp) => steps.findIndex((s) => re.test(s));
    assert.ok(index(/^CTI server: .*CALL_DELIVERED_EVENT/) < index(/^CTI RECV: RECV CallDeliveredEvent/));
    // Nothing of the other agent's call; every timed hop in time order.
    assert.ok(
      r.hops.every((h) => !h.text.includes('16777216') && !h.text.includes('2002@')),
      formatTrace(r),
    );
    const times = r.hops.map((h) => h.time ?? 0);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
    assert.match(formatTrace(r), /call \(dialog id\), agent 2001/);
  });

  it('names the hop where a call broke', async () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-trace-call-broken-'));
    try {
      const s = createScenario(broken);
      boshSignIn(s, '2001', 'f382a015');
      // Routed, but core never published the Dialog.
      callEvent(s, { ...CALL, callId: 16777301 }, 'BEGIN_CALL_EVENT');
      callEvent(s, { ...CALL, callId: 16777301 }, 'CALL_DELIVERED_EVENT');
      s.step(60_000);
      // Published, but no session took it.
      const c2 = { ...CALL, callId: 16777302 };
      routeCallUndelivered(s, c2);
      s.step(60_000);
      // Answered, and the CTI server never confirmed.
      const c3 = { ...CALL, callId: 16777303 };
      routeCall(s, c3, 'f382a015');
      dialogRequest(s, c3, answerCall('answer-unconfirmed', { invoke: 40, event: 'none', conf: 'none' }));
      await s.flush();
      assert.equal(
        (await trace(broken, '16777301')).brokenAt,
        'the CTI server reported call 16777301 but no update of dialog 16777301 was published',
      );
      assert.equal(
        (await trace(broken, '16777302')).brokenAt,
        'the POST update to /finesse/api/User/2001/Dialogs: published but never delivered: no session (store offline)',
      );
      const unconfirmed = await trace(broken, '16777303');
      assert.equal(
        unconfirmed.brokenAt,
        'request answer-unconfirmed: the CTI server never answered invoke 40',
        formatTrace(unconfirmed),
      );
      assert.equal(
        (await trace(broken, 'answer-unconfirmed')).brokenAt,
        'the CTI server never answered invoke 40',
      );
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });

  it("follows a consult's dialog id (`<callId>-<device>`) to the CTI lines of its call id", async () => {
    const consult = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-trace-consult-'));
    try {
      const s = createScenario(consult);
      boshSignIn(s, '2001', 'f382a015');
      const c = { ...CALL, callId: 16777400 };
      callEvent(s, c, 'BEGIN_CALL_EVENT');
      s.step(1);
      s.logs.webservices.info(
        'pool-5-thread-8',
        'XMPP_PUBLISH_ASYNCHRONOUS',
        [
          ['NodeId', '/finesse/api/User/2001/Dialogs'],
          ['Payload', dialogUpdate(c, 'INITIATED', 'POST').replaceAll('16777400<', '16777400-2003<')],
        ],
        'Publishing XMPP Message Asynchronously',
      );
      // The debug log goes on past the publish: it would show the BOSH response, had there been one.
      s.step(1000);
      boshPoll(s, 'f382a015', 1003);
      await s.flush();
      const r = await trace(consult, '16777400-2003');
      assert.equal(r.kind, 'dialog');
      assert.deepEqual(
        r.hops.map((h) => h.step),
        ['CTI server', 'CTI RECV', 'CALL_EVENT', 'XMPP_PUBLISH_ASYNCHRONOUS'],
        formatTrace(r),
      );
      assert.equal(
        r.brokenAt,
        'the POST update to /finesse/api/User/2001/Dialogs: published but never delivered: no delivery to a session of 2001 in the notification logs',
      );
    } finally {
      fs.rmSync(consult, { recursive: true, force: true });
    }
  });
});

/** The Dialog POST published while the agent has no session: stored offline. */
function routeCallUndelivered(s: Scenario, c: Call): void {
  callEvent(s, c, 'BEGIN_CALL_EVENT');
  callEvent(s, c, 'CALL_DELIVERED_EVENT');
  publishDialog(s, c, 'ALERTING', 'POST');
  s.step(1);
  const node = `/finesse/api/User/${c.agent}/Dialogs`;
  const escaped = dialogUpdate(c, 'ALERTING', 'POST').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  s.logs.notifyDebug.write(
    `Unable to route packet. No session is available so store offline. <message from="pubsub.${DOMAIN}" to="${c.agent}@${DOMAIN}" id="${node}__${c.agent}@${DOMAIN}__a1"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="${node}"><item id="i9"><notification xmlns="http://jabber.org/protocol/pubsub">${escaped}</notification></item></items></event></message>`,
  );
}

describe('trace, when one BOSH response carries two items', () => {
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-trace-two-items-'));
    const s = createScenario(dir);
    boshSignIn(s, '2001', 'f382a015');
    s.step(1000);
    routeCall(s, CALL, 'f382a015');
    s.step(2000);
    dialogRequest(s, CALL, answerCall(ANSWER));
    // The desktop held no request when the call event's two updates were published: the next
    // one took both, the agent's User (TALKING, no requestId) first.
    deliverDialog(s, CALL, 'f382a015', 'ACTIVE', 'PUT', ANSWER, { userState: 'TALKING' });
    await s.flush();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds the response that carried the item, whatever went out before it', async () => {
    const r = await trace(dir, ANSWER);
    assert.equal(r.brokenAt, undefined, formatTrace(r));
    const steps = r.hops.map((h) => h.step);
    const sent = r.hops[steps.indexOf('delivery') + 1];
    assert.equal(sent?.step, 'BOSH sent', formatTrace(r));
    assert.match(
      sent.summary,
      /^sent \/finesse\/api\/User\/2001, \/finesse\/api\/User\/2001\/Dialogs to 2001@/,
    );
  });
});

describe('trace, when the clock ticks between a publish and its delivery', () => {
  /**
   * Agent 2001's READY request in a fresh log folder, up to its AGENT_STATE_EVENT; `script` writes
   * the publishes and deliveries, then the trace of the request is checked and the folder removed.
   */
  async function traced(
    requestId: string,
    script: (s: Scenario, delivered: (item: string) => void) => void,
  ): Promise<TraceResult> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-trace-tick-'));
    try {
      const s = createScenario(dir, DAY, false);
      restRequest(s, { agent: '2001', method: 'PUT', resource: '/User/2001', requestId, client: false });
      setAgentState(s, '2001', '2003', 31, 3, { event: 'READY' });
      script(s, (item) =>
        s.logs.notifyInfo.write(
          `Delivered item ${item} of node /finesse/api/User/2001 to ${jidOf('2001')} (sid=s1)`,
        ),
      );
      await s.flush();
      const r = await trace(dir, requestId);
      assert.equal(r.brokenAt, undefined, formatTrace(r));
      return r;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it("counts a delivery stamped in the next publish's millisecond as this one's when that millisecond has one to spare", async () => {
    const FIRST = '7d0c6a51-tick-first';
    const r = await traced(FIRST, (s, delivered) => {
      publish(s, '2001', 'READY', FIRST);
      // The next update is published one millisecond later, and both deliveries are stamped then.
      publish(s, '2001', 'NOT_READY', '7d0c6a51-tick-second');
      delivered('first-item');
      delivered('second-item');
    });
    assert.ok(
      r.hops.some((h) => h.step === 'delivery'),
      formatTrace(r),
    );
  });

  it("takes the first delivery stamped in the next publish's millisecond when that publish's own came a millisecond later (seen in CI)", async () => {
    const FIRST = '7d0c6a51-tick-drop';
    const r = await traced(FIRST, (s, delivered) => {
      publish(s, '2001', 'READY', FIRST); // t
      publish(s, '2001', 'NOT_READY'); // t + 1
      delivered('first-item'); // t + 1: the first publish's
      s.step(1);
      delivered('second-item'); // t + 2: the second's
      publish(s, '2001', 'READY'); // t + 3
      delivered('third-item');
    });
    const hops = r.hops.filter((h) => h.step === 'delivery');
    assert.equal(hops.length, 1, formatTrace(r));
    assert.match(hops[0].text, /first-item/, formatTrace(r));
  });
});
