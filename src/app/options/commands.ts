/**
 * What each command is for and how it is called, for `switchboard help` and `switchboard
 * <command> --help` (the options part of each help comes from the registry).
 */
import type { Command } from './spec.ts';

export interface CommandDoc {
  /** Usage lines after `switchboard `. */
  usage: string[];
  /** One line for the command list. */
  summary: string;
  /** More, for the command's own help. */
  details?: string;
}

export const COMMAND_DOCS: Record<Command, CommandDoc> = {
  start: {
    usage: ['start [options]'],
    summary: 'run everything: REST API, desktop, notification service, CTI link (+ simulator)',
    details:
      'Demo mode (the default without --cti-servers and --database-url) loads demo agents with known\n' +
      'passwords into an empty database and listens on loopback only (--demo-on-network: anywhere).',
  },
  'cti-sim': {
    usage: ['cti-sim [--port N] [options]'],
    summary: 'run only the CTI server simulator (a small ACD with the demo agents)',
  },
  import: {
    usage: ['import FILE.csv|FILE.json [--data-dir DIR | --database-url URL]'],
    summary: 'create or update users and teams from a file',
    details:
      'CSV columns: id, loginName, firstName, lastName, password, roles, teamId, teamName,\n' +
      'supervisedTeamIds (lists separated by ;); an update changes only the columns the file names.\n' +
      'JSON: { "teams": [...], "users": [...], "queues": [...] }. Refused rows are listed with their\n' +
      'line; the rest go in. Exit code 1 when a row was refused.',
  },
  user: {
    usage: [
      'user add ID [--roles R;R] [--first-name N] [--last-name N] [--login-name N] [--team T] [--password-file FILE|-]',
      'user passwd ID [--password-file FILE|-]',
      'user list [--json]',
    ],
    summary: 'manage accounts in the database of --data-dir or --database-url',
    details:
      'Without --password-file a password is generated and printed once. --password-file - reads it\n' +
      'from standard input (a password on the command line would show in `ps`).',
  },
  status: {
    usage: ['status [--url URL] [--data-dir DIR] [--json]'],
    summary: "a running node's components, ports, states, sessions and CTI link (`utils service list`)",
    details:
      'Asks the node (GET /status, loopback or --metrics-allow) as its system account, whose password\n' +
      'is read from <data-dir>/system-account.secret; --user/--password name an administrator instead.',
  },
  trace: {
    usage: [
      'trace <requestId | nocache | agent id | dialog id> [--from ISO] [--to ISO] [--log-dir DIR] [--json]',
    ],
    summary: 'follow one request through every log, hop by hop',
    details:
      'Follows a requestId or nocache value through every log, a call by its dialog id (CTI events,\n' +
      "Dialog updates and their delivery, every Dialog request on it), or shows an agent's timeline.\n" +
      'Exit code 1 when the chain is broken or the id is not found.',
  },
  diagnose: {
    usage: ['diagnose [--from ISO] [--to ISO] [--log-dir DIR] [--json]'],
    summary: 'explain desktop (BOSH) disconnects: who, when, how long, client or server side',
  },
  logs: {
    usage: ['logs collect [--from ISO] [--to ISO] [--log-dir DIR] [--out FILE]'],
    summary: 'one .tar.gz of the log files overlapping a time window',
  },
  sim: {
    usage: [
      'sim state|call|drop|out-of-service|in-service|generator|logout|restart|maintenance …',
      'sim state [--json]                 agents, calls and queues',
      'sim call --dnis D [--ani A] [--var callVariable1=x …] [--handle-time S]',
      '                                   a caller dials D (8000: the demo queue)',
      'sim drop CALL_ID                   the caller hangs up',
      'sim out-of-service EXT | in-service EXT',
      'sim generator on|off [--rate CALLS_PER_MIN] [--handle-time S] [--seed N] [--dnis D]',
      'sim logout AGENT_ID [--reason CODE]  forced logout',
      'sim restart [--down S]             the CTI service restarts; calls go on',
      'sim maintenance [--down S]         the CTI server goes into maintenance (v24 handshake)',
    ],
    summary: "play the CTI simulator's telephone network (its admin API)",
  },
  notification: {
    usage: ['notification logging enable|disable|status [--url URL] [--user ID]'],
    summary: "switch a running node's notification debug.log (BOSH, XMPP, WebSocket traffic)",
  },
  webservices: {
    usage: ['webservices logging enable|disable|status [--url URL] [--user ID]'],
    summary: "switch a running node's webservices debug lines",
  },
  gadget: {
    usage: [
      'gadget add DIR [--name NAME] [--data-dir DIR]',
      'gadget list [--data-dir DIR]',
      'gadget remove NAME [--data-dir DIR]',
    ],
    summary:
      'put third-party gadgets into <data-dir>/3rdpartygadget/files/ (served at /3rdpartygadget/files/)',
    details:
      'add copies a folder (its files, not symbolic links) to /3rdpartygadget/files/NAME/; a running\n' +
      'node serves it at once. Name the gadget in the desktop layout (LayoutConfig) to place it.',
  },
};
