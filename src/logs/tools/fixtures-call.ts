/**
 * Test fixtures for a routed call, in the shapes a run of the system writes (copied from the logs
 * of test/troubleshooting-call.test.ts): the simulator's `Trace: CALL_EVENT:` lines, cti.log's
 * raw + describeMessage lines, the webservices' DECODED_MESSAGE_FROM_CTI_SERVER and
 * XMPP_PUBLISH_ASYNCHRONOUS of the Dialogs node, info.log's delivery and debug.log's BOSH response.
 */
import { clientLog, DOMAIN, jidOf, restRequest, type Scenario, userUpdate } from './fixtures.ts';

const NAMES: Record<string, string> = {
  BEGIN_CALL_EVENT: 'BeginCallEvent',
  CALL_DELIVERED_EVENT: 'CallDeliveredEvent',
  CALL_ESTABLISHED_EVENT: 'CallEstablishedEvent',
  CALL_HELD_EVENT: 'CallHeldEvent',
  CALL_CLEARED_EVENT: 'CallClearedEvent',
};

export interface Call {
  callId: number;
  agent: string;
  ext: string;
}

/** One call event: simulator trace, cti.log (raw + decoded), webservices decoded. */
export function callEvent(s: Scenario, c: Call, type: keyof typeof NAMES): void {
  const name = NAMES[type];
  s.logs.ctiServer.write(`Trace: CALL_EVENT: Type=${type} CallID=${c.callId} Dev=${c.ext} Periph=5000`);
  s.step(1);
  const decoded =
    `${name} [monitorId=0, peripheralId=5000, peripheralType=17, connectionDeviceIdType=0 (CONNECTION_ID_STATIC), ` +
    `connectionCallId=${c.callId}, connectionDeviceId=${c.ext}, routerCallKeyDay=20779, routerCallKeyCallId=1]`;
  s.logs.cti.write(`RECV ${name} invokeId=- bytes=97 raw=000000590000000a00000000 decoded=${decoded}`);
  ctiDecoded(s, decoded);
}

function ctiDecoded(s: Scenario, decoded: string): void {
  s.logs.webservices.info(
    'CTIMessageEventExecutor-0',
    'DECODED_MESSAGE_FROM_CTI_SERVER',
    [
      ['cti_message', decoded],
      ['cti_response_time', 0],
    ],
    'Decoded Message to Finesse from backend cti server',
  );
}

export function dialogUpdate(c: Call, state: string, event: string, requestId = ''): string {
  const dialog =
    `<associatedDialogUri></associatedDialogUri><id>${c.callId}</id><mediaType>Voice</mediaType>` +
    `<participants><Participant><mediaAddress>${c.ext}</mediaAddress><state>${state}</state></Participant></participants>` +
    `<state>${state}</state><uri>/finesse/api/Dialog/${c.callId}</uri>`;
  const data =
    event === 'PUT' ? `<dialog>${dialog}</dialog>` : `<dialogs><Dialog>${dialog}</Dialog></dialogs>`;
  const source = event === 'PUT' ? `/finesse/api/Dialog/${c.callId}` : `/finesse/api/User/${c.agent}/Dialogs`;
  return `<Update><data>${data}</data><event>${event}</event><requestId>${requestId}</requestId><source>${source}</source></Update>`;
}

export function publishDialog(s: Scenario, c: Call, state: string, event: string, requestId = ''): void {
  s.step(1);
  s.logs.webservices.info(
    'pool-5-thread-8',
    'XMPP_PUBLISH_ASYNCHRONOUS',
    [
      ['NodeId', `/finesse/api/User/${c.agent}/Dialogs`],
      ['Payload', dialogUpdate(c, state, event, requestId)],
    ],
    'Publishing XMPP Message Asynchronously',
  );
}

let itemNo = 0;

