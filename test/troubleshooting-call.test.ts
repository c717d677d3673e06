/**
 * The troubleshooting tools on a routed call the running system handled: the ACD (the in-process
 * CTI simulator, driven through its admin API as `curl -X POST …/calls` does) routes a caller to
 * the only Ready agent, the desktop (Strophe.js over BOSH) answers with a Dialog PUT carrying a
 * requestId; then `trace` rebuilds the hops from the logs the system wrote — by requestId and by
 * dialog id — and `diagnose` finds nothing wrong.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { diagnose, formatTrace, type TraceResult, trace } from '../src/logs/index.ts';
import { type StropheSession, signOnStrophe } from './support/strophe.ts';
import { putAccepted, startTestSystem, type TestSystem } from './support/system.ts';

const ANSWER = '5e1c0a7d-3b1f-4c62-9d0e-troubleshoot1';

/** Each pattern matches a later hop than the one before (`step: summary`). */
function assertInOrder(r: TraceResult, patterns: RegExp[]): void {
  const hops = r.hops.map((h) => `${h.step}: ${h.summary}`);
  let at = -1;
  for (const p of patterns) {
    const i = hops.findIndex((h, k) => k > at && p.test(h));
    assert.ok(i > at, `no hop ${p} after hop ${at}:\n${formatTrace(r)}`);
    at = i;
  }
  const times = r.hops.map((h) => h.time ?? 0);
  assert.deepEqual(
    times,
    [...times].sort((a, b) => a - b),
    'hops in time order',
  );
  assert.ok(
    r.hops.slice(1).every((h) => h.tookMs !== undefined && h.tookMs >= 0),
    'each hop says what it took',
  );
}

