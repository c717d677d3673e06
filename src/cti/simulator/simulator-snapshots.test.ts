import assert from 'node:assert/strict';
import net from 'node:net';
import { afterEach, test } from 'node:test';
import { ManualTimers } from '../../clock/testing/manual-timers.ts';
import {
  AgentState,
  CtiStatus,
  DeviceIdType,
  LocalConnectionState as LCS,
  type Message,
} from '../protocol/index.ts';
import { connectPeer, eventually, rawOpenReq, type WirePeer } from '../testing/wire-peer.ts';
import { type CtiSimulator, startCtiSimulator } from './index.ts';

/**
 * SNAPSHOT_DEVICE_REQ / SNAPSHOT_CALL_REQ answered from the ACD as it stands (v15 Tables
 * 5-125…5-128), and the CTI service restart that ends every session while the calls go on.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let invoke = 100;

async function setup() {
  const clock = new ManualTimers(1_700_000_000_000);
  const trace: string[] = [];
  const sim = await startCtiSimulator({
    port: 0,
    agents: [
      { agentId: '2001', instrument: '2003' },
      { agentId: '2002', instrument: '2004' },
    ],
    timers: clock,
    ronaTimeoutSec: 0,
    trace: (line) => trace.push(line),
  });
  cleanups.push(() => sim.stop());
  return { sim, clock, trace, peer: await openedPeer(sim) };
}

async function openedPeer(sim: CtiSimulator): Promise<WirePeer> {
  const peer = await connectPeer(sim.port);
  cleanups.push(() => void peer.socket.destroy());
  peer.send(rawOpenReq({ clientId: 'test' }));
  await peer.next('OPEN_CONF');
  return peer;
}

/** Sends a request and resolves with (and takes) the CONF or FAILURE_CONF of its invoke id. */
async function ask(peer: WirePeer, msg: Message & { invokeId: number }): Promise<Message> {
  peer.send(msg);
  const isReply = (m: Message) => m.type.endsWith('_CONF') && 'invokeId' in m && m.invokeId === msg.invokeId;
  await eventually(() => peer.received.some(isReply), 2000, `the reply to ${msg.type}`);
  return peer.received.splice(peer.received.findIndex(isReply), 1)[0];
}

const deviceReq = (agentInstrument: string) =>
  ({
    type: 'SNAPSHOT_DEVICE_REQ',
    invokeId: ++invoke,
    peripheralId: 5000,
    snapshotDeviceType: DeviceIdType.DEVICE_IDENTIFIER,
    agentInstrument,
  }) as const;

const callReq = (connectionCallId: number, connectionDeviceId: string) =>
  ({
    type: 'SNAPSHOT_CALL_REQ',
    invokeId: ++invoke,
    peripheralId: 5000,
    connectionCallId,
    connectionDeviceIdType: 0,
    connectionDeviceId,
  }) as const;

async function talking(sim: CtiSimulator, peer: WirePeer): Promise<number> {
  for (const agentState of [AgentState.LOGIN, AgentState.AVAILABLE]) {
    const reply = await ask(peer, {
      type: 'SET_AGENT_STATE_REQ',
      invokeId: ++invoke,
      peripheralId: 5000,
      agentState,
      agentWorkMode: 0,
      numSkillGroups: 0,
      eventReasonCode: 0,
      forcedFlag: 0,
      agentServiceReq: 0,
      agentId: '2001',
      agentInstrument: '2003',
    });
    assert.equal(reply.type, 'SET_AGENT_STATE_CONF');
  }
  const injected = sim.injectCall({
    dnis: '8000',
    ani: '5551234',
    callVariable1: 'acct=42',
    callVariable10: 'vip',
    namedVariables: [{ name: 'user.lang', value: 'de' }],
  });
  assert.ok(injected.ok && injected.call);
  const callId = sim.calls.list()[0].id;
  const answered = await ask(peer, {
    type: 'ANSWER_CALL_REQ',
    invokeId: ++invoke,
    peripheralId: 5000,
    connectionCallId: callId,
    connectionDeviceIdType: 0,
    connectionDeviceId: '2003',
  });
  assert.equal(answered.type, 'ANSWER_CALL_CONF');
  return callId;
}

