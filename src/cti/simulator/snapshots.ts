import {
  ConnectionDeviceIdType,
  CtiStatus,
  type Message,
  ServiceMask,
  type SnapshotCallConf,
  type SnapshotDeviceConf,
} from '../protocol/index.ts';
import { callData, namedCounts } from './call-wire-parts.ts';
import type { ServerContext } from './handlers.ts';
import type { ServerSession } from './session.ts';
import type { AcdFailure, CallView } from './types.ts';
import { fail, type World } from './world.ts';

/**
 * SNAPSHOT_DEVICE_REQ / SNAPSHOT_CALL_REQ (v15 Tables 5-125…5-128): what a client that missed
 * events (a reconnect, a node that starts while calls are up) asks of the calls that are up. The
 * answer comes from the ACD as it stands; no event goes out. A connection is named here as in the
 * call events: (call id, STATIC, the device).
 */

/** MAX_NUM_CALLS and MAX_NUM_DEVICES (15.0 guide, "Special Values"). */
const MAX_LIST = 16;

export interface DeviceCall {
  callId: number;
  device: string;
  /** The device's LocalConnectionState on the call. */
  state: number;
}

/** The calls on one of our phones, in call order; a device the ACD does not know is refused. */
export function deviceCalls(world: World, device: string): { ok: true; calls: DeviceCall[] } | AcdFailure {
  if (!world.isDevice(device)) return fail(CtiStatus.E_CTI_INVALID_DEVICE, `no device ${device}`);
  const calls = world.calls
    .onDevice(device)
    .map((conn) => ({ callId: conn.call.id, device: conn.device, state: conn.state }));
  return { ok: true, calls: calls.slice(0, MAX_LIST) };
}

export function snapshotDeviceConfOf(invokeId: number, calls: readonly DeviceCall[]): SnapshotDeviceConf {
  return {
    type: 'SNAPSHOT_DEVICE_CONF',
    invokeId,
    numCalls: calls.length,
    ...(calls.length > 0 && {
      callConnectionCallId: calls.map((c) => c.callId),
      callConnectionDeviceIdType: calls.map(() => ConnectionDeviceIdType.STATIC),
      callConnectionDeviceId: calls.map((c) => c.device),
      callState: calls.map((c) => c.state),
    }),
  };
}

/** The call's type and context (ANI … CallVariable1–10, ECC variables) and every party's state. */
export function snapshotCallConfOf(invokeId: number, call: CallView): SnapshotCallConf {
  const devices = call.connections.slice(0, MAX_LIST);
  return {
    type: 'SNAPSHOT_CALL_CONF',
    invokeId,
    callType: call.callType,
    numCtiClients: 0,
    numCallDevices: devices.length,
    ...namedCounts(call),
    calledPartyDisposition: 0,
    ...callData(call),
    ...(call.routerCallKey && {
      routerCallKeyDay: call.routerCallKey.day,
      routerCallKeyCallId: call.routerCallKey.callId,
    }),
    ...(devices.length > 0 && {
      callConnectionCallId: devices.map(() => call.id),
      callConnectionDeviceIdType: devices.map(() => ConnectionDeviceIdType.STATIC),
      callConnectionDeviceId: devices.map((c) => c.device),
      callDeviceType: devices.map((c) => c.deviceType),
      callDeviceId: devices.map((c) => c.device),
      callDeviceConnectionState: devices.map((c) => c.state),
    }),
  };
}

type SnapshotRequest = Extract<Message, { type: 'SNAPSHOT_DEVICE_REQ' | 'SNAPSHOT_CALL_REQ' }>;

/**
 * v14 guide: "The CTI Client must be granted both Client Control and All Events services to look
 * at all devices" — Finesse's bridge session is.
 */
export function handleSnapshotRequest(
  ctx: ServerContext,
  session: ServerSession,
  msg: SnapshotRequest,
): void {
  const needed = ServiceMask.CLIENT_CONTROL | ServiceMask.ALL_EVENTS;
  if ((session.servicesGranted & needed) !== needed) {
    session.fail(msg.invokeId, CtiStatus.E_CTI_FUNCTION_NOT_AVAILABLE);
    return;
  }
  if (!ctx.peripheralIds.has(msg.peripheralId)) {
    session.fail(msg.invokeId, CtiStatus.E_CTI_INVALID_PERIPHERAL_ID);
    return;
  }
  if (msg.type === 'SNAPSHOT_DEVICE_REQ') {
    const found = ctx.acd.snapshotDevice(msg.agentInstrument ?? '');
    if (found.ok) session.send(snapshotDeviceConfOf(msg.invokeId, found.calls));
    else session.fail(msg.invokeId, found.status);
    return;
  }
  const call = ctx.acd.call(msg.connectionCallId);
  if (call) session.send(snapshotCallConfOf(msg.invokeId, call));
  else session.fail(msg.invokeId, CtiStatus.E_CTI_INVALID_CALLID);
}
