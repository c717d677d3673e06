import type { CodecOptions, Message } from '../protocol/index.ts';
import { WireBuilder } from './wire-builder.ts';

/** One message and the exact bytes it must be on the wire under `options`. */
export interface WireFixture {
  name: string;
  options: CodecOptions;
  message: Message;
  bytes: Buffer;
}

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const V17: CodecOptions = { tagWidth: 1, version: 17 };
const V24: CodecOptions = { tagWidth: 2, version: 24 };

// Message type ids and tags are spelled as numbers here on purpose: from A.3 / A.4, not our table.
const heartbeat = { type: 'HEARTBEAT_REQ', invokeId: 7 } as const;

/** The seed's LOGIN request: invoke 20, LOGIN, reason 50004, forced, instrument 2003, agent 2001. */
const setAgentState = {
  type: 'SET_AGENT_STATE_REQ',
  invokeId: 20,
  peripheralId: 5000,
  agentState: 0,
  agentWorkMode: 0,
  numSkillGroups: 0,
  eventReasonCode: 50004,
  forcedFlag: 1,
  agentServiceReq: 0,
  agentInstrument: '2003',
  agentId: '2001',
} as const;

const openReq = {
  type: 'OPEN_REQ',
  invokeId: 1,
  versionNumber: 24,
  idleTimeout: 20,
  peripheralId: 0xffffffff,
  servicesRequested: 0x16,
  callMsgMask: 0x7fffff,
  agentStateMask: 0x3fff,
  configMsgMask: 0,
  reserved1: 0,
  reserved2: 0,
  reserved3: 0,
  clientId: 'switchboard',
  clientPassword: Buffer.from('pw'),
} as const;

function openReqBytes(w: 1 | 2): Buffer {
  const b = new WireBuilder(w).u32(1).u32(24).u32(20).u32(0xffffffff).u32(0x16).u32(0x7fffff).u32(0x3fff);
  b.u32(0).u32(0).u32(0).u32(0);
  return b.string(1, 'switchboard').field(2, [0x70, 0x77]).frame(3);
}

/** The seed's AGENT_STATE_EVENT: agent 2001 logged in, NOT_READY, skill group 85881. */
const agentStateEvent = {
  type: 'AGENT_STATE_EVENT',
  monitorId: 0,
  peripheralId: 5001,
  sessionId: 0,
  peripheralType: 17,
  skillGroupState: 0,
  stateDuration: 0,
  skillGroupNumber: 85881,
  skillGroupId: 5000,
  skillGroupPriority: 0,
  agentState: 2,
  eventReasonCode: 0,
  mrdId: 1,
  numTasks: 0,
  agentMode: 1,
  maxTaskLimit: 1,
  icmAgentId: 5001,
  agentAvailabilityStatus: 0,
  numFltSkillGroups: 0,
  ctiClientSignature: '',
  agentId: '2001',
  agentExtension: '2003',
  agentInstrument: '2003',
} as const;

function agentStateEventBytes(w: 1 | 2, departmentId?: number): WireBuilder {
  const b = new WireBuilder(w).u32(0).u32(5001).u32(0).u16(17).u16(0).u32(0).u32(85881).u32(5000);
  b.u16(0).u16(2).u16(0).u32(1).u32(0).u16(1).u32(1).u32(5001).u32(0).u16(0);
  if (departmentId !== undefined) b.u32(departmentId);
  return b.string(23, '').string(5, '2001').string(4, '2003').string(6, '2003');
}

