/**
 * The CTI link dies mid-call (cti-and-peers.md A.1: Finesse goes OUT_OF_SERVICE, answers 503,
 * reconnects and republishes the last states). A TCP proxy between the node and the simulator is
 * cut while an agent is talking; the CTI server itself keeps the call. Afterwards nothing may be
 * stuck: the call is there and usable after the reconnect and ends normally; and a call that
 * ended during the outage, its events lost, is gone after the reconnect, the agent free again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CtiSimulator } from '../src/cti/index.ts';
import { parseXml } from '../src/xml/index.ts';
import type { CuttableProxy } from './support/cti.ts';
import { type PubsubEvent, type StropheSession, signOnStrophe } from './support/strophe.ts';
import { basic, type SystemBehindProxy, startSystemBehindProxy, type TestSystem } from './support/system.ts';

const stateOf = (e: PubsubEvent) => /<state>([A-Z_]+)<\/state>/.exec(e.payload)?.[1];

describe('the CTI link lost mid-call', () => {
  let simulator: CtiSimulator;
  let proxy: CuttableProxy;
  let sys: TestSystem;
  let cut: SystemBehindProxy;
  let desktop: StropheSession;

  before(async () => {
    cut = await startSystemBehindProxy();
    ({ simulator, proxy, sys } = cut);
    desktop = await signOnStrophe(sys.bosh, '2001@localhost/desktop', '2001');
  });
  after(async () => {
    await desktop?.disconnect().catch(() => {});
    await cut?.stop();
  });

  const put = (path: string, body: string, requestId: string) =>
    sys.api(path, { method: 'PUT', auth: basic('2001'), headers: { requestId }, body });
  const getXml = async (path: string) => {
    const r = parseXml(await (await sys.api(path, { auth: basic('2001') })).text());
    assert.ok(r.ok);
    return r.root;
  };
  const isDialogs = (e: PubsubEvent) => e.node === '/finesse/api/User/2001/Dialogs';
  const isUser = (e: PubsubEvent) => e.node === '/finesse/api/User/2001';
  const since = (mark: number, pred: (e: PubsubEvent) => boolean) => (e: PubsubEvent) =>
    desktop.events.indexOf(e) >= mark && pred(e);

  /** Cuts the link and checks what desktops and REST clients see while it is down. */
  async function cutAndCheckOutOfService(dialogId: string): Promise<void> {
    const mark = desktop.events.length;
    proxy.cut();
    await desktop.waitForEvent(
      since(mark, (e) => e.node === '/finesse/api/SystemInfo' && e.payload.includes('OUT_OF_SERVICE')),
    );
    const refused = await sys.api('/finesse/api/User/2001', { auth: basic('2001') });
    assert.equal(refused.status, 503);
    const err = parseXml(await refused.text());
    assert.ok(err.ok);
    const apiError = err.root.getChild('ApiError');
    assert.equal(apiError?.getChildText('ErrorType'), 'Service Unavailable');
    assert.equal(apiError?.getChildText('ErrorMessage'), 'SERVER_OUT_OF_SERVICE');
    // A call-control request too: nothing is queued for a link that is not there.
    const hold = await put(
      `/finesse/api/Dialog/${dialogId}`,
      '<Dialog><targetMediaAddress>2003</targetMediaAddress><requestedAction>HOLD</requestedAction></Dialog>',
      'hold-while-down',
    );
    assert.equal(hold.status, 503);
    const info = await getXml('/finesse/api/SystemInfo');
    assert.equal(info.getChildText('status'), 'OUT_OF_SERVICE');
  }

  /** Restores the link; resolves with the index of the IN_SERVICE notification. */
  async function restoreAndWaitInService(): Promise<number> {
    const mark = desktop.events.length;
    proxy.restore();
    const up = await desktop.waitForEvent(
      since(mark, (e) => e.node === '/finesse/api/SystemInfo' && e.payload.includes('IN_SERVICE')),
      15_000,
    );
    assert.equal((await getXml('/finesse/api/SystemInfo')).getChildText('status'), 'IN_SERVICE');
    return desktop.events.indexOf(up);
  }

  async function routedAndAnswered(requestId: string): Promise<string> {
    const mark = desktop.events.length;
    assert.ok(simulator.injectCall({ dnis: '8000', ani: '5551234' }).ok);
    const post = await desktop.waitForEvent(
      since(mark, (e) => isDialogs(e) && e.payload.includes('<event>POST</event>')),
    );
    const dialogId = /<id>(\d+)<\/id>/.exec(post.payload)?.[1];
    assert.ok(dialogId);
    const answer = await put(
      `/finesse/api/Dialog/${dialogId}`,
      '<Dialog><targetMediaAddress>2003</targetMediaAddress><requestedAction>ANSWER</requestedAction></Dialog>',
      requestId,
    );
    assert.equal(answer.status, 202);
    await desktop.waitForEvent(since(mark, (e) => isUser(e) && stateOf(e) === 'TALKING'));
    return dialogId;
  }

  /** The User and its Dialogs as the REST API shows them now: state, and `id STATE [party STATE]…`. */
  async function snapshot() {
    const user = await getXml('/finesse/api/User/2001');
    const dialogs = await getXml('/finesse/api/User/2001/Dialogs');
    return {
      state: user.getChildText('state'),
      dialogs: dialogs
        .getChildren('Dialog')
        .map((d) =>
          [
            `${d.getChildText('id')} ${d.getChildText('state')}`,
            ...(d.getChild('participants')?.getChildren('Participant') ?? []).map(
              (p) => `${p.getChildText('mediaAddress')} ${p.getChildText('state')}`,
            ),
          ].join(' | '),
        ),
    };
  }

  it('mid-call: OUT_OF_SERVICE with 503s, back IN_SERVICE, the state republished, the call intact and usable', async () => {
    assert.equal(
      (
        await put(
          '/finesse/api/User/2001',
          '<User><state>LOGIN</state><extension>2003</extension></User>',
          'l1',
        )
      ).status,
      202,
    );
    await desktop.waitForEvent((e) => e.payload.includes('<requestId>l1</requestId>'));
    assert.equal(
      (await put('/finesse/api/User/2001', '<User><state>READY</state></User>', 'r1')).status,
      202,
    );
    await desktop.waitForEvent((e) => e.payload.includes('<requestId>r1</requestId>'));
    const dialogId = await routedAndAnswered('a1');

    await cutAndCheckOutOfService(dialogId);
    const upAt = await restoreAndWaitInService();

    // Republished from the CTI server's answer to the reconnect query, though nothing changed.
    const republished = await desktop.waitForEvent(since(upAt, isUser));
    assert.equal(stateOf(republished), 'TALKING');
    // The call snapshot after the reconnect: still the one call, both parties ACTIVE.
    assert.deepEqual(await snapshot(), {
      state: 'TALKING',
      dialogs: [`${dialogId} ACTIVE | 5551234 ACTIVE | 2003 ACTIVE`],
    });
    assert.equal(simulator.calls.get(Number(dialogId))?.connections.length, 2);

    // Call control works over the new session: HOLD and RETRIEVE, each answered with its requestId.
    for (const [action, state] of [
      ['HOLD', 'HELD'],
      ['RETRIEVE', 'ACTIVE'],
    ]) {
      const res = await put(
        `/finesse/api/Dialog/${dialogId}`,
        `<Dialog><targetMediaAddress>2003</targetMediaAddress><requestedAction>${action}</requestedAction></Dialog>`,
        `after-${action}`,
      );
      assert.equal(res.status, 202);
      const update = await desktop.waitForEvent((e) =>
        e.payload.includes(`<requestId>after-${action}</requestId>`),
      );
      assert.match(
        update.payload,
        new RegExp(`<mediaAddress>2003</mediaAddress>.*?<state>${state}</state>`, 's'),
      );
    }

    // The caller hangs up: the dialog goes away and the agent is not left TALKING.
    const dropped = simulator.dropCall(Number(dialogId));
    assert.ok(dropped.ok, JSON.stringify(dropped));
    await desktop.waitForEvent((e) => isDialogs(e) && e.payload.includes('<event>DELETE</event>'));
    await desktop.waitForEvent(since(upAt, (e) => isUser(e) && stateOf(e) === 'READY'));
    assert.deepEqual(await snapshot(), { state: 'READY', dialogs: [] });
  });

  it('a call that ends while the link is down: after the reconnect its dialog goes and the agent is free', async () => {
    const dialogId = await routedAndAnswered('a2');
    await cutAndCheckOutOfService(dialogId);
    // The caller hangs up during the outage: no event of it ever reaches Switchboard.
    assert.ok(simulator.dropCall(Number(dialogId)).ok);
    assert.equal(simulator.agents.get('2001')?.state, 3, 'AVAILABLE on the CTI server');
    assert.equal((await snapshot().catch(() => undefined))?.state, undefined, 'the API still answers 503');

    const upAt = await restoreAndWaitInService();
    // The reconnect query says READY with no call: the stale dialog is dropped and deleted.
    const deleted = await desktop.waitForEvent(
      since(upAt, (e) => isDialogs(e) && e.payload.includes('<event>DELETE</event>')),
    );
    assert.match(deleted.payload, new RegExp(`<id>${dialogId}</id>`));
    assert.match(deleted.payload, /<mediaAddress>2003<\/mediaAddress>.*?<state>DROPPED<\/state>/s);
    await desktop.waitForEvent(since(upAt, (e) => isUser(e) && stateOf(e) === 'READY'));
    assert.deepEqual(await snapshot(), { state: 'READY', dialogs: [] });

    // Nothing stuck: the agent is routable again and the next call reaches its desktop.
    const next = await routedAndAnswered('a3');
    assert.notEqual(next, dialogId);
    assert.deepEqual(await snapshot(), {
      state: 'TALKING',
      dialogs: [`${next} ACTIVE | 5551234 ACTIVE | 2003 ACTIVE`],
    });
    assert.ok(simulator.dropCall(Number(next)).ok);
    await desktop.waitForEvent(
      (e) =>
        isDialogs(e) && e.payload.includes(`<id>${next}</id>`) && e.payload.includes('<event>DELETE</event>'),
    );
  });

  it("the CTI server's maintenance (v24): the node accepts and moves; SystemInfo says ctiMMode IN_PROGRESS, then IN_SERVICE without it; the agent keeps its state", async () => {
    const mark = desktop.events.length;
    // One side only (the proxy): the node is refused until the maintenance is over, then reopens it.
    assert.deepEqual(simulator.beginMaintenance(300), { sessionsAsked: 1 });
    const moving = await desktop.waitForEvent(
      since(mark, (e) => e.node === '/finesse/api/SystemInfo' && e.payload.includes('OUT_OF_SERVICE')),
    );
    assert.match(moving.payload, /<ctiMMode>IN_PROGRESS<\/ctiMMode><ctiTimeInMMode>\d+<\/ctiTimeInMMode>/);
    const back = await desktop.waitForEvent(
      since(mark, (e) => e.node === '/finesse/api/SystemInfo' && e.payload.includes('IN_SERVICE')),
      15_000,
    );
    assert.doesNotMatch(back.payload, /ctiMMode/);
    const info = await getXml('/finesse/api/SystemInfo');
    assert.deepEqual([info.getChildText('status'), info.getChild('ctiMMode')], ['IN_SERVICE', undefined]);
    assert.equal((await snapshot()).state, 'READY');
    const log = (await sys.logs()).webservices;
    assert.match(log, /asks to go into maintenance \(InvokeID \d+\): accepted/);
    assert.match(log, /CTI maintenance handover complete/);
  });
});
