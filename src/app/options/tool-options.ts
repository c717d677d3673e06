/**
 * The options of the tools (`trace`, `diagnose`, `logs`, `sim`, `notification`/`webservices`
 * logging, `import`): values handed to the command, not part of a node's
 * configuration. To add one: one entry here.
 */
import { type Command, option } from './spec.ts';
import { filePath, flag, isoTime, number, oneOf, text, url } from './types.ts';

const LOG_TOOLS: Command[] = ['trace', 'diagnose', 'logs'];
/** The commands that talk to a running node's REST API. */
const NODE_CLIENTS: Command[] = ['notification', 'webservices', 'status'];

export const TOOL_OPTIONS = [
  option({
    name: 'from',
    env: false,
    type: isoTime,
    doc: 'start of the time window (ISO 8601; without an offset: local time)',
    commands: LOG_TOOLS,
  }),
  option({
    name: 'to',
    env: false,
    type: isoTime,
    doc: 'end of the time window',
    commands: LOG_TOOLS,
  }),
  option({
    name: 'json',
    env: false,
    type: flag,
    default: false,
    doc: 'print JSON instead of text',
    commands: [...LOG_TOOLS, 'sim', 'user', 'status'],
  }),
  option({
    name: 'out',
    env: false,
    type: filePath(),
    defaultDoc: '`./switchboard-logs-<time>.tar.gz`',
    doc: 'the archive to write',
    commands: ['logs'],
  }),
  // ---- a running node's REST API ----
  option({
    name: 'url',
    type: url,
    default: 'http://localhost:8082',
    doc: "the node's REST API",
    commands: NODE_CLIENTS,
  }),
  option({
    name: 'user',
    type: text('ID'),
    defaultDoc: 'status: the system account; logging: `admin`',
    doc: 'an administrator (or the system account) to sign in as',
    commands: NODE_CLIENTS,
  }),
  option({
    name: 'password',
    type: text('PASSWORD'),
    defaultDoc: 'status: `<data-dir>/system-account.secret`; logging: `admin`',
    doc: "that administrator's password (better from the environment: `ps` shows flags)",
    commands: NODE_CLIENTS,
  }),
  // ---- switchboard sim ----
  option({
    name: 'admin',
    env: 'SIM_ADMIN',
    type: url,
    default: 'http://127.0.0.1:42080',
    doc: "the CTI simulator's admin API",
    commands: ['sim'],
  }),
  option({
    name: 'dnis',
    env: false,
    type: text('D'),
    isMultiple: true,
    doc: 'the number dialled (8000: the demo queue); the generator takes several',
    commands: ['sim'],
  }),
  option({
    name: 'ani',
    env: false,
    type: text('A'),
    doc: "the caller's number",
    commands: ['sim'],
  }),
  option({
    name: 'var',
    env: false,
    type: text('NAME=VALUE'),
    isMultiple: true,
    doc: 'a call variable (callVariable1 … 10, or an ECC variable)',
    commands: ['sim'],
  }),
  option({
    name: 'handle-time',
    env: false,
    type: number({ min: 0, placeholder: 'S' }),
    doc: 'seconds the caller stays on once answered',
    commands: ['sim'],
  }),
  option({
    name: 'rate',
    env: false,
    type: number({ min: 0, placeholder: 'CALLS_PER_MIN' }),
    doc: 'calls a minute of the generator',
    commands: ['sim'],
  }),
  option({
    name: 'seed',
    env: false,
    type: number({ isInteger: true }),
    doc: "the generator's random seed (the same seed, the same calls)",
    commands: ['sim'],
  }),
  option({
    name: 'reason',
    env: false,
    type: number({ min: 0, isInteger: true, placeholder: 'CODE' }),
    doc: 'reason code of a forced logout',
    commands: ['sim'],
  }),
  option({
    name: 'down',
    env: false,
    type: number({ min: 0, placeholder: 'S' }),
    doc: 'seconds a restarting CTI service refuses connections (default 5)',
    commands: ['sim'],
  }),
  // ---- switchboard user ----
  option({
    name: 'roles',
    env: false,
    type: text('ROLE[;ROLE]'),
    default: 'Agent',
    doc: 'Agent, Supervisor, Administrator (several separated by ;)',
    commands: ['user'],
  }),
  option({ name: 'first-name', env: false, type: text('NAME'), doc: 'first name', commands: ['user'] }),
  option({ name: 'last-name', env: false, type: text('NAME'), doc: 'last name', commands: ['user'] }),
  option({
    name: 'login-name',
    env: false,
    type: text('NAME'),
    defaultDoc: 'the id',
    doc: 'login name (Finesse signs in with either)',
    commands: ['user'],
  }),
  option({ name: 'team', env: false, type: text('TEAM_ID'), doc: "the user's team", commands: ['user'] }),
  option({
    name: 'password-file',
    env: false,
    type: text('FILE'),
    defaultDoc: 'a generated password, printed once',
    doc: 'read the password from this file (`-`: standard input)',
    commands: ['user'],
  }),
  // ---- switchboard import ----
  option({
    name: 'progress',
    env: false,
    type: oneOf('auto', 'always', 'never'),
    default: 'auto',
    doc: 'a progress line while importing (auto: on a terminal)',
    commands: ['import'],
  }),
  // ---- switchboard gadget ----
  option({
    name: 'name',
    env: false,
    type: text('NAME'),
    defaultDoc: "the folder's own name",
    doc: 'the folder under /3rdpartygadget/files/ the gadget goes to',
    commands: ['gadget'],
  }),
];
