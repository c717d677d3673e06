import { bothWidths, type WireFixture } from './fixtures.ts';
import type { WireBuilder } from './wire-builder.ts';

/**
 * Call-control requests and CONFs, each in both tag widths, written byte by byte from the layouts
 * described in control-layouts.ts (A.4 and the open-source tables it cites).
 */

export const CALL_ID = 0x01000001;
export const NULL = 0xffffffff;
const bytes = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** CallPlacementType … NumNamedArrays, all zero/false (MAKE, TRANSFER, CONFERENCE). */
export const dialingOptions = (b: WireBuilder) =>
  b.u16(0).u16(0).u16(0).u16(0).u16(0).u16(0).u16(0).u16(0).u16(0).u16(0);
export const noDialingOptions = {
  callPlacementType: 0,
  callMannerType: 0,
  alertRings: 0,
  callOption: 0,
  facilityType: 0,
  answeringMachine: 0,
  priority: false,
  postRoute: false,
  numNamedVariables: 0,
  numNamedArrays: 0,
} as const;
export const party = (b: WireBuilder, device: string) =>
  b.fieldU32(39, CALL_ID).fieldU16(40, 0).string(41, device);

export const CONTROL_FIXTURES: WireFixture[] = [
  ...bothWidths(
    'HOLD_CALL_REQ with its Reservation BOOL',
    {
      type: 'HOLD_CALL_REQ',
      invokeId: 21,
      peripheralId: 5000,
      connectionCallId: CALL_ID,
      connectionDeviceIdType: 0,
      reservation: true,
      connectionDeviceId: '2003',
      agentInstrument: '2003',
    },
    54,
    (b) => b.u32(21).u32(5000).u32(CALL_ID).u16(0).u16(1).string(25, '2003').string(6, '2003'),
  ),
  ...bothWidths(
    'CLEAR_CONNECTION_REQ',
    {
      type: 'CLEAR_CONNECTION_REQ',
      invokeId: 9,
      peripheralId: 5000,
      connectionCallId: CALL_ID,
      connectionDeviceIdType: 0,
      connectionDeviceId: '2003',
    },
    46,
    (b) => b.u32(9).u32(5000).u32(CALL_ID).u16(0).string(25, '2003'),
  ),
  ...bothWidths(
    'MAKE_CALL_REQ from 2003 to 2004 with a call variable',
    {
      type: 'MAKE_CALL_REQ',
      invokeId: 22,
      peripheralId: 5000,
      ...noDialingOptions,
      agentInstrument: '2003',
      dialedNumber: '2004',
      callVariable1: 'acct=42',
    },
    56,
    (b) => dialingOptions(b.u32(22).u32(5000)).string(6, '2003').string(11, '2004').string(13, 'acct=42'),
  ),
  ...bothWidths(
    'MAKE_CALL_CONF with the new call',
    {
      type: 'MAKE_CALL_CONF',
      invokeId: 22,
      newConnectionCallId: CALL_ID,
      newConnectionDeviceIdType: 0,
      lineHandle: 0,
      lineType: 2,
      newConnectionDeviceId: '2003',
    },
    57,
    (b) => b.u32(22).u32(CALL_ID).u16(0).u16(0).u16(2).string(47, '2003'),
  ),
  ...bothWidths(
    'SET_CALL_DATA_REQ (DeviceIDType before CallID) with named variables and arrays',
    {
      type: 'SET_CALL_DATA_REQ',
      invokeId: 26,
      peripheralId: 5000,
      connectionDeviceIdType: 0,
      connectionCallId: CALL_ID,
      numNamedVariables: 1,
      numNamedArrays: 1,
      callType: 2,
      calledPartyDisposition: 0,
      campaignId: 0,
      queryRuleId: 0,
      connectionDeviceId: '2003',
      callVariable1: 'acct=42',
      callVariable10: 'vip',
      callWrapupData: 'sale',
      namedVariable: [{ name: 'user.lang', value: 'de' }],
      namedArray: [{ name: 'user.items', index: 2, value: 'x' }],
    },
    26,
    (b) => {
      b.u32(26).u32(5000).u16(0).u32(CALL_ID).u16(1).u16(1).u16(2).u16(0).u32(0).u32(0);
      b.string(25, '2003').string(13, 'acct=42').string(22, 'vip').string(46, 'sale');
      b.field(82, [...bytes('user.lang'), 0, ...bytes('de'), 0]);
      return b.field(83, [2, ...bytes('user.items'), 0, ...bytes('x'), 0]);
    },
  ),
  ...bothWidths('SET_CALL_DATA_CONF', { type: 'SET_CALL_DATA_CONF', invokeId: 26 }, 27, (b) => b.u32(26)),
  ...bothWidths(
    'SEND_DTMF_SIGNAL_REQ',
    {
      type: 'SEND_DTMF_SIGNAL_REQ',
      invokeId: 27,
      peripheralId: 5000,
      connectionCallId: CALL_ID,
      connectionDeviceIdType: 0,
      toneDuration: 100,
      pauseDuration: 50,
      connectionDeviceId: '2003',
      dtmfString: '1234#',
      agentInstrument: '2003',
    },
    91,
    (b) =>
      b
        .u32(27)
        .u32(5000)
        .u32(CALL_ID)
        .u16(0)
        .u16(100)
        .u32(50)
        .string(25, '2003')
        .string(67, '1234#')
        .string(6, '2003'),
  ),
  ...bothWidths('SEND_DTMF_SIGNAL_CONF', { type: 'SEND_DTMF_SIGNAL_CONF', invokeId: 27 }, 92, (b) =>
    b.u32(27),
  ),
  ...bothWidths(
    'SUPERVISE_CALL_REQ silent monitor by the supervisor on 2005',
    {
      type: 'SUPERVISE_CALL_REQ',
      invokeId: 28,
      peripheralId: 5000,
      agentConnectionCallId: CALL_ID,
      supervisorConnectionCallId: NULL,
      agentConnectionDeviceIdType: 0,
      supervisorConnectionDeviceIdType: 0,
      supervisoryAction: 1,
      agentConnectionDeviceId: '2003',
      agentInstrument: '2005',
    },
    124,
    (b) =>
      b.u32(28).u32(5000).u32(CALL_ID).u32(NULL).u16(0).u16(0).u16(1).string(90, '2003').string(6, '2005'),
  ),
  ...bothWidths(
    'SUPERVISE_CALL_CONF',
    {
      type: 'SUPERVISE_CALL_CONF',
      invokeId: 28,
      connectionCallId: CALL_ID + 2,
      connectionDeviceIdType: 0,
      connectionDeviceId: '2005',
    },
    125,
    (b) =>
      b
        .u32(28)
        .u32(CALL_ID + 2)
        .u16(0)
        .string(25, '2005'),
  ),
];
