import { CALL_ID, dialingOptions, NULL, noDialingOptions, party } from './control-fixtures.ts';
import { bothWidths, type WireFixture } from './fixtures.ts';

/** CONSULTATION, TRANSFER (consultative and single step) and CONFERENCE requests and CONFs, both tag widths. */
export const JOIN_FIXTURES: WireFixture[] = [
  ...bothWidths(
    'CONSULTATION_CALL_REQ (ConsultType transfer)',
    {
      type: 'CONSULTATION_CALL_REQ',
      invokeId: 23,
      peripheralId: 5000,
      activeConnectionCallId: CALL_ID,
      activeConnectionDeviceIdType: 0,
      ...noDialingOptions,
      consultType: 1,
      activeConnectionDeviceId: '2003',
      agentInstrument: '2003',
      dialedNumber: '2004',
    },
    50,
    (b) => {
      b.u32(23).u32(5000).u32(CALL_ID).u16(0).u16(0).u16(0).u16(1);
      b.u16(0).u16(0).u16(0).u16(0).u16(0).u16(0).u16(0).u16(0);
      return b.string(50, '2003').string(6, '2003').string(11, '2004');
    },
  ),
  ...bothWidths(
    'CONSULTATION_CALL_CONF',
    {
      type: 'CONSULTATION_CALL_CONF',
      invokeId: 23,
      newConnectionCallId: CALL_ID + 1,
      newConnectionDeviceIdType: 0,
      lineHandle: 1,
      lineType: 2,
      newConnectionDeviceId: '2003',
    },
    51,
    (b) =>
      b
        .u32(23)
        .u32(CALL_ID + 1)
        .u16(0)
        .u16(1)
        .u16(2)
        .string(47, '2003'),
  ),
  ...bothWidths(
    'TRANSFER_CALL_REQ (active consult call first, then the held one)',
    {
      type: 'TRANSFER_CALL_REQ',
      invokeId: 24,
      peripheralId: 5000,
      activeConnectionCallId: CALL_ID + 1,
      heldConnectionCallId: CALL_ID,
      activeConnectionDeviceIdType: 0,
      heldConnectionDeviceIdType: 0,
      ...noDialingOptions,
      activeConnectionDeviceId: '2003',
      heldConnectionDeviceId: '2003',
      agentInstrument: '2003',
    },
    64,
    (b) => {
      dialingOptions(
        b
          .u32(24)
          .u32(5000)
          .u32(CALL_ID + 1)
          .u32(CALL_ID)
          .u16(0)
          .u16(0),
      );
      return b.string(50, '2003').string(53, '2003').string(6, '2003');
    },
  ),
  ...bothWidths(
    'TRANSFER_CALL_REQ single step (no active call, a dialed number)',
    {
      type: 'TRANSFER_CALL_REQ',
      invokeId: 29,
      peripheralId: 5000,
      activeConnectionCallId: NULL,
      heldConnectionCallId: CALL_ID,
      activeConnectionDeviceIdType: 0,
      heldConnectionDeviceIdType: 0,
      ...noDialingOptions,
      heldConnectionDeviceId: '2003',
      agentInstrument: '2003',
      dialedNumber: '2004',
    },
    64,
    (b) => {
      dialingOptions(b.u32(29).u32(5000).u32(NULL).u32(CALL_ID).u16(0).u16(0));
      return b.string(53, '2003').string(6, '2003').string(11, '2004');
    },
  ),
  ...bothWidths(
    'TRANSFER_CALL_CONF with the parties that remain',
    {
      type: 'TRANSFER_CALL_CONF',
      invokeId: 24,
      newConnectionCallId: CALL_ID,
      newConnectionDeviceIdType: 0,
      numParties: 2,
      lineHandle: 0,
      lineType: 0,
      newConnectionDeviceId: '2004',
      connectedPartyCallId: [CALL_ID, CALL_ID],
      connectedPartyDeviceIdType: [0, 0],
      connectedPartyDeviceId: ['5551234', '2004'],
    },
    65,
    (b) =>
      party(party(b.u32(24).u32(CALL_ID).u16(0).u16(2).u16(0).u16(0).string(47, '2004'), '5551234'), '2004'),
  ),
  ...bothWidths(
    'CONFERENCE_CALL_REQ (held call first)',
    {
      type: 'CONFERENCE_CALL_REQ',
      invokeId: 25,
      peripheralId: 5000,
      heldConnectionCallId: CALL_ID,
      activeConnectionCallId: CALL_ID + 1,
      heldConnectionDeviceIdType: 0,
      activeConnectionDeviceIdType: 0,
      ...noDialingOptions,
      heldConnectionDeviceId: '2003',
      activeConnectionDeviceId: '2003',
      agentInstrument: '2003',
    },
    48,
    (b) => {
      dialingOptions(
        b
          .u32(25)
          .u32(5000)
          .u32(CALL_ID)
          .u32(CALL_ID + 1)
          .u16(0)
          .u16(0),
      );
      return b.string(53, '2003').string(50, '2003').string(6, '2003');
    },
  ),
  ...bothWidths(
    'CONFERENCE_CALL_CONF',
    {
      type: 'CONFERENCE_CALL_CONF',
      invokeId: 25,
      newConnectionCallId: CALL_ID,
      newConnectionDeviceIdType: 0,
      numParties: 3,
      lineHandle: 0,
      lineType: 0,
      newConnectionDeviceId: '2003',
      connectedPartyCallId: [CALL_ID, CALL_ID, CALL_ID],
      connectedPartyDeviceIdType: [0, 0, 0],
      connectedPartyDeviceId: ['5551234', '2003', '2004'],
    },
    49,
    (b) => {
      b.u32(25).u32(CALL_ID).u16(0).u16(3).u16(0).u16(0).string(47, '2003');
      return party(party(party(b, '5551234'), '2003'), '2004');
    },
  ),
];
