/**
 * `switchboard user add|passwd|list`: accounts in the database of `--data-dir` or
 * `--database-url`, for an operator at the node (the REST config API does the same over the
 * network). A password is read from a file or standard input, never from the command line (which
 * `ps` shows); without one, a password is generated and printed once.
 */
import fs from 'node:fs';
import type { Io } from '../cli.ts';
import type { Role } from '../core/index.ts';
import type { ConfigStore } from '../store/index.ts';
import { generatePassword } from './accounts.ts';
import { type CommandLine, UsageError } from './options/index.ts';

const ROLES: readonly Role[] = ['Agent', 'Supervisor', 'Administrator'];

export async function runUserCli(cl: CommandLine, io: Io): Promise<number> {
  const [verb, id, extra] = cl.positionals;
  if (verb !== 'add' && verb !== 'passwd' && verb !== 'list')
    throw new UsageError(
      verb ? `unknown user command ${verb} (add, passwd, list)` : 'which user command? (add, passwd, list)',
    );
  if (verb !== 'list' && !id) throw new UsageError(`user ${verb} needs a user id`);
  if ((verb === 'list' ? id : extra) !== undefined)
    throw new UsageError(`unexpected argument ${verb === 'list' ? id : extra}`);
  const given = verb === 'list' ? undefined : await readPassword(cl, io);
  const { openStore } = await import('./index.ts');
  const store = await openStore(cl.config);
  try {
    if (verb === 'list') return await list(store, cl.values.json === true, io);
    const password = given ?? generatePassword();
    const r = verb === 'add' ? await add(store, id, password, cl) : await store.updateUser(id, { password });
    if (!r.ok) {
      io.err(`switchboard user ${verb}: ${id}: ${r.error.message}\n`);
      return 1;
    }
    io.out(
      `${verb === 'add' ? 'created' : 'changed the password of'} ${id}${given ? '' : `; password: ${password}`}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

async function readPassword(cl: CommandLine, io: Io): Promise<string | undefined> {
  const file = cl.values['password-file'] as string | undefined;
  if (file === undefined) return undefined;
  let text: string;
  if (file === '-') {
    if (!io.readStdin) throw new UsageError('--password-file -: no standard input here');
    text = await io.readStdin();
  } else {
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`--password-file: cannot read ${file}: ${(e as Error).message}`);
    }
  }
  // One line: the newline an editor or `echo` adds is not part of the password.
  const password = text.replace(/\r?\n$/, '');
  if (!password || password.includes('\n'))
    throw new UsageError('--password-file: one line with the password');
  return password;
}

function add(store: ConfigStore, id: string, password: string, cl: CommandLine) {
  const v = cl.values;
  const roles = String(v.roles)
    .split(/[;,]/)
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = roles.find((r) => !ROLES.includes(r as Role));
  if (unknown) throw new UsageError(`--roles: unknown role ${unknown} (${ROLES.join(', ')})`);
  return store.createUser({
    id,
    loginName: (v['login-name'] as string | undefined) ?? id,
    firstName: (v['first-name'] as string | undefined) ?? '',
    lastName: (v['last-name'] as string | undefined) ?? '',
    password,
    roles: roles as Role[],
    teamId: v.team as string | undefined,
  });
}

async function list(store: ConfigStore, json: boolean, io: Io): Promise<number> {
  const users = await store.listUsers();
  if (json) {
    io.out(`${JSON.stringify(users, null, 2)}\n`);
    return 0;
  }
  const rows = users.map((u) => [
    u.id,
    u.loginName,
    `${u.firstName} ${u.lastName}`.trim(),
    u.roles.join(';'),
    u.teamId ? `${u.teamId} ${u.teamName ?? ''}`.trim() : '',
  ]);
  const head = ['id', 'login name', 'name', 'roles', 'team'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [head, ...rows])
    io.out(
      `${r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd()}\n`,
    );
  return 0;
}
