import type { Message, Msg } from './layouts.ts';

/**
 * The call events a CTI server sends an ALL_EVENTS client, as one union: what the client's
 * `callEvent` listeners receive and what the core maps to Finesse Dialogs (finesse-api.md §1.4).
 */
export const CALL_EVENT_TYPES = [
  'AGENT_PRE_CALL_EVENT',
  'BEGIN_CALL_EVENT',
  'CALL_QUEUED_EVENT',
  'CALL_DEQUEUED_EVENT',
  'CALL_ORIGINATED_EVENT',
  'CALL_DELIVERED_EVENT',
  'CALL_ESTABLISHED_EVENT',
  'CALL_FAILED_EVENT',
  'CALL_HELD_EVENT',
  'CALL_RETRIEVED_EVENT',
  'CALL_CONFERENCED_EVENT',
  'CALL_TRANSFERRED_EVENT',
  'CALL_CONNECTION_CLEARED_EVENT',
  'CALL_CLEARED_EVENT',
  'CALL_DATA_UPDATE_EVENT',
  'END_CALL_EVENT',
] as const;

export type CallEventType = (typeof CALL_EVENT_TYPES)[number];
export type CallEvent = { [T in CallEventType]: Msg<T> }[CallEventType];

const CALL_EVENT_SET = new Set<string>(CALL_EVENT_TYPES);

export function isCallEvent(msg: Message): msg is CallEvent {
  return CALL_EVENT_SET.has(msg.type);
}
