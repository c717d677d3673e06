/**
 * The troubleshooting tools behind `switchboard trace|diagnose|logs collect` (their options are
 * parsed by the CLI's option registry). Output goes through `out` only, so the CLI and the tests
 * capture it the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatFileTimestamp } from '../format.ts';
import { collect } from './collect.ts';
import { diagnose } from './diagnose.ts';
import { formatDiagnosis } from './diagnose-format.ts';
import type { Window } from './files.ts';
import { trace } from './trace.ts';
import { formatTrace } from './trace-format.ts';

/** What `switchboard trace|diagnose|logs collect` was given (parsed by the option registry). */
export interface LogsToolRequest extends Window {
  /** Words after the command: trace's id. */
  positionals: string[];
  logDir: string;
  json: boolean;
  /** The archive `collect` writes. */
  out?: string;
}

/** A request the tool cannot run (exit code 2); the message says why. */
export class LogsUsageError extends Error {}

/**
 * Runs `trace <id>`, `diagnose` or `collect`; returns the exit code: 0 done, 1 a broken chain /
 * unknown id / unreadable log directory. Throws `LogsUsageError` for a request that makes no sense.
 */
export async function runLogsTool(
  command: 'trace' | 'diagnose' | 'collect',
  flags: LogsToolRequest,
  out: (s: string) => void,
): Promise<number> {
  if (flags.from !== undefined && flags.to !== undefined && flags.from > flags.to)
    throw new LogsUsageError('--from is after --to');
  const logDir = path.resolve(flags.logDir);
  if (command === 'trace' && flags.positionals.length !== 1)
    throw new LogsUsageError('trace takes exactly one id');
  if (command !== 'trace' && flags.positionals.length > 0)
    throw new LogsUsageError(`unexpected argument ${flags.positionals[0]}`);
  if (!fs.existsSync(logDir)) {
    out(`switchboard: no log directory at ${logDir} (use --log-dir)\n`);
    return 1;
  }
  switch (command) {
    case 'trace': {
      const r = await trace(logDir, flags.positionals[0], flags);
      out(flags.json ? JSON.stringify(r, null, 2) + '\n' : formatTrace(r));
      return r.brokenAt ? 1 : 0;
    }
    case 'diagnose': {
      const r = await diagnose(logDir, flags);
      out(flags.json ? JSON.stringify(r, null, 2) + '\n' : formatDiagnosis(r));
      return 0;
    }
    case 'collect': {
      const file = flags.out ?? `switchboard-logs-${formatFileTimestamp(Date.now())}.tar.gz`;
      const r = await collect(logDir, { from: flags.from, to: flags.to, out: file });
      out(
        flags.json
          ? JSON.stringify(r, null, 2) + '\n'
          : `${r.file}: ${r.files} log files, ${(r.bytes / 1e6).toFixed(2)} MB\n`,
      );
      return 0;
    }
  }
}
