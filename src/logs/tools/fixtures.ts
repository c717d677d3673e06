/**
 * Test fixtures: realistic log directories written with OUR writers (createLogs, injected clock),
 * one hop per call, in the shapes the webservices, notification service, CTI link and desktop
 * write: the session, presence and BOSH texts are src/notify's and src/core's; the info.log
 * `Delivered item …` line is the one the tools ask src/notify for (docs/troubleshooting.md,
 * "Lines the tools rely on").
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatCcbuTime } from '../format.ts';
import { createLogs, type Logs } from '../logs.ts';

export const DOMAIN = 'finesse.example.com';
/** 2026-11-22 10:00:00 local time: the scenarios' day. */
export const DAY = new Date(2026, 10, 22, 10, 0, 0).getTime();

export interface Scenario {
  dir: string;
  logs: Logs;
  now(): number;
  at(ms: number): void;
  step(ms: number): void;
  flush(): Promise<void>;
}

export function createScenario(dir: string, start = DAY, notifyDebug = true, json = false): Scenario {
  let t = start;
  const logs = createLogs({ dir, nodeAddress: '10.10.10.21', now: () => t, notifyDebug, json });
  return {
    dir,
    logs,
    now: () => t,
    at(ms) {
      t = ms;
    },
    step(ms) {
      t += ms;
    },
    async flush() {
      await logs.flush();
      stampWrittenFiles(dir, t);
    },
  };
}

/** The mtime each file (by inode) was last given by stampWrittenFiles, per log directory. */
const stamped = new Map<string, Map<number, number>>();

/**
 * The tools take a file's mtime as the end of its time range, so a fixture written on the real
 * clock would overlap every later window (a date bomb). Every file written since the last flush,
 * in any scenario on this directory, gets the scenario's time as its mtime; a file renamed since
 * (a rotation) keeps its inode and so the time it was given.
 */
