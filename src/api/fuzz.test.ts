import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { it } from 'node:test';
import { mulberry32 } from '../../test/support/random.ts';
import { createSignIn } from '../auth/index.ts';
import { RESOURCES, singletonPath } from '../resources/index.ts';
import { createRoutes, DEFAULT_BODY_LIMIT } from './api.ts';
import { matchRoute } from './router.ts';
import type { ApiFixture } from './testing/api-fixture.ts';
import { describeOnEachStore } from './testing/each-store.ts';
import { xml } from './testing/xml.ts';

const PATHS = [
  '/finesse/api/SystemInfo',
  '/finesse/api/User/2001',
  '/finesse/api/User/mmouse',
  '/finesse/api/User/2002',
  '/finesse/api/User/2001/ReasonCodes?category=NOT_READY',
  '/finesse/api/User/2001/ReasonCodes?category=%00',
  '/finesse/api/User/2001/Dialogs',
  '/finesse/api/User/%ZZ',
  '/finesse/api/User/..%2F2002',
  '/finesse/api/User/%00',
  '/finesse/api/User/2001/Nope',
  '/finesse/api//User/2001',
  `/finesse/api/User/${'9'.repeat(2000)}`,
  '/finesse/api/Users',
  '/finesse/api/User/2001/WrapUpReasons',
  '/finesse/api/User/2001/PhoneBooks',
  '/finesse/api/User/2001/PhoneBooks?range=1-5',
  '/finesse/api/User/2001/PhoneBooks?range=%00-9',
  '/finesse/api/User/2001/MediaPropertiesLayout',
  '/finesse/api/User/2001/MediaPropertiesLayouts',
  '/finesse/api/User/2001/ClientLog',
  '/finesse/api/Team',
  '/finesse/api/Teams',
  '/finesse/api/Team/5000',
  '/finesse/api/Team/5000/Users',
  '/finesse/api/Team/5000/TeamMessages',
  '/finesse/api/Team/%FF',
  '/finesse/api/TeamResource/5000/ReasonCodes?category=ALL',
  '/finesse/api/TeamResource/5000/ReasonCodes?category=%0A',
  '/finesse/api/TeamResource/5000/WrapUpReasons',
  '/finesse/api/TeamResource/5000/PhoneBooks',
  '/finesse/api/TeamResource/5000/MediaPropertiesLayout',
  '/finesse/api/TeamResource/404/PhoneBooks',
  '/finesse/api/TeamMessage',
  '/finesse/api/TeamMessages',
  '/finesse/api/TeamMessage/not-a-uuid',
  '/finesse/api/ReasonCodes?category=ALL',
  '/finesse/api/ReasonCode',
  '/finesse/api/ReasonCode/1',
  '/finesse/api/ReasonCode/99999999999999',
  '/finesse/api/WrapUpReasons',
  '/finesse/api/WrapUpReason',
  '/finesse/api/WrapUpReason/1',
  '/finesse/api/PhoneBooks',
  '/finesse/api/PhoneBook',
  '/finesse/api/PhoneBook/1',
  '/finesse/api/PhoneBook/1/Contacts',
  '/finesse/api/PhoneBook/1/Contact',
  '/finesse/api/PhoneBook/1/Contact/1',
  '/finesse/api/PhoneBook/x/Contact/-1',
  '/finesse/api/MediaPropertiesLayouts',
  '/finesse/api/MediaPropertiesLayout',
  '/finesse/api/MediaPropertiesLayout/1',
  '/finesse/api/UserConfigs',
  '/finesse/api/UserConfig',
  '/finesse/api/UserConfig/2006',
  '/finesse/api/UserConfig/%2E%2E',
  '/finesse/api/SystemConfig',
  '/finesse/api/ClusterConfig',
  '/finesse/api/Dialog/16777217',
  '/finesse/api/LayoutConfig/default',
  '/finesse/api/Team/5000/LayoutConfig',
  '/finesse/api/User/2001/LayoutConfig',
  '/finesse/api/Workflows',
  '/finesse/api/Workflow',
  '/finesse/api/Workflow/1',
  '/finesse/api/WorkflowActions',
  '/finesse/api/WorkflowAction',
  '/finesse/api/WorkflowAction/1',
  '/finesse/api/Team/5000/Workflows',
  '/finesse/api/TeamResource/5000/Workflows',
  '/finesse/api/User/2001/Workflows',
  '/finesse/api/Dialog/%00',
  '/finesse/api/Queue/85881',
  '/finesse/api/Queue/..',
  '/finesse/api/User/2001/Queues',
  '/finesse/api/User/2002/Queues',
  '/finesse/api/Logging',
  '/finesse/api/Troubleshooting/Trace?id=%00',
  '/finesse/api/Troubleshooting/Diagnose?from=x',
  '/finesse/api/LockedOutUsers',
  '/finesse/api/LockedOutUsers/2005',
  '/finesse/api/User/2001/ReasonCode/1',
  '/finesse/api/User/2001/ReasonCode/x%00',
  '/finesse/api/Team/5000/ReasonCodes?category=LOGOUT',
  '/finesse/api/Team/5000/WrapUpReasons',
  '/finesse/api/Team/5000/PhoneBooks',
  '/finesse/api/Team/5000/MediaPropertiesLayout',
  '/finesse/api/SessionToken',
];
// The routes of the resources declared as data (src/resources), derived as the routes themselves
// are: a new resource is fuzzed without a line here.
for (const r of RESOURCES) {
  if (r.shape === 'singleton') {
    PATHS.push(`/finesse/api${singletonPath(r)}`);
    continue;
  }
  PATHS.push(`/finesse/api/${r.many}`, `/finesse/api/${r.name}`, `/finesse/api/${r.name}/1`);
  if (r.isTeamAssigned)
    for (const base of ['/Team/5000', '/TeamResource/5000', '/User/2001'])
      PATHS.push(`/finesse/api${base}/${r.many}`);
}
const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];
const CONTENT_TYPES = [
  'application/xml',
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'application/xml; charset=ISO-8859-1',
  undefined,
];
const BODIES: string[] = [
  '',
  '<User><state>READY</state>',
  '<User><state>READY\u0001</state></User>',
  '<User><state>\uFFFF</state></User>',
  '<User xmlns="urn:x"><state/></User>',
  '<User><state>R&amp;EADY<!-- --></state></User>',
  '<User><state>NOT_READY</state><reasonCodeId>99999999999999999999</reasonCodeId></User>',
  '<User><state>LOGIN</state><extension><![CDATA[</extension>]]></extension></User>',
  '<?xml version="1.0" encoding="UTF-16"?><User><state>READY</state></User>',
  '<!DOCTYPE lol [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><User><state>&b;</state></User>',
  '{"state":"READY"}',
  'state=READY',
  `<User><state>${'<a>'.repeat(5000)}</state></User>`,
  `<User><state>READY</state>${'x'.repeat(1024 * 1024)}</User>`,
  '<ReasonCode><category>NOT_READY</category><code>65535</code><label>L\u0001</label></ReasonCode>',
  '<ReasonCode><category>LOGOUT</category><code>-1</code><label></label><forAll>maybe</forAll></ReasonCode>',
  '<WrapUpReason><label>Fuzzed</label><forAll>false</forAll></WrapUpReason>',
  '<PhoneBook><name>Fuzz</name><type>TEAM</type></PhoneBook>',
  '<Contact><phoneNumber>555</phoneNumber><firstName>\uFFFE</firstName></Contact>',
  '<Contact><phoneNumber></phoneNumber></Contact>',
  '<MediaPropertiesLayout><name>F</name><header><entry><displayName/></entry></header><column/><column/><column/></MediaPropertiesLayout>',
  '<User><loginId>f1</loginId><loginName>f1</loginName><password>p</password><roles><role>Agent</role></roles></User>',
  '<User><loginId>../x</loginId><roles><role>Root</role></roles></User>',
  '<Team><name>Fuzzers</name><users><User><loginId>nobody</loginId></User></users></Team>',
  '<Team><supervisors><User/></supervisors></Team>',
  '<TeamMessage><duration>99999999</duration><content>x</content><teams><team>5000</team></teams></TeamMessage>',
  '<TeamMessage><duration>10</duration><content>hi</content><teams><team>5000</team></teams></TeamMessage>',
  '<ReasonCodes><ReasonCode><uri>/finesse/api/ReasonCode/abc</uri></ReasonCode></ReasonCodes>',
  '<AgentDeskSettings><name>F</name><teams><team>5000</team><team>5000</team></teams><wrapUpTimer>-1</wrapUpTimer></AgentDeskSettings>',
  '<ECCVariableConfig><ECCVariable><name>user.x</name><length>999999999999</length></ECCVariable><ECCVariable/></ECCVariableConfig>',
  '<PhoneBooks><PhoneBook><id>1</id></PhoneBook></PhoneBooks>',
  '<SystemConfig><cti><host>a b</host><port>0</port><secure>yes</secure></cti></SystemConfig>',
  '<ClusterConfig><secondaryNode><host>sb2</host></secondaryNode></ClusterConfig>',
  '<Dialog><requestedAction>HOLD</requestedAction><targetMediaAddress>3002</targetMediaAddress></Dialog>',
  '<Dialog><requestedAction>SEND_DTMF</requestedAction><actionParams><ActionParam><name>dtmfString</name><value>\u0007</value></ActionParam></actionParams></Dialog>',
  '<Dialog><requestedAction>MAKE_CALL</requestedAction><fromAddress>2003</fromAddress><toAddress></toAddress></Dialog>',
  '<Logging><webservicesDebug>perhaps</webservicesDebug></Logging>',
  `<ClientLog><logData>${'y'.repeat(1_048_577)}</logData></ClientLog>`,
  `<Contact><phoneNumber>1</phoneNumber>${'<x/>'.repeat(200_000)}</Contact>`,
];

