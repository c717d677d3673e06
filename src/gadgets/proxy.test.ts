import assert from 'node:assert/strict';
import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAuthenticator, credentialRequestOf } from '../api/index.ts';
import { createSignIn } from '../auth/index.ts';
import { ManualTimers } from '../clock/testing/manual-timers.ts';
import { createLogs } from '../logs/index.ts';
import { createSqliteStore, seedDemoData } from '../store/index.ts';
import { TEST_HASHING } from '../store/testing/hashing.ts';
import { createAllowList, isInternalAddress, parseAllowEntry } from './allow-list.ts';
import { createMakeRequestProxy } from './proxy.ts';
import type { ProxyResponse } from './proxy-protocol.ts';

const listen = async (server: http.Server) => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
};

describe('makeRequest proxy', () => {
  const timers = new ManualTimers();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-proxy-'));
  const logs = createLogs({ dir, nodeAddress: '127.0.0.1' });
  const store = createSqliteStore({ file: ':memory:', passwordHashing: TEST_HASHING });
  const auth = createAuthenticator(store, createSignIn({ store }));
  let upstreamPort = 0;
  let otherPort = 0;
  let proxyUrl = '';
  /** Requests the upstream fixture received, by path. */
  const seen: { path: string; method: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  let slowArrived: () => void = () => {};

  // The fixture upstream: echoes, any status, redirects, a large body, and one that never answers.
  const upstream = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      seen.push({ path: req.url ?? '', method: req.method ?? '', headers: req.headers, body });
      const url = new URL(req.url ?? '/', 'http://x');
      const status = Number(url.searchParams.get('status') ?? 200);
      if (url.pathname === '/slow') return slowArrived();
      if (url.pathname === '/big') return res.end(Buffer.alloc(3000, 'x'));
      if (url.pathname === '/to-allowed')
        return res.writeHead(303, { Location: '/echo?via=redirect' }).end('see other');
      if (url.pathname === '/to-forbidden')
        return res.writeHead(302, { Location: `http://127.0.0.1:${otherPort}/secret` }).end();
      res.writeHead(status, {
        'Content-Type': 'application/xml; charset=utf-8',
        'X-Reply': ['one', 'two'],
        'Set-Cookie': 'session=secret',
      });
      res.end(`<echo method="${req.method}">${body}</echo>`);
    });
  });
  // Another loopback service (the CTI admin API, PostgreSQL …): never allowed.
  const other = http.createServer((_req, res) => res.end('secret'));
  const proxyServer = http.createServer((req, res) => {
    if (!proxy.handle(req, res)) res.writeHead(418).end();
  });
  let proxy: ReturnType<typeof createMakeRequestProxy>;

  before(async () => {
    await seedDemoData(store);
    upstreamPort = await listen(upstream);
    otherPort = await listen(other);
    proxy = createMakeRequestProxy({
      allowList: createAllowList({
        selfHosts: [],
        selfPorts: [],
        peerHosts: [],
        allowed: [`127.0.0.1:${upstreamPort}`, 'crm.test'],
      }),
      authenticate: async (req) => {
        const r = await auth.authenticate(credentialRequestOf(req));
        return r.ok ? r.value.user.id : undefined;
      },
      access: logs.access,
      webservices: logs.webservices,
      limits: { requestBytes: 2048, responseBytes: 2048, timeoutMs: 5000 },
      timers,
      // crm.test: an allowed name whose DNS answer is loopback (a rebinding attempt).
      lookup: async (host) =>
        host === 'crm.test' ? { address: '127.0.0.1', family: 4 } : dns.promises.lookup(host),
    });
    proxyUrl = `http://127.0.0.1:${await listen(proxyServer)}/gadgets/makeRequest`;
  });
  after(async () => {
    upstream.closeAllConnections();
    for (const s of [upstream, other, proxyServer]) await new Promise((r) => s.close(r));
    await store.close();
    await logs.flush();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const call = async (request: unknown, user = '2001') => {
    const res = await fetch(proxyUrl, {
      method: 'POST',
      headers: user ? { Authorization: `Basic ${Buffer.from(`${user}:${user}`).toString('base64')}` } : {},
      body: typeof request === 'string' ? request : JSON.stringify(request),
    });
    return { status: res.status, json: (await res.json()) as ProxyResponse };
  };
  const at = (p: string) => `http://127.0.0.1:${upstreamPort}${p}`;

  it('passes method, headers and body through, and every status back as rc with the headers', async () => {
    for (const status of [200, 202, 401, 404, 500]) {
      const { status: http, json } = await call({
        url: at(`/echo?status=${status}&nocache=42`),
        method: 'PUT',
        headers: {
          Authorization: 'Basic Z2FkZ2V0OnB3',
          requestId: 'req-7',
          'Content-Type': 'application/xml',
        },
        body: '<User><state>READY</state></User>',
      });
      assert.equal(http, 200);
      assert.equal(json.rc, status);
      assert.equal(json.text, '<echo method="PUT"><User><state>READY</state></User></echo>');
      assert.deepEqual(json.headers['x-reply'], ['one', 'two']);
      assert.deepEqual(json.headers['content-type'], ['application/xml; charset=utf-8']);
      assert.equal(json.headers['set-cookie'], undefined);
      assert.equal(json.error, undefined);
    }
    const got = seen.at(-1)!;
    assert.equal(got.method, 'PUT');
    // The gadget's own Authorization goes upstream; the desktop's (for the proxy) does not.
    assert.equal(got.headers.authorization, 'Basic Z2FkZ2V0OnB3');
    assert.equal(got.headers.requestid, 'req-7');
    assert.equal(got.body, '<User><state>READY</state></User>');
  });

  it('refuses a caller without valid credentials (401), before reading anything', async () => {
    const before = seen.length;
    assert.equal((await call({ url: at('/echo') }, '')).status, 401);
    const wrong = await fetch(proxyUrl, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('2001:nope').toString('base64')}` },
      body: JSON.stringify({ url: at('/echo') }),
    });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers.get('www-authenticate'), null);
    assert.deepEqual(await wrong.json(), {
      rc: 401,
      text: 'sign in to the desktop first',
      headers: {},
      error: 'unauthorized',
    });
    assert.equal(seen.length, before);
    assert.equal((await fetch(proxyUrl)).status, 400);
  });

  it('refuses hosts not allowed, other loopback ports, and allowed names that resolve to loopback', async () => {
    for (const url of [
      `http://127.0.0.1:${otherPort}/secret`,
      'http://example.org/',
      'http://crm.test/',
      `http://[::1]:${upstreamPort}/echo`,
    ]) {
      const { status, json } = await call({ url });
      assert.equal(status, 403, url);
      assert.equal(json.error, 'host-not-allowed');
    }
  });

  it('refuses a request body too large (413) and an answer too large (502)', async () => {
    const big = await call({ url: at('/echo'), method: 'POST', body: 'x'.repeat(4096) });
    assert.equal(big.status, 413);
    assert.equal(big.json.error, 'request-too-large');
    const answer = await call({ url: at('/big') });
    assert.equal(answer.status, 502);
    assert.equal(answer.json.error, 'response-too-large');
  });

  it('follows a redirect that stays allowed, and hands back one that leaves the allow list', async () => {
    const followed = await call({ url: at('/to-allowed'), method: 'POST', body: 'form' });
    assert.equal(followed.json.rc, 200);
    assert.equal(followed.json.text, '<echo method="GET"></echo>');
    assert.equal(seen.at(-1)!.path, '/echo?via=redirect');
    const stopped = await call({ url: at('/to-forbidden') });
    assert.equal(stopped.status, 200);
    assert.equal(stopped.json.rc, 302);
    assert.deepEqual(stopped.json.headers.location, [`http://127.0.0.1:${otherPort}/secret`]);
  });

  it('answers 504 when the upstream is too slow', async () => {
    const arrived = new Promise<void>((r) => {
      slowArrived = r;
    });
    const pending = call({ url: at('/slow') });
    await arrived;
    timers.advance(5000);
    const { status, json } = await pending;
    assert.equal(status, 504);
    assert.equal(json.error, 'upstream-timeout');
  });

  it('writes each request to the access log and the webservices log with its correlation ids', async () => {
    await call({ url: at('/echo?nocache=1234567'), headers: { requestId: 'corr-99' } });
    await logs.flush();
    const read = (sub: string) =>
      fs
        .readdirSync(path.join(dir, sub))
        .map((f) => fs.readFileSync(path.join(dir, sub, f), 'utf8'))
        .join('');
    const access = read('tomcat')
      .split('\n')
      .filter((l) => l.includes('corr-99'));
    assert.equal(access.length, 1);
    assert.match(
      access[0],
      / 2001 .* POST \/gadgets\/makeRequest .*nocache%3D1234567.*requestId=corr-99.* 200 /,
    );
    assert.match(
      read('webservices'),
      /MAKE_REQUEST.*\[usr=2001\].*nocache=1234567.*\[request_identifier=corr-99\]\[rc=200\]/,
    );
  });
});