function stampWrittenFiles(dir: string, t: number): void {
  const seen = stamped.get(dir) ?? new Map<number, number>();
  stamped.set(dir, seen);
  for (const rel of fs.readdirSync(dir, { recursive: true })) {
    const full = path.join(dir, String(rel));
    const st = fs.statSync(full);
    if (!st.isFile() || seen.get(st.ino) === st.mtimeMs) continue;
    fs.utimesSync(full, t / 1000, t / 1000);
    seen.set(st.ino, fs.statSync(full).mtimeMs);
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** finesse.js ClientLogger shape: `<client ISO time>: : <host>: <server time>: <gadget> : <msg>`. */
export function clientLog(s: Scenario, agent: string, text: string, component = 'Container'): void {
  const d = new Date(s.now());
  const off = -d.getTimezoneOffset();
  const iso =
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:` +
    `${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)} ${off >= 0 ? '+' : '-'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  const dir = path.join(s.dir, 'clientlogs', agent);
  fs.mkdirSync(dir, { recursive: true });
  const line = `${iso}: : ${DOMAIN}: ${formatCcbuTime(s.now())}: ${component} : ${text}\n`;
  fs.appendFileSync(path.join(dir, 'Desktop-clientlog.2026-11-22T10-00-00.000.log'), line);
}

let threadNo = 0;

/** One REST request as Tomcat and the webservices log it; `status` ≥ 400 ends it there. */
export function restRequest(
  s: Scenario,
  r: {
    agent: string;
    method: string;
    resource: string;
    nocache?: string;
    requestId?: string;
    params?: string;
    status?: number;
    client?: boolean;
    end?: boolean;
  },
): void {
  const thread = `http-8082-7-${++threadNo}`;
  const api = r.resource.replace(/^\//, '');
  const type = api.split('/')[0];
  const rid = r.requestId ?? 'undefined';
  const url = `/finesse/api/${api}${r.nocache ? `?nocache=${r.nocache}` : ''}`;
  if (r.client !== false)
    clientLog(
      s,
      r.agent,
      `[ClientServices] ${type}: requestId='${rid}', Making REST request: method=${r.method}, url='${url}'`,
    );
  s.step(3);
  const begin = s.now();
  const ws = s.logs.webservices;
  ws.info(
    thread,
    'REQUEST_START',
    {
      method_name: r.method,
      parameter_name: r.nocache ? `{ nocache=[${r.nocache}], }` : '{ }',
      resource_name: r.resource,
      usr: r.agent,
    },
    'Request start',
  );
  ws.info(
    thread,
    'API_REQUEST',
    {
      REQUEST_URL: api,
      agent_id: r.agent,
      request_identifier: r.requestId ?? null,
      request_method: `${type.toLowerCase()}.${r.method}`,
      request_parameters: r.params ?? '',
    },
    'Request from client to webservice api',
  );
  ws.info(
    thread,
    'REGISTER_API_STATS_OBJECT',
    { resource_name: `com.cisco.ccbu:category=WebAppStats,component0=${type}-${r.method}` },
    'Registered new api stats object for new request type.',
  );
  s.step(8);
  if (r.end === false) return;
  ws.info(thread, 'REQUEST_END', { elapsed_time: 8 }, 'Request complete');
  const status = r.status ?? (r.method === 'GET' ? 200 : 202);
  s.logs.access.write({
    time: begin,
    remoteAddr: '10.10.20.5',
    localAddr: '10.10.10.21',
    user: r.agent,
    localPort: 8082,
    method: r.method,
    path: `/finesse/api/${api}`,
    query: r.nocache ? `nocache=${r.nocache}` : '',
    protocol: 'HTTP/1.1',
    status,
    bytes: status === 202 ? 0 : 336,
    elapsedMs: 8,
  });
  s.step(2);
  if (r.client !== false)
    clientLog(
      s,
      r.agent,
      `[ClientServices] ${type}: requestId='${rid}', Returned with status=${status}, content=''`,
    );
}

export interface CtiOutcome {
  conf?: 'conf' | 'failure' | 'none';
  /** The AGENT_STATE_EVENT's state, or none. */
  event?: string | 'none';
  reasonCode?: number;
}

const STATE_CODE: Record<string, number> = { LOGOUT: 1, NOT_READY: 2, READY: 3, TALKING: 4 };

/** SetAgentStateReq to the CTI server and what comes back, in webservices, cti.log and the simulator trace. */
export function setAgentState(
  s: Scenario,
  agent: string,
  ext: string,
  invoke: number,
  target: number,
  out: CtiOutcome = {},
): void {
  const reason = out.reasonCode ?? 0;
  const req = `Invoke id :${invoke} , agentstate : ${target}, workmode : 0, reason code: ${reason}, forceflag :1, agentcapacity: 0, agenttext: ${ext}, agentid: ${agent}`;
  s.logs.webservices.info(
    'pool-5-thread-4',
    'MESSAGE_TO_CTI_SERVER',
    [
      ['cti_message', req],
      ['cti_message_name', 'SetAgentStateReq'],
    ],
    'Message going to the backend cti server',
  );
  s.logs.cti.write(
    `SEND SetAgentStateReq invokeId=${invoke} bytes=52 raw=0000003400000040${invoke.toString(16).padStart(8, '0')} decoded=${req}`,
  );
  s.step(2);
  const recv = (name: string, invokeId: number | '-', decoded: string) => {
    s.logs.cti.write(`RECV ${name} invokeId=${invokeId} bytes=40 raw=0000002800000041 decoded=${decoded}`);
    s.logs.webservices.info(
      'CTIMessageEventExecutor-0',
      'DECODED_MESSAGE_FROM_CTI_SERVER',
      [
        ['cti_message', decoded],
        ['cti_response_time', 1],
      ],
      'Decoded Message to Finesse from backend cti server',
    );
  };
  const conf = out.conf ?? 'conf';
  if (conf === 'conf')
    recv(
      'SetAgentStateConf',
      invoke,
      `CTISetAgentStateConf [invokeID=${invoke}]CTIMessageBean [invokeID=${invoke}, msgID=65, msgName=SetAgentStateConf, deploymentType=CCE]`,
    );
  if (conf === 'failure')
    recv(
      'FailureConf',
      invoke,
      `CTIFailureConf [status=12 (E_CTI_INVALID_AGENT_STATE)]CTIMessageBean [invokeID=${invoke}, msgID=2, msgName=FailureConf, deploymentType=CCE]`,
    );
  const state = out.event ?? 'NOT_READY';
  if (state === 'none') return;
  s.logs.ctiServer.write(`Trace: AGENT_EVENT: ID=${agent} Periph=5000 Ext=${ext} Inst=${ext} Sig=`);
  s.logs.ctiServer.write(
    `Trace: SkgState=LOGIN SkgDuration=0 OverallState=${state} OverallDuration=0 Reason=${reason}`,
  );
  s.step(1);
  recv(
    'AgentStateEvent',
    '-',
    `CTIAgentStateEvent [skillGroupState=0 (LOGIN), stateDuration=0, agentState=${STATE_CODE[state] ?? 0} (${state}), eventReasonCode=${reason}, agentID=${agent}, agentExtension=${ext}, agentInstrument=${ext}, agentID_Long=null]CTIMessageBean [invokeID=null, msgID=30, msgName=AgentStateEvent, deploymentType=CCE]`,
  );
}

export function userUpdate(agent: string, state: string, requestId = ''): string {
  return `<Update><data><user><dialogs>/finesse/api/User/${agent}/Dialogs</dialogs><loginId>${agent}</loginId><state>${state}</state><uri>/finesse/api/User/${agent}</uri></user></data><event>PUT</event><requestId>${requestId}</requestId><source>/finesse/api/User/${agent}</source></Update>`;
}

export function publish(s: Scenario, agent: string, state: string, requestId = ''): void {
  s.step(1);
  s.logs.webservices.info(
    'pool-5-thread-5',
    'XMPP_PUBLISH_ASYNCHRONOUS',
    [
      ['NodeId', `/finesse/api/User/${agent}`],
      ['Payload', userUpdate(agent, state, requestId)],
    ],
    'Publishing XMPP Message Asynchronously',
  );
}

export const jidOf = (agent: string) => `${agent}@${DOMAIN}/desktop`;

/** The notification service hands the item to the session's held BOSH request; the desktop logs it. */
/**
 * The notification service hands the item to the session; the desktop logs it. `via: 'info'` is
 * the info.log delivery line the tools ask src/notify for; `'bosh-sent'` is the debug.log BOSH
 * response src/notify writes today.
 */
export function deliver(
  s: Scenario,
  agent: string,
  sid: string,
  state: string,
  requestId = '',
  opts: { client?: boolean; via?: 'info' | 'bosh-sent' } = {},
): void {
  s.step(1);
  const node = `/finesse/api/User/${agent}`;
  if (opts.via === 'bosh-sent') {
    const escaped = userUpdate(agent, state, requestId).replace(/</g, '&lt;').replace(/>/g, '&gt;');
    s.logs.notifyDebug.write(
      `HTTPBindLog: HTTP SENT(${sid}): <body xmlns="http://jabber.org/protocol/httpbind"><message xmlns="jabber:client" from="pubsub.${DOMAIN}" to="${jidOf(agent)}" id="${node}__${agent}@${DOMAIN}__b1"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="${node}"><item id="i2"><notification xmlns="http://jabber.org/protocol/pubsub">${escaped}</notification></item></items></event></message></body>`,
    );
  } else
    s.logs.notifyInfo.write(
      `Delivered item ${requestId || 'x'}-item of node ${node} to ${jidOf(agent)} (sid=${sid})`,
    );
  s.step(4);
  if (opts.client !== false)
    clientLog(
      s,
      agent,
      `[ClientServices] MasterPublisher._eventHandler() - Received event on node '${node}': ${userUpdate(agent, state, requestId)}`,
    );
}

export function storeOffline(s: Scenario, agent: string, state: string, requestId = ''): void {
  s.step(1);
  const escaped = userUpdate(agent, state, requestId).replace(/</g, '&lt;').replace(/>/g, '&gt;');
  s.logs.notifyDebug.write(
    `Unable to route packet. No session is available so store offline. <message from="pubsub.${DOMAIN}" to="${agent}@${DOMAIN}" id="/finesse/api/User/${agent}__${agent}@${DOMAIN}__a1"><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="/finesse/api/User/${agent}"><item id="i1"><notification xmlns="http://jabber.org/protocol/pubsub">${escaped}</notification></item></items></event></message>`,
  );
}