// Whose credentials a request carries: the three roles, a wrong password (of an account whose
// lockout does not matter here), an unknown user, or none.
const CALLERS: ([string, string] | undefined)[] = [
  ['2001', '2001'],
  ['2001', '2001'],
  ['2010', '2010'],
  ['admin', 'admin'],
  ['admin', 'admin'],
  ['2005', 'wrong'],
  ['nobody', 'x'],
  undefined,
];

/**
 * One request of the thousands below, on node:http with a keep-alive agent rather than `fetch`:
 * undici's web streams cost about twice the CPU per request, which here was most of the file's
 * time. What is sent is exactly what is given: no `Content-Type` unless the case names one (fetch
 * would add text/plain to a string body), and a `Content-Length` for every body.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function send(
  base: string,
  path: string,
  init: {
    method: string;
    headers?: Record<string, string>;
    body?: string | Uint8Array;
    auth?: [string, string];
  },
): Promise<{ status: number; text: string }> {
  const headers = { ...init.headers };
  if (init.auth) headers.Authorization = `Basic ${Buffer.from(init.auth.join(':')).toString('base64')}`;
  const body = init.body === undefined ? undefined : Buffer.from(init.body);
  if (body) headers['Content-Length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method: init.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describeOnEachStore('fuzzing the routes', (suite) => {
  let api: ApiFixture;
  let routes: ReturnType<typeof createRoutes> = [];
  it('has a path for every route of the API', () => {
    api = suite.api();
    routes = createRoutes(
      {
        core: api.core,
        store: api.store,
        signIn: createSignIn({ store: api.store }),
        now: Date.now,
        isPrimaryNode: () => true,
        configChanged() {},
        clientLogs: { write() {} },
      },
      { logs: api.logs },
    );
    const covered = new Set(
      PATHS.map((p) => matchRoute(routes, p.split('?')[0].slice('/finesse/api'.length))?.route),
    );
    const missing = routes.filter((r) => !covered.has(r)).map((r) => r.pattern);
    assert.deepEqual(missing, [], 'routes the fuzz paths never reach');
  });

  it('answers malformed input, odd methods, content types and huge bodies with 4xx, never 5xx', async () => {
    api = suite.api();
    const next = mulberry32(0x5eed);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
    const randomBytes = () =>
      Uint8Array.from({ length: Math.floor(next() * 512) }, () => Math.floor(next() * 256));
    const seen = new Set<number>();
    for (let i = 0; i < 700; i++) {
      const method = pick(METHODS);
      const path = pick(PATHS);
      const headers: Record<string, string> = {};
      const type = pick(CONTENT_TYPES);
      if (type) headers['Content-Type'] = type;
      if (next() < 0.2) headers.requestId = `r-${i}-\u00e9`;
      const auth = pick(CALLERS);
      const hasBody = method !== 'GET' && method !== 'HEAD';
      const body = hasBody ? (next() < 0.2 ? randomBytes() : pick(BODIES)) : undefined;
      const label = `#${i} ${method} ${path.slice(0, 60)} ${type} ${String(body).slice(0, 40)}`;
      const { status, text } = await send(api.base, path, { method, headers, body, auth });
      seen.add(status);
      assert.ok(status < 500, `${label} → ${status} ${text}`);
      if (status >= 400 && method !== 'HEAD') assert.equal(xml(text).name, 'ApiErrors', label);
    }
    assert.ok([...seen].some((s) => s >= 400 && s < 500));
    assert.equal((await api.request('/finesse/api/SystemInfo')).status, 200);
  });

  it('answers every route and method with bad bodies as an administrator, never 5xx', async () => {
    api = suite.api();
    // The random walk above may miss a route; this sweep does not. Administrator credentials get
    // past authorization so the bodies reach the parsers and the store.
    const bad = ['<Oops', '<a>\u0001</a>', '{"json":true}', '<ReasonCode><code>1</code></ReasonCode>'];
    // Just over each route's own body limit: every route refuses more than it takes with a 4xx,
    // and the sweep does not push megabytes through routes that stop at 64 KiB.
    const huge = (path: string) => {
      const route = matchRoute(routes, path.split('?')[0].slice('/finesse/api'.length))?.route;
      return `<X>${'z'.repeat(route?.bodyLimit ?? DEFAULT_BODY_LIMIT)}</X>`;
    };
    for (const path of PATHS) {
      for (const method of ['GET', 'PUT', 'POST', 'DELETE', 'PATCH']) {
        const bodies = method === 'GET' ? [undefined] : method === 'POST' ? [...bad, huge(path)] : bad;
        for (const [i, body] of bodies.entries()) {
          const headers = { 'Content-Type': i % 2 ? 'text/plain' : 'application/xml' };
          const { status, text } = await send(api.base, path, {
            method,
            body,
            headers,
            auth: ['admin', 'admin'],
          });
          assert.ok(status < 500, `${method} ${path} ${String(body).slice(0, 30)} → ${status} ${text}`);
        }
      }
    }
    assert.equal((await api.request('/finesse/api/Teams', { auth: ['admin', 'admin'] })).status, 200);
  });

  it('survives raw garbage on the socket and keeps serving', async () => {
    api = suite.api();
    const { port } = new URL(api.base);
    const next = mulberry32(42);
    const payloads = [
      'GET /finesse/api/User/2001 HTTP/1.1\r\nHost: x\r\nrequestId: a\u0000b\r\n\r\n',
      'PUT /finesse/api/User/2001 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nxx\r\n',
      'PUT /finesse/api/User/2001 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello',
      Buffer.from(Array.from({ length: 300 }, () => Math.floor(next() * 256))),
    ];
    for (const p of payloads) {
      await new Promise<void>((resolve) => {
        const socket = net.connect(Number(port), '127.0.0.1', () => socket.end(p));
        socket.on('data', () => {});
        socket.on('error', () => resolve());
        socket.on('close', () => resolve());
      });
    }
    assert.equal((await api.request('/finesse/api/User/2001', { auth: ['2001', '2001'] })).status, 200);
  });
});
