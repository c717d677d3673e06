import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '../core/index.ts';
import type { ConfigStore, NewQueue, NewUser } from '../store/index.ts';
import { type CommandLine, UsageError } from './options/index.ts';

/** Users and teams to bring in, as read from a CSV or JSON file. */
export interface ImportPlan {
  teams: { id: string; name: string }[];
  users: NewUser[];
  /** Queues (skill groups): JSON only, `{ "id": "<skill group number>", "name", "teamIds"? }`. */
  queues?: NewQueue[];
}

export interface ImportOutcome {
  teamsCreated: number;
  usersCreated: number;
  usersUpdated: number;
  queuesCreated: number;
  queuesUpdated: number;
  errors: string[];
}

const ROLES: readonly Role[] = ['Agent', 'Supervisor', 'Administrator'];
const CSV_COLUMNS = [
  'id',
  'loginName',
  'firstName',
  'lastName',
  'password',
  'roles',
  'teamId',
  'teamName',
  'supervisedTeamIds',
];

/**
 * RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks. Pure; returns rows
 * of fields.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

const list = (s: string | undefined) =>
  (s ?? '')
    .split(/[;|]/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * Reads an import file: CSV with a header row naming (some of) the columns `id, loginName,
 * firstName, lastName, password, roles, teamId, teamName, supervisedTeamIds` (lists separated by
 * `;`), or JSON `{ "teams": [{ "id", "name" }], "users": [NewUser …] }`. Throws on a file that
 * cannot be one of these, with the line at fault.
 */
export function readImportFile(file: string): ImportPlan {
  const text = fs.readFileSync(file, 'utf8');
  if (path.extname(file).toLowerCase() === '.json') {
    const data = JSON.parse(text) as Partial<ImportPlan>;
    return { teams: data.teams ?? [], users: data.users ?? [], queues: data.queues ?? [] };
  }
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error(`${file}: empty`);
  const cols = header.map((h) => h.trim());
  for (const c of cols)
    if (!CSV_COLUMNS.includes(c))
      throw new Error(`${file}: unknown column '${c}' (known: ${CSV_COLUMNS.join(', ')})`);
  const teams = new Map<string, string>();
  const users = rows.map((cells, n) => {
    const get = (name: string) => cells[cols.indexOf(name)]?.trim() ?? '';
    const roles = list(get('roles') || 'Agent');
    for (const r of roles)
      if (!ROLES.includes(r as Role)) throw new Error(`${file}:${n + 2}: unknown role '${r}'`);
    const teamId = get('teamId') || undefined;
    if (teamId && get('teamName')) teams.set(teamId, get('teamName'));
    const user: NewUser = {
      id: get('id'),
      loginName: get('loginName') || get('id'),
      firstName: get('firstName'),
      lastName: get('lastName'),
      password: get('password'),
      roles: roles as Role[],
      teamId,
      supervisedTeamIds: list(get('supervisedTeamIds')),
    };
    return user;
  });
  return { teams: [...teams].map(([id, name]) => ({ id, name })), users };
}

/**
 * Applies a plan row by row: missing teams are created, new users created, existing users updated
 * (a row with an empty password keeps the stored one). A refused row is reported and the others
 * still go in, so one typo does not block a whole site's roster.
 */
export async function applyImport(store: ConfigStore, plan: ImportPlan): Promise<ImportOutcome> {
  const out: ImportOutcome = {
    teamsCreated: 0,
    usersCreated: 0,
    usersUpdated: 0,
    queuesCreated: 0,
    queuesUpdated: 0,
    errors: [],
  };
  for (const t of plan.teams) {
    if (await store.getTeam(t.id)) continue;
    const r = await store.createTeam({ id: t.id, name: t.name });
    if (r.ok) out.teamsCreated++;
    else out.errors.push(`team ${t.id}: ${r.error.message}`);
  }
  for (const u of plan.users) {
    const existing = u.id ? await store.getUser(u.id) : undefined;
    if (existing) {
      const { id, password, ...patch } = u;
      const r = await store.updateUser(id, password ? { ...patch, password } : patch);
      if (r.ok) out.usersUpdated++;
      else out.errors.push(`user ${u.id}: ${r.error.message}`);
    } else {
      const r = await store.createUser(u);
      if (r.ok) out.usersCreated++;
      else out.errors.push(`user ${u.id || '(no id)'}: ${r.error.message}`);
    }
  }
  // After the teams they name. A running Switchboard hears of them through the store's changes.
  for (const q of plan.queues ?? []) {
    const existing = q.id ? await store.getQueue(q.id) : undefined;
    const r = existing
      ? await store.updateQueue(q.id, { name: q.name, teamIds: q.teamIds ?? [] })
      : await store.createQueue(q);
    if (r.ok) existing ? out.queuesUpdated++ : out.queuesCreated++;
    else out.errors.push(`queue ${q.id || '(no id)'}: ${r.error.message}`);
  }
  return out;
}

/** `switchboard import FILE [--data-dir DIR | --database-url URL]`; exit code 1 when a row was refused. */
export async function runImport(cl: CommandLine, out: (text: string) => void): Promise<number> {
  const { config } = cl;
  const [file, ...more] = cl.positionals;
  if (!file || more.length) throw new UsageError(file ? `one file at a time, not ${more[0]}` : 'which file?');
  const plan = readImportFile(file);
  const { openStore } = await import('./index.ts');
  const store = await openStore(config);
  try {
    const r = await applyImport(store, plan);
    out(
      `imported ${file}: ${r.teamsCreated} teams created, ${r.usersCreated} users created, ` +
        `${r.usersUpdated} updated, ${r.queuesCreated} queues created, ${r.queuesUpdated} updated, ` +
        `${r.errors.length} refused\n`,
    );
    for (const e of r.errors) out(`  refused: ${e}\n`);
    return r.errors.length ? 1 : 0;
  } finally {
    await store.close();
  }
}
