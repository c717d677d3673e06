import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseProxyRequest } from './proxy-protocol.ts';

const parse = (o: unknown) => parseProxyRequest(typeof o === 'string' ? o : JSON.stringify(o));

describe('makeRequest proxy protocol', () => {
  it('reads url, method, headers and body; the proxy sets framing headers itself', () => {
    const r = parse({
      url: 'http://crm.example.com:8080/a?b=1',
      method: 'put',
      headers: { Authorization: 'Basic eDp5', 'Content-Length': '99', Host: 'evil', Accept: ['a', 'b'] },
      body: '<x/>',
    });
    assert.ok(r.ok);
    assert.equal(r.value.url.href, 'http://crm.example.com:8080/a?b=1');
    assert.equal(r.value.method, 'PUT');
    assert.deepEqual(r.value.headers, [
      ['Authorization', 'Basic eDp5'],
      ['Accept', 'a'],
      ['Accept', 'b'],
    ]);
    assert.equal(r.value.body, '<x/>');
    const plain = parse({ url: 'https://h/' });
    assert.ok(plain.ok);
    assert.equal(plain.value.method, 'GET');
    assert.equal(plain.value.body, undefined);
  });

  for (const [what, body, why] of [
    ['not JSON', '{', /not JSON/],
    ['an array', [], /not an object/],
    ['no url', {}, /url is required/],
    ['a relative url', { url: '/finesse/api/User/2001' }, /not absolute/],
    ['a file url', { url: 'file:///etc/passwd' }, /http or https/],
    ['credentials in the url', { url: 'http://a:b@h/' }, /credentials/],
    ['a bad method', { url: 'http://h/', method: 'GET /x' }, /method/],
    ['CONNECT', { url: 'http://h/', method: 'CONNECT' }, /CONNECT/],
    ['a header with a line break', { url: 'http://h/', headers: { X: 'a\r\nInjected: 1' } }, /invalid value/],
    ['a bad header name', { url: 'http://h/', headers: { 'X Y': 'a' } }, /not valid/],
    ['a non-string body', { url: 'http://h/', body: 5 }, /body must be a string/],
  ] as const) {
    it(`refuses ${what} with 400 in the {rc, text} envelope`, () => {
      const r = parse(body);
      assert.ok(!r.ok);
      assert.equal(r.error.rc, 400);
      assert.equal(r.error.error, 'bad-request');
      assert.match(r.error.text, why);
      assert.deepEqual(r.error.headers, {});
    });
  }
});
