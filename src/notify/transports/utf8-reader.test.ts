/** UTF-8 in, text out, split at every byte; anything else refused (RFC 6120 §11.6, #12). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Utf8Reader } from './utf8-reader.ts';

const TEXT = '<message><body>aé€😀z</body></message>';

describe('Utf8Reader', () => {
  it('decodes text split at every byte offset, multi-byte sequences included', () => {
    const bytes = Buffer.from(TEXT);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const r = new Utf8Reader();
      const a = r.push(bytes.subarray(0, cut));
      const b = r.push(bytes.subarray(cut));
      assert.ok(a.ok && b.ok, `cut ${cut}`);
      assert.equal(a.text + b.text, TEXT, `cut ${cut}`);
    }
    const r = new Utf8Reader();
    assert.equal(
      [...Buffer.from(TEXT)]
        .map((byte) => {
          const x = r.push(Buffer.from([byte]));
          return x.ok ? x.text : '!';
        })
        .join(''),
      TEXT,
      'one byte at a time',
    );
  });

  it('refuses bytes that are not UTF-8: stray continuations, overlong forms, surrogates, 0xFF', () => {
    for (const bad of [
      [0x80],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xff],
      [0xe2, 0x28, 0xa1],
      [0xf8, 0x88, 0x80, 0x80],
    ]) {
      const r = new Utf8Reader();
      const first = r.push(Buffer.from([0x3c, ...bad, 0x3e]));
      assert.equal(first.ok, false, Buffer.from(bad).toString('hex'));
    }
  });
});
