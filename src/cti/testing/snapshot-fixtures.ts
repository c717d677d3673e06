import type { CodecOptions } from '../protocol/index.ts';
import type { WireFixture } from './fixtures.ts';
import { WireBuilder } from './wire-builder.ts';

/**
 * The snapshot messages, byte by byte from the guide's tables (v15 Tables 5-125…5-128) and the
 * 15.0 tag values — message types 82–85 and tags spelled as numbers, never taken from our tables.
 */

const V17: CodecOptions = { tagWidth: 1, version: 17 };
const V24: CodecOptions = { tagWidth: 2, version: 24 };

const bytes = (text: string) => [...text].map((c) => c.charCodeAt(0));
/** What UCCE prints as 16777217 (0x01000001), and the call after it. */
const CALL_ID = 0x01000001;
const CONSULT_ID = 0x01000002;

export const SNAPSHOT_FIXTURES: WireFixture[] = [
  {
    name: 'SNAPSHOT_DEVICE_REQ for agent instrument 2003',
    options: V24,
    message: {
      type: 'SNAPSHOT_DEVICE_REQ',
      invokeId: 31,
      peripheralId: 5000,
      snapshotDeviceType: 0,
      agentInstrument: '2003',
    },
    bytes: new WireBuilder(2).u32(31).u32(5000).u16(0).string(6, '2003').frame(84),
  },
  {
    name: 'SNAPSHOT_DEVICE_CONF: two calls on the device, each entry written in order',
    options: V24,
    message: {
      type: 'SNAPSHOT_DEVICE_CONF',
      invokeId: 31,
      numCalls: 2,
      callConnectionCallId: [CALL_ID, CONSULT_ID],
      callConnectionDeviceIdType: [0, 0],
      callConnectionDeviceId: ['2003', '2003'],
      callState: [4, 3], // LCS_HOLD, LCS_CONNECT
    },
    bytes: (() => {
      const b = new WireBuilder(2).u32(31).u16(2);
      b.fieldU32(56, CALL_ID).fieldU16(57, 0).string(58, '2003').fieldU16(75, 4);
      b.fieldU32(56, CONSULT_ID).fieldU16(57, 0).string(58, '2003').fieldU16(75, 3);
      return b.frame(85);
    })(),
  },
  {
    name: 'SNAPSHOT_DEVICE_CONF: no call, 1-byte tags',
    options: V17,
    message: { type: 'SNAPSHOT_DEVICE_CONF', invokeId: 9, numCalls: 0 },
    bytes: new WireBuilder(1).u32(9).u16(0).frame(85),
  },
  {
    name: 'SNAPSHOT_CALL_REQ, 1-byte tags',
    options: V17,
    message: {
      type: 'SNAPSHOT_CALL_REQ',
      invokeId: 32,
      peripheralId: 5000,
      connectionCallId: CALL_ID,
      connectionDeviceIdType: 0,
      connectionDeviceId: '2003',
    },
    bytes: new WireBuilder(1).u32(32).u32(5000).u32(CALL_ID).u16(0).string(25, '2003').frame(82),
  },
  {
    name: 'SNAPSHOT_CALL_CONF: call context, ECC variables, and both devices with their states',
    options: V24,
    message: {
      type: 'SNAPSHOT_CALL_CONF',
      invokeId: 32,
      callType: 2, // PREROUTE_ACD_IN
      numCtiClients: 1,
      numCallDevices: 2,
      numNamedVariables: 1,
      numNamedArrays: 0,
      calledPartyDisposition: 0,
      ani: '5551234',
      dnis: '8000',
      dialedNumber: '8000',
      routerCallKeyDay: 150000,
      routerCallKeyCallId: 7,
      callVariable1: 'acct=42',
      callVariable10: 'vip',
      namedVariable: [{ name: 'user.lang', value: 'de' }],
      ctiClientSignature: ['switchboard'],
      ctiClientTimestamp: [1366756808],
      callConnectionCallId: [CALL_ID, CALL_ID],
      callConnectionDeviceIdType: [0, 0],
      callConnectionDeviceId: ['5551234', '2003'],
      callDeviceType: [75, 0], // DEVID_EXTERNAL, DEVID_DEVICE_IDENTIFIER
      callDeviceId: ['5551234', '2003'],
      callDeviceConnectionState: [3, 3], // LCS_CONNECT
    },
    bytes: (() => {
      const b = new WireBuilder(2).u32(32).u16(2).u16(1).u16(2).u16(1).u16(0).u16(0);
      b.string(8, '5551234').string(10, '8000').string(11, '8000');
      b.fieldU32(72, 150000).fieldU32(73, 7);
      b.string(13, 'acct=42').string(22, 'vip');
      b.field(82, [...bytes('user.lang'), 0, ...bytes('de'), 0]);
      b.string(23, 'switchboard').fieldU32(24, 1366756808);
      b.fieldU32(56, CALL_ID).fieldU16(57, 0).string(58, '5551234').fieldU16(59, 75);
      b.string(60, '5551234').fieldU16(61, 3);
      b.fieldU32(56, CALL_ID).fieldU16(57, 0).string(58, '2003').fieldU16(59, 0);
      b.string(60, '2003').fieldU16(61, 3);
      return b.frame(83);
    })(),
  },
  {
    name: 'SNAPSHOT_CALL_CONF of a consult call, with CallReferenceID and the COC connection',
    options: V17,
    message: {
      type: 'SNAPSHOT_CALL_CONF',
      invokeId: 33,
      callType: 12, // CONSULT
      numCtiClients: 0,
      numCallDevices: 1,
      numNamedVariables: 0,
      numNamedArrays: 0,
      calledPartyDisposition: 0,
      callConnectionCallId: [CONSULT_ID],
      callConnectionDeviceIdType: [0],
      callConnectionDeviceId: ['2003'],
      callDeviceType: [0],
      callDeviceId: ['2003'],
      callDeviceConnectionState: [1], // LCS_INITIATE
      callReferenceId: Buffer.from('a1b2', 'hex'),
      cocConnectionCallId: CALL_ID,
      cocConnectionDeviceIdType: 0,
      cocConnectionDeviceId: '2003',
    },
    bytes: (() => {
      const b = new WireBuilder(1).u32(33).u16(12).u16(0).u16(1).u16(0).u16(0).u16(0);
      b.fieldU32(56, CONSULT_ID).fieldU16(57, 0).string(58, '2003').fieldU16(59, 0);
      b.string(60, '2003').fieldU16(61, 1);
      b.field(223, [0xa1, 0xb2]).fieldU32(229, CALL_ID).fieldU16(230, 0).string(231, '2003');
      return b.frame(83);
    })(),
  },
];
