import { DeviceIdType, EventCause, LocalConnectionState as LCS } from '../protocol/index.ts';
import type { AgentRecord } from './agents.ts';
import type { Call, Connection } from './calls.ts';
import type { Party } from './types.ts';
import type { Step, World } from './world.ts';

/**
 * The moves every call flow is made of, each with the events a UCCE peripheral reports for it.
 * Rule for ConnectionDeviceID: the device whose connection changed (the alerting one on
 * DELIVERED, the answering one on ESTABLISHED, the one that left on CONNECTION_CLEARED …); for
 * BEGIN/END_CALL and CALL_CLEARED, the last of our devices on the call (or the queue's number).
 */

export const devicePartyOf = (device: string): Party => ({
  device,
  deviceType: DeviceIdType.DEVICE_IDENTIFIER,
});
export const externalPartyOf = (number: string): Party => ({
  device: number,
  deviceType: DeviceIdType.EXTERNAL,
});
export const queuePartyOf = (number: string): Party => ({ device: number, deviceType: DeviceIdType.QUEUE });
export const partyOf = (conn: Connection): Party => ({ device: conn.device, deviceType: conn.deviceType });

/** The party a dialed number reaches: one of our phones, a routing number (queue), or outside. */
export function dialedPartyOf(world: World, number: string): Party {
  if (world.isDevice(number)) return devicePartyOf(number);
  if (world.routing.isDialedNumber(number)) return queuePartyOf(number);
  return externalPartyOf(number);
}

/** Routing hands a waiting call to an agent: AGENT_PRE_CALL, BEGIN_CALL or DEQUEUED, DELIVERED. */
export function deliver(world: World, step: Step, call: Call, agent: AgentRecord): void {
  const wasAnnounced = call.queue?.isAnnounced === true;
  world.routing.dequeue(call);
  step.call('preCall', call, agent.device, LCS.NONE, EventCause.NONE, { target: agent.device });
  if (!call.isBegun) {
    step.call('begin', call, agent.device, LCS.NONE, EventCause.NONE);
  } else if (wasAnnounced) {
    const queue = queuePartyOf(call.routePoint);
    const numQueued = world.routing.countFor(call.skillGroup);
    step.call('dequeued', call, queue.device, LCS.NULL, EventCause.NONE, { party: queue, numQueued });
  }
  const party = devicePartyOf(agent.device);
  const conn = call.add(party, LCS.ALERTING, { isRouted: true });
  call.isAcd = true;
  step.call('delivered', call, agent.device, LCS.ALERTING, EventCause.NEW_CALL, { party });
  if (world.settings.ronaTimeoutMs > 0) {
    conn.timer = world.later(world.settings.ronaTimeoutMs, (s) => rona(world, s, conn));
  }
}

/** Calls still waiting get BEGIN_CALL (if new) and CALL_QUEUED, once. */
export function announceQueued(world: World, step: Step, call: Call): void {
  if (!call.queue || call.queue.isAnnounced) return;
  call.queue.isAnnounced = true;
  const queue = queuePartyOf(call.routePoint);
  if (!call.isBegun) step.call('begin', call, queue.device, LCS.NONE, EventCause.NONE);
  const numQueued = world.routing.countFor(call.skillGroup);
  step.call('queued', call, queue.device, LCS.QUEUED, EventCause.NO_AVAILABLE_AGENTS, {
    party: queue,
    numQueued,
  });
}

/**
 * Ring no answer: the routed call leaves the agent's phone and goes back to the head of the queue;
 * settling the agent then makes it NOT_READY 32767 (agents.ts) before routing runs again.
 */
export function rona(world: World, step: Step, conn: Connection): void {
  const call = conn.call;
  if (conn.state !== LCS.ALERTING || !call.connections.includes(conn) || !world.calls.get(call.id)) return;
  detach(world, conn);
  step.call('connectionCleared', call, conn.device, LCS.NULL, EventCause.CALL_NOT_ANSWERED, {
    party: partyOf(conn),
  });
  const agent = world.agents.byDevice(conn.device);
  if (agent?.session) agent.session.isRona = true;
  world.routing.enqueue(call, world.now(), true);
}

/** A connection answers: it and the dialing side go to CONNECT; the caller's handle time starts. */
export function establish(world: World, step: Step, conn: Connection): void {
  const call = conn.call;
  world.cancel(conn.timer);
  conn.timer = undefined;
  conn.state = LCS.CONNECT;
  for (const other of call.connections) if (other.state === LCS.INITIATE) other.state = LCS.CONNECT;
  step.call('established', call, conn.device, LCS.CONNECT, EventCause.NONE, { party: partyOf(conn) });
  if (!call.isAnswered) {
    call.isAnswered = true;
    if (call.handleTimeMs !== undefined) {
      call.handleTimer = world.later(call.handleTimeMs, (s) => callerHangsUp(world, s, call));
    }
  }
}

