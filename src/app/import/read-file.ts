/**
 * An import file (CSV or JSON) → what to create or change, row by row, each row knowing where it
 * came from (`line 7`, `users[3]`) and naming only the fields the file gives: an update changes
 * those and nothing else (#12 High 5: a file of `id,password` once reset names and roles). A row
 * that cannot be right (an unknown role, a wrong JSON type, a field far too long, an id given
 * twice) is refused here with its place; a file that cannot be read at all is an `ImportFileError`.
 */
import path from 'node:path';
import type { Role } from '../../core/index.ts';
import type { NewQueue, NewUser } from '../../store/index.ts';
import { parseCsv } from './csv.ts';

/** The user fields a file may set; absent ones are left as they are. */
export type UserFields = Partial<Omit<NewUser, 'id'>>;

export interface UserRow {
  /** Where in the file: `line 7` or `users[3]`. */
  where: string;
  id: string;
  fields: UserFields;
}

export interface ImportPlan {
  teams: { id: string; name: string }[];
  users: UserRow[];
  /** Queues (skill groups): JSON only, `{ "id": "<skill group number>", "name", "teamIds"? }`. */
  queues: NewQueue[];
  /** Rows refused while reading: `line 7: unknown role 'Boss'`. */
  refused: string[];
}

/** The file as a whole cannot be imported (nothing of it is). */
export class ImportFileError extends Error {}

