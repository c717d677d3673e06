/**
 * Issue #4's acceptance walk, end to end over the real protocols: the CTI simulator on a real TCP
 * link, two desktops on Strophe.js over BOSH. A caller is routed to the Ready agent 2001 (ext
 * 2003), who answers, holds, retrieves, fails a single-step transfer to a phone out of service
 * (the CF_ code reaches the desktop), consults agent 2002 (ext 3002), and transfers; 2001 wraps up
 * with a reason of its own; 2002 drops the call and wraps up with another. Every notification each
 * desktop gets on its User and Dialogs nodes is checked, in order, node by node (nothing orders a
 * User update against a Dialog one, A.4).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { xml } from '../src/api/testing/xml.ts';
import type { CtiSimulator } from '../src/cti/index.ts';
import { DEMO } from '../src/store/index.ts';
import { startDemoSimulator } from './support/cti.ts';
import { type PubsubEvent, type StropheSession, signOnStrophe } from './support/strophe.ts';
import { basic, startTestSystem, type TestSystem } from './support/system.ts';

const CALLER = '5551234';
const ACTIVE = 'TRANSFER_SST,CONSULT_CALL,HOLD,UPDATE_CALL_DATA,SEND_DTMF,DROP';
// Finesse documents which actions a state offers, not their order, except the captured ACTIVE
// list; every list follows that one order (core/dialogs/actions.ts).
const HELD = 'RETRIEVE,UPDATE_CALL_DATA,DROP';
const HELD_WITH_CONSULT = 'RETRIEVE,UPDATE_CALL_DATA,TRANSFER,CONFERENCE,DROP';
const DIALING = 'UPDATE_CALL_DATA,DROP';

/** One desktop: its Strophe session, and how far the test has checked its notifications. */
interface Desktop {
  userId: string;
  extension: string;
  session: StropheSession;
  seen: Map<string, number>;
}

