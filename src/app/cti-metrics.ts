/**
 * CTI messages for the metrics: each counted by direction and type, and the heartbeat's round
 * trip (HEARTBEAT_REQ to the HEARTBEAT_CONF with its invoke id).
 */
import type { Message } from '../cti/index.ts';
import type { Metrics } from './metrics.ts';

/** A heartbeat unanswered this long is forgotten (the link is reset long before). */
const MAX_PENDING = 16;

export function ctiMetrics(metrics: Metrics) {
  const pending = new Map<number, number>();
  const invokeId = (msg: Message) => (msg as { invokeId?: unknown }).invokeId;
  return {
    sent(msg: Message) {
      metrics.ctiMessage('sent', msg.type);
      const id = invokeId(msg);
      if (msg.type !== 'HEARTBEAT_REQ' || typeof id !== 'number') return;
      if (pending.size >= MAX_PENDING) pending.delete(pending.keys().next().value as number);
      pending.set(id, performance.now());
    },
    received(msg: Message) {
      metrics.ctiMessage('received', msg.type);
      const id = invokeId(msg);
      if (msg.type !== 'HEARTBEAT_CONF' || typeof id !== 'number') return;
      const started = pending.get(id);
      if (started === undefined) return;
      pending.delete(id);
      metrics.heartbeatRoundTrip((performance.now() - started) / 1000);
    },
  };
}
