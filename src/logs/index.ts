export { FileSink } from './file-sink.ts';
export {
  type AccessRecord,
  type CcbuRecord,
  type CtiLogRecord,
  type Fields,
  formatAccessLine,
  formatAccessTime,
  formatCcbuLine,
  formatCcbuTime,
  formatCtiLine,
  formatFileTimestamp,
  formatOpenfireTime,
  Severity,
} from './format.ts';
export { createLineBatcher, type LineBatcher } from './line-batcher.ts';
export {
  type AccessLog,
  createLogs,
  type Logs,
  type LogsOptions,
  type TextLog,
  type WebservicesLog,
} from './logs.ts';
export { balanceField, neutralizeField, neutralizeLine, neutralizeToken } from './neutralize.ts';
export {
  type CollectOptions,
  type CollectResult,
  collect,
  type DiagnoseOptions,
  type DiagnoseResult,
  diagnose,
  formatDiagnosis,
  formatTrace,
  type LogsToolRequest,
  LogsUsageError,
  runLogsTool,
  type TraceResult,
  trace,
} from './tools/index.ts';
