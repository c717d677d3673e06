import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatAccessLine, formatCcbuLine, formatCtiLine, formatOpenfireTime, Severity } from '../format.ts';
import {
  agentIdIn,
  apiRequestId,
  callIdOfDialog,
  callIdsIn,
  ctiMessageName,
  dialogOfPath,
  invokeIdOf,
  nocacheOf,
} from './keys.ts';
import { type LogRecord, parseLine, type WebservicesLine } from './parse.ts';

const T = Date.UTC(2017, 5, 16, 18, 47, 4, 632);

function ws(line: string): WebservicesLine {
  const r = parseLine('webservices', line);
  assert.ok(r && r.source === 'webservices', line);
  return r;
}

describe('line parsers', () => {
  it('read back what formatCcbuLine writes, brackets inside values included', () => {
    const decoded =
      'CTIAgentStateEvent [agentState=2 (NOT_READY), fltSkillGroupNumberList=[], agentID=2001]CTIMessageBean [invokeID=null, msgID=30, msgName=AgentStateEvent]';
    const r = ws(
      formatCcbuLine({
        seq: 1066,
        node: '10.0.0.1',
        time: T,
        thread: 'CTIMessageEventExecutor-0',
        severity: Severity.INFO,
        mnemonic: 'DECODED_MESSAGE_FROM_CTI_SERVER',
        fields: [
          ['cti_message', decoded],
          ['cti_response_time', 1],
        ],
        text: 'Decoded Message to Finesse from backend cti server',
      }),
    );
    assert.deepEqual(
      {
        seq: r.seq,
        node: r.node,
        time: r.time,
        thread: r.thread,
        severity: r.severity,
        mnemonic: r.mnemonic,
        text: r.text,
      },
      {
        seq: 1066,
        node: '10.0.0.1',
        time: T,
        thread: 'CTIMessageEventExecutor-0',
        severity: 6,
        mnemonic: 'DECODED_MESSAGE_FROM_CTI_SERVER',
        text: 'Decoded Message to Finesse from backend cti server',
      },
    );
    assert.deepEqual(r.fields, { cti_message: decoded, cti_response_time: '1' });
    assert.equal(ctiMessageName(decoded), 'AgentStateEvent');
    assert.equal(agentIdIn(decoded), '2001');
    assert.equal(invokeIdOf(decoded), undefined);

    const start = ws(
      formatCcbuLine({
        seq: 1,
        node: 'n',
        time: T,
        thread: 'http-8082-7',
        severity: Severity.INFO,
        mnemonic: 'REQUEST_START',
        fields: {
          method_name: 'GET',
          parameter_name: '{ nocache=[1366756802163], }',
          resource_name: '/User/2001',
          usr: '2001',
        },
        text: 'Request start',
      }),
    );
    assert.equal(start.thread, 'http-8082-7');
    assert.equal(nocacheOf(start.fields.parameter_name), '1366756802163');
    const logout = ws(
      formatCcbuLine({
        seq: 2,
        node: 'n',
        time: T,
        thread: 'CoreImpl-worker12',
        severity: Severity.INFO,
        mnemonic: 'PRESENCE DRIVEN LOGOUT',
        fields: { agent_id: '1001003', reason_code: 255 },
        text: 'x',
      }),
    );
    assert.equal(logout.mnemonic, 'PRESENCE DRIVEN LOGOUT');
    const empty = ws(
      formatCcbuLine({
        seq: 3,
        node: 'n',
        time: T,
        thread: 'CTIConnection',
        severity: Severity.INFO,
        mnemonic: 'CTI_CONNECTION_EVENT',
        fields: [],
        text: 'side A: connected',
      }),
    );
    assert.deepEqual([empty.fields, empty.text], [{}, 'side A: connected']);
  });

  it('read the JSON webservices variant, access, CTI and client lines', () => {
    const j = ws(
      JSON.stringify({
        seq: 5,
        node: 'n',
        time: new Date(T).toISOString(),
        thread: 'http-8082-7',
        severity: 6,
        mnemonic: 'API_REQUEST',
        fields: { request_identifier: 'abc', agent_id: null },
        text: 't',
      }),
    );
    assert.deepEqual([j.time, apiRequestId(j), j.fields.agent_id], [T, 'abc', 'null']);

    const a = parseLine(
      'access',
      formatAccessLine({
        time: T,
        remoteAddr: '10.1.1.1',
        localAddr: '10.1.1.2',
        user: '2001',
        localPort: 8082,
        method: 'PUT',
        path: '/finesse/api/User/2001',
        query: '',
        protocol: 'HTTP/1.1',
        status: 202,
        bytes: 0,
        elapsedMs: 8,
      }),
    );
    assert.ok(a?.source === 'access');
    assert.deepEqual(
      [a.time, a.user, a.method, a.path, a.query, a.status, a.bytes, a.elapsedMs],
      [T, '2001', 'PUT', '/finesse/api/User/2001', '', 202, undefined, 8],
    );

    const c = parseLine(
      'cti',
      `${formatOpenfireTime(T)} ${formatCtiLine({ direction: 'SEND', name: 'SetAgentStateReq', invokeId: 20, frame: Uint8Array.from([0, 0, 0, 4]), decoded: 'Invoke id :20 , agentid: 2001' })}`,
    );
    assert.ok(c?.source === 'cti');
    assert.deepEqual(
      [c.time, c.direction, c.name, c.invokeId, c.raw, invokeIdOf(c.decoded)],
      [T, 'SEND', 'SetAgentStateReq', 20, '00000004', 20],
    );

    const full = parseLine(
      'client',
      "2017-11-15T09:57:27.274 +00:00: : fin1.example.com: Nov 15 2017 09:57:27.768 +0000: Container : [ClientServices] User: requestId='6e21', Making REST request: method=PUT, url='/finesse/api/User/2001'",
    );
    assert.ok(full?.source === 'client');
    assert.deepEqual([full.time, full.component], [Date.UTC(2017, 10, 15, 9, 57, 27, 768), 'Container']);
    const short = parseLine(
      'client',
      "18:40:05: Container : [ClientServices] SystemInfo: requestId='undefined', Returned with status=200",
    );
    assert.ok(short?.source === 'client');
    assert.deepEqual([short.time, short.clock, short.component], [undefined, '18:40:05', 'Container']);
  });

  it('classify the notification-service lines of the second seed', () => {
    const kinds = (lines: string[]) =>
      lines.map((l) => (parseLine('notify-info', l) as LogRecord & { event: { kind: string } }).event);
    const [
      idle,
      closed,
      last,
      recv,
      offline,
      stop,
      started,
      created,
      other,
      stopped,
      fresh,
      bound,
      sent,
      forced,
    ] = kinds([
      '2017.06.17 00:16:04 Closing idle session (id=f382a015): 1001003@fin.example.com/desktop after inactivity for more than threshold value of 60',
      '2017.06.17 00:16:04 A session is closed for 1001003@fin.example.com/desktop',
      '2017.06.17 00:15:04 Session (id=f382a015) was last active 13230 ms ago: 1001003@fin.example.com/desktop',
      '2017.04.14 21:34:21 HTTPBindLog: HTTP RECV(3445afbe): <body sid="3445afbe" rid="164053266"/>',
      `2017.06.17 00:17:04 Unable to route packet. No session is available so store offline. <message from="pubsub.x" to="2001@x"><items node="/finesse/api/User/2001"><notification>&lt;requestId&gt;r1&lt;/requestId&gt;</notification></items></message>`,
      '2017.06.17 00:18:00 Openfire stopping',
      '2017.06.17 00:18:30 HTTP bind service started',
      '2017.06.17 00:18:31 HTTP session created (id=ab12) for 2001@x/desktop',
      '2017.06.17 00:18:31 Launching thread for /127.0.0.1:44667',
      // What src/notify writes.
      '2026.11.22 10:00:00.000 Notification service stopped',
      '2026.11.22 10:00:00.000 New bosh session (id=9f8e) from 10.0.0.7',
      '2026.11.22 10:00:00.000 Session (id=9f8e) bound to 2001@x/desktop over bosh',
      `2026.11.22 10:00:00.000 HTTPBindLog: HTTP SENT(9f8e): <body xmlns="http://jabber.org/protocol/httpbind"><message to="2001@x/desktop"><event><items node="/finesse/api/User/2001"><item id="i"><notification>&lt;Update&gt;&lt;requestId&gt;r2&lt;/requestId&gt;&lt;/Update&gt;</notification></item></items></event></message></body>`,
      '2026.11.22 10:00:00.000 Closing BOSH session (id=9f8e): 2001@x/desktop is not reading its notifications',
    ]);
    assert.deepEqual(idle, { kind: 'idle-close', sid: 'f382a015', jid: '1001003@fin.example.com/desktop' });
    assert.deepEqual(closed, {
      kind: 'session-closed',
      jid: '1001003@fin.example.com/desktop',
      sid: undefined,
    });
    assert.deepEqual(last, {
      kind: 'last-active',
      sid: 'f382a015',
      ms: 13230,
      jid: '1001003@fin.example.com/desktop',
    });
    assert.deepEqual(recv, { kind: 'bosh-recv', sid: '3445afbe' });
    assert.deepEqual(offline, {
      kind: 'store-offline',
      jid: '2001@x',
      node: '/finesse/api/User/2001',
      requestId: 'r1',
    });
    assert.deepEqual([stop.kind, started.kind, other.kind], ['service-stop', 'service-start', 'other']);
    assert.deepEqual(created, { kind: 'session-created', sid: 'ab12', jid: '2001@x/desktop' });
    assert.equal(stopped.kind, 'service-stop');
    assert.deepEqual(fresh, { kind: 'session-created', sid: '9f8e', jid: undefined });
    assert.deepEqual(bound, { kind: 'session-created', sid: '9f8e', jid: '2001@x/desktop' });
    assert.deepEqual(sent, {
      kind: 'bosh-sent',
      sid: '9f8e',
      jid: '2001@x/desktop',
      node: '/finesse/api/User/2001',
      nodes: ['/finesse/api/User/2001'],
      requestId: 'r2',
    });
    assert.deepEqual(forced, { kind: 'forced-close', sid: '9f8e', jid: '2001@x/desktop' });
  });

  it('skip what is not a line of that log instead of throwing', () => {
    for (const junk of [
      '',
      'garbage',
      '%CCBU_',
      '%CCBU_x: %[unclosed',
      '\u0000\u0001',
      '{"not":"a record"}',
      '{broken json',
    ])
      for (const source of ['webservices', 'access', 'cti'] as const)
        assert.doesNotThrow(() => parseLine(source, junk));
    assert.equal(parseLine('webservices', 'garbage'), undefined);
    assert.equal(ws('%CCBU_x-6-M: %[k=[unclosed').fields.k, '[unclosed');
    // The seed's Tomcat lines print '-' where the time stands.
    const seed = parseLine(
      'access',
      '10.10.10.211 10.10.10.211 - - 80 GET /desktop/container/ HTTP/1.1 200 4541 185',
    );
    assert.ok(seed?.source === 'access');
    assert.deepEqual([seed.time, seed.path, seed.status], [undefined, '/desktop/container/', 200]);
  });
});

