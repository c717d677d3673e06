import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CALL_EVENT_FIXTURES } from '../testing/call-event-fixtures.ts';
import { CALL_FIXTURES } from '../testing/call-fixtures.ts';
import { CONTROL_FIXTURES } from '../testing/control-fixtures.ts';
import { FIXTURES, SEED } from '../testing/fixtures.ts';
import { JOIN_FIXTURES } from '../testing/join-fixtures.ts';
import { MAINTENANCE_FIXTURES } from '../testing/maintenance-fixtures.ts';
import { SNAPSHOT_FIXTURES } from '../testing/snapshot-fixtures.ts';
import { STATS_FIXTURES } from '../testing/stats-fixtures.ts';
import { WireBuilder } from '../testing/wire-builder.ts';
import {
  type CodecOptions,
  type ParseResult,
  parseMessage,
  readOpenReqVersion,
  serializeMessage,
  tagWidthForVersion,
} from './index.ts';

const V17: CodecOptions = { tagWidth: 1, version: 17 };
const V24: CodecOptions = { tagWidth: 2, version: 24 };

function parsed(result: ParseResult) {
  assert.ok(result.ok, result.ok ? '' : `${result.error.code}: ${result.error.message}`);
  return result.message;
}

function errorCode(result: ParseResult) {
  assert.ok(!result.ok, 'expected a parse error');
  return result.error.code;
}

for (const fixture of [
  ...FIXTURES,
  ...CALL_FIXTURES,
  ...CALL_EVENT_FIXTURES,
  ...CONTROL_FIXTURES,
  ...JOIN_FIXTURES,
  ...STATS_FIXTURES,
  ...SNAPSHOT_FIXTURES,
  ...MAINTENANCE_FIXTURES,
]) {
  describe(fixture.name, () => {
    test('parse', () =>
      assert.deepEqual(parsed(parseMessage(fixture.bytes, fixture.options)), fixture.message));
    test('serialize', () =>
      assert.equal(
        serializeMessage(fixture.message, fixture.options).toString('hex'),
        fixture.bytes.toString('hex'),
      ));
    test('mirror', () => {
      const again = parsed(parseMessage(serializeMessage(fixture.message, fixture.options), fixture.options));
      assert.deepEqual(again, fixture.message);
    });
  });
}

describe('parse is lenient where the guide allows it', () => {
  test('an unknown floating tag is skipped by its length', () => {
    for (const [w, options] of [
      [1, V17],
      [2, V24],
    ] as const) {
      const bytes = new WireBuilder(w).u32(20).u32(5000).u16(0).u16(0).u16(0).u16(50004).u8(1).u32(0);
      bytes.string(6, '2003').field(250, [1, 2, 3, 4, 5]).string(5, '2001');
      assert.deepEqual(parsed(parseMessage(bytes.frame(38), options)), SEED.setAgentState);
    }
  });

  test('a known tag that does not belong to the message is skipped too', () => {
    const bytes = new WireBuilder(2).u32(20).u32(5000).u16(0).u16(0).u16(0).u16(50004).u8(1).u32(0);
    bytes.string(8, '555-1234').string(6, '2003').string(5, '2001');
    assert.deepEqual(parsed(parseMessage(bytes.frame(38), V24)), SEED.setAgentState);
  });

  test('a STRING without its NUL ends at the field length', () => {
    const bytes = new WireBuilder(2).u32(1).u32(0).u16(0).u16(0).u16(0).u16(0).u8(0).u32(0);
    bytes.field(5, [0x32, 0x30, 0x30, 0x31]);
    const msg = parsed(parseMessage(bytes.frame(38), V24));
    assert.equal(msg.type === 'SET_AGENT_STATE_REQ' && msg.agentId, '2001');
  });

  test('an unknown message type keeps its raw body and serializes back unchanged', () => {
    const frame = Buffer.from('0000000300002710abcdef', 'hex');
    const msg = parsed(parseMessage(frame, V24));
    assert.deepEqual(msg, { type: 'UNKNOWN', messageType: 10000, body: Buffer.from('abcdef', 'hex') });
    assert.deepEqual(serializeMessage(msg, V24), frame);
  });

  test('a named type without a layout (QUERY_DEVICE_INFO_REQ, 78) is UNKNOWN as well', () => {
    const msg = parsed(parseMessage(new WireBuilder(2).u32(1).frame(78), V24));
    assert.equal(msg.type === 'UNKNOWN' && msg.messageType, 78);
  });

  test('versioned fields are absent before their version', () => {
    const msg = parsed(parseMessage(FIXTURES[5].bytes, { tagWidth: 1 }));
    assert.equal('departmentId' in msg, false);
  });
});

