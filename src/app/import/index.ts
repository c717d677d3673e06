/** `switchboard import`: rosters from CSV or JSON into the configuration store. */
export { type ApplyOptions, applyImport, type ImportOutcome } from './apply.ts';
export { runImport } from './cli.ts';
export { type CsvResult, type CsvRow, parseCsv } from './csv.ts';
export { CSV_COLUMNS, ImportFileError, type ImportPlan, readImportFile, type UserRow } from './read-file.ts';