describe('trace and diagnose a routed call', () => {
  let sys: TestSystem;
  let desktop: StropheSession;
  let dialogId = '';

  before(async () => {
    sys = await startTestSystem((c) => {
      c.notifyDebug = true;
    });
    desktop = await signOnStrophe(sys.bosh, '2001@localhost/desktop', '2001');
    const put = (path: string, body: string, requestId: string) =>
      putAccepted(sys, '2001', path, body, requestId, desktop);
    await put(
      '/finesse/api/User/2001',
      '<User><state>LOGIN</state><extension>2003</extension></User>',
      'login',
    );
    await put('/finesse/api/User/2001', '<User><state>READY</state></User>', 'ready');

    const placed = await sys.simAdmin('/calls', 'POST', { dnis: '8000', ani: '5551234' });
    assert.equal(placed.status, 201, await placed.text());
    const routed = await desktop.waitForEvent(
      (e) => e.node === '/finesse/api/User/2001/Dialogs' && e.payload.includes('<event>POST</event>'),
    );
    dialogId = /<Dialog>.*?<id>([^<]+)<\/id>/.exec(routed.payload)?.[1] ?? '';
    assert.ok(dialogId, routed.payload);
    await put(
      `/finesse/api/Dialog/${dialogId}`,
      '<Dialog><targetMediaAddress>2003</targetMediaAddress><requestedAction>ANSWER</requestedAction></Dialog>',
      ANSWER,
    );
    await sys.sb.logs.flush();
  });
  after(async () => {
    await desktop?.disconnect().catch(() => {});
    await sys?.stop();
  });

  it("rebuilds the answer's requestId chain: REST, CTI request, CONF, call event, publish, delivery", async () => {
    const r = await trace(sys.sb.config.logDir, ANSWER);
    assert.equal(r.kind, 'requestId');
    assert.equal(r.agentId, '2001');
    assert.equal(r.brokenAt, undefined, formatTrace(r));
    assertInOrder(r, [
      new RegExp(`^REQUEST_START: PUT /Dialog/${dialogId} user 2001`),
      /^API_REQUEST: dialog.PUT .*requestedAction:ANSWER/,
      new RegExp(`^MESSAGE_TO_CTI_SERVER: to CTI: AnswerCallReq invoke \\d+ call ${dialogId}`),
      /^CTI SEND: SEND AnswerCallReq/,
      new RegExp(`^CTI server: Trace: CALL_EVENT: Type=CALL_ESTABLISHED_EVENT CallID=${dialogId}`),
      /^CTI RECV: RECV AnswerCallConf/,
      /^CONF: from CTI: AnswerCallConf/,
      /^CTI RECV: RECV CallEstablishedEvent/,
      /^CALL_EVENT: from CTI: CallEstablishedEvent/,
      new RegExp(
        `^XMPP_PUBLISH_ASYNCHRONOUS: .*Dialogs: dialog ${dialogId} ACTIVE \\(PUT\\) requestId ${ANSWER}`,
      ),
      /^delivery: delivered \/finesse\/api\/User\/2001\/Dialogs to 2001@localhost\/desktop/,
      // (The response may carry the agent's User update too, queued with it: both are named.)
      /^BOSH sent: sent (\S+, )?\/finesse\/api\/User\/2001\/Dialogs(, \S+)? to 2001@localhost\/desktop over BOSH session/,
    ]);
    assert.ok(r.hops.some((h) => h.step === 'access log' && h.summary.includes(`/Dialog/${dialogId}`)));
  });

  it('rebuilds the call by its dialog id: routing, the Dialog POST, its delivery, then the answer', async () => {
    const r = await trace(sys.sb.config.logDir, dialogId);
    assert.equal(r.kind, 'dialog');
    assert.equal(r.brokenAt, undefined, formatTrace(r));
    assertInOrder(r, [
      new RegExp(`^CTI server: Trace: CALL_EVENT: Type=BEGIN_CALL_EVENT CallID=${dialogId}`),
      // Two messages of one millisecond: each is received before it is decoded, but the logs
      // cannot tell whether BEGIN_CALL's decode came before DELIVERED's receipt.
      /^CTI RECV: RECV BeginCallEvent/,
      /^CTI RECV: RECV CallDeliveredEvent/,
      /^CALL_EVENT: from CTI: CallDeliveredEvent/,
      new RegExp(`^XMPP_PUBLISH_ASYNCHRONOUS: .*dialog ${dialogId} ALERTING \\(POST\\)$`),
      /^delivery: delivered \/finesse\/api\/User\/2001\/Dialogs to 2001@localhost\/desktop/,
      // (The response may carry the agent's User update too, queued with it: both are named.)
      /^BOSH sent: sent (\S+, )?\/finesse\/api\/User\/2001\/Dialogs(, \S+)? to 2001@localhost\/desktop over BOSH session/,
      /^API_REQUEST: dialog.PUT .*requestedAction:ANSWER/,
      /^MESSAGE_TO_CTI_SERVER: to CTI: AnswerCallReq/,
      /^CONF: from CTI: AnswerCallConf/,
      /^CALL_EVENT: from CTI: CallEstablishedEvent/,
      new RegExp(`^XMPP_PUBLISH_ASYNCHRONOUS: .*ACTIVE \\(PUT\\) requestId ${ANSWER}`),
      /^delivery: /,
      /^BOSH sent: /,
    ]);
    assertInOrder(r, [/^CTI RECV: RECV BeginCallEvent/, /^CALL_EVENT: from CTI: BeginCallEvent/]);
  });

  it('diagnose finds no disconnect in a healthy call', async () => {
    const d = await diagnose(sys.sb.config.logDir);
    assert.equal(d.classification, 'none', JSON.stringify(d.incidents, null, 1));
    assert.deepEqual(d.disconnects, []);
  });
});

