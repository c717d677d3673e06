import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePlainMessage } from './sasl-plain.ts';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('parsePlainMessage (RFC 4616)', () => {
  it('reads authzid, authcid and password', () => {
    assert.deepEqual(parsePlainMessage(b64('\u00002001\u0000secret')), {
      ok: true,
      authzid: '',
      authcid: '2001',
      password: 'secret',
    });
    assert.deepEqual(parsePlainMessage(b64('2001@localhost\u00002001\u0000pä ss')), {
      ok: true,
      authzid: '2001@localhost',
      authcid: '2001',
      password: 'pä ss',
    });
  });

  it('tells bad encoding from a malformed message', () => {
    assert.deepEqual(parsePlainMessage('not base64!'), { ok: false, condition: 'incorrect-encoding' });
    assert.deepEqual(parsePlainMessage('AAA'), { ok: false, condition: 'incorrect-encoding' });
    assert.deepEqual(parsePlainMessage(b64('2001:secret')), { ok: false, condition: 'malformed-request' });
    assert.deepEqual(parsePlainMessage(b64('\u0000\u0000secret')), {
      ok: false,
      condition: 'malformed-request',
    });
    assert.deepEqual(parsePlainMessage(b64('a\u0000b\u0000c\u0000d')), {
      ok: false,
      condition: 'malformed-request',
    });
    assert.deepEqual(parsePlainMessage(''), { ok: false, condition: 'malformed-request' });
  });
});