export const FIXTURES: WireFixture[] = [
  {
    name: 'HEARTBEAT_REQ (header + InvokeID, no floating part)',
    options: V24,
    message: heartbeat,
    bytes: hex('00000004 00000005 00000007'),
  },
  {
    name: 'SET_AGENT_STATE_REQ seed LOGIN, 1-byte tags',
    options: V17,
    message: setAgentState,
    bytes: hex(`00000023 00000026  00000014 00001388 0000 0000 0000 c354 01 00000000
                06 05 3230303300  05 05 3230303100`),
  },
  {
    name: 'SET_AGENT_STATE_REQ seed LOGIN, 2-byte tags',
    options: V24,
    message: setAgentState,
    bytes: hex(`00000027 00000026  00000014 00001388 0000 0000 0000 c354 01 00000000
                0006 0005 3230303300  0005 0005 3230303100`),
  },
  { name: 'OPEN_REQ, 1-byte tags', options: V17, message: openReq, bytes: openReqBytes(1) },
  { name: 'OPEN_REQ, 2-byte tags', options: V24, message: openReq, bytes: openReqBytes(2) },
  {
    name: 'AGENT_STATE_EVENT seed NOT_READY, v17 1-byte tags',
    options: V17,
    message: agentStateEvent,
    bytes: agentStateEventBytes(1).frame(30),
  },
  {
    name: 'AGENT_STATE_EVENT seed NOT_READY, v24 2-byte tags (with DepartmentID)',
    options: V24,
    message: { ...agentStateEvent, departmentId: 0 },
    bytes: agentStateEventBytes(2, 0).frame(30),
  },
  {
    name: 'AGENT_STATE_EVENT with FltSkillGroup lists written entry by entry',
    options: V24,
    message: {
      ...agentStateEvent,
      departmentId: 7,
      numFltSkillGroups: 2,
      duration: 12,
      nextAgentState: 3,
      fltSkillGroupNumber: [85881, -1],
      fltSkillGroupId: [5000, 5001],
      fltSkillGroupPriority: [0, 1],
      fltSkillGroupState: [2, 3],
    },
    bytes: (() => {
      const b = new WireBuilder(2).u32(0).u32(5001).u32(0).u16(17).u16(0).u32(0).u32(85881).u32(5000);
      b.u16(0).u16(2).u16(0).u32(1).u32(0).u16(1).u32(1).u32(5001).u32(0).u16(2).u32(7);
      b.string(23, '').string(5, '2001').string(4, '2003').string(6, '2003');
      b.fieldU32(150, 12).fieldU16(123, 3);
      b.fieldU32(62, 85881).fieldU32(63, 5000).fieldU16(64, 0).fieldU16(65, 2);
      b.fieldU32(62, 0xffffffff).fieldU32(63, 5001).fieldU16(64, 1).fieldU16(65, 3);
      return b.frame(30);
    })(),
  },
  {
    name: 'FAILURE_CONF',
    options: V24,
    message: { type: 'FAILURE_CONF', invokeId: 3, status: 9 },
    bytes: hex('00000008 00000001 00000003 00000009'),
  },
  {
    name: 'OPEN_CONF v24 (BOOL is 2 bytes; DepartmentID and SessionType)',
    options: V24,
    message: {
      type: 'OPEN_CONF',
      invokeId: 1,
      servicesGranted: 0x14,
      monitorId: 0,
      pgStatus: 0,
      icmCentralControllerTime: 1366756808,
      peripheralOnline: true,
      peripheralType: 17,
      agentState: 1,
      departmentId: 0,
      sessionType: 1,
    },
    bytes: new WireBuilder(2)
      .u32(1)
      .u32(0x14)
      .u32(0)
      .u32(0)
      .u32(1366756808)
      .u16(1)
      .u16(17)
      .u16(1)
      .u32(0)
      .u16(1)
      .frame(4),
  },
];

/** The same message in both tag widths: a v17 (1-byte) and a v24 (2-byte) fixture. */
export function bothWidths(
  name: string,
  message: Message,
  messageType: number,
  build: (b: WireBuilder) => WireBuilder,
): WireFixture[] {
  return ([1, 2] as const).map((w) => ({
    name: `${name}, ${w}-byte tags`,
    options: w === 1 ? V17 : V24,
    message,
    bytes: build(new WireBuilder(w)).frame(messageType),
  }));
}

export const SEED = { setAgentState, agentStateEvent, openReq } as const;
