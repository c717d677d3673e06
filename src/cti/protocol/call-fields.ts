import { fixed as f, floating as fl, list } from './fields.ts';
import { Tag } from './tags.ts';

/**
 * Field specs shared by the call events (call-layouts.ts) and the call-control requests
 * (control-layouts.ts). Floating fields are written in the order of these lists, so changing an
 * order changes bytes: the fixtures in testing/ pin it.
 */

export const invokeId = f('invokeId', 'uint');
export const monitorId = f('monitorId', 'uint');
export const peripheralId = f('peripheralId', 'uint');
export const peripheralType = f('peripheralType', 'ushort');
export const connectionDeviceIdType = f('connectionDeviceIdType', 'ushort');
export const connectionCallId = f('connectionCallId', 'uint');
export const localConnectionState = f('localConnectionState', 'ushort');
export const eventCause = f('eventCause', 'ushort');
export const numNamedVariables = f('numNamedVariables', 'ushort');
export const numNamedArrays = f('numNamedArrays', 'ushort');

/** MonitorID … ConnectionCallID: how every single-call event starts (A.4). */
export const callIdentity = [
  monitorId,
  peripheralId,
  peripheralType,
  connectionDeviceIdType,
  connectionCallId,
] as const;

/** A device id: STRING ≤ 64 (the 15.0 guide's size for every *DeviceID). */
export const device = <const N extends string>(name: N, tag: number) => fl(name, 'string', tag, 64);
export const connectionDeviceId = device('connectionDeviceId', Tag.CONNECTION_DEVICE_ID);
export const agentInstrument = fl('agentInstrument', 'string', Tag.AGENT_INSTRUMENT, 64);

/** CallVariable1–10, 41 bytes each in the 15.0 guide. */
export const callVariables = [
  fl('callVariable1', 'string', Tag.CALL_VARIABLE_1, 41),
  fl('callVariable2', 'string', Tag.CALL_VARIABLE_2, 41),
  fl('callVariable3', 'string', Tag.CALL_VARIABLE_3, 41),
  fl('callVariable4', 'string', Tag.CALL_VARIABLE_4, 41),
  fl('callVariable5', 'string', Tag.CALL_VARIABLE_5, 41),
  fl('callVariable6', 'string', Tag.CALL_VARIABLE_6, 41),
  fl('callVariable7', 'string', Tag.CALL_VARIABLE_7, 41),
  fl('callVariable8', 'string', Tag.CALL_VARIABLE_8, 41),
  fl('callVariable9', 'string', Tag.CALL_VARIABLE_9, 41),
  fl('callVariable10', 'string', Tag.CALL_VARIABLE_10, 41),
] as const;

/** NAMEDVAR name ≤ 33 + value ≤ 211, both NUL-terminated (A.2); NAMEDARRAY adds its index byte. */
export const namedData = [
  list(fl('namedVariable', 'namedVariable', Tag.NAMED_VARIABLE, 244)),
  list(fl('namedArray', 'namedArray', Tag.NAMED_ARRAY, 245)),
] as const;

export const ani = fl('ani', 'string', Tag.ANI, 40);
export const userToUserInfo = fl('userToUserInfo', 'unspec', Tag.UUI, 131);
export const dnis = fl('dnis', 'string', Tag.DNIS, 32);
export const dialedNumber = fl('dialedNumber', 'string', Tag.DIALED_NUMBER, 40);
export const callerEnteredDigits = fl('callerEnteredDigits', 'string', Tag.CALLER_ENTERED_DIGITS, 40);
export const callWrapupData = fl('callWrapupData', 'string', Tag.CALL_WRAPUP_DATA, 40);

/** The call context Finesse shows as call variables (BEGIN_CALL, DELIVERED, DATA_UPDATE). */
export const callData = [
  ani,
  userToUserInfo,
  dnis,
  dialedNumber,
  callerEnteredDigits,
  ...callVariables,
  callWrapupData,
  ...namedData,
] as const;

