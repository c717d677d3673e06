import type { CodecOptions } from '../protocol/index.ts';
import type { WireFixture } from './fixtures.ts';
import { WireBuilder } from './wire-builder.ts';

const V17: CodecOptions = { tagWidth: 1, version: 17 };
const V24: CodecOptions = { tagWidth: 2, version: 24 };

const bytes = (text: string) => [...text].map((c) => c.charCodeAt(0));
/** ConnectionCallID of the example call: what UCCE prints as 16777217 (0x01000001). */
const CALL_ID = 0x01000001;

function identity(w: 1 | 2): WireBuilder {
  return new WireBuilder(w).u32(0).u32(5000).u16(17).u16(0).u32(CALL_ID);
}

const callIdentity = {
  monitorId: 0,
  peripheralId: 5000,
  peripheralType: 17,
  connectionDeviceIdType: 0,
  connectionCallId: CALL_ID,
} as const;

export const CALL_FIXTURES: WireFixture[] = [
  {
    name: 'BEGIN_CALL_EVENT with call variables, named data and CTI client pairs',
    options: V24,
    message: {
      type: 'BEGIN_CALL_EVENT',
      monitorId: 0,
      peripheralId: 5000,
      peripheralType: 17,
      numCtiClients: 2,
      numNamedVariables: 1,
      numNamedArrays: 1,
      callType: 1,
      connectionDeviceIdType: 0,
      connectionCallId: CALL_ID,
      calledPartyDisposition: 0,
      connectionDeviceId: '2003',
      ani: '5551234',
      dnis: '8000',
      callVariable1: 'acct=42',
      callVariable10: 'vip',
      namedVariable: [{ name: 'user.lang', value: 'de' }],
      namedArray: [{ name: 'user.items', index: 2, value: 'x' }],
      routerCallKeyDay: 150000,
      routerCallKeyCallId: 7,
      ctiClientSignature: ['switchboard', 'crm'],
      ctiClientTimestamp: [1366756808, 1366756809],
    },
    bytes: (() => {
      const b = new WireBuilder(2)
        .u32(0)
        .u32(5000)
        .u16(17)
        .u16(2)
        .u16(1)
        .u16(1)
        .u16(1)
        .u16(0)
        .u32(CALL_ID)
        .u16(0);
      b.string(25, '2003').string(8, '5551234').string(10, '8000').string(13, 'acct=42').string(22, 'vip');
      b.field(82, [...bytes('user.lang'), 0, ...bytes('de'), 0]);
      b.field(83, [2, ...bytes('user.items'), 0, ...bytes('x'), 0]);
      b.fieldU32(72, 150000).fieldU32(73, 7);
      b.string(23, 'switchboard').fieldU32(24, 1366756808).string(23, 'crm').fieldU32(24, 1366756809);
      return b.frame(23);
    })(),
  },
  {
    name: 'CALL_DELIVERED_EVENT, 1-byte tags',
    options: V17,
    message: {
      type: 'CALL_DELIVERED_EVENT',
      ...callIdentity,
      lineHandle: 0,
      lineType: 0,
      serviceNumber: 100,
      serviceId: 5010,
      skillGroupNumber: 85881,
      skillGroupId: 5000,
      skillGroupPriority: 0,
      alertingDeviceType: 0,
      callingDeviceType: 1,
      calledDeviceType: 0,
      lastRedirectDeviceType: 0,
      localConnectionState: 2,
      eventCause: 22,
      numNamedVariables: 0,
      numNamedArrays: 0,
      connectionDeviceId: '2003',
      alertingDeviceId: '2003',
      callingDeviceId: '5551234',
      calledDeviceId: '8000',
      ani: '5551234',
      dnis: '8000',
    },
    bytes: (() => {
      const b = identity(1).u16(0).u16(0).u32(100).u32(5010).u32(85881).u32(5000).u16(0);
      b.u16(0).u16(1).u16(0).u16(0).u16(2).u16(22).u16(0).u16(0);
      b.string(25, '2003').string(26, '2003').string(27, '5551234').string(28, '8000');
      return b.string(8, '5551234').string(10, '8000').frame(9);
    })(),
  },
  {
    name: 'CALL_HELD_EVENT',
    options: V24,
    message: {
      type: 'CALL_HELD_EVENT',
      ...callIdentity,
      holdingDeviceType: 0,
      localConnectionState: 4,
      eventCause: 0,
      connectionDeviceId: '2003',
      holdingDeviceId: '2003',
    },
    bytes: identity(2).u16(0).u16(4).u16(0).string(25, '2003').string(31, '2003').frame(11),
  },
  {
    name: 'END_CALL_EVENT',
    options: V24,
    message: { type: 'END_CALL_EVENT', ...callIdentity, connectionDeviceId: '2003' },
    bytes: identity(2).string(25, '2003').frame(24),
  },
  ...([1, 2] as const).map((w) => ({
    name: `ANSWER_CALL_REQ for a call whose id is unknown, ${w}-byte tags`,
    options: w === 1 ? V17 : V24,
    message: {
      type: 'ANSWER_CALL_REQ',
      invokeId: 21,
      peripheralId: 5000,
      connectionCallId: 0xffffffff,
      connectionDeviceIdType: 0,
      connectionDeviceId: '2003',
      agentInstrument: '2003',
    } as const,
    bytes: new WireBuilder(w)
      .u32(21)
      .u32(5000)
      .u32(0xffffffff)
      .u16(0)
      .string(25, '2003')
      .string(6, '2003')
      .frame(42),
  })),
  {
    name: 'CONTROL_FAILURE_CONF',
    options: V24,
    message: { type: 'CONTROL_FAILURE_CONF', invokeId: 21, failureCode: 5, peripheralErrorCode: 16 },
    bytes: new WireBuilder(2).u32(21).u16(5).u32(16).frame(35),
  },
];