/**
 * Makes `call` reach `number`: one of our phones rings (or, out of service, the dialing side
 * fails), a routing number queues the call, an outside number rings and answers by itself.
 */
export function dial(world: World, step: Step, call: Call, number: string, cause: number): void {
  const party = dialedPartyOf(world, number);
  call.called = party;
  if (party.deviceType === DeviceIdType.QUEUE) {
    call.skillGroup = world.routing.skillGroupFor(number);
    call.routePoint = number;
    world.routing.enqueue(call, world.now(), false);
    return;
  }
  if (party.deviceType === DeviceIdType.DEVICE_IDENTIFIER && world.isOutOfService(number)) {
    const dialing = call.connections.find((c) => c.state === LCS.INITIATE);
    if (dialing) {
      dialing.state = LCS.FAIL;
      step.call('failed', call, dialing.device, LCS.FAIL, EventCause.DEST_NOT_OBTAINABLE, { party });
      return;
    }
  }
  const isExternal = party.deviceType === DeviceIdType.EXTERNAL;
  const conn = call.add(party, LCS.ALERTING, { isExternal });
  step.call('delivered', call, number, LCS.ALERTING, cause, { party });
  if (isExternal) {
    conn.timer = world.later(world.settings.outsideAnswerMs, (s) => {
      if (conn.state === LCS.ALERTING && conn.call.connections.includes(conn)) establish(world, s, conn);
    });
  }
}

/** A party leaves: CALL_CONNECTION_CLEARED, then the call ends if fewer than two parties remain. */
export function leave(world: World, step: Step, conn: Connection, cause: number): void {
  const call = conn.call;
  detach(world, conn);
  step.call('connectionCleared', call, conn.device, LCS.NULL, cause, { party: partyOf(conn) });
  endIfOver(world, step, call);
}

/** The caller hangs up (handle time over, or the admin dropped the call). */
export function callerHangsUp(world: World, step: Step, call: Call): void {
  if (!world.calls.get(call.id)) return;
  const caller =
    call.connections.find((c) => c.isExternal && c.device === call.calling.device) ??
    call.connections.find((c) => c.isExternal);
  if (!caller) {
    clearCall(world, step, call, call.lastDevice, EventCause.NONE);
    return;
  }
  leaveQueue(world, step, call, EventCause.CALL_CANCELLED);
  leave(world, step, caller, EventCause.NONE);
}

/**
 * A call with fewer than two parties is over, unless it waits in the queue with its caller (or
 * monitors a call).
 */
export function endIfOver(world: World, step: Step, call: Call): void {
  if (!world.calls.get(call.id) || (call.queue && call.connections.length > 0)) return;
  const minimum = call.monitorOf ? 1 : 2;
  if (call.connections.length >= minimum) return;
  const ours = call.connections.find((c) => !c.isExternal);
  clearCall(world, step, call, ours?.device ?? call.lastDevice, EventCause.NONE);
}

/** The whole call ends: CALL_CLEARED and END_CALL (and the same for calls monitoring it). */
export function clearCall(world: World, step: Step, call: Call, device: string, cause: number): void {
  if (!world.calls.get(call.id)) return;
  leaveQueue(world, step, call, EventCause.CALL_CANCELLED);
  for (const conn of [...call.connections]) detach(world, conn);
  world.cancel(call.handleTimer);
  step.call('cleared', call, device, LCS.NULL, cause);
  step.call('end', call, device, LCS.NULL, EventCause.NONE);
  world.calls.delete(call);
  call.monitorOf?.monitors.delete(call);
  for (const monitor of [...call.monitors])
    clearCall(world, step, monitor, monitor.lastDevice, EventCause.NONE);
}

/** END_CALL for a call whose parties moved to another one (transfer, conference). */
export function dissolve(world: World, step: Step, call: Call, device: string): void {
  for (const conn of [...call.connections]) detach(world, conn);
  world.cancel(call.handleTimer);
  step.call('end', call, device, LCS.NULL, EventCause.NONE);
  world.calls.delete(call);
  for (const monitor of [...call.monitors])
    clearCall(world, step, monitor, monitor.lastDevice, EventCause.NONE);
}

/** Takes a call out of the queue; CALL_DEQUEUED if its CALL_QUEUED went out. */
function leaveQueue(world: World, step: Step, call: Call, cause: number): void {
  if (!call.queue) return;
  const wasAnnounced = call.queue.isAnnounced;
  world.routing.dequeue(call);
  if (!wasAnnounced) return;
  const queue = queuePartyOf(call.routePoint);
  const numQueued = world.routing.countFor(call.skillGroup);
  step.call('dequeued', call, queue.device, LCS.NULL, cause, { party: queue, numQueued });
}

/** Removes a connection from its call and stops its timer; no event. */
export function detach(world: World, conn: Connection): void {
  world.cancel(conn.timer);
  conn.timer = undefined;
  conn.call.remove(conn);
}