describe('proxy allow list', () => {
  const list = createAllowList({
    selfHosts: ['sb1.example.com', 'localhost', '127.0.0.1'],
    selfPorts: [8082, 8445],
    peerHosts: ['sb2.example.com'],
    allowed: ['crm.example.com', 'api.example.com:8443', '*.corp.example', '[::1]:9000'],
  });
  const admits = (u: string) => list.admits(new URL(u));

  it('admits this node and its peer on their HTTP ports only', () => {
    assert.deepEqual(admits('http://sb1.example.com:8082/finesse/api/SystemInfo'), {
      ok: true,
      allowsLoopback: true,
    });
    assert.deepEqual(admits('https://sb2.example.com:8445/'), { ok: true, allowsLoopback: true });
    assert.equal(admits('http://127.0.0.1:42080/calls').ok, false);
    assert.equal(admits('http://localhost:5432/').ok, false);
  });

  it('admits what the administrator listed, by name, port and suffix', () => {
    assert.deepEqual(admits('http://crm.example.com:1234/'), { ok: true, allowsLoopback: false });
    assert.equal(admits('https://api.example.com:8443/').ok, true);
    assert.equal(admits('https://api.example.com/').ok, false);
    assert.equal(admits('http://a.b.corp.example/').ok, true);
    assert.equal(admits('http://corp.example/').ok, false);
    assert.deepEqual(admits('http://[::1]:9000/'), { ok: true, allowsLoopback: true });
  });

  it('refuses nonsense entries and tells loopback and link-local addresses', () => {
    assert.throws(() => parseAllowEntry('http://x/'), /not a host name/);
    assert.throws(() => parseAllowEntry('x:99999'), /not a port/);
    for (const a of [
      '127.0.0.1',
      '127.9.9.9',
      '0.0.0.0',
      '169.254.169.254',
      '::1',
      '::',
      'fe80::1',
      '::ffff:127.0.0.1',
    ])
      assert.equal(isInternalAddress(a), true, a);
    for (const a of ['10.0.0.1', '192.168.1.1', '8.8.8.8', '2001:db8::1'])
      assert.equal(isInternalAddress(a), false, a);
  });
});
