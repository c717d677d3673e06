export { mayReadNode, type UserAccess, userAccess } from './access.ts';
export {
  type AgentStateReport,
  Core,
  type CoreOptions,
  type CtiPort,
  type CtiSetAgentState,
} from './core.ts';
export type { CoreApi, DialogActionRequest, NewDialogRequest, StateChange } from './core-api.ts';
export * from './dialogs/index.ts';
export { CoreErrors, ctiStatusName } from './errors.ts';
export * from './model.ts';
export type { PresenceEvent } from './presence.ts';
export { type QueryQueueStatistics, UNKNOWN_STATISTICS } from './queues/queue-stats.ts';
export { isUsersQueue } from './queues/user-queues.ts';
export { CtiAgentState, isOnCall, userStateFromCti } from './states.ts';
export type { CtiLinkFacts, NodePorts } from './system-info.ts';
