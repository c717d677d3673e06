import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type ApiFixture, startApiFixture } from './testing/api-fixture.ts';
import { xml } from './testing/xml.ts';

/** mulberry32: a seeded generator, so that a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
];
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
const BODIES: BodyInit[] = [
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
];

describe('fuzzing the routes', () => {
  let api: ApiFixture;
  before(async () => {
    api = await startApiFixture();
  });
  after(() => api.stop());

  it('answers malformed input, odd methods, content types and huge bodies with 4xx, never 5xx', async () => {
    const next = random(0x5eed);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
    const randomBytes = () =>
      Uint8Array.from({ length: Math.floor(next() * 512) }, () => Math.floor(next() * 256));
    const seen = new Set<number>();
    for (let i = 0; i < 250; i++) {
      const method = pick(METHODS);
      const path = pick(PATHS);
      const headers: Record<string, string> = {};
      const type = pick(CONTENT_TYPES);
      if (type) headers['Content-Type'] = type;
      if (next() < 0.2) headers.requestId = `r-${i}-\u00e9`;
      const auth: [string, string] | undefined =
        next() < 0.9 ? ['2001', '2001'] : next() < 0.5 ? ['2001', 'x'] : undefined;
      const hasBody = method !== 'GET' && method !== 'HEAD';
      const body = hasBody ? (next() < 0.2 ? randomBytes() : pick(BODIES)) : undefined;
      const label = `#${i} ${method} ${path.slice(0, 60)} ${type} ${String(body).slice(0, 40)}`;
      const res = await api.request(path, { method, headers, body, auth });
      const text = await res.text();
      seen.add(res.status);
      assert.ok(res.status < 500, `${label} → ${res.status} ${text}`);
      if (res.status >= 400 && method !== 'HEAD') assert.equal(xml(text).name, 'ApiErrors', label);
    }
    assert.ok([...seen].some((s) => s >= 400 && s < 500));
    assert.equal((await api.request('/finesse/api/SystemInfo')).status, 200);
  });

  it('survives raw garbage on the socket and keeps serving', async () => {
    const { port } = new URL(api.base);
    const next = random(42);
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
