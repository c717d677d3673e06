export { type LogsToolRequest, LogsUsageError, runLogsTool } from './cli.ts';
export { type CollectOptions, type CollectResult, collect } from './collect.ts';
export {
  type DiagnoseOptions,
  type DiagnoseResult,
  type Disconnect,
  diagnose,
  type Evidence,
  type Incident,
} from './diagnose.ts';
export { type Check, CLIENT_CHECKS, SERVER_CHECKS } from './diagnose-checks.ts';
export { formatDiagnosis } from './diagnose-format.ts';
export { type LogFile, listLogFiles, type Window } from './files.ts';
export {
  type AccessLine,
  type ClientLine,
  type CtiLine,
  type CtiServerLine,
  type LogRecord,
  type NotifyLine,
  parseLine,
  type Source,
  type WebservicesLine,
} from './parse.ts';
export type { NotifyEvent } from './parse-notify.ts';
export { type Entry, readRecords, type ScanStats, scanLines } from './scan.ts';
export { type TraceHop, type TraceKind, type TraceResult, trace } from './trace.ts';
export { formatTrace } from './trace-format.ts';
