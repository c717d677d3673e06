/**
 * A routed call end to end over the real protocols: the CTI simulator routes a caller to the only
 * Ready agent; the desktop (Strophe.js over BOSH) gets the Dialog POST, answers, holds, retrieves,
 * sets a wrap-up reason, drops, goes through wrap-up — every step's Update arriving on the Dialogs
 * node with the requestId of the request that caused it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { xml } from '../src/api/testing/xml.ts';
import type { CtiSimulator } from '../src/cti/index.ts';
import type { XmlElement } from '../src/xml/index.ts';
import { startDemoSimulator } from './support/cti.ts';
import { type PubsubEvent, type StropheSession, signOnStrophe } from './support/strophe.ts';
import { basic, putAccepted, startTestSystem, type TestSystem } from './support/system.ts';

const DIALOGS = '/finesse/api/User/2001/Dialogs';

const withRequestId = (requestId: string) => (e: PubsubEvent) =>
  e.payload.includes(`<requestId>${requestId}</requestId>`);

/** The dialog of a Dialogs-node Update: `<dialog>` (PUT) or the `<Dialog>` of `<dialogs>` (POST, DELETE). */
function dialogOf(update: XmlElement): XmlElement {
  const data = update.getChild('data');
  const d = data?.getChild('dialog') ?? data?.getChild('dialogs')?.getChild('Dialog');
  assert.ok(d, `no dialog in ${update.toString()}`);
  return d;
}

const mine = (d: XmlElement) =>
  d
    .getChild('participants')
    ?.getChildren('Participant')
    .find((p) => p.getChildText('mediaAddress') === '2003');
const actionsOf = (p: XmlElement | undefined) =>
  p
    ?.getChild('actions')
    ?.getChildren('action')
    .map((a) => a.text());