describe('a routed call walked through hold, consult, transfer, drop and wrap-up (issue #4 acceptance)', () => {
  let simulator: CtiSimulator;
  let sys: TestSystem;
  let a: Desktop;
  let b: Desktop;
  /** Dialog id → the name the expectations use. */
  const names = new Map<string, string>();
  let callId = '';
  let consultId = '';

  /**
   * A notification in a line: `PUT call ACTIVE rid=x | 5551234 ACTIVE | 2003 HELD (RETRIEVE,…)`
   * for a dialog (from/to, associated dialog and wrap-up reason when set), `PUT TALKING pending=
   * reason=-1 rid=` for a user, `ERROR CF_… 34 rid=x source=call` for an apiError.
   */
  function summary(e: PubsubEvent): string {
    const u = xml(e.payload);
    const rid = `rid=${u.getChildText('requestId') ?? ''}`;
    const data = u.getChild('data');
    const error = data?.getChild('apiErrors')?.getChild('apiError');
    if (error) {
      const source = /\/Dialog\/(\d+)$/.exec(u.getChildText('source') ?? '')?.[1] ?? '';
      return `ERROR ${error.getChildText('errorType')} ${error.getChildText('errorMessage')} ${error.getChildText('errorData')} ${rid} source=${names.get(source) ?? source}`;
    }
    const user = data?.getChild('user');
    if (user) {
      return `${u.getChildText('event')} ${user.getChildText('state')} pending=${user.getChildText('pendingState') ?? ''} reason=${user.getChildText('reasonCodeId')} ${rid}`;
    }
    const d = data?.getChild('dialog') ?? data?.getChild('dialogs')?.getChild('Dialog');
    assert.ok(d, `neither user, dialog nor error: ${e.payload}`);
    const id = d.getChildText('id') ?? '';
    const media = d.getChild('mediaProperties');
    const associated = /\/Dialog\/(\d+)$/.exec(d.getChildText('associatedDialogUri') ?? '')?.[1];
    const parts = [
      `${u.getChildText('event')} ${names.get(id) ?? id} ${d.getChildText('state')} ${rid}`,
      `${d.getChildText('fromAddress')}→${d.getChildText('toAddress')}`,
      ...(associated ? [`associated=${names.get(associated) ?? associated}`] : []),
      ...(media?.getChildText('wrapUpReason') ? [`wrapUp=${media.getChildText('wrapUpReason')}`] : []),
    ];
    const participants = (d.getChild('participants')?.getChildren('Participant') ?? []).map((p) => {
      const actions = p.getChild('actions')?.getChildren('action') ?? [];
      const list = actions.length ? ` (${actions.map((x) => x.text()).join(',')})` : '';
      return `${p.getChildText('mediaAddress')} ${p.getChildText('state')}${list}`;
    });
    return [parts.join(' '), ...participants].join(' | ');
  }

  const nodeOf = (d: Desktop, which: 'user' | 'dialogs') =>
    which === 'user' ? `/finesse/api/User/${d.userId}` : `/finesse/api/User/${d.userId}/Dialogs`;

  /**
   * The next notifications on one of the desktop's nodes are exactly `expected`: waits for as
   * many as expected, then compares them all. A missing, extra or reordered one fails.
   */
  async function expectNext(
    d: Desktop,
    which: 'user' | 'dialogs',
    expected: string[],
  ): Promise<PubsubEvent[]> {
    const node = nodeOf(d, which);
    const from = d.seen.get(node) ?? 0;
    const onNode = () => d.session.events.filter((e) => e.node === node);
    if (expected.length > 0) {
      await d.session
        .waitForEvent(() => onNode().length >= from + expected.length)
        .catch(() =>
          assert.fail(
            `${d.userId} ${which}: wanted\n${expected.join('\n')}\ngot\n${onNode().slice(from).map(summary).join('\n')}`,
          ),
        );
    }
    const got = onNode().slice(from, from + expected.length);
    d.seen.set(node, from + got.length);
    assert.deepEqual(got.map(summary), expected, `${d.userId} ${which}`);
    return got;
  }

  /** Nothing arrived on either node that the test has not checked. */
  function nothingElse(d: Desktop): void {
    for (const which of ['user', 'dialogs'] as const) {
      const node = nodeOf(d, which);
      const extra = d.session.events.filter((e) => e.node === node).slice(d.seen.get(node) ?? 0);
      assert.deepEqual(extra.map(summary), [], `${d.userId} ${which}: unchecked notifications`);
    }
  }

  const request = async (who: Desktop, method: string, path: string, body: string, requestId: string) => {
    const res = await sys.api(path, { method, auth: basic(who.userId), headers: { requestId }, body });
    assert.equal(res.status, 202, await res.text());
  };
  const userState = (who: Desktop, body: string, requestId: string) =>
    request(who, 'PUT', `/finesse/api/User/${who.userId}`, `<User>${body}</User>`, requestId);
  const dialogAction = (who: Desktop, dialogId: string, body: string, requestId: string) =>
    request(
      who,
      'PUT',
      `/finesse/api/Dialog/${dialogId}`,
      `<Dialog><targetMediaAddress>${who.extension}</targetMediaAddress>${body}</Dialog>`,
      requestId,
    );
  const wrapUpReason = (who: Desktop, dialogId: string, reason: string, requestId: string) =>
    request(
      who,
      'PUT',
      `/finesse/api/Dialog/${dialogId}`,
      `<Dialog><requestedAction>UPDATE_CALL_DATA</requestedAction><mediaProperties><wrapUpReason>${reason}</wrapUpReason></mediaProperties></Dialog>`,
      requestId,
    );

  before(async () => {
    simulator = await startDemoSimulator({ wrapUpTimeSec: 60 });
    sys = await startTestSystem((c) => {
      c.cti.simulator = false;
      c.cti.sides = [{ host: '127.0.0.1', port: simulator.port }];
    });
    const desktop = async (userId: string): Promise<Desktop> => ({
      userId,
      extension: DEMO.extensions[userId],
      session: await signOnStrophe(sys.bosh, `${userId}@localhost/desktop`, userId),
      seen: new Map(),
    });
    a = await desktop('2001');
    b = await desktop('2002');
  });
  after(async () => {
    await a?.session.disconnect().catch(() => {});
    await b?.session.disconnect().catch(() => {});
    await sys?.stop();
    await simulator?.stop();
  });

  it('both agents sign in; 2001 goes READY, 2002 stays NOT_READY so the call is 2001s', async () => {
    await userState(a, '<state>LOGIN</state><extension>2003</extension>', 'a-login');
    await expectNext(a, 'user', ['PUT NOT_READY pending= reason=-1 rid=a-login']);
    await userState(b, '<state>LOGIN</state><extension>3002</extension>', 'b-login');
    await expectNext(b, 'user', ['PUT NOT_READY pending= reason=-1 rid=b-login']);
    await userState(a, '<state>READY</state>', 'a-ready');
    await expectNext(a, 'user', ['PUT READY pending= reason=-1 rid=a-ready']);
  });

  it('delivered: a Dialog POST, ALERTING with ANSWER; the agent RESERVED', async () => {
    assert.ok(simulator.injectCall({ dnis: '8000', ani: CALLER, callVariable1: 'acct=42' }).ok);
    const [post] = await expectNext(a, 'dialogs', [
      `POST 16777217 ALERTING rid= ${CALLER}→2003 | ${CALLER} ACTIVE | 2003 ALERTING (ANSWER)`,
    ]);
    const d = xml(post.payload).getChild('data')?.getChild('dialogs')?.getChild('Dialog');
    callId = d?.getChildText('id') ?? '';
    names.set(callId, 'call');
    const media = d?.getChild('mediaProperties');
    assert.equal(media?.getChildText('callType'), 'PREROUTE_ACD_IN');
    assert.equal(media?.getChildText('DNIS'), '8000');
    const variable = media?.getChild('callvariables')?.getChild('CallVariable');
    assert.deepEqual(
      [variable?.getChildText('name'), variable?.getChildText('value')],
      ['callVariable1', 'acct=42'],
    );
    await expectNext(a, 'user', ['PUT RESERVED pending= reason=-1 rid=']);
    // 2002 goes READY now: free for the consult, while the call is already 2001's.
    await userState(b, '<state>READY</state>', 'b-ready');
    await expectNext(b, 'user', ['PUT READY pending= reason=-1 rid=b-ready']);
  });

  it('answered, held, retrieved: ACTIVE, HELD, ACTIVE; the agent TALKING, HOLD, TALKING', async () => {
    await dialogAction(a, callId, '<requestedAction>ANSWER</requestedAction>', 'a-answer');
    await expectNext(a, 'dialogs', [
      `PUT call ACTIVE rid=a-answer ${CALLER}→2003 | ${CALLER} ACTIVE | 2003 ACTIVE (${ACTIVE})`,
    ]);
    await expectNext(a, 'user', ['PUT TALKING pending= reason=-1 rid=']);
    await dialogAction(a, callId, '<requestedAction>HOLD</requestedAction>', 'a-hold');
    await expectNext(a, 'dialogs', [
      `PUT call ACTIVE rid=a-hold ${CALLER}→2003 | ${CALLER} ACTIVE | 2003 HELD (${HELD})`,
    ]);
    await expectNext(a, 'user', ['PUT HOLD pending= reason=-1 rid=']);
    await dialogAction(a, callId, '<requestedAction>RETRIEVE</requestedAction>', 'a-retrieve');
    await expectNext(a, 'dialogs', [
      `PUT call ACTIVE rid=a-retrieve ${CALLER}→2003 | ${CALLER} ACTIVE | 2003 ACTIVE (${ACTIVE})`,
    ]);
    await expectNext(a, 'user', ['PUT TALKING pending= reason=-1 rid=']);
  });

  it('a refused request tells why: TRANSFER_SST to a phone out of service is CF_RESOURCE_OUT_OF_SERVICE 34', async () => {
    assert.ok(simulator.setDeviceOutOfService('3006').ok);
    await dialogAction(
      a,
      callId,
      '<requestedAction>TRANSFER_SST</requestedAction><toAddress>3006</toAddress>',
      'a-sst',
    );
    await expectNext(a, 'dialogs', [
      'ERROR Call Operation Failure CF_RESOURCE_OUT_OF_SERVICE 34 rid=a-sst source=call',
    ]);
  });

  it('consulted: the call is held, a CONSULT dialog rings 2002 and goes ACTIVE; TRANSFER is offered', async () => {
    await dialogAction(
      a,
      callId,
      '<requestedAction>CONSULT_CALL</requestedAction><toAddress>3002</toAddress>',
      'a-consult',
    );
    const consult = await expectNext(b, 'dialogs', [
      `POST 16777218 ALERTING rid= 2003→3002 associated=call | 2003 INITIATED (${DIALING}) | 3002 ALERTING (ANSWER)`,
    ]);
    consultId = /<id>(\d+)<\/id>/.exec(consult[0].payload)?.[1] ?? '';
    names.set(consultId, 'consult');
    const callType = xml(consult[0].payload).getChild('data')?.getChild('dialogs')?.getChild('Dialog');
    assert.equal(callType?.getChild('mediaProperties')?.getChildText('callType'), 'CONSULT');
    await dialogAction(b, consultId, '<requestedAction>ANSWER</requestedAction>', 'b-answer');
    await expectNext(b, 'dialogs', [
      `PUT consult ACTIVE rid=b-answer 2003→3002 associated=call | 2003 ACTIVE (${ACTIVE}) | 3002 ACTIVE (${ACTIVE})`,
    ]);
    await expectNext(b, 'user', ['PUT TALKING pending= reason=-1 rid=']);
    await expectNext(a, 'dialogs', [
      `PUT call ACTIVE rid= ${CALLER}→2003 | ${CALLER} ACTIVE | 2003 HELD (${HELD})`,
      `POST consult INITIATING rid=a-consult 2003→3002 associated=call | 2003 INITIATING (${DIALING})`,
      `PUT consult INITIATED rid= 2003→3002 associated=call | 2003 INITIATED (${DIALING})`,
      `PUT consult ALERTING rid= 2003→3002 associated=call | 2003 INITIATED (${DIALING}) | 3002 ALERTING (ANSWER)`,
      `PUT consult ACTIVE rid= 2003→3002 associated=call | 2003 ACTIVE (${ACTIVE}) | 3002 ACTIVE (${ACTIVE})`,
      `PUT call ACTIVE rid= ${CALLER}→2003 | ${CALLER} ACTIVE | 2003 HELD (${HELD_WITH_CONSULT})`,
    ]);
    // Holding one call and talking on another is TALKING: no User update for 2001.
    nothingElse(a);
  });

  it('transferred: the consult dialogs go, the caller is 2002s; 2001 is DROPPED and wraps up', async () => {
    await dialogAction(a, callId, '<requestedAction>TRANSFER</requestedAction>', 'a-transfer');
    await expectNext(a, 'dialogs', [
      'DELETE consult DROPPED rid= 2003→3002 associated=call | 2003 DROPPED | 3002 DROPPED',
      `PUT call DROPPED rid=a-transfer ${CALLER}→2003 | ${CALLER} ACTIVE | 2003 DROPPED | 3002 ACTIVE (${ACTIVE})`,
      `PUT call DROPPED rid= ${CALLER}→2003 | ${CALLER} ACTIVE | 2003 WRAP_UP (UPDATE_CALL_DATA) | 3002 ACTIVE (${ACTIVE})`,
    ]);
    await expectNext(a, 'user', ['PUT WORK_READY pending= reason=-1 rid=']);
    await expectNext(b, 'dialogs', [
      'DELETE consult DROPPED rid= 2003→3002 associated=call | 2003 DROPPED | 3002 DROPPED',
      `POST call ACTIVE rid= ${CALLER}→2003 | ${CALLER} ACTIVE | 2003 DROPPED | 3002 ACTIVE (${ACTIVE})`,
    ]);
    nothingElse(b);
  });

  it('2001 sets its wrap-up reason while the call goes on; 2002 does not see it', async () => {
    await wrapUpReason(a, callId, 'Sale', 'a-wrap');
    await expectNext(a, 'dialogs', [
      `PUT call DROPPED rid=a-wrap ${CALLER}→2003 wrapUp=Sale | ${CALLER} ACTIVE | 2003 WRAP_UP (UPDATE_CALL_DATA) | 3002 ACTIVE (${ACTIVE})`,
    ]);
    nothingElse(b);
  });

  it('dropped: 2002 leaves, the call ends, 2002 wraps up; 2001 sees everyone gone', async () => {
    await dialogAction(b, callId, '<requestedAction>DROP</requestedAction>', 'b-drop');
    await expectNext(b, 'dialogs', [
      `PUT call DROPPED rid=b-drop ${CALLER}→2003 | ${CALLER} ACTIVE | 2003 DROPPED | 3002 DROPPED`,
      `PUT call DROPPED rid= ${CALLER}→2003 | ${CALLER} DROPPED | 2003 DROPPED | 3002 DROPPED`,
      `PUT call DROPPED rid= ${CALLER}→2003 | ${CALLER} DROPPED | 2003 DROPPED | 3002 WRAP_UP (UPDATE_CALL_DATA)`,
    ]);
    await expectNext(b, 'user', ['PUT WORK_READY pending= reason=-1 rid=']);
    await expectNext(a, 'dialogs', [
      `PUT call DROPPED rid= ${CALLER}→2003 wrapUp=Sale | ${CALLER} ACTIVE | 2003 WRAP_UP (UPDATE_CALL_DATA) | 3002 DROPPED`,
      `PUT call DROPPED rid= ${CALLER}→2003 wrapUp=Sale | ${CALLER} DROPPED | 2003 WRAP_UP (UPDATE_CALL_DATA) | 3002 DROPPED`,
    ]);
  });

  it('wrap-up with a reason: 2002 sets its own; READY ends each wrap-up and DELETEs the dialog', async () => {
    await wrapUpReason(b, callId, 'Information', 'b-wrap');
    await expectNext(b, 'dialogs', [
      `PUT call DROPPED rid=b-wrap ${CALLER}→2003 wrapUp=Information | ${CALLER} DROPPED | 2003 DROPPED | 3002 WRAP_UP (UPDATE_CALL_DATA)`,
    ]);
    await userState(b, '<state>READY</state>', 'b-ready-again');
    await expectNext(b, 'user', ['PUT READY pending= reason=-1 rid=b-ready-again']);
    await expectNext(b, 'dialogs', [
      `PUT call DROPPED rid= ${CALLER}→2003 wrapUp=Information | ${CALLER} DROPPED | 2003 DROPPED | 3002 DROPPED`,
      `DELETE call DROPPED rid= ${CALLER}→2003 wrapUp=Information | ${CALLER} DROPPED | 2003 DROPPED | 3002 DROPPED`,
    ]);
    await userState(a, '<state>READY</state>', 'a-ready-again');
    await expectNext(a, 'user', ['PUT READY pending= reason=-1 rid=a-ready-again']);
    await expectNext(a, 'dialogs', [
      `PUT call DROPPED rid= ${CALLER}→2003 wrapUp=Sale | ${CALLER} DROPPED | 2003 DROPPED | 3002 DROPPED`,
      `DELETE call DROPPED rid= ${CALLER}→2003 wrapUp=Sale | ${CALLER} DROPPED | 2003 DROPPED | 3002 DROPPED`,
    ]);
    for (const d of [a, b]) {
      nothingElse(d);
      const list = await sys.api(`/finesse/api/User/${d.userId}/Dialogs`, { auth: basic(d.userId) });
      assert.equal(await list.text(), '<Dialogs/>');
    }
    // Nothing is left on the CTI server either: no call, both agents READY (AVAILABLE).
    assert.deepEqual(simulator.calls.list(), []);
    for (const id of ['2001', '2002']) assert.equal(simulator.agents.get(id)?.state, 3);
  });
});
