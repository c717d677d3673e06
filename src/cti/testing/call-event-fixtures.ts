import { bothWidths, type WireFixture } from './fixtures.ts';
import type { WireBuilder } from './wire-builder.ts';

/**
 * The remaining call events, each in both tag widths. Bytes are written field by field from the
 * layouts in the spec (A.4) and the comments of call-layouts.ts, never with our serializer
 * (STYLE.md rule 11). Message ids and tags are numbers on purpose.
 */

const CALL_ID = 0x01000001;
const NULL = 0xffffffff;
const bytes = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** MonitorID 0, PeripheralID 5000, PeripheralType 17, ConnectionDeviceIDType 0, ConnectionCallID. */
const identity = (b: WireBuilder, callId = CALL_ID) => b.u32(0).u32(5000).u16(17).u16(0).u32(callId);
const callIdentity = {
  monitorId: 0,
  peripheralId: 5000,
  peripheralType: 17,
  connectionDeviceIdType: 0,
  connectionCallId: CALL_ID,
} as const;
const namedVar = (b: WireBuilder) => b.field(82, [...bytes('user.lang'), 0, ...bytes('de'), 0]);
/** A ConnectedParty entry: CallID (39), DeviceIDType (40), DeviceID (41). */
const party = (b: WireBuilder, device: string) => b.fieldU32(39, CALL_ID).fieldU16(40, 0).string(41, device);
/** The fixed part of CONFERENCED/TRANSFERRED from MonitorID to SecondaryCallID. */
const twoCallHead = (b: WireBuilder, numParties: number) =>
  b.u32(0).u32(5000).u16(17).u16(0).u32(CALL_ID).u16(0).u16(0).u32(85881).u32(5000).u16(0).u16(numParties);
const twoCallFields = (numParties: number) =>
  ({
    monitorId: 0,
    peripheralId: 5000,
    peripheralType: 17,
    primaryDeviceIdType: 0,
    primaryCallId: CALL_ID,
    lineHandle: 0,
    lineType: 0,
    skillGroupNumber: 85881,
    skillGroupId: 5000,
    skillGroupPriority: 0,
    numParties,
    secondaryDeviceIdType: 0,
    secondaryCallId: CALL_ID + 1,
  }) as const;
const skillGroupEntry = (b: WireBuilder) => b.fieldU32(62, 85881).fieldU32(63, 5000).fieldU16(64, 0);

