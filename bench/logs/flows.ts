/**
 * The benchmark's traffic, one function per flow, each writing every log line that flow leaves
 * in every log — the same lines as src/logs/tools/fixtures.ts, without createLogs' overhead.
 */
import path from 'node:path';
import { formatFileTimestamp } from '../../src/logs/index.ts';
import { createClock, LogWriter } from './log-writer.ts';

const DOMAIN = 'finesse.example.com';

export function createFlows(dir: string, clientLogAgents: readonly string[]) {
  const stamp = formatFileTimestamp;
  const ws = new LogWriter(path.join(dir, 'webservices'), (t) => `Desktop-webservices.${stamp(t)}.log`);
  const info = new LogWriter(
    path.join(dir, 'openfire'),
    () => 'info.log',
    (t) => `info.${stamp(t)}.log`,
  );
  const debug = new LogWriter(
    path.join(dir, 'openfire'),
    () => 'debug.log',
    (t) => `debug.${stamp(t)}.log`,
  );
  const access = new LogWriter(path.join(dir, 'tomcat'), (t) => `localhost_access_log.${stamp(t)}.txt`);
  const cti = new LogWriter(path.join(dir, 'cti'), (t) => `cti.${stamp(t)}.log`);
  const sim = new LogWriter(path.join(dir, 'cti-server'), (t) => `ctisvr.${stamp(t)}.log`);
  const client = new Map(
    clientLogAgents.map((a) => [
      a,
      new LogWriter(path.join(dir, 'clientlogs', a), (t) => `Desktop-clientlog.${stamp(t)}.log`),
    ]),
  );
  const all = [ws, info, debug, access, cti, sim, ...client.values()];
  const clock = createClock();
  let seq = 0;
  let invoke = 100;
  let rid = 0;
  let polls = 0;
  /** Agent → when its desktop comes back (Infinity: never). */
  const down = new Map<string, number>();
  /** Agent → number of its current BOSH session (a new sid per session, as Openfire does). */
  const session = new Map<string, number>();

  const sid = (a: string) => `s${a}-${session.get(a) ?? 0}`;
  const jid = (a: string) => `${a}@${DOMAIN}/desktop`;
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  const wsl = (t: number, thread: string, mnemonic: string, fields: string, text: string) =>
    ws.write(
      `${String(++seq).padStart(10, '0')}: 10.10.10.21: ${clock(t).ccbu}: %CCBU_${thread}-6-${mnemonic}: %${fields}: ${text}`,
      t,
    );
  const of = (o: LogWriter, t: number, text: string) => o.write(`${clock(t).openfire} ${text}`, t);
  const cl = (a: string, t: number, text: string) =>
    client
      .get(a)
      ?.write(
        `${new Date(t).toISOString().replace('Z', ' +00:00')}: : ${DOMAIN}: ${clock(t).ccbu}: Container : ${text}`,
        t,
      );
  const presence = (a: string, t: number, type: string) =>
    wsl(
      t,
      'Smack Listener Processor (1)',
      'PRESENCE_NOTIFICATION_RECIEVED',
      `[FROM JID=${jid(a)}][PRESENCE_TYPE=${type}]`,
      'Finesse received a presence notifcation',
    );

  /** A REST request: client log, REQUEST_START/API_REQUEST/…/REQUEST_END on one thread, access log. */
  const request = (
    a: string,
    t: number,
    method: string,
    res: string,
    r: { nocache?: string; requestId?: string },
  ) => {
    const thread = `http-8082-7-${1 + (seq % 200)}`;
    const type = res.split('/')[1];
    const query = r.nocache ? `?nocache=${r.nocache}` : '';
    const requestId = r.requestId ?? 'undefined';
    cl(
      a,
      t,
      `[ClientServices] ${type}: requestId='${requestId}', Making REST request: method=${method}, url='/finesse/api${res}${query}'`,
    );
    const nocache = r.nocache ? `nocache=[${r.nocache}], ` : '';
    wsl(
      t + 2,
      thread,
      'REQUEST_START',
      `[method_name=${method}][parameter_name={ ${nocache}}][resource_name=${res}][usr=${a}]`,
      'Request start',
    );
    const params = method === 'PUT' ? ' state:READY' : a;
    wsl(
      t + 2,
      thread,
      'API_REQUEST',
      `[REQUEST_URL=${res.slice(1)}][agent_id=${a}][request_identifier=${r.requestId ?? 'null'}][request_method=${type.toLowerCase()}.${method}][request_parameters=${params}]`,
      'Request from client to webservice api',
    );
    wsl(
      t + 3,
      thread,
      'REGISTER_API_STATS_OBJECT',
      `[resource_name=com.cisco.ccbu:category=WebAppStats,component0=${type}-${method}]`,
      'Registered new api stats object for new request type.',
    );
    wsl(t + 9, thread, 'REQUEST_END', '[elapsed_time=7]', 'Request complete');
    const status = method === 'GET' ? 200 : 202;
    access.write(
      `10.10.20.${a.slice(-2)} 10.10.10.21 ${a} [${clock(t + 2).access}] 8082 ${method} /finesse/api${res} ${query} HTTP/1.1 ${status} ${status === 200 ? 1204 : '-'} 7`,
      t + 9,
    );
    cl(
      a,
      t + 11,
      `[ClientServices] ${type}: requestId='${requestId}', Returned with status=${status}, content=''`,
    );
  };

  /** The full state-change chain; reason 255 is the presence-driven logout (no REST request). Returns the requestId. */
  const stateChange = (a: string, t: number, state: string, code: number, reason = 0) => {
    const id = ++invoke;
    const requestId = reason === 255 ? '' : `${hex(rid++)}-5786-43bc-babf-64a397a6057f`;
    if (requestId) request(a, t, 'PUT', `/User/${a}`, { requestId });
    const req = `Invoke id :${id} , agentstate : ${code}, workmode : 0, reason code: ${reason}, forceflag :1, agentcapacity: 0, agenttext: ${a}, agentid: ${a}`;
    wsl(
      t + 12,
      'pool-5-thread-4',
      'MESSAGE_TO_CTI_SERVER',
      `[cti_message=${req}][cti_message_name=SetAgentStateReq]`,
      'Message going to the backend cti server',
    );
    of(
      cti,
      t + 12,
      `SEND SetAgentStateReq invokeId=${id} bytes=52 raw=0000003400000040${hex(0)}${hex(id)}00000001000000000001 decoded=${req}`,
    );
    of(sim, t + 13, `Trace: AGENT_EVENT: ID=${a} Periph=5000 Ext=${a} Inst=${a} Sig=`);
    of(
      sim,
      t + 13,
      `Trace: SkgState=LOGIN SkgDuration=0 OverallState=${state} OverallDuration=0 Reason=${reason}`,
    );
    const conf = `CTISetAgentStateConf [invokeID=${id}]CTIMessageBean [invokeID=${id}, msgID=65, msgName=SetAgentStateConf, deploymentType=CCE]`;
    of(
      cti,
      t + 14,
      `RECV SetAgentStateConf invokeId=${id} bytes=12 raw=0000000400000041${hex(id)} decoded=${conf}`,
    );
    wsl(
      t + 14,
      'CTIMessageEventExecutor-0',
      'DECODED_MESSAGE_FROM_CTI_SERVER',
      `[cti_message=${conf}][cti_response_time=1]`,
      'Decoded Message to Finesse from backend cti server',
    );
    const ev = `CTIAgentStateEvent [skillGroupState=0 (LOGIN), stateDuration=0, skillGroupNumber=85881, skillGroupPriority=0, agentState=${code} (${state}), eventReasonCode=${reason}, numFltSkillGroups=0,CTIClientSignature=, agentID=${a}, agentExtension=${a}, agentInstrument=${a}, agentID_Long=null, duration=null, nextAgentState=null]CTIMessageBean [invokeID=null, msgID=30, msgName=AgentStateEvent, deploymentType=CCE]`;
    of(
      cti,
      t + 15,
      `RECV AgentStateEvent invokeId=- bytes=96 raw=000000580000001e${hex(0)}${hex(0)}${hex(2)} decoded=${ev}`,
    );
    wsl(
      t + 15,
      'CTIMessageEventExecutor-0',
      'DECODED_MESSAGE_FROM_CTI_SERVER',
      `[cti_message=${ev}][cti_response_time=1]`,
      'Decoded Message to Finesse from backend cti server',
    );
    const user = `<dialogs>/finesse/api/User/${a}/Dialogs</dialogs><extension>${a}</extension><firstName>Agent</firstName><lastName>${a}</lastName><loginId>${a}</loginId><loginName>agent${a}</loginName><reasonCodeId>-1</reasonCodeId><roles><role>Agent</role></roles><state>${state}</state><stateChangeTime>${new Date(t).toISOString()}</stateChangeTime><teamId>5000</teamId><teamName>Team</teamName><uri>/finesse/api/User/${a}</uri>`;
    const update = `<Update><data><user>${user}</user></data><event>PUT</event><requestId>${requestId}</requestId><source>/finesse/api/User/${a}</source></Update>`;
    wsl(
      t + 17,
      'pool-5-thread-5',
      'XMPP_PUBLISH_ASYNCHRONOUS',
      `[NodeId=/finesse/api/User/${a}][Payload=${update}]`,
      'Publishing XMPP Message Asynchronously',
    );
    if (down.has(a)) {
      of(
        debug,
        t + 18,
        `Unable to route packet. No session is available so store offline. <message to="${a}@${DOMAIN}"><items node="/finesse/api/User/${a}"/></message>`,
      );
    } else {
      of(
        info,
        t + 18,
        `Delivered item ${id}-${a} of node /finesse/api/User/${a} to ${jid(a)} (sid=${sid(a)})`,
      );
      cl(
        a,
        t + 22,
        `[ClientServices] MasterPublisher._eventHandler() - Received event on node '/finesse/api/User/${a}': ${update}`,
      );
    }
    return requestId;
  };

  return {
    request,
    stateChange,
    isDown: (a: string) => down.has(a),
    /** The desktop stopped polling 60 s ago: the session is reaped, presence goes, monitoring starts. */
    drop(a: string, t: number, back: number) {
      down.set(a, back);
      of(debug, t, `Session (id=${sid(a)}) was last active 60012 ms ago: ${jid(a)}`);
      of(
        info,
        t,
        `Closing idle session (id=${sid(a)}): ${jid(a)} after inactivity for more than threshold value of 60`,
      );
      of(info, t, `A session is closed for ${jid(a)}`);
      presence(a, t + 1, 'unavailable');
      wsl(
        t + 1,
        'Smack Listener Processor (1)',
        'UNSUBSCRIBED',
        `[agent_id=${a}][FROM JID=${jid(a)}]`,
        'Agent has no available desktop session',
      );
      wsl(
        t + 2,
        'pool-8-thread-1',
        'AGENT_PRESENCE_MONITORING',
        `[agent_id=${a}][delay_ms=60000]`,
        'Agent presence unavailable; forced logout in 60 s unless the desktop returns',
      );
    },
    /** Desktops due back at `t` open a new session and send presence. */
    comeBack(t: number) {
      for (const [a, back] of down) {
        if (t < back) continue;
        down.delete(a);
        session.set(a, (session.get(a) ?? 0) + 1);
        of(info, t, `New bosh session (id=${sid(a)}) from 10.10.20.${a.slice(-2)}`);
        of(info, t, `Session (id=${sid(a)}) bound to ${jid(a)} over bosh`);
        presence(a, t + 5, 'available');
      }
    },
    presenceLogout(a: string, t: number) {
      wsl(
        t,
        'CoreImpl-worker12',
        'PRESENCE DRIVEN LOGOUT',
        `[agent_id=${a}][reason_code=255]`,
        'Agent presence unavailable for longer than the logout delay; sending forced logout',
      );
      stateChange(a, t, 'LOGOUT', 1, 255);
    },
    /** One BOSH long-poll request in debug.log. */
    poll(a: string, t: number) {
      if (down.has(a)) return;
      of(
        debug,
        t,
        `HTTPBindLog: HTTP RECV(${sid(a)}): <body rid="${++polls}" sid="${sid(a)}" xmlns="http://jabber.org/protocol/httpbind"/>`,
      );
    },
    heartbeat(t: number) {
      const id = ++invoke;
      of(
        cti,
        t,
        `SEND HeartbeatReq invokeId=${id} bytes=12 raw=0000000400000005${hex(id)} decoded=HeartbeatReq [invokeID=${id}]`,
      );
      of(
        cti,
        t + 1,
        `RECV HeartbeatConf invokeId=${id} bytes=12 raw=0000000400000006${hex(id)} decoded=HeartbeatConf [invokeID=${id}]`,
      );
    },
    bytes: () => all.reduce((n, o) => n + o.bytes, 0),
    close() {
      for (const o of all) o.close();
      return all.reduce((n, o) => n + o.files, 0);
    },
  };
}
