import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newItemId, newSid, newStreamId, randomBase64 } from './ids.ts';

describe('ids from the pooled CSPRNG bytes', () => {
  it('have their shapes, and never repeat across many refills of the pool', () => {
    const seen = new Set<string>();
    // 4 KiB a pool: 3,000 sids alone use up nine of them, with ids of other sizes between.
    for (let i = 0; i < 3000; i++) {
      const sid = newSid();
      assert.match(sid, /^[0-9a-f]{24}$/);
      assert.match(newStreamId(), /^[0-9a-f]{16}$/);
      assert.match(newItemId(), /^[A-Za-z0-9]{15}$/);
      assert.match(randomBase64(18), /^[A-Za-z0-9+/]{24}$/);
      assert.ok(!seen.has(sid), `sid ${sid} came twice`);
      seen.add(sid);
    }
  });

  it('uses every hex digit about equally (no byte handed out twice, none stuck)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) for (const c of newSid()) counts.set(c, (counts.get(c) ?? 0) + 1);
    assert.equal(counts.size, 16);
    // 48,000 digits, 3,000 expected each: a stuck or repeated pool would be far off.
    for (const [c, n] of counts) assert.ok(n > 2500 && n < 3500, `${c}: ${n}`);
  });
});