describe('parse reports malformed frames as values', () => {
  test('a frame shorter than the header', () => {
    assert.equal(errorCode(parseMessage(Buffer.from('000000', 'hex'), V24)), 'CTI_ERR_SHORT_FRAME');
  });

  test('MessageLength that disagrees with the frame', () => {
    const frame = Buffer.from('00000009' + '00000005' + '00000007', 'hex');
    assert.equal(errorCode(parseMessage(frame, V24)), 'CTI_ERR_BAD_LENGTH');
  });

  test('a fixed part cut short', () => {
    const frame = new WireBuilder(2).u32(20).u32(5000).u16(0).frame(38);
    const result = parseMessage(frame, V24);
    assert.equal(errorCode(result), 'CTI_ERR_TRUNCATED');
    assert.equal(!result.ok && result.error.messageType, 38);
  });

  test('a floating field that overruns the frame', () => {
    const bytes = new WireBuilder(2).u32(1).u32(0).u16(0).u16(0).u16(0).u16(0).u8(0).u32(0);
    bytes.u16(5).u16(40).u8(0x32);
    assert.equal(errorCode(parseMessage(bytes.frame(38), V24)), 'CTI_ERR_TRUNCATED');
  });

  test('a floating header cut in half', () => {
    const bytes = new WireBuilder(2).u32(1).u32(0).u16(0).u16(0).u16(0).u16(0).u8(0).u32(0).u8(0);
    assert.equal(errorCode(parseMessage(bytes.frame(38), V24)), 'CTI_ERR_TRUNCATED');
  });

  test('a numeric floating field of the wrong size', () => {
    const bytes = agentStateEventFixed().field(150, [0, 1]);
    assert.equal(errorCode(parseMessage(bytes.frame(30), V24)), 'CTI_ERR_BAD_FIELD');
  });
});

describe('serialize refuses values that cannot be on the wire', () => {
  test('a STRING longer than its max (AgentID ≤ 12 with the NUL)', () => {
    assert.throws(
      () => serializeMessage({ ...SEED.setAgentState, agentId: '1234567890123' }, V24),
      RangeError,
    );
  });

  test('a missing fixed field', () => {
    const { invokeId: _omitted, ...rest } = SEED.setAgentState;
    assert.throws(() => serializeMessage(rest as never, V24), TypeError);
  });

  test('a number out of its type range', () => {
    assert.throws(() => serializeMessage({ ...SEED.setAgentState, eventReasonCode: 70000 }, V24), RangeError);
  });
});

test('tag width by protocol version: 1 byte up to v17, 2 bytes from v20', () => {
  assert.deepEqual([9, 14, 15, 17, 19, 20, 24, 25].map(tagWidthForVersion), [1, 1, 1, 1, 1, 2, 2, 2]);
});

test('a server reads the version of an OPEN_REQ before it knows the tag width', () => {
  assert.equal(readOpenReqVersion(FIXTURES[3].bytes), 24);
  assert.equal(readOpenReqVersion(FIXTURES[0].bytes), undefined);
  assert.equal(readOpenReqVersion(Buffer.from('0000000400000003', 'hex')), undefined);
});

function agentStateEventFixed(): WireBuilder {
  const b = new WireBuilder(2).u32(0).u32(5001).u32(0).u16(17).u16(0).u32(0).u32(85881).u32(5000);
  return b.u16(0).u16(2).u16(0).u32(1).u32(0).u16(1).u32(1).u32(5001).u32(0).u16(0).u32(0);
}