/** info.log's delivery, then (debug on) the BOSH response carrying the item, then the desktop's log. */
export function deliverDialog(
  s: Scenario,
  c: Call,
  sid: string,
  state: string,
  event: string,
  requestId = '',
  /** `userState`: the agent's User update (no requestId) went out first, in the same BOSH response. */
  opts: { client?: boolean; userState?: string } = {},
): void {
  const node = `/finesse/api/User/${c.agent}/Dialogs`;
  const item = `Dlg${++itemNo}xYz`;
  s.logs.notifyInfo.write(`Delivered item ${item} of node ${node} to ${jidOf(c.agent)} (sid=${sid})`);
  s.step(40);
  const escaped = dialogUpdate(c, state, event, requestId).replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const user = `/finesse/api/User/${c.agent}`;
  const first =
    opts.userState === undefined
      ? ''
      : `<message xmlns="jabber:client" from="pubsub.${DOMAIN}" to="${jidOf(c.agent)}" id="${user}__${c.agent}@${DOMAIN}__u1"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="${user}"><item id="Usr${itemNo}xYz"><notification xmlns="http://jabber.org/protocol/pubsub">${userUpdate(c.agent, opts.userState).replace(/</g, '&lt;').replace(/>/g, '&gt;')}</notification></item></items></event></message>`;
  s.logs.notifyDebug.write(
    `HTTPBindLog: HTTP SENT(${sid}): <body xmlns="http://jabber.org/protocol/httpbind">${first}<message xmlns="jabber:client" from="pubsub.${DOMAIN}" to="${jidOf(c.agent)}" id="${node}__${c.agent}@${DOMAIN}__q1"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="${node}"><item id="${item}"><notification xmlns="http://jabber.org/protocol/pubsub">${escaped}</notification></item></items></event></message></body>`,
  );
  s.step(3);
  if (opts.client !== false)
    clientLog(
      s,
      c.agent,
      `[ClientServices] MasterPublisher._eventHandler() - Received event on node '${node}': ${dialogUpdate(c, state, event, requestId)}`,
    );
}

/** The ACD routes a caller to the agent: the call's events, then the Dialog POST, delivered. */
export function routeCall(s: Scenario, c: Call, sid: string): void {
  callEvent(s, c, 'BEGIN_CALL_EVENT');
  callEvent(s, c, 'CALL_DELIVERED_EVENT');
  publishDialog(s, c, 'ALERTING', 'POST');
  deliverDialog(s, c, sid, 'ALERTING', 'POST');
}

export interface DialogAction {
  requestId: string;
  action: string;
  invoke: number;
  /** The CTI request, e.g. `AnswerCallReq`. */
  req: string;
  /** The call event that answers it; `none` for a CTI server that confirms and goes silent. */
  event: keyof typeof NAMES | 'none';
  state: string;
  /** `none`: the CTI server never answers the request. */
  conf?: 'conf' | 'none';
  /** false: core publishes nothing. */
  publish?: boolean;
  sid?: string;
}

/** The agent answers the ringing call (invoke 31 unless told): AnswerCallReq, then ESTABLISHED. */
export const answerCall = (requestId: string, more: Partial<DialogAction> = {}): DialogAction => ({
  requestId,
  action: 'ANSWER',
  invoke: 31,
  req: 'AnswerCallReq',
  event: 'CALL_ESTABLISHED_EVENT',
  state: 'ACTIVE',
  ...more,
});

/** PUT Dialog with a requestId: REST, the CTI request and its CONF, the call event, the update. */
export function dialogRequest(s: Scenario, c: Call, a: DialogAction): void {
  restRequest(s, {
    agent: c.agent,
    method: 'PUT',
    resource: `/Dialog/${c.callId}`,
    requestId: a.requestId,
    params: ` requestedAction:${a.action} targetMediaAddress:${c.ext}`,
  });
  const req = `${a.req} [invokeId=${a.invoke}, peripheralId=5000, connectionCallId=${c.callId}, connectionDeviceIdType=0 (CONNECTION_ID_STATIC), connectionDeviceId=${c.ext}, agentInstrument=${c.ext}]`;
  s.logs.webservices.info(
    'pool-5-thread-10',
    'MESSAGE_TO_CTI_SERVER',
    [
      ['cti_message', req],
      ['cti_message_name', a.req],
    ],
    'Message going to the backend cti server',
  );
  s.logs.cti.write(
    `SEND ${a.req} invokeId=${a.invoke} bytes=40 raw=000000200000002a${a.invoke.toString(16).padStart(8, '0')} decoded=${req}`,
  );
  s.step(2);
  s.logs.ctiServer.write(
    `Session 1 recv MsgType:${a.req.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()} (InvokeID:${a.invoke} PeripheralID:5000 ConnectionCallID:${c.callId})`,
  );
  if (a.conf === 'none') return;
  const conf = `${a.req.replace(/Req$/, 'Conf')} [invokeId=${a.invoke}]`;
  s.step(1);
  s.logs.cti.write(
    `RECV ${a.req.replace(/Req$/, 'Conf')} invokeId=${a.invoke} bytes=12 raw=000000040000002b${a.invoke.toString(16).padStart(8, '0')} decoded=${conf}`,
  );
  ctiDecoded(s, conf);
  if (a.event !== 'none') callEvent(s, c, a.event);
  if (a.publish === false) return;
  publishDialog(s, c, a.state, 'PUT', a.requestId);
  if (a.sid) deliverDialog(s, c, a.sid, a.state, 'PUT', a.requestId);
}
