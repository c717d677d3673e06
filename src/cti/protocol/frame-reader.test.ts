import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIXTURES } from '../testing/fixtures.ts';
import { SNAPSHOT_FIXTURES } from '../testing/snapshot-fixtures.ts';
import { FrameReader, MAX_MESSAGE_LENGTH } from './index.ts';

const frames = [...FIXTURES, ...SNAPSHOT_FIXTURES].map((f) => f.bytes);
const stream = Buffer.concat(frames);

test('a frame split at every byte offset comes out whole, once', () => {
  for (const frame of frames) {
    for (let cut = 0; cut <= frame.length; cut++) {
      const reader = new FrameReader();
      const first = reader.push(frame.subarray(0, cut));
      const second = reader.push(frame.subarray(cut));
      assert.equal(first.error ?? second.error, undefined);
      assert.deepEqual([...first.frames, ...second.frames], [frame], `cut at ${cut}`);
      assert.equal(reader.bufferedBytes, 0);
    }
  }
});

test('several frames in one chunk, and a stream fed one byte at a time', () => {
  assert.deepEqual(new FrameReader().push(stream).frames, frames);
  const reader = new FrameReader();
  const out: Buffer[] = [];
  for (const byte of stream) out.push(...reader.push(Buffer.of(byte)).frames);
  assert.deepEqual(out, frames);
});

test('a chunk ending inside a header keeps the partial header', () => {
  const reader = new FrameReader();
  assert.deepEqual(reader.push(Buffer.concat([frames[0], frames[1].subarray(0, 5)])).frames, [frames[0]]);
  assert.equal(reader.bufferedBytes, 5);
  assert.deepEqual(reader.push(frames[1].subarray(5)).frames, [frames[1]]);
});

test('an oversize MessageLength is an error as soon as the header arrives', () => {
  const reader = new FrameReader();
  const header = Buffer.alloc(8);
  header.writeUInt32BE(MAX_MESSAGE_LENGTH + 1, 0);
  header.writeUInt32BE(30, 4);
  const result = reader.push(Buffer.concat([frames[0], header]));
  assert.deepEqual(result.frames, [frames[0]]);
  assert.equal(result.error?.code, 'CTI_ERR_FRAME_TOO_LARGE');
  assert.equal(result.error?.messageType, 30);
  // The stream has lost its framing for good.
  assert.equal(reader.push(frames[0]).error?.code, 'CTI_ERR_FRAME_TOO_LARGE');
});

test('the largest message of the guide is accepted; the limit is configurable', () => {
  const big = Buffer.alloc(8 + MAX_MESSAGE_LENGTH);
  big.writeUInt32BE(MAX_MESSAGE_LENGTH, 0);
  assert.equal(new FrameReader().push(big).frames.length, 1);
  assert.equal(new FrameReader({ maxFrameSize: 64 }).push(big).error?.code, 'CTI_ERR_FRAME_TOO_LARGE');
});

test('text garbage (an HTTP request) fails instead of waiting for 1 GB', () => {
  const result = new FrameReader().push(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
  assert.equal(result.error?.code, 'CTI_ERR_FRAME_TOO_LARGE');
});