describe('trace a transferred call across its consult call', () => {
  let sys: TestSystem;
  const desktops: StropheSession[] = [];
  let callId = '';
  let consultId = '';

  before(async () => {
    sys = await startTestSystem();
    const agent = async (id: string) => {
      const d = await signOnStrophe(sys.bosh, `${id}@localhost/desktop`, id);
      desktops.push(d);
      return d;
    };
    const put = (who: string, d: StropheSession, path: string, body: string, requestId: string) =>
      putAccepted(sys, who, path, body, requestId, d);
    const a = await agent('2001');
    const b = await agent('2002');
    for (const [who, d, ext] of [
      ['2001', a, '2003'],
      ['2002', b, '3002'],
    ] as const) {
      const user = `/finesse/api/User/${who}`;
      await put(
        who,
        d,
        user,
        `<User><state>LOGIN</state><extension>${ext}</extension></User>`,
        `${who}-login`,
      );
    }
    // Only 2001 is Ready: the ACD routes the caller to it.
    await put('2001', a, '/finesse/api/User/2001', '<User><state>READY</state></User>', '2001-ready');
    const placed = await sys.simAdmin('/calls', 'POST', { dnis: '8000', ani: '5551234' });
    assert.equal(placed.status, 201, await placed.text());
    const routed = await a.waitForEvent(
      (e) => e.node === '/finesse/api/User/2001/Dialogs' && e.payload.includes('<event>POST</event>'),
    );
    callId = /<Dialog>.*?<id>([^<]+)<\/id>/.exec(routed.payload)?.[1] ?? '';
    const action = (body: string) => `<Dialog>${body}</Dialog>`;
    await put(
      '2001',
      a,
      `/finesse/api/Dialog/${callId}`,
      action('<targetMediaAddress>2003</targetMediaAddress><requestedAction>ANSWER</requestedAction>'),
      'x-answer',
    );
    await put(
      '2001',
      a,
      `/finesse/api/Dialog/${callId}`,
      action(
        '<targetMediaAddress>2003</targetMediaAddress><requestedAction>CONSULT_CALL</requestedAction><toAddress>3002</toAddress>',
      ),
      'x-consult',
    );
    const ringing = await b.waitForEvent(
      (e) => e.node === '/finesse/api/User/2002/Dialogs' && e.payload.includes('<event>POST</event>'),
    );
    consultId = /<Dialog>.*?<id>([^<]+)<\/id>/.exec(ringing.payload)?.[1] ?? '';
    assert.ok(consultId && consultId !== callId, ringing.payload);
    await put(
      '2002',
      b,
      `/finesse/api/Dialog/${consultId}`,
      action('<targetMediaAddress>3002</targetMediaAddress><requestedAction>ANSWER</requestedAction>'),
      'x-consult-answer',
    );
    await put(
      '2001',
      a,
      `/finesse/api/Dialog/${callId}`,
      action('<targetMediaAddress>2003</targetMediaAddress><requestedAction>TRANSFER</requestedAction>'),
      'x-transfer',
    );
    // 2002 is told too: the consult dialog goes, the caller's call comes.
    await b.waitForEvent(
      (e) => e.node === '/finesse/api/User/2002/Dialogs' && e.payload.includes(`<id>${callId}</id>`),
    );
    await sys.sb.logs.flush();
  });
  after(async () => {
    for (const d of desktops) await d.disconnect().catch(() => {});
    await sys?.stop();
  });

  it("the call's dialog id brings the consult call along: its ringing, its answer by 2002, the transfer", async () => {
    const r = await trace(sys.sb.config.logDir, callId);
    assert.equal(r.kind, 'dialog');
    assert.equal(r.brokenAt, undefined, formatTrace(r));
    assertInOrder(r, [
      /^API_REQUEST: dialog.PUT .*requestedAction:ANSWER/,
      /^API_REQUEST: dialog.PUT .*requestedAction:CONSULT_CALL/,
      new RegExp(`^XMPP_PUBLISH_ASYNCHRONOUS: .*User/2002/Dialogs: dialog ${consultId} ALERTING \\(POST\\)`),
      new RegExp(`^API_REQUEST: dialog.PUT Dialog/${consultId} .*requestedAction:ANSWER`),
      /^API_REQUEST: dialog.PUT .*requestedAction:TRANSFER/,
      /^CALL_EVENT: from CTI: CallTransferredEvent/,
    ]);
    // The consult dialog's own updates are there, for both agents.
    for (const user of ['2001', '2002'])
      assert.ok(
        r.hops.some(
          (h) =>
            h.step === 'XMPP_PUBLISH_ASYNCHRONOUS' &&
            h.summary.includes(`User/${user}/Dialogs: dialog ${consultId}`),
        ),
        `no update of ${consultId} to ${user}:\n${formatTrace(r)}`,
      );
  });
});
