import { nodes, type Queue } from '../../core/index.ts';
import { el, type XmlElement } from '../../xml/index.ts';
import { field } from './field.ts';

/**
 * `<Queue>` in the element order of finesse-api.md §1.8, the one serializer behind both
 * `GET /Queue/{id}` and the Queue node's Update: uri, name, then statistics. Unknown counts are
 * written as -1 (core keeps them so); an unknown or absent start time is an empty element.
 */
export function buildQueue(queue: Queue): XmlElement {
  const s = queue.statistics;
  return el(
    'Queue',
    {},
    field('uri', nodes.queue(queue.id)),
    field('name', queue.name),
    el(
      'statistics',
      {},
      field('callsInQueue', s.callsInQueue),
      field('startTimeOfLongestCallInQueue', s.startTimeOfLongestCallInQueue),
      field('agentsReady', s.agentsReady),
      field('agentsNotReady', s.agentsNotReady),
      field('agentsBusyOther', s.agentsBusyOther),
      field('agentsLoggedOn', s.agentsLoggedOn),
      field('agentsTalkingInbound', s.agentsTalkingInbound),
      field('agentsTalkingOutbound', s.agentsTalkingOutbound),
      field('agentsTalkingInternal', s.agentsTalkingInternal),
      field('agentsWrapUpNotReady', s.agentsWrapUpNotReady),
      field('agentsWrapUpReady', s.agentsWrapUpReady),
    ),
  );
}

/** `GET /User/{id}/Queues`: `<Queues>` with one `<Queue>` per queue of the user. */
export function buildQueues(queues: readonly Queue[]): XmlElement {
  return el('Queues', {}, ...queues.map(buildQueue));
}

export function renderQueue(queue: Queue): string {
  return buildQueue(queue).toString();
}

export function renderQueues(queues: readonly Queue[]): string {
  return buildQueues(queues).toString();
}
