export { FileSink } from './file-sink.ts';
export {
  type AccessRecord,
  type CcbuRecord,
  type CtiLogRecord,
  type Fields,
  formatAccessLine,
  formatCcbuLine,
  formatCcbuTime,
  formatCtiLine,
  formatFileTimestamp,
  formatOpenfireTime,
  Severity,
} from './format.ts';
export {
  type AccessLog,
  createLogs,
  type Logs,
  type LogsOptions,
  type TextLog,
  type WebservicesLog,
} from './logs.ts';