export const routerCallKey = [
  fl('routerCallKeyDay', 'uint', Tag.ROUTER_CALL_KEY_DAY),
  fl('routerCallKeyCallId', 'uint', Tag.ROUTER_CALL_KEY_CALL_ID),
  fl('routerCallKeySequenceNumber', 'uint', Tag.ROUTER_CALL_KEY_SEQUENCE_NUM),
] as const;

/** Each CTIClientTimestamp must follow its CTIClientSignature (A.2). */
export const ctiClients = [
  list(fl('ctiClientSignature', 'string', Tag.CTI_CLIENT_SIGNATURE, 64), 'ctiClient'),
  list(fl('ctiClientTimestamp', 'time', Tag.CTI_CLIENT_TIMESTAMP), 'ctiClient'),
] as const;

export const callDeviceTypes = [f('callingDeviceType', 'ushort'), f('calledDeviceType', 'ushort')] as const;
export const callDeviceIds = [
  device('callingDeviceId', Tag.CALLING_DEVICE_ID),
  device('calledDeviceId', Tag.CALLED_DEVICE_ID),
  device('lastRedirectDeviceId', Tag.LAST_REDIRECT_DEVICE_ID),
  fl('trunkNumber', 'uint', Tag.TRUNK_NUMBER),
  fl('trunkGroupNumber', 'uint', Tag.TRUNK_GROUP_NUMBER),
] as const;

/** LineHandle … SkillGroupPriority: the line and the routing target of a call event. */
export const routing = [
  f('lineHandle', 'ushort'),
  f('lineType', 'ushort'),
  f('serviceNumber', 'uint'),
  f('serviceId', 'uint'),
  f('skillGroupNumber', 'uint'),
  f('skillGroupId', 'uint'),
  f('skillGroupPriority', 'ushort'),
] as const;

/** SkillGroupNumber/ID/Priority entries of CALL_QUEUED / CALL_DEQUEUED, one per NumSkillGroups. */
export const skillGroupEntries = [
  list(fl('skillGroupNumber', 'uint', Tag.SKILL_GROUP_NUMBER), 'skillGroup'),
  list(fl('skillGroupId', 'uint', Tag.SKILL_GROUP_ID), 'skillGroup'),
  list(fl('skillGroupPriority', 'ushort', Tag.SKILL_GROUP_PRIORITY), 'skillGroup'),
] as const;

/**
 * The ConnectedParty entries of CONFERENCED / TRANSFERRED and their CONFs, one per NumParties:
 * CallID, DeviceIDType, DeviceID written entry by entry.
 */
export const connectedParties = [
  list(fl('connectedPartyCallId', 'uint', Tag.PARTY_CALL_ID), 'party'),
  list(fl('connectedPartyDeviceIdType', 'ushort', Tag.PARTY_DEVICE_ID_TYPE), 'party'),
  list(device('connectedPartyDeviceId', Tag.PARTY_DEVICE_ID), 'party'),
] as const;

/** The dialing options MAKE/CONSULTATION/TRANSFER/CONFERENCE share, after their call ids. */
export const dialingOptions = [
  f('callPlacementType', 'ushort'),
  f('callMannerType', 'ushort'),
  f('alertRings', 'ushort'),
  f('callOption', 'ushort'),
  f('facilityType', 'ushort'),
  f('answeringMachine', 'ushort'),
  f('priority', 'bool'),
  f('postRoute', 'bool'),
  numNamedVariables,
  numNamedArrays,
] as const;

/** What a new call carries: the number to dial and the call context to give it. */
export const dialingData = [
  agentInstrument,
  dialedNumber,
  userToUserInfo,
  ...callVariables,
  callWrapupData,
  ...namedData,
  fl('facilityCode', 'string', Tag.FACILITY_CODE, 40),
  fl('authorizationCode', 'string', Tag.AUTHORIZATION_CODE, 40),
  fl('accountCode', 'string', Tag.ACCOUNT_CODE, 40),
] as const;