describe('call keys', () => {
  it('reads the call ids of every CTI decoder, never the router call key', () => {
    assert.deepEqual(
      callIdsIn(
        'BeginCallEvent [monitorId=0, connectionCallId=16777217, connectionDeviceId=2003, routerCallKeyDay=20779, routerCallKeyCallId=1]',
      ),
      [16777217],
    );
    assert.deepEqual(
      callIdsIn('Trace: CALL_EVENT: Type=CALL_DELIVERED_EVENT CallID=16777217 Dev=2003'),
      [16777217],
    );
    assert.deepEqual(
      callIdsIn('MsgType:ANSWER_CALL_REQ (InvokeID:11 ConnectionCallID:16777217 Dev)'),
      [16777217],
    );
    assert.deepEqual(
      callIdsIn('CallTransferredEvent [primaryCallId=16777217, secondaryCallId=16777218]'),
      [16777217, 16777218],
    );
    assert.deepEqual(callIdsIn('AnswerCallConf [invokeId=10]'), []);
    // The snapshots after a reconnect: the request names its call, the CONFs list theirs.
    assert.deepEqual(
      callIdsIn(
        'SnapshotCallReq [invokeId=7, peripheralId=5000, connectionCallId=16777217, connectionDeviceIdType=0]',
      ),
      [16777217],
    );
    assert.deepEqual(
      callIdsIn(
        'SnapshotDeviceConf [invokeId=6, numCalls=2, callConnectionCallId=[16777217, 16777218], callState=[3]]',
      ),
      [16777217, 16777218],
    );
    assert.deepEqual(
      callIdsIn(
        'Session 1 send MsgType:SNAPSHOT_CALL_CONF (InvokeID:7 CallConnectionCallID:[16777217,16777217])',
      ),
      [16777217, 16777217],
    );
  });

  it('maps a dialog id to its call id, and a Dialog URL to its dialog id', () => {
    assert.equal(callIdOfDialog('16777217'), 16777217);
    assert.equal(callIdOfDialog('16777218-2003'), 16777218);
    assert.equal(callIdOfDialog('16777218-2003-3'), 16777218);
    assert.equal(callIdOfDialog('abc'), undefined);
    assert.equal(dialogOfPath('Dialog/16777217'), '16777217');
    assert.equal(dialogOfPath('/finesse/api/Dialog/16777218-2003'), '16777218-2003');
    assert.equal(dialogOfPath('User/2001/Dialogs'), undefined);
  });
});
