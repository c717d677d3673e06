/**
 * The first seed document's login trace, end to end over the real protocols: REST over HTTP,
 * Strophe.js over BOSH, GED-188 over TCP to the CTI simulator — and every hop in the logs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { xml } from '../src/api/testing/xml.ts';
import { signOnStrophe as connectStrophe, type StropheSession } from './support/strophe.ts';
import { basic, startTestSystem, type TestSystem } from './support/system.ts';
import { until } from './support/until.ts';

const eventFor = (requestId: string) => (e: { payload: string }) =>
  e.payload.includes(`<requestId>${requestId}</requestId>`);

describe('agent sign-in, as the seed traces it', () => {
  let sys: TestSystem;
  let desktop: StropheSession;

  before(async () => {
    sys = await startTestSystem();
  });
  after(async () => {
    await desktop?.disconnect().catch(() => {});
    await sys?.stop();
  });

  it('GET SystemInfo answers IN_SERVICE with the XMPP domains', async () => {
    const res = await sys.api('/finesse/api/SystemInfo?nocache=1366756802163');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /xml/);
    const info = xml(await res.text());
    assert.equal(info.name, 'SystemInfo');
    assert.equal(info.getChildText('status'), 'IN_SERVICE');
    assert.equal(info.getChildText('xmppDomain'), 'localhost');
    assert.equal(info.getChildText('xmppPubSubDomain'), 'pubsub.localhost');
    assert.equal(info.getChildText('deploymentType'), 'UCCE');
    assert.ok(info.getChild('primaryNode')?.getChildText('host'));
    assert.ok(!Number.isNaN(Date.parse(info.getChildText('currentTimestamp') ?? '')));

    const ts = xml(
      await (await sys.api('/finesse/api/SystemInfo?timestamponly&nocache=1492185680998')).text(),
    );
    assert.ok(ts.getChildText('currentTimestamp'));
    assert.equal(ts.getChild('xmppDomain'), undefined);
  });

  it('Strophe.js opens a BOSH session (SASL PLAIN, bind, presence) and the webservices see the presence', async () => {
    desktop = await connectStrophe(sys.bosh, '2001@localhost/desktop', '2001');
    assert.equal(desktop.jid, '2001@localhost/desktop');
    await until('the PRESENCE_NOTIFICATION_RECIEVED line', async () =>
      /PRESENCE_NOTIFICATION_RECIEVED: %\[FROM JID=2001@localhost\/desktop\]\[PRESENCE_TYPE=available\]/.test(
        (await sys.logs()).webservices,
      ),
    );
  });

  it('GET User/2001 returns Mickey Mouse signed out', async () => {
    const res = await sys.api('/finesse/api/User/2001?nocache=1366756805180', { auth: basic('2001') });
    assert.equal(res.status, 200);
    const user = xml(await res.text());
    assert.equal(user.name, 'User');
    assert.equal(user.getChildText('state'), 'LOGOUT');
    assert.equal(user.getChildText('extension'), '');
    assert.equal(user.getChildText('stateChangeTime'), '');
    assert.equal(user.getChildText('firstName'), 'Mickey');
    assert.equal(user.getChildText('lastName'), 'Mouse');
    assert.equal(user.getChildText('loginName'), 'mmouse');
    assert.equal(user.getChildText('teamId'), '5000');
    assert.equal(user.getChildText('teamName'), 'Minnies_Team');
    assert.equal(user.getChildText('dialogs'), '/finesse/api/User/2001/Dialogs');
    assert.equal(user.getChildText('uri'), '/finesse/api/User/2001');
    assert.deepEqual(
      user
        .getChild('roles')
        ?.getChildren('role')
        .map((r) => r.text()),
      ['Agent'],
    );
  });

  it('PUT LOGIN answers 202 and the Update with the same requestId arrives over BOSH', async () => {
    const requestId = '6e210ca9-5786-43bc-babf-64a397a6057f';
    const res = await sys.api('/finesse/api/User/2001', {
      method: 'PUT',
      auth: basic('2001'),
      headers: { 'Content-Type': 'application/xml', requestId },
      body: '<User><state>LOGIN</state><extension>2003</extension></User>',
    });
    assert.equal(res.status, 202);
    assert.equal(await res.text(), '');
    assert.equal(res.headers.get('requestId'), requestId);

    const ev = await desktop.waitForEvent(eventFor(requestId));
    assert.equal(ev.node, '/finesse/api/User/2001');
    assert.equal(ev.from, 'pubsub.localhost');
    const update = xml(ev.payload);
    assert.equal(update.name, 'Update');
    assert.deepEqual(
      update.elements().map((e) => e.name),
      ['data', 'event', 'requestId', 'source'],
    );
    assert.equal(update.getChildText('event'), 'PUT');
    assert.equal(update.getChildText('source'), '/finesse/api/User/2001');
    const user = update.getChild('data')?.getChild('user');
    assert.ok(user, 'Update/data/user');
    assert.equal(user.getChildText('state'), 'NOT_READY');
    assert.equal(user.getChildText('extension'), '2003');
    assert.equal(user.getChildText('reasonCodeId'), '-1');
    assert.match(user.getChildText('stateChangeTime') ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/);
  });

  it('NOT_READY without a reason code is refused with Parameter Missing while codes exist', async () => {
    const res = await sys.api('/finesse/api/User/2001', {
      method: 'PUT',
      auth: basic('2001'),
      headers: { requestId: 'nr-without-reason' },
      body: '<User><state>NOT_READY</state></User>',
    });
    assert.equal(res.status, 400);
    const err = xml(await res.text()).getChild('ApiError');
    assert.equal(err?.getChildText('ErrorType'), 'Parameter Missing');
    assert.equal(err?.getChildText('ErrorMessage'), 'The state change requires a valid reason code.');
  });

  it('reason codes, READY, NOT_READY with a reason and LOGOUT with a reason go the same way', async () => {
    const codesOf = async (category: string) => {
      const res = await sys.api(
        `/finesse/api/User/2001/ReasonCodes?category=${category}&nocache=1366756805356`,
        {
          auth: basic('2001'),
        },
      );
      assert.equal(res.status, 200);
      const list = xml(await res.text());
      assert.equal(list.name, 'ReasonCodes');
      const codes = list.getChildren('ReasonCode');
      assert.ok(codes.length > 0, `${category} codes`);
      for (const c of codes) assert.equal(c.getChildText('category'), category);
      return codes;
    };
    const notReady = await codesOf('NOT_READY');
    const logout = await codesOf('LOGOUT');

    const put = async (body: string, requestId: string) => {
      const res = await sys.api('/finesse/api/User/2001', {
        method: 'PUT',
        auth: basic('2001'),
        headers: { requestId },
        body,
      });
      assert.equal(res.status, 202, await res.text());
      const user = xml((await desktop.waitForEvent(eventFor(requestId))).payload)
        .getChild('data')
        ?.getChild('user');
      assert.ok(user);
      return user;
    };
    assert.equal((await put('<User><state>READY</state></User>', 'r-ready')).getChildText('state'), 'READY');
    const nrId = notReady[0].getChildText('id') ?? '';
    const nr = await put(`<User><state>NOT_READY</state><reasonCodeId>${nrId}</reasonCodeId></User>`, 'r-nr');
    assert.equal(nr.getChildText('state'), 'NOT_READY');
    assert.equal(nr.getChildText('reasonCodeId'), nrId);
    const loId = logout[0].getChildText('id') ?? '';
    const lo = await put(
      `<User><state>LOGOUT</state><reasonCodeId>${loId}</reasonCodeId></User>`,
      'r-logout',
    );
    assert.equal(lo.getChildText('state'), 'LOGOUT');
    assert.equal(lo.getChildText('reasonCodeId'), loId);
  });

  it('GET Dialogs answers an empty list for an agent with no call', async () => {
    const res = await sys.api('/finesse/api/User/2001/Dialogs?nocache=1366756805355', {
      auth: basic('2001'),
    });
    assert.equal(res.status, 200);
    assert.equal(xml(await res.text()).name, 'Dialogs');
  });

  it('a wrong password gets 401 ApiErrors; 2001 may neither read nor change 2002', async () => {
    const bad = await sys.api('/finesse/api/User/2001', { auth: ['2001', 'nope'] });
    assert.equal(bad.status, 401);
    assert.equal(
      xml(await bad.text())
        .getChild('ApiError')
        ?.getChildText('ErrorType'),
      'Authentication Failure',
    );

    const other = await sys.api('/finesse/api/User/2002', { auth: basic('2001') });
    assert.equal(other.status, 401);
    assert.equal(
      xml(await other.text())
        .getChild('ApiError')
        ?.getChildText('ErrorType'),
      'Invalid Authorization User Specified',
    );

    const change = await sys.api('/finesse/api/User/2002', {
      method: 'PUT',
      auth: basic('2001'),
      body: '<User><state>LOGIN</state><extension>2004</extension></User>',
    });
    assert.equal(change.status, 401);
    assert.equal(
      xml(await change.text())
        .getChild('ApiError')
        ?.getChildText('ErrorType'),
      'Invalid Authorization User Specified',
    );
  });

  it('every hop is in the logs with its correlation id', async () => {
    const logs = await sys.logs();
    const ws = logs.webservices;
    // A GET's nocache: access log and REQUEST_START.
    assert.match(
      logs.tomcat,
      /GET \/finesse\/api\/SystemInfo \?nocache=1366756802163 HTTP\/1\.1 200 \d+ \d+/,
    );
    assert.match(
      ws,
      /-REQUEST_START: %\[method_name=GET\]\[parameter_name=\{ nocache=\[1366756805180\], \}\]\[resource_name=\/User\/2001\]/,
    );
    assert.match(ws, /-REQUEST_END: %\[elapsed_time=\d+\]: Request complete/);
    // A PUT's requestId: API_REQUEST, the CTI request with its invoke id, the decoded event, the publish.
    const rid = '6e210ca9-5786-43bc-babf-64a397a6057f';
    assert.match(
      ws,
      new RegExp(
        `-API_REQUEST: %\\[REQUEST_URL=User/2001\\]\\[agent_id=2001\\]\\[request_identifier=${rid}\\]\\[request_method=user\\.PUT\\]`,
      ),
    );
    const toCti =
      /-MESSAGE_TO_CTI_SERVER: %\[cti_message=Invoke id :(\d+) , agentstate : 0, workmode : 0, reason code: 0, forceflag :1, agentcapacity: 0, agenttext: 2003, agentid: 2001\]\[cti_message_name=SetAgentStateReq\]/.exec(
        ws,
      );
    assert.ok(toCti, 'MESSAGE_TO_CTI_SERVER for the LOGIN');
    assert.match(
      ws,
      /-DECODED_MESSAGE_FROM_CTI_SERVER: %\[cti_message=CTIAgentStateEvent \[.*agentState=2 \(NOT_READY\).*agentID=2001/,
    );
    assert.match(
      ws,
      new RegExp(
        `-XMPP_PUBLISH_ASYNCHRONOUS: %\\[NodeId=/finesse/api/User/2001\\]\\[Payload=<Update><data><user>.*<requestId>${rid}</requestId><source>/finesse/api/User/2001</source></Update>\\]`,
      ),
    );
    // The CTI log has the same invoke id, raw and decoded; the simulator traced the agent event.
    assert.match(
      logs.cti,
      new RegExp(`SEND SetAgentStateReq invokeId=${toCti[1]} bytes=\\d+ raw=[0-9a-f]+ decoded=`),
    );
    assert.match(logs['cti-server'], /AGENT_EVENT: ID=2001/);
    // The notification service logged the session.
    assert.ok(logs.openfire.length > 0, 'openfire info.log');
    // Never a password in any log.
    for (const [name, text] of Object.entries(logs)) assert.doesNotMatch(text, /MjAwMToyMDAx|Basic /, name);
  });
});
