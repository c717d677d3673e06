import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cpuTimeOf } from '../../../test/support/cpu-time.ts';
import { mulberry32 } from '../../../test/support/random.ts';
import { CALL_EVENT_FIXTURES } from '../testing/call-event-fixtures.ts';
import { CALL_FIXTURES } from '../testing/call-fixtures.ts';
import { CONTROL_FIXTURES } from '../testing/control-fixtures.ts';
import { FIXTURES as SESSION_FIXTURES } from '../testing/fixtures.ts';
import { JOIN_FIXTURES } from '../testing/join-fixtures.ts';
import { SNAPSHOT_FIXTURES } from '../testing/snapshot-fixtures.ts';
import { describeMessage, FrameReader, parseMessage } from './index.ts';

const FIXTURES = [
  ...SESSION_FIXTURES,
  ...CALL_FIXTURES,
  ...CALL_EVENT_FIXTURES,
  ...CONTROL_FIXTURES,
  ...JOIN_FIXTURES,
  ...SNAPSHOT_FIXTURES,
];

function mutate(random: () => number, frame: Buffer): Buffer {
  const int = (n: number) => Math.floor(random() * n);
  const out = Buffer.from(frame);
  switch (int(5)) {
    case 0: // flip a few body bytes, keep the header honest
      for (let i = 0, n = 1 + int(4); i < n && out.length > 8; i++) out[8 + int(out.length - 8)] = int(256);
      return out;
    case 1: // cut the body, then fix MessageLength so the frame is well-formed but truncated
      {
        const cut = out.subarray(0, 8 + int(out.length - 7));
        cut.writeUInt32BE(cut.length - 8, 0);
        return cut;
      }
    case 2: // append random floating-looking bytes
      {
        const extra = Buffer.from(Array.from({ length: int(24) }, () => int(256)));
        const grown = Buffer.concat([out, extra]);
        grown.writeUInt32BE(grown.length - 8, 0);
        return grown;
      }
    case 3: // anything at all
      return Buffer.from(Array.from({ length: int(64) }, () => int(256)));
    default: // lie in the header
      out.writeUInt32BE(int(2) ? int(out.length + 16) : int(0x100000000), 0);
      return out;
  }
}

test('parse and the frame reader survive thousands of mutated frames without throwing', () => {
  const random = mulberry32(0x188);
  let parsedOk = 0;
  const cpuMs = cpuTimeOf(() => {
    for (let i = 0; i < 4000; i++) {
      const fixture = FIXTURES[Math.floor(random() * FIXTURES.length)];
      const frame = mutate(random, fixture.bytes);
      for (const options of [{ tagWidth: 1 }, { tagWidth: 2 }] as const) {
        const result = parseMessage(frame, options);
        if (result.ok) {
          parsedOk++;
          assert.equal(typeof describeMessage(result.message), 'string');
        } else {
          assert.match(result.error.code, /^CTI_ERR_/);
        }
      }
      const reader = new FrameReader({ maxFrameSize: 256 });
      const cut = Math.floor(random() * (frame.length + 1));
      reader.push(frame.subarray(0, cut));
      reader.push(frame.subarray(cut));
    }
  });
  assert.ok(parsedOk > 0, 'some mutations should still parse');
  // CPU time, not elapsed: a loaded machine must not fail this (test/support/cpu-time.ts).
  assert.ok(cpuMs < 4000, `fuzzing took ${Math.round(cpuMs)} ms of CPU`);
});
