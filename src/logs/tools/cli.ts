/**
 * The command lines of the troubleshooting tools, for `switchboard trace|diagnose|logs collect`.
 * Output goes through `out` only, so the CLI and the tests capture it the same way.
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

export const LOGS_USAGE = `Troubleshooting (the log directory defaults to $SWITCHBOARD_LOG_DIR or ./logs):
  switchboard trace <id> [--from ISO] [--to ISO] [--log-dir DIR] [--json]
      follow a requestId or nocache value through every log, a call by its dialog id (CTI events,
      Dialog updates and their delivery, every Dialog request on it), or show an agent's
      timeline; exit code 1 when the chain is broken or the id is not found
  switchboard diagnose [--from ISO] [--to ISO] [--log-dir DIR] [--json]
      BOSH/desktop disconnects: who, when, for how long, client or server side, what to check
  switchboard logs collect [--from ISO] [--to ISO] [--log-dir DIR] [--out FILE]
      one .tar.gz of the log files overlapping the window (default ./switchboard-logs-<time>.tar.gz)
Times are ISO 8601 (2026-11-22T10:00, 2026-11-22T10:00:00Z); without an offset they are local time.
`;

interface Flags extends Window {
  logDir: string;
  json: boolean;
  out?: string;
  rest: string[];
}

class UsageError extends Error {}

function parseFlags(args: string[]): Flags {
  const flags: Flags = { logDir: process.env.SWITCHBOARD_LOG_DIR || 'logs', json: false, rest: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = () => {
      if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--from':
        flags.from = parseTime(value(), name);
        break;
      case '--to':
        flags.to = parseTime(value(), name);
        break;
      case '--log-dir':
        flags.logDir = value();
        break;
      case '--out':
        flags.out = value();
        break;
      case '--json':
        flags.json = true;
        break;
      default:
        if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
        flags.rest.push(a);
    }
  }
  if (flags.from !== undefined && flags.to !== undefined && flags.from > flags.to)
    throw new UsageError('--from is after --to');
  return flags;
}

function parseTime(s: string, flag: string): number {
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new UsageError(`${flag}: not an ISO time: ${s}`);
  return t;
}

/**
 * Runs `trace <id>`, `diagnose` or `logs collect` (also `collect`); returns the exit code:
 * 0 done, 1 a broken chain / unknown id / unreadable log directory, 2 usage error.
 */
export async function runLogsCli(args: string[], out: (s: string) => void): Promise<number> {
  let [command, ...rest] = args;
  if (command === 'logs') [command, ...rest] = rest;
  try {
    if (command === undefined || command === 'help' || command === '--help') {
      out(LOGS_USAGE);
      return command === undefined ? 2 : 0;
    }
    const flags = parseFlags(rest);
    const logDir = path.resolve(flags.logDir);
    if (!fs.existsSync(logDir)) {
      out(`switchboard: no log directory at ${logDir} (use --log-dir)\n`);
      return 1;
    }
    switch (command) {
      case 'trace': {
        const [id, ...extra] = flags.rest;
        if (!id || extra.length > 0) throw new UsageError('trace takes exactly one id');
        const r = await trace(logDir, id, flags);
        out(flags.json ? JSON.stringify(r, null, 2) + '\n' : formatTrace(r));
        return r.brokenAt ? 1 : 0;
      }
      case 'diagnose': {
        if (flags.rest.length > 0) throw new UsageError(`unexpected argument ${flags.rest[0]}`);
        const r = await diagnose(logDir, flags);
        out(flags.json ? JSON.stringify(r, null, 2) + '\n' : formatDiagnosis(r));
        return 0;
      }
      case 'collect': {
        if (flags.rest.length > 0) throw new UsageError(`unexpected argument ${flags.rest[0]}`);
        const file = flags.out ?? `switchboard-logs-${formatFileTimestamp(Date.now())}.tar.gz`;
        const r = await collect(logDir, { from: flags.from, to: flags.to, out: file });
        out(
          flags.json
            ? JSON.stringify(r, null, 2) + '\n'
            : `${r.file}: ${r.files} log files, ${(r.bytes / 1e6).toFixed(2)} MB\n`,
        );
        return 0;
      }
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      out(`switchboard: ${e.message}\n\n${LOGS_USAGE}`);
      return 2;
    }
    throw e;
  }
}