export const CALL_EVENT_FIXTURES: WireFixture[] = [
  ...bothWidths(
    'CALL_ORIGINATED_EVENT (agent 2003 dials 2004)',
    {
      type: 'CALL_ORIGINATED_EVENT',
      ...callIdentity,
      lineHandle: 0,
      lineType: 2,
      serviceNumber: NULL,
      serviceId: NULL,
      skillGroupNumber: NULL,
      skillGroupId: NULL,
      skillGroupPriority: 0,
      callingDeviceType: 0,
      calledDeviceType: 0,
      localConnectionState: 1,
      eventCause: 22,
      connectionDeviceId: '2003',
      callingDeviceId: '2003',
      calledDeviceId: '2004',
    },
    15,
    (b) =>
      identity(b)
        .u16(0)
        .u16(2)
        .u32(NULL)
        .u32(NULL)
        .u32(NULL)
        .u32(NULL)
        .u16(0)
        .u16(0)
        .u16(0)
        .u16(1)
        .u16(22)
        .string(25, '2003')
        .string(27, '2003')
        .string(28, '2004'),
  ),
  ...bothWidths(
    'CALL_FAILED_EVENT',
    {
      type: 'CALL_FAILED_EVENT',
      ...callIdentity,
      failingDeviceType: 0,
      calledDeviceType: 0,
      localConnectionState: 6,
      eventCause: 13,
      connectionDeviceId: '2003',
      failingDeviceId: '2009',
      calledDeviceId: '2009',
    },
    16,
    (b) => identity(b).u16(0).u16(0).u16(6).u16(13).string(25, '2003').string(34, '2009').string(28, '2009'),
  ),
  ...bothWidths(
    'CALL_CONFERENCED_EVENT with three connected parties',
    {
      type: 'CALL_CONFERENCED_EVENT',
      ...twoCallFields(3),
      controllerDeviceType: 0,
      addedPartyDeviceType: 0,
      localConnectionState: 3,
      eventCause: 0xffff,
      primaryDeviceId: '2003',
      secondaryDeviceId: '2003',
      controllerDeviceId: '2003',
      addedPartyDeviceId: '2004',
      connectedPartyCallId: [CALL_ID, CALL_ID, CALL_ID],
      connectedPartyDeviceIdType: [0, 0, 0],
      connectedPartyDeviceId: ['5551234', '2003', '2004'],
    },
    17,
    (b) => {
      twoCallHead(b, 3)
        .u16(0)
        .u32(CALL_ID + 1)
        .u16(0)
        .u16(0)
        .u16(3)
        .u16(0xffff);
      b.string(35, '2003').string(36, '2003').string(37, '2003').string(38, '2004');
      return party(party(party(b, '5551234'), '2003'), '2004');
    },
  ),
  ...bothWidths(
    'CALL_TRANSFERRED_EVENT',
    {
      type: 'CALL_TRANSFERRED_EVENT',
      ...twoCallFields(2),
      transferringDeviceType: 0,
      transferredDeviceType: 0,
      localConnectionState: 0,
      eventCause: 32,
      primaryDeviceId: '2003',
      secondaryDeviceId: '2003',
      transferringDeviceId: '2003',
      transferredDeviceId: '2004',
      connectedPartyCallId: [CALL_ID, CALL_ID],
      connectedPartyDeviceIdType: [0, 0],
      connectedPartyDeviceId: ['5551234', '2004'],
    },
    18,
    (b) => {
      twoCallHead(b, 2)
        .u16(0)
        .u32(CALL_ID + 1)
        .u16(0)
        .u16(0)
        .u16(0)
        .u16(32);
      b.string(35, '2003').string(36, '2003').string(42, '2003').string(43, '2004');
      return party(party(b, '5551234'), '2004');
    },
  ),
  ...bothWidths(
    'CALL_QUEUED_EVENT',
    {
      type: 'CALL_QUEUED_EVENT',
      ...callIdentity,
      serviceNumber: NULL,
      serviceId: NULL,
      queueDeviceType: 77,
      callingDeviceType: 75,
      calledDeviceType: 74,
      lastRedirectDeviceType: 0xffff,
      numQueued: 1,
      numSkillGroups: 1,
      localConnectionState: 5,
      eventCause: 23,
      connectionDeviceId: '8000',
      queueDeviceId: '8000',
      callingDeviceId: '5551234',
      calledDeviceId: '8000',
      skillGroupNumber: [85881],
      skillGroupId: [5000],
      skillGroupPriority: [0],
    },
    21,
    (b) => {
      identity(b).u32(NULL).u32(NULL).u16(77).u16(75).u16(74).u16(0xffff).u16(1).u16(1).u16(5).u16(23);
      b.string(25, '8000').string(45, '8000').string(27, '5551234').string(28, '8000');
      return skillGroupEntry(b);
    },
  ),
  ...bothWidths(
    'CALL_DEQUEUED_EVENT',
    {
      type: 'CALL_DEQUEUED_EVENT',
      ...callIdentity,
      queueDeviceType: 77,
      serviceNumber: NULL,
      serviceId: NULL,
      numQueued: 0,
      numSkillGroups: 1,
      localConnectionState: 0,
      eventCause: 0xffff,
      connectionDeviceId: '8000',
      queueDeviceId: '8000',
      skillGroupNumber: [85881],
      skillGroupId: [5000],
      skillGroupPriority: [0],
    },
    86,
    (b) =>
      skillGroupEntry(
        identity(b)
          .u16(77)
          .u32(NULL)
          .u32(NULL)
          .u16(0)
          .u16(1)
          .u16(0)
          .u16(0xffff)
          .string(25, '8000')
          .string(45, '8000'),
      ),
  ),
  ...bothWidths(
    'CALL_DATA_UPDATE_EVENT with call variables and a named variable',
    {
      type: 'CALL_DATA_UPDATE_EVENT',
      monitorId: 0,
      peripheralId: 5000,
      peripheralType: 17,
      numCtiClients: 0,
      numNamedVariables: 1,
      numNamedArrays: 0,
      callType: 2,
      connectionDeviceIdType: 0,
      connectionCallId: CALL_ID,
      newConnectionDeviceIdType: 0,
      newConnectionCallId: CALL_ID,
      calledPartyDisposition: 0,
      campaignId: 0,
      queryRuleId: 0,
      connectionDeviceId: '2003',
      newConnectionDeviceId: '2003',
      ani: '5551234',
      callVariable1: 'acct=42',
      callWrapupData: 'sale',
      namedVariable: [{ name: 'user.lang', value: 'de' }],
      routerCallKeyDay: 150000,
    },
    25,
    (b) => {
      b.u32(0).u32(5000).u16(17).u16(0).u16(1).u16(0).u16(2).u16(0).u32(CALL_ID).u16(0).u32(CALL_ID);
      b.u16(0).u32(0).u32(0).string(25, '2003').string(47, '2003').string(8, '5551234');
      return namedVar(b.string(13, 'acct=42').string(46, 'sale')).fieldU32(72, 150000);
    },
  ),
  ...bothWidths(
    'AGENT_PRE_CALL_EVENT for instrument 2003',
    {
      type: 'AGENT_PRE_CALL_EVENT',
      monitorId: 0,
      numNamedVariables: 1,
      numNamedArrays: 0,
      serviceNumber: NULL,
      serviceId: NULL,
      skillGroupNumber: 85881,
      skillGroupId: 5000,
      skillGroupPriority: 0,
      mrdId: 1,
      agentInstrument: '2003',
      routerCallKeyDay: 150000,
      routerCallKeyCallId: 7,
      routerCallKeySequenceNumber: 1,
      ani: '5551234',
      dialedNumber: '8000',
      callVariable1: 'acct=42',
      namedVariable: [{ name: 'user.lang', value: 'de' }],
      connectionDeviceId: '2003',
    },
    105,
    (b) => {
      b.u32(0).u16(1).u16(0).u32(NULL).u32(NULL).u32(85881).u32(5000).u16(0).u32(1);
      b.string(6, '2003').fieldU32(72, 150000).fieldU32(73, 7).fieldU32(110, 1);
      b.string(8, '5551234').string(11, '8000').string(13, 'acct=42');
      return namedVar(b).string(25, '2003');
    },
  ),
];
