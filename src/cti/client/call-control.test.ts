import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { eventually, linkedClient } from '../testing/wire-peer.ts';
import { CtiRequestError } from './index.ts';

/** The client's call control against a scripted CTI server: what goes out, how answers settle. */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const CALL_ID = 0x01000001;
const call = { connectionCallId: CALL_ID, connectionDeviceId: '2003' };

const linked = () => linkedClient(cleanups);

test('answers settle by invoke id, even out of order; CONFs carry the new call and its parties', async () => {
  const { client, peer } = await linked();
  const made = client.makeCall({ agentInstrument: '2003', dialedNumber: '2004', callVariable1: 'x' });
  const held = client.holdCall({ ...call, reservation: true });
  const transferred = client.transferCall({ heldCall: call, dialedNumber: '2004', agentInstrument: '2003' });
  const make = await peer.next('MAKE_CALL_REQ');
  const hold = await peer.next('HOLD_CALL_REQ');
  const transfer = await peer.next('TRANSFER_CALL_REQ');
  assert.deepEqual(
    [make.peripheralId, make.agentInstrument, make.dialedNumber, make.callVariable1, make.numNamedVariables],
    [5000, '2003', '2004', 'x', 0],
  );
  assert.deepEqual(
    [hold.connectionCallId, hold.connectionDeviceId, hold.reservation],
    [CALL_ID, '2003', true],
  );
  assert.deepEqual(
    [transfer.activeConnectionCallId, transfer.heldConnectionCallId, transfer.dialedNumber],
    [0xffffffff, CALL_ID, '2004'],
  );

  peer.send(
    { type: 'HOLD_CALL_CONF', invokeId: hold.invokeId },
    {
      type: 'TRANSFER_CALL_CONF',
      invokeId: transfer.invokeId,
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
    {
      type: 'MAKE_CALL_CONF',
      invokeId: make.invokeId,
      newConnectionCallId: CALL_ID + 1,
      newConnectionDeviceIdType: 0,
      lineHandle: 0,
      lineType: 2,
      newConnectionDeviceId: '2003',
    },
  );
  assert.deepEqual(await held, { invokeId: hold.invokeId });
  assert.deepEqual((await transferred).parties, [
    { connectionCallId: CALL_ID, connectionDeviceIdType: 0, connectionDeviceId: '5551234' },
    { connectionCallId: CALL_ID, connectionDeviceIdType: 0, connectionDeviceId: '2004' },
  ]);
  assert.deepEqual(await made, {
    invokeId: make.invokeId,
    call: { connectionCallId: CALL_ID + 1, connectionDeviceIdType: 0, connectionDeviceId: '2003' },
  });
});

test('CONTROL_FAILURE_CONF, FAILURE_CONF and a CONF of the wrong type reject with CtiRequestError', async () => {
  const { client, peer } = await linked();
  const answer = client.answerCall(call);
  const drop = client.clearConnection(call);
  const dtmf = client.sendDtmf({ ...call, dtmfString: '1#' });
  const a = await peer.next('ANSWER_CALL_REQ');
  const d = await peer.next('CLEAR_CONNECTION_REQ');
  const t = await peer.next('SEND_DTMF_SIGNAL_REQ');
  assert.equal(t.dtmfString, '1#');
  peer.send(
    {
      type: 'CONTROL_FAILURE_CONF',
      invokeId: a.invokeId,
      failureCode: 28,
      peripheralErrorCode: 0,
      text: 'nothing alerts',
    },
    { type: 'FAILURE_CONF', invokeId: d.invokeId, status: 13 },
    { type: 'HOLD_CALL_CONF', invokeId: t.invokeId },
  );
  await assert.rejects(
    answer,
    (e) =>
      e instanceof CtiRequestError &&
      e.code === 'CTI_CONTROL_FAILURE' &&
      e.failureCode === 28 &&
      e.peripheralErrorCode === 0 &&
      /FailureCode CF_NO_CALL_TO_ANSWER \(28\)/.test(e.message),
  );
  await assert.rejects(
    drop,
    (e) =>
      e instanceof CtiRequestError &&
      e.code === 'CTI_FAILURE_CONF' &&
      e.status === 13 &&
      e.failureCode === undefined,
  );
  await assert.rejects(dtmf, (e) => e instanceof CtiRequestError && e.code === 'CTI_UNEXPECTED_REPLY');
});

test('every call event reaches callEvent listeners, typed; agent events still go to agentState', async () => {
  const { client, peer, events } = await linked();
  let agentEvents = 0;
  client.on('agentState', () => {
    agentEvents += 1;
  });
  const identity = {
    monitorId: 0,
    peripheralId: 5000,
    peripheralType: 17,
    connectionDeviceIdType: 0,
    connectionCallId: CALL_ID,
  };
  peer.send(
    { type: 'END_CALL_EVENT', ...identity, connectionDeviceId: '2003' },
    {
      type: 'CALL_HELD_EVENT',
      ...identity,
      holdingDeviceType: 0,
      localConnectionState: 4,
      eventCause: 0xffff,
      connectionDeviceId: '2003',
    },
  );
  await eventually(() => events.length === 2);
  assert.deepEqual(
    events.map((e) => e.type),
    ['END_CALL_EVENT', 'CALL_HELD_EVENT'],
  );
  const held = events[1];
  assert.equal(held.type === 'CALL_HELD_EVENT' && held.localConnectionState, 4);
  assert.equal(agentEvents, 0);
  peer.socket.destroy();
  await eventually(() => !client.isUp);
  await assert.rejects(
    client.superviseCall({ agentCall: call, supervisorInstrument: '2006', action: 'monitor' }),
    {
      code: 'CTI_LINK_DOWN',
    },
  );
});