test('a device snapshot lists the calls on the phone with its connection state; a call snapshot has the rest', async () => {
  const { sim, peer } = await setup();
  assert.deepEqual(await ask(peer, deviceReq('2003')), {
    type: 'SNAPSHOT_DEVICE_CONF',
    invokeId: invoke,
    numCalls: 0,
  });
  const callId = await talking(sim, peer);

  assert.deepEqual(await ask(peer, deviceReq('2003')), {
    type: 'SNAPSHOT_DEVICE_CONF',
    invokeId: invoke,
    numCalls: 1,
    callConnectionCallId: [callId],
    callConnectionDeviceIdType: [0],
    callConnectionDeviceId: ['2003'],
    callState: [LCS.CONNECT],
  });
  const snapshot = await ask(peer, callReq(callId, '2003'));
  assert.equal(snapshot.type, 'SNAPSHOT_CALL_CONF');
  const { invokeId: _, routerCallKeyDay, ...rest } = snapshot;
  assert.equal(typeof routerCallKeyDay, 'number');
  assert.deepEqual(rest, {
    type: 'SNAPSHOT_CALL_CONF',
    callType: 2, // PREROUTE_ACD_IN
    numCtiClients: 0,
    numCallDevices: 2,
    numNamedVariables: 1,
    numNamedArrays: 0,
    calledPartyDisposition: 0,
    ani: '5551234',
    dnis: '8000',
    dialedNumber: '8000',
    routerCallKeyCallId: 1,
    callVariable1: 'acct=42',
    callVariable10: 'vip',
    namedVariable: [{ name: 'user.lang', value: 'de' }],
    callConnectionCallId: [callId, callId],
    callConnectionDeviceIdType: [0, 0],
    callConnectionDeviceId: ['5551234', '2003'],
    callDeviceType: [DeviceIdType.EXTERNAL, DeviceIdType.DEVICE_IDENTIFIER],
    callDeviceId: ['5551234', '2003'],
    callDeviceConnectionState: [LCS.CONNECT, LCS.CONNECT],
  });

  // Held: the phone's connection says so in both snapshots.
  const held = await ask(peer, {
    type: 'HOLD_CALL_REQ',
    invokeId: ++invoke,
    peripheralId: 5000,
    connectionCallId: callId,
    connectionDeviceIdType: 0,
    connectionDeviceId: '2003',
    reservation: false,
  });
  assert.equal(held.type, 'HOLD_CALL_CONF');
  const device = await ask(peer, deviceReq('2003'));
  assert.deepEqual(device.type === 'SNAPSHOT_DEVICE_CONF' && device.callState, [LCS.HOLD]);
  const call = await ask(peer, callReq(callId, '2003'));
  assert.deepEqual(call.type === 'SNAPSHOT_CALL_CONF' && call.callDeviceConnectionState, [
    LCS.CONNECT,
    LCS.HOLD,
  ]);
});

test('snapshots of what the ACD does not know are refused with the guide status codes', async () => {
  const { peer } = await setup();
  const status = async (msg: Message & { invokeId: number }) => {
    const reply = await ask(peer, msg);
    return reply.type === 'FAILURE_CONF' ? reply.status : reply.type;
  };
  assert.equal(await status(deviceReq('9999')), CtiStatus.E_CTI_INVALID_DEVICE);
  assert.equal(await status(callReq(0x01000099, '2003')), CtiStatus.E_CTI_INVALID_CALLID);
  assert.equal(
    await status({ ...deviceReq('2003'), peripheralId: 1 }),
    CtiStatus.E_CTI_INVALID_PERIPHERAL_ID,
  );
});

test('a CTI service restart ends every session and refuses connections for a while; the call goes on', async () => {
  const { sim, clock, peer, trace } = await setup();
  const callId = await talking(sim, peer);
  const second = await openedPeer(sim);

  assert.deepEqual(sim.restartService(5000), { sessionsClosed: 2 });
  for (const p of [peer, second]) {
    assert.equal((await p.next('FAILURE_EVENT')).status, CtiStatus.E_CTI_CTI_SERVER_OFFLINE);
    await p.closed;
  }
  // Refused while down: the connection is reset before any byte is exchanged.
  const refused = net.connect(sim.port, '127.0.0.1');
  const outcome = await new Promise<string>((resolve) => {
    refused.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    refused.on('close', () => resolve('closed'));
  });
  assert.match(outcome, /ECONNRESET|closed/);
  assert.ok(trace.some((l) => l.includes('refused: service restarting')));

  // The telephony went on: the call is up, the agent still TALKING on it.
  assert.deepEqual(
    sim.calls.get(callId)?.connections.map((c) => `${c.device} ${c.state}`),
    [`5551234 ${LCS.CONNECT}`, `2003 ${LCS.CONNECT}`],
  );
  assert.equal(sim.agents.get('2001')?.state, AgentState.TALKING);

  clock.advance(5000);
  const back = await openedPeer(sim);
  const device = await ask(back, deviceReq('2003'));
  assert.deepEqual(device.type === 'SNAPSHOT_DEVICE_CONF' && device.callConnectionCallId, [callId]);
  await eventually(() => trace.some((l) => l.includes('CTI service restarted')));
});
