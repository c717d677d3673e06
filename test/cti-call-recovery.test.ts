/**
 * Calls rebuilt from the CTI server's snapshots (#15, "the CTI side of failover"): a call that
 * begins while the CTI link is down appears on the desktop once the link is back, and is usable;
 * a restart of the CTI service (the PBX keeps its calls) brings the call back on the desktop; a
 * node that starts while a call is up shows it. Real TCP, the simulator, a Strophe.js desktop.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CtiSimulator } from '../src/cti/index.ts';
import { formatTrace, trace } from '../src/logs/index.ts';
import { parseXml } from '../src/xml/index.ts';
import type { CuttableProxy } from './support/cti.ts';
import { type PubsubEvent, type StropheSession, signOnStrophe } from './support/strophe.ts';
import {
  basic,
  putAccepted,
  type SystemBehindProxy,
  startSystemBehindProxy,
  startTestSystem,
  type TestSystem,
} from './support/system.ts';
import { until } from './support/until.ts';

describe('calls rebuilt from CTI snapshots', () => {
  let simulator: CtiSimulator;
  let proxy: CuttableProxy;
  let sys: TestSystem;
  let cut: SystemBehindProxy;
  let desktop: StropheSession;

  before(async () => {
    cut = await startSystemBehindProxy();
    ({ simulator, proxy, sys } = cut);
    desktop = await signOnStrophe(sys.bosh, '2001@localhost/desktop', '2001');
    const user = '/finesse/api/User/2001';
    await putAccepted(
      sys,
      '2001',
      user,
      '<User><state>LOGIN</state><extension>2003</extension></User>',
      'l1',
      desktop,
    );
    await putAccepted(sys, '2001', user, '<User><state>READY</state></User>', 'r1', desktop);
  });
  after(async () => {
    await desktop?.disconnect().catch(() => {});
    await cut?.stop();
  });

  const isDialogs = (e: PubsubEvent) => e.node === '/finesse/api/User/2001/Dialogs';
  const since = (mark: number, pred: (e: PubsubEvent) => boolean) => (e: PubsubEvent) =>
    desktop.events.indexOf(e) >= mark && pred(e);
  const systemInfo = (status: string) => (e: PubsubEvent) =>
    e.node === '/finesse/api/SystemInfo' && e.payload.includes(`<status>${status}</status>`);
  /** `id STATE | party STATE …` of each dialog a payload (`<Dialog>` in a POST, `<dialog>` in a PUT) names. */
  const dialogsIn = (xml: string) =>
    [...xml.matchAll(/<[Dd]ialog>(.*?)<\/[Dd]ialog>/gs)].map(([, d]) =>
      [
        `${/<id>([^<]*)<\/id>/.exec(d)?.[1]} ${/<\/participants>.*?<state>([A-Z_]+)<\/state>/s.exec(d)?.[1]}`,
        ...[
          ...d.matchAll(
            /<Participant>.*?<mediaAddress>([^<]*)<\/mediaAddress>.*?<state>([A-Z_]+)<\/state>/gs,
          ),
        ].map(([, address, state]) => `${address} ${state}`),
      ].join(' | '),
    );
  const act = (dialogId: string, action: string, requestId: string) =>
    putAccepted(
      sys,
      '2001',
      `/finesse/api/Dialog/${dialogId}`,
      `<Dialog><targetMediaAddress>2003</targetMediaAddress><requestedAction>${action}</requestedAction></Dialog>`,
      requestId,
      desktop,
    );
  const dialogUpdate = (requestId: string) =>
    desktop.waitForEvent((e) => isDialogs(e) && e.payload.includes(`<requestId>${requestId}</requestId>`));

  it('a call that began while the link was cut appears once it is back, with its variables, and can be answered, held and dropped', async () => {
    let mark = desktop.events.length;
    proxy.cut();
    await desktop.waitForEvent(since(mark, systemInfo('OUT_OF_SERVICE')));
    // Routed to 2001 while Switchboard hears nothing of it.
    const placed = simulator.injectCall({
      dnis: '8000',
      ani: '5551234',
      callVariable1: 'acct=42',
      namedVariables: [{ name: 'user.lang', value: 'de' }],
    });
    assert.ok(placed.ok && placed.call);
    const callId = String(placed.call.callId);

    mark = desktop.events.length;
    proxy.restore();
    const post = await desktop.waitForEvent(
      since(mark, (e) => isDialogs(e) && e.payload.includes('<event>POST</event>')),
      10_000,
    );
    assert.deepEqual(dialogsIn(post.payload), [`${callId} ALERTING | 5551234 ACTIVE | 2003 ALERTING`]);
    assert.match(post.payload, /<name>callVariable1<\/name>\s*<value>acct=42<\/value>/);
    assert.match(post.payload, /<name>user\.lang<\/name>\s*<value>de<\/value>/);
    assert.match(post.payload, /<callType>PREROUTE_ACD_IN<\/callType>/);
    assert.match(post.payload, /<fromAddress>5551234<\/fromAddress>/);

    await act(callId, 'ANSWER', 'answer-1');
    assert.deepEqual(dialogsIn((await dialogUpdate('answer-1')).payload), [
      `${callId} ACTIVE | 5551234 ACTIVE | 2003 ACTIVE`,
    ]);
    await act(callId, 'HOLD', 'hold-1');
    assert.deepEqual(dialogsIn((await dialogUpdate('hold-1')).payload), [
      `${callId} ACTIVE | 5551234 ACTIVE | 2003 HELD`,
    ]);
    mark = desktop.events.length;
    const drop = await sys.api(`/finesse/api/Dialog/${callId}`, {
      method: 'PUT',
      auth: basic('2001'),
      headers: { requestId: 'drop-1' },
      body: '<Dialog><targetMediaAddress>2003</targetMediaAddress><requestedAction>DROP</requestedAction></Dialog>',
    });
    assert.equal(drop.status, 202);
    await desktop.waitForEvent(
      since(mark, (e) => isDialogs(e) && e.payload.includes('<event>DELETE</event>')),
    );
    assert.equal(simulator.calls.get(Number(callId)), undefined, 'the CTI server ended the call');

    // The CTI log shows the recovery's requests, each with its invoke id.
    const logs = await sys.logs();
    for (const name of ['SnapshotDeviceReq', 'SnapshotCallReq'])
      assert.match(logs.webservices, new RegExp(`MESSAGE_TO_CTI_SERVER.*cti_message_name=${name}`));
    assert.match(logs.cti, new RegExp(`SEND SnapshotCallReq invokeId=\\d+ .*connectionCallId=${callId}`));
    // `switchboard trace <dialog id>` follows the call from the snapshots that rebuilt it.
    const r = await trace(sys.sb.config.logDir, callId);
    const hops = r.hops.map((h) => `${h.step}: ${h.summary}`);
    const at = (pattern: RegExp) => hops.findIndex((h) => pattern.test(h));
    // (A request and the CONF before it may share a millisecond: the trace lists the request first.)
    const order = [
      /^CONF: from CTI: SnapshotDeviceConf/,
      /^CONF: from CTI: SnapshotCallConf/,
      new RegExp(`^XMPP_PUBLISH_ASYNCHRONOUS: .*dialog ${callId} ALERTING \\(POST\\)`),
    ].map(at);
    assert.ok(at(/^MESSAGE_TO_CTI_SERVER: to CTI: SnapshotCallReq/) >= 0, formatTrace(r));
    assert.equal(r.brokenAt, undefined, formatTrace(r));
    assert.ok(
      order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1])),
      formatTrace(r),
    );
  });

  it('the CTI service restarts mid-call: the call is back on the desktop and usable', async () => {
    await putAccepted(
      sys,
      '2001',
      '/finesse/api/User/2001',
      '<User><state>READY</state></User>',
      'r2',
      desktop,
    );
    let mark = desktop.events.length;
    const placed = simulator.injectCall({ dnis: '8000', ani: '5550111', callVariable2: 'gold' });
    assert.ok(placed.ok && placed.call);
    const callId = String(placed.call.callId);
    await desktop.waitForEvent(since(mark, (e) => isDialogs(e) && e.payload.includes('<event>POST</event>')));
    await act(callId, 'ANSWER', 'answer-2');

    mark = desktop.events.length;
    assert.deepEqual(simulator.restartService(300), { sessionsClosed: 1 });
    await desktop.waitForEvent(since(mark, systemInfo('OUT_OF_SERVICE')));
    const up = await desktop.waitForEvent(since(mark, systemInfo('IN_SERVICE')), 10_000);
    const back = await desktop.waitForEvent(
      since(desktop.events.indexOf(up), (e) => isDialogs(e) && e.payload.includes(`<id>${callId}</id>`)),
      10_000,
    );
    assert.deepEqual(dialogsIn(back.payload), [`${callId} ACTIVE | 5550111 ACTIVE | 2003 ACTIVE`]);
    assert.match(back.payload, /<name>callVariable2<\/name>\s*<value>gold<\/value>/);

    await act(callId, 'HOLD', 'hold-2');
    assert.deepEqual(dialogsIn((await dialogUpdate('hold-2')).payload), [
      `${callId} ACTIVE | 5550111 ACTIVE | 2003 HELD`,
    ]);
  });

  it('a node that starts while the call is up shows it', async () => {
    const [call] = simulator.calls.list();
    assert.ok(call, 'the call of the previous test is still up');
    const nodeB = await startTestSystem((c) => {
      c.cti.simulator = false;
      c.cti.sides = [{ host: '127.0.0.1', port: simulator.port }];
    });
    try {
      const dialogs = async () => {
        const res = await nodeB.api('/finesse/api/User/2001/Dialogs', { auth: basic('2001') });
        return dialogsIn(await res.text());
      };
      await until('the recovered dialog', async () => (await dialogs()).length > 0);
      assert.deepEqual(await dialogs(), [`${call.id} ACTIVE | 5550111 ACTIVE | 2003 HELD`]);
      const user = parseXml(
        await (await nodeB.api('/finesse/api/User/2001', { auth: basic('2001') })).text(),
      );
      assert.ok(user.ok);
      assert.equal(user.root.getChildText('state'), 'HOLD');
      assert.equal(user.root.getChildText('extension'), '2003');
    } finally {
      await nodeB.stop();
    }
    assert.ok(simulator.dropCall(call.id).ok);
  });
});
