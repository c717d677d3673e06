import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEED } from '../testing/fixtures.ts';
import { SNAPSHOT_FIXTURES } from '../testing/snapshot-fixtures.ts';
import { describeMessage, messageName } from './index.ts';

test('SET_AGENT_STATE_REQ in the seed MESSAGE_TO_CTI_SERVER shape, reason code unsigned', () => {
  assert.equal(
    describeMessage(SEED.setAgentState),
    'Invoke id :20 , agentstate : 0, workmode : 0, reason code: 50004, forceflag :1, agentcapacity: 0, agenttext: 2003, agentid: 2001',
  );
});

test('AGENT_STATE_EVENT in the seed DECODED_MESSAGE_FROM_CTI_SERVER shape', () => {
  assert.equal(
    describeMessage(SEED.agentStateEvent),
    'CTIAgentStateEvent [skillGroupState=0 (LOGIN), stateDuration=0, skillGroupNumber=85881, ' +
      'skillGroupPriority=0, agentState=2 (NOT_READY), eventReasonCode=0, numFltSkillGroups=0,CTIClientSignature=, ' +
      'agentID=2001, agentExtension=2003, agentInstrument=2003, agentID_Long=null, duration=null, ' +
      'nextAgentState=null, fltSkillGroupNumberList=[], fltSkillGroupIDList=[], fltSkillGroupPriorityList=[], ' +
      'fltSkillGroupStateList=[]]CTIMessageBean [invokeID=null, msgID=30, msgName=AgentStateEvent, deploymentType=CCE]',
  );
});

test('other messages as Name [field=value, …], passwords masked', () => {
  assert.equal(
    describeMessage(SEED.openReq),
    'OpenReq [invokeId=1, versionNumber=24, idleTimeout=20, peripheralId=4294967295, servicesRequested=22, ' +
      'callMsgMask=8388607, agentStateMask=16383, configMsgMask=0, reserved1=0, reserved2=0, reserved3=0, ' +
      'clientId=switchboard, clientPassword=***]',
  );
  assert.equal(
    describeMessage({ type: 'FAILURE_CONF', invokeId: 4, status: 9 }),
    'FailureConf [invokeId=4, status=9]',
  );
  assert.equal(
    describeMessage({ type: 'UNKNOWN', messageType: 999, body: Buffer.alloc(3) }),
    'UnknownMessage [messageType=999, length=3]',
  );
});

test('Finesse-style Java names', () => {
  assert.equal(messageName(SEED.setAgentState), 'SetAgentStateReq');
  assert.equal(messageName(SEED.agentStateEvent), 'AgentStateEvent');
  assert.equal(messageName(SEED.openReq), 'OpenReq');
  assert.equal(messageName({ type: 'HEARTBEAT_CONF', invokeId: 1 }), 'HeartbeatConf');
});

test('call messages name their LocalConnectionState, EventCause, CallType and device types', () => {
  assert.equal(
    describeMessage({
      type: 'CALL_HELD_EVENT',
      monitorId: 0,
      peripheralId: 5000,
      peripheralType: 17,
      connectionDeviceIdType: 0,
      connectionCallId: 16777217,
      holdingDeviceType: 0,
      localConnectionState: 4,
      eventCause: 0xffff,
      connectionDeviceId: '2003',
      holdingDeviceId: '2003',
    }),
    'CallHeldEvent [monitorId=0, peripheralId=5000, peripheralType=17, connectionDeviceIdType=0 (CONNECTION_ID_STATIC), ' +
      'connectionCallId=16777217, holdingDeviceType=0 (DEVID_DEVICE_IDENTIFIER), localConnectionState=4 (LCS_HOLD), ' +
      'eventCause=65535 (CEC_NONE), connectionDeviceId=2003, holdingDeviceId=2003]',
  );
  const described = describeMessage({
    type: 'CALL_TRANSFERRED_EVENT',
    monitorId: 0,
    peripheralId: 5000,
    peripheralType: 17,
    primaryDeviceIdType: 0,
    primaryCallId: 1,
    lineHandle: 0,
    lineType: 0,
    skillGroupNumber: 1,
    skillGroupId: 1,
    skillGroupPriority: 0,
    numParties: 2,
    secondaryDeviceIdType: 0,
    secondaryCallId: 2,
    transferringDeviceType: 0,
    transferredDeviceType: 75,
    localConnectionState: 0,
    eventCause: 32,
    connectedPartyDeviceIdType: [0, 1],
  });
  assert.match(described, /transferredDeviceType=75 \(DEVID_EXTERNAL\)/);
  assert.match(described, /eventCause=32 \(CEC_TRANSFER\)/);
  assert.match(described, /lineType=0 \(LINETYPE_INBOUND_ACD\)/);
  assert.match(
    described,
    /connectedPartyDeviceIdType=\[0 \(CONNECTION_ID_STATIC\), 1 \(CONNECTION_ID_DYNAMIC\)\]/,
  );
  assert.match(
    describeMessage({ type: 'CONTROL_FAILURE_CONF', invokeId: 3, failureCode: 28, peripheralErrorCode: 0 }),
    /failureCode=28 \(CF_NO_CALL_TO_ANSWER\)/,
  );
});

test('snapshot CONFs name each call state and device type, with the invoke id a trace follows', () => {
  const [, deviceConf, , callReq, callConf] = SNAPSHOT_FIXTURES.map((f) => f.message);
  assert.equal(
    describeMessage(deviceConf),
    'SnapshotDeviceConf [invokeId=31, numCalls=2, callConnectionCallId=[16777217, 16777218], ' +
      'callConnectionDeviceIdType=[0 (CONNECTION_ID_STATIC), 0 (CONNECTION_ID_STATIC)], ' +
      'callConnectionDeviceId=[2003, 2003], callState=[4 (LCS_HOLD), 3 (LCS_CONNECT)]]',
  );
  assert.match(describeMessage(callReq), /^SnapshotCallReq \[invokeId=32, .*connectionCallId=16777217/);
  const described = describeMessage(callConf);
  assert.match(described, /callType=2 \(CALLTYPE_PREROUTE_ACD_IN\)/);
  assert.match(described, /callDeviceType=\[75 \(DEVID_EXTERNAL\), 0 \(DEVID_DEVICE_IDENTIFIER\)\]/);
  assert.match(described, /callDeviceConnectionState=\[3 \(LCS_CONNECT\), 3 \(LCS_CONNECT\)\]/);
});