const ROLES: readonly Role[] = ['Agent', 'Supervisor', 'Administrator'];
export const CSV_COLUMNS = [
  'id',
  'loginName',
  'firstName',
  'lastName',
  'password',
  'roles',
  'teamId',
  'teamName',
  'supervisedTeamIds',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
/** Far above any store limit; refused before anything (a password this long would be hashed). */
const MAX_FIELD = 1024;

const list = (s: string) =>
  s
    .split(/[;|]/)
    .map((x) => x.trim())
    .filter(Boolean);

export function readImportFile(file: string, text: string): ImportPlan {
  const plan =
    path.extname(file).toLowerCase() === '.json' ? readJson(text) : readCsv(text, path.basename(file));
  refuseDuplicateIds(plan);
  return plan;
}

function readCsv(text: string, name: string): ImportPlan {
  const csv = parseCsv(text);
  if (!csv.ok) throw new ImportFileError(`line ${csv.line}: ${csv.message}`);
  const [header, ...rows] = csv.rows;
  if (!header) throw new ImportFileError(`${name} is empty`);
  const cols = header.fields.map((h) => h.trim());
  for (const c of cols)
    if (!CSV_COLUMNS.includes(c as Column))
      throw new ImportFileError(
        `line ${header.line}: unknown column '${c}' (known: ${CSV_COLUMNS.join(', ')})`,
      );
  const twice = cols.find((c, i) => cols.indexOf(c) !== i);
  if (twice) throw new ImportFileError(`line ${header.line}: column '${twice}' named twice`);
  if (!cols.includes('id')) throw new ImportFileError(`line ${header.line}: no id column`);
  const plan: ImportPlan = { teams: [], users: [], queues: [], refused: [] };
  const teams = new Map<string, string>();
  for (const row of rows) {
    const where = `line ${row.line}`;
    const refuse = (why: string) => plan.refused.push(`${where}: ${why}`);
    if (row.fields.length !== cols.length) {
      refuse(`${row.fields.length} fields, but the header names ${cols.length}`);
      continue;
    }
    const long = row.fields.findIndex((f) => f.length > MAX_FIELD);
    if (long >= 0) {
      refuse(`${cols[long]} is ${row.fields[long].length} characters long (at most ${MAX_FIELD})`);
      continue;
    }
    const cell = new Map(cols.map((c, i) => [c as Column, row.fields[i].trim()]));
    const id = cell.get('id') ?? '';
    if (!id) {
      refuse('no id');
      continue;
    }
    const fields: UserFields = {};
    // A named column sets its field; an empty cell keeps what cannot be empty (password, login
    // name, roles) and empties the rest (a name, the team).
    const has = (c: Column) => cell.has(c);
    const v = (c: Column) => cell.get(c) ?? '';
    if (has('loginName') && v('loginName')) fields.loginName = v('loginName');
    if (has('firstName')) fields.firstName = v('firstName');
    if (has('lastName')) fields.lastName = v('lastName');
    if (has('password') && v('password')) fields.password = v('password');
    if (has('teamId')) fields.teamId = v('teamId');
    if (has('supervisedTeamIds')) fields.supervisedTeamIds = list(v('supervisedTeamIds'));
    if (has('roles') && v('roles')) {
      const roles = list(v('roles'));
      const unknown = roles.find((r) => !ROLES.includes(r as Role));
      if (unknown) {
        refuse(`unknown role '${unknown}' (${ROLES.join(', ')})`);
        continue;
      }
      fields.roles = roles as Role[];
    }
    if (v('teamId') && v('teamName') && !teams.has(v('teamId'))) teams.set(v('teamId'), v('teamName'));
    plan.users.push({ where, id, fields });
  }
  plan.teams = [...teams].map(([id, name]) => ({ id, name }));
  return plan;
}

type Json = unknown;
const isObject = (x: Json): x is Record<string, Json> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const typeName = (x: Json) => (x === null ? 'null' : Array.isArray(x) ? 'a list' : `a ${typeof x}`);

const USER_FIELDS: Record<string, 'string' | 'strings'> = {
  id: 'string',
  loginName: 'string',
  firstName: 'string',
  lastName: 'string',
  password: 'string',
  roles: 'strings',
  teamId: 'string',
  supervisedTeamIds: 'strings',
};
const TEAM_FIELDS: Record<string, 'string' | 'strings'> = { id: 'string', name: 'string' };
const QUEUE_FIELDS: Record<string, 'string' | 'strings'> = {
  id: 'string',
  name: 'string',
  teamIds: 'strings',
};

/** Why an object does not fit `shape` (unknown key, wrong type, too long), or undefined. */
function misfit(o: Record<string, Json>, shape: Record<string, 'string' | 'strings'>): string | undefined {
  for (const [key, value] of Object.entries(o)) {
    const kind = shape[key];
    if (!kind) return `unknown field ${key} (known: ${Object.keys(shape).join(', ')})`;
    const items = kind === 'strings' ? value : [value];
    if (!Array.isArray(items) || !items.every((x) => typeof x === 'string'))
      return `${key} must be ${kind === 'string' ? 'a string' : 'a list of strings'}, not ${typeName(value)}`;
    const long = (items as string[]).find((x) => x.length > MAX_FIELD);
    if (long !== undefined) return `${key} is ${long.length} characters long (at most ${MAX_FIELD})`;
  }
  return typeof o.id === 'string' && o.id.trim() ? undefined : 'no id';
}

function readJson(text: string): ImportPlan {
  let data: Json;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const at = /position (\d+)/.exec((e as Error).message)?.[1];
    const line = at === undefined ? '' : `line ${text.slice(0, Number(at)).split('\n').length}: `;
    throw new ImportFileError(`${line}not JSON: ${(e as Error).message}`);
  }
  if (!isObject(data))
    throw new ImportFileError(`expected { "teams": [...], "users": [...] }, not ${typeName(data)}`);
  const plan: ImportPlan = { teams: [], users: [], queues: [], refused: [] };
  const each = (
    key: string,
    shape: Record<string, 'string' | 'strings'>,
    take: (o: Record<string, Json>, where: string) => void,
  ) => {
    const rows = data[key] ?? [];
    if (!Array.isArray(rows)) throw new ImportFileError(`${key} must be a list, not ${typeName(rows)}`);
    rows.forEach((row, i) => {
      const where = `${key}[${i}]`;
      const why = isObject(row) ? misfit(row, shape) : `must be an object, not ${typeName(row)}`;
      if (why)
        plan.refused.push(
          `${where}${isObject(row) && typeof row.id === 'string' ? ` (id ${row.id})` : ''}: ${why}`,
        );
      else take(row as Record<string, Json>, where);
    });
  };
  for (const key of Object.keys(data))
    if (!['teams', 'users', 'queues'].includes(key))
      throw new ImportFileError(`unknown key ${key} (teams, users, queues)`);
  each('teams', TEAM_FIELDS, (o) =>
    plan.teams.push({ id: o.id as string, name: (o.name as string) ?? (o.id as string) }),
  );
  each('users', USER_FIELDS, (o, where) => {
    const { id, ...fields } = o as unknown as NewUser;
    const unknown = fields.roles?.find((r) => !ROLES.includes(r));
    if (unknown) plan.refused.push(`${where} (id ${id}): unknown role '${unknown}' (${ROLES.join(', ')})`);
    else plan.users.push({ where, id, fields });
  });
  each('queues', QUEUE_FIELDS, (o) => plan.queues.push(o as unknown as NewQueue));
  return plan;
}

/** An id given twice in one file is ambiguous: every row with it is refused, each naming the others. */
function refuseDuplicateIds(plan: ImportPlan): void {
  const byId = new Map<string, UserRow[]>();
  for (const u of plan.users) byId.set(u.id, [...(byId.get(u.id) ?? []), u]);
  const dupes = new Set<UserRow>();
  for (const [id, rows] of byId) {
    if (rows.length < 2) continue;
    for (const r of rows) {
      dupes.add(r);
      const others = rows.filter((o) => o !== r).map((o) => o.where);
      plan.refused.push(`${r.where}: id ${id} is also on ${others.join(', ')} (all of them refused)`);
    }
  }
  plan.users = plan.users.filter((u) => !dupes.has(u));
}