describe('a routed call: answer, hold, retrieve, wrap-up, drop', () => {
  let simulator: CtiSimulator;
  let sys: TestSystem;
  let desktop: StropheSession;
  let dialogId = '';

  before(async () => {
    // Our own simulator, so that the test can place calls; wrap-up after each answered call.
    simulator = await startDemoSimulator({ wrapUpTimeSec: 60 });
    sys = await startTestSystem((c) => {
      c.cti.simulator = false;
      c.cti.sides = [{ host: '127.0.0.1', port: simulator.port }];
    });
    // Signed on with initial presence: notifications only reach available sessions.
    desktop = await signOnStrophe(sys.bosh, '2001@localhost/desktop', '2001');
  });
  after(async () => {
    await desktop?.disconnect().catch(() => {});
    await sys?.stop();
    await simulator?.stop();
  });

  const put = (path: string, body: string, requestId: string) =>
    putAccepted(sys, '2001', path, body, requestId);
  /** PUT Dialog, then the Update on the Dialogs node that carries its requestId. */
  const act = async (requestId: string, body: string) => {
    await put(`/finesse/api/Dialog/${dialogId}`, `<Dialog>${body}</Dialog>`, requestId);
    const ev = await desktop.waitForEvent(withRequestId(requestId));
    assert.equal(ev.node, DIALOGS);
    const update = xml(ev.payload);
    assert.equal(update.getChild('data')?.getChild('apiErrors'), undefined, ev.payload);
    return update;
  };
  const target = '<targetMediaAddress>2003</targetMediaAddress>';

  it('the agent signs in and goes READY', async () => {
    await put(
      '/finesse/api/User/2001',
      '<User><state>LOGIN</state><extension>2003</extension></User>',
      'r-login',
    );
    await desktop.waitForEvent(withRequestId('r-login'));
    await put('/finesse/api/User/2001', '<User><state>READY</state></User>', 'r-ready');
    const ready = xml((await desktop.waitForEvent(withRequestId('r-ready'))).payload);
    assert.equal(ready.getChild('data')?.getChild('user')?.getChildText('state'), 'READY');
  });

  it('a call injected into the simulator reaches the desktop as a Dialog POST, ALERTING', async () => {
    const injected = simulator.injectCall({ dnis: '8000', ani: '5551234', callVariable1: 'acct=42' });
    assert.ok(injected.ok);
    const ev = await desktop.waitForEvent(
      (e) => e.node === DIALOGS && e.payload.includes('<event>POST</event>'),
    );
    const update = xml(ev.payload);
    assert.equal(update.getChildText('source'), DIALOGS);
    assert.equal(update.getChildText('requestId'), '');
    const d = dialogOf(update);
    dialogId = d.getChildText('id') ?? '';
    assert.equal(d.getChildText('state'), 'ALERTING');
    assert.equal(d.getChildText('fromAddress'), '5551234');
    assert.equal(d.getChild('mediaProperties')?.getChildText('DNIS'), '8000');
    const variable = d.getChild('mediaProperties')?.getChild('callvariables')?.getChild('CallVariable');
    assert.deepEqual(
      [variable?.getChildText('name'), variable?.getChildText('value')],
      ['callVariable1', 'acct=42'],
    );
    assert.deepEqual(actionsOf(mine(d)), ['ANSWER']);

    const list = xml(await (await sys.api(`${DIALOGS}?nocache=1`, { auth: basic('2001') })).text());
    assert.equal(list.getChild('Dialog')?.getChildText('id'), dialogId);
    const one = await sys.api(`/finesse/api/Dialog/${dialogId}`, { auth: basic('2001') });
    assert.equal(one.status, 200);
  });

  it('ANSWER, HOLD, RETRIEVE: each Update carries its requestId', async () => {
    const answered = await act('call-answer', `${target}<requestedAction>ANSWER</requestedAction>`);
    assert.equal(answered.getChildText('event'), 'PUT');
    assert.equal(answered.getChildText('source'), `/finesse/api/Dialog/${dialogId}`);
    assert.equal(dialogOf(answered).getChildText('state'), 'ACTIVE');
    assert.equal(mine(dialogOf(answered))?.getChildText('state'), 'ACTIVE');

    const held = await act('call-hold', `${target}<requestedAction>HOLD</requestedAction>`);
    assert.equal(mine(dialogOf(held))?.getChildText('state'), 'HELD');
    assert.deepEqual(actionsOf(mine(dialogOf(held))), ['RETRIEVE', 'UPDATE_CALL_DATA', 'DROP']);

    const retrieved = await act('call-retrieve', `${target}<requestedAction>RETRIEVE</requestedAction>`);
    assert.equal(mine(dialogOf(retrieved))?.getChildText('state'), 'ACTIVE');
  });

  it('UPDATE_CALL_DATA sets the wrap-up reason on the call', async () => {
    const u = await act(
      'call-reason',
      '<requestedAction>UPDATE_CALL_DATA</requestedAction><mediaProperties><wrapUpReason>Sale</wrapUpReason></mediaProperties>',
    );
    assert.equal(dialogOf(u).getChild('mediaProperties')?.getChildText('wrapUpReason'), 'Sale');
  });

  it('DROP ends the call; the agent goes to wrap-up with the dialog in WRAP_UP', async () => {
    const dropped = await act('call-drop', `${target}<requestedAction>DROP</requestedAction>`);
    assert.match(mine(dialogOf(dropped))?.getChildText('state') ?? '', /^(DROPPED|WRAP_UP)$/);
    const wrapUp = await desktop.waitForEvent(
      (e) => e.node === DIALOGS && /<state>WRAP_UP<\/state>/.test(e.payload),
    );
    assert.deepEqual(actionsOf(mine(dialogOf(xml(wrapUp.payload)))), ['UPDATE_CALL_DATA']);
    await desktop.waitForEvent(
      (e) => e.node === '/finesse/api/User/2001' && e.payload.includes('<state>WORK_READY</state>'),
    );
  });

  it('in wrap-up the reason can still change; READY ends wrap-up and the dialog goes', async () => {
    const u = await act(
      'wrap-reason',
      '<requestedAction>UPDATE_CALL_DATA</requestedAction><mediaProperties><wrapUpReason>Information</wrapUpReason></mediaProperties>',
    );
    assert.equal(dialogOf(u).getChild('mediaProperties')?.getChildText('wrapUpReason'), 'Information');

    await put('/finesse/api/User/2001', '<User><state>READY</state></User>', 'r-after-wrap-up');
    const ready = xml((await desktop.waitForEvent(withRequestId('r-after-wrap-up'))).payload);
    assert.equal(ready.getChild('data')?.getChild('user')?.getChildText('state'), 'READY');
    const deleted = await desktop.waitForEvent(
      (e) => e.node === DIALOGS && e.payload.includes('<event>DELETE</event>'),
    );
    assert.equal(dialogOf(xml(deleted.payload)).getChildText('id'), dialogId);
    const list = await (await sys.api(DIALOGS, { auth: basic('2001') })).text();
    assert.equal(list, '<Dialogs/>');
  });

  it('MAKE_CALL carries call variables and ECC variables in MAKE_CALL_REQ; the new dialog shows them', async () => {
    const res = await sys.api(DIALOGS, {
      method: 'POST',
      auth: basic('2001'),
      headers: { requestId: 'r-make-call' },
      body:
        '<Dialog><requestedAction>MAKE_CALL</requestedAction><fromAddress>2003</fromAddress><toAddress>5550100</toAddress>' +
        '<mediaProperties><callvariables>' +
        '<CallVariable><name>callVariable2</name><value>ticket 7</value></CallVariable>' +
        '<CallVariable><name>user.account</name><value>A-1</value></CallVariable>' +
        '<CallVariable><name>user.items[1]</name><value>tea</value></CallVariable>' +
        '</callvariables></mediaProperties></Dialog>',
    });
    assert.equal(res.status, 202, await res.text());
    const posted = await desktop.waitForEvent(withRequestId('r-make-call'));
    const variables = dialogOf(xml(posted.payload))
      .getChild('mediaProperties')
      ?.getChild('callvariables')
      ?.getChildren('CallVariable')
      .map((v) => [v.getChildText('name'), v.getChildText('value')]);
    assert.deepEqual(variables, [
      ['callVariable2', 'ticket 7'],
      ['user.account', 'A-1'],
      ['user.items[1]', 'tea'],
    ]);
    const call = dialogOf(xml(posted.payload)).getChildText('id');
    await put(
      `/finesse/api/Dialog/${call}`,
      `<Dialog>${target}<requestedAction>DROP</requestedAction></Dialog>`,
      'r-mc-drop',
    );
  });
});
