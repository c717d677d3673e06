import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { CoreErrors } from '../core/index.ts';
import { API_ERRORS, apiError } from './errors.ts';
import type { ApiFixture } from './testing/api-fixture.ts';
import { describeOnEachStore } from './testing/each-store.ts';
import { apiErrorOf, assertStandardHeaders } from './testing/xml.ts';

const mickey: [string, string] = ['2001', '2001'];

describe('the ApiErrors registry', () => {
  it('documents every code with an error status and a known ErrorType', () => {
    for (const [code, e] of Object.entries(API_ERRORS)) {
      assert.ok(e.doc.length > 20, `${code} is documented`);
      assert.ok(e.status >= 400 && e.status < 600, code);
      assert.ok(e.errorType && e.errorMessage, code);
    }
  });

  it('is documented in docs/api.md, code by code', () => {
    const doc = fs.readFileSync(path.join(import.meta.dirname, '../../docs/api.md'), 'utf8');
    for (const [code, e] of Object.entries(API_ERRORS)) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${code}\` |`));
      assert.ok(row, `${code} has a row in docs/api.md`);
      assert.ok(row.includes(`| ${e.status} |`) && row.includes(`| ${e.errorType} |`), `${code}: ${row}`);
    }
  });

  it("agrees with core's registry where both answer the same error", () => {
    assert.deepEqual(apiError('user-not-found', '42'), CoreErrors.userNotFound('42'));
    assert.deepEqual(apiError('invalid-authorization-user', '42'), CoreErrors.invalidAuthorizationUser('42'));
    assert.deepEqual(apiError('invalid-supervisor', '42'), CoreErrors.invalidSupervisor('42'));
    assert.deepEqual(apiError('service-unavailable'), CoreErrors.serviceUnavailable());
  });
});

describeOnEachStore('error answers', (suite) => {
  let api: ApiFixture;
  before(() => {
    api = suite.api();
  });

  const put = (body: BodyInit, init: RequestInit = {}) =>
    api.request('/finesse/api/User/2001', { method: 'PUT', auth: mickey, body, ...init });

  it('404 Not Found for unknown paths below /finesse/api, and leaves other paths alone', async () => {
    for (const p of [
      '/finesse/api',
      '/finesse/api/',
      '/finesse/api/Nope',
      '/finesse/api/User/2001/',
      '/finesse/api/user/2001',
    ]) {
      const res = await api.request(p, { auth: mickey });
      assert.equal(res.status, 404, p);
      assertStandardHeaders(res);
      assert.equal((await apiErrorOf(res))[0], 'Not Found');
    }
    assert.equal((await api.request('/finesse/apiary')).status, 418);
    assert.equal((await api.request('/desktop/')).status, 418);
  });

  it('405 Method Not Allowed with an Allow header', async () => {
    const res = await api.request('/finesse/api/User/2001', { method: 'DELETE', auth: mickey });
    assert.equal(res.status, 405);
    assertStandardHeaders(res);
    assert.equal(res.headers.get('allow'), 'GET, PUT');
    assert.deepEqual(await apiErrorOf(res), ['Method Not Allowed', 'METHOD_NOT_ALLOWED', 'DELETE']);
    assert.equal((await api.request('/finesse/api/SystemInfo', { method: 'POST', body: 'x' })).status, 405);
  });

  it('503 SERVER_OUT_OF_SERVICE while core is out of service', async () => {
    api.core.inService = false;
    try {
      for (const res of [
        await api.request('/finesse/api/User/2001', { auth: mickey }),
        await put('<User><state>READY</state></User>'),
        await api.request('/finesse/api/User/2001/Dialogs'),
      ]) {
        assert.equal(res.status, 503);
        assertStandardHeaders(res);
        assert.deepEqual(await apiErrorOf(res), ['Service Unavailable', 'SERVER_OUT_OF_SERVICE', '']);
      }
    } finally {
      api.core.inService = true;
    }
  });

  it('400 Invalid Input for malformed XML, forbidden characters, a wrong root, bad values and encoding', async () => {
    for (const body of [
      '',
      'READY',
      '<User><state>READY</state>',
      '<User><state>READY\u0001</state></User>',
      '<user><state>READY</state></user>',
      '<Dialog><state>READY</state></Dialog>',
      '<!DOCTYPE User [<!ENTITY x "READY">]><User><state>&x;</state></User>',
      '<User><state>NOT_READY</state><reasonCodeId>one</reasonCodeId></User>',
      new Uint8Array([0x3c, 0x55, 0xff, 0xfe, 0x3e]),
    ]) {
      const res = await put(body);
      assert.equal(res.status, 400, String(body));
      assertStandardHeaders(res);
      assert.equal((await apiErrorOf(res))[0], 'Invalid Input', String(body));
    }
    const noState = await put('<User><extension>2003</extension></User>');
    assert.equal(noState.status, 400);
    assert.deepEqual(await apiErrorOf(noState), ['Parameter Missing', 'PARAMETER_MISSING', 'state']);
    const longId = await put('<User><state>READY</state></User>', {
      headers: { requestId: 'x'.repeat(200) },
    });
    assert.equal(longId.status, 400);
  });

  it('413 for a body over the limit, announced or streamed, and keeps serving', async () => {
    const big = `<User><state>READY</state><x>${'a'.repeat(1024 * 1024)}</x></User>`;
    const announced = await put(big);
    assert.equal(announced.status, 413);
    assertStandardHeaders(announced);
    assert.deepEqual(await apiErrorOf(announced), ['Invalid Input', 'REQUEST_ENTITY_TOO_LARGE', '65536']);
    const chunks = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 20; i++) c.enqueue(new TextEncoder().encode('a'.repeat(16 * 1024)));
        c.close();
      },
    });
    const streamed = await put(chunks, { duplex: 'half' } as RequestInit);
    assert.equal(streamed.status, 413);
    assert.equal((await api.request('/finesse/api/User/2001', { auth: mickey })).status, 200);
  });

  it('500 Internal Server Error when a handler throws, logged, and keeps serving', async () => {
    const res = await put('<User><state>EXPLODE</state></User>', { headers: { requestId: 'boom-1' } });
    assert.equal(res.status, 500);
    assertStandardHeaders(res);
    assert.equal(res.headers.get('requestId'), 'boom-1');
    assert.deepEqual(await apiErrorOf(res), ['Internal Server Error', 'RUNTIME_EXCEPTION', '']);
    const { webservices } = await api.readLogs();
    assert.match(webservices, /-3-REQUEST_ERROR: %\[error=Error: core exploded\]: Request failed/);
    assert.equal((await api.request('/finesse/api/SystemInfo')).status, 200);
  });

  it('survives a client that disconnects in the middle of its body', async () => {
    const { port } = new URL(api.base);
    const auth = Buffer.from('2001:2001').toString('base64');
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'PUT /finesse/api/User/2001 HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\n' +
            `Authorization: Basic ${auth}\r\nrequestId: aborted-put\r\nContent-Length: 1000\r\n\r\n<User><sta`,
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
      socket.on('error', reject);
    });
    await new Promise((r) => setTimeout(r, 50));
    assert.equal((await api.request('/finesse/api/User/2001', { auth: mickey })).status, 200);
    assert.ok(!api.core.changes.some((c) => c.requestId === 'aborted-put'));
    const { access } = await api.readLogs();
    assert.match(access, /PUT \/finesse\/api\/User\/2001 {2}HTTP\/1\.1 499 - \d+/);
  });
});
