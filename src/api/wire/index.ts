export {
  buildApiErrors,
  buildApiErrorsCamel,
  renderApiErrors,
  renderApiErrorsCamel,
} from './api-errors.ts';
export { buildDialog, buildDialogs, renderDialog, renderDialogs } from './dialogs.ts';
export { buildLogging, type LoggingState, renderLogging } from './logging.ts';
export { type MaintenanceModeStatus, renderMaintenanceMode } from './maintenance-mode.ts';
export { buildQueue, buildQueues, renderQueue, renderQueues } from './queue.ts';
export { buildReasonCode, reasonCodeUri, renderReasonCode, renderReasonCodes } from './reason-code.ts';
export { buildSystemInfo, renderSystemInfo, type SystemInfoOptions } from './system-info.ts';
export { buildUpdate, renderUpdate } from './update.ts';
export { buildUser, renderUser } from './user.ts';
