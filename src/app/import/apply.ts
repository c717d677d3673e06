/**
 * Applies an import plan to the store: missing teams first, then the users several at a time —
 * hashing a password (scrypt) is most of the cost, and the store hashes on libuv's thread pool, so
 * as many rows in flight as there are cores keep every core busy while the store still writes one
 * transaction at a time — then the queues. A refused row is reported with its place and the rest
 * still go in, so one typo does not block a whole site's roster.
 */
import os from 'node:os';
import type { ConfigStore, NewUser } from '../../store/index.ts';
import type { ImportPlan, UserRow } from './read-file.ts';

export interface ImportOutcome {
  teamsCreated: number;
  usersCreated: number;
  usersUpdated: number;
  queuesCreated: number;
  queuesUpdated: number;
  /** Every refused row, in file order: `line 7 (user 2001): …`. */
  errors: string[];
}

export interface ApplyOptions {
  /** Rows in flight at once; default: the cores this process may use. */
  concurrency?: number;
  /** Called after each user row, done of total. */
  onProgress?: (done: number, total: number) => void;
}

export async function applyImport(
  store: ConfigStore,
  plan: ImportPlan,
  opts: ApplyOptions = {},
): Promise<ImportOutcome> {
  const out: ImportOutcome = {
    teamsCreated: 0,
    usersCreated: 0,
    usersUpdated: 0,
    queuesCreated: 0,
    queuesUpdated: 0,
    errors: [...plan.refused],
  };
  for (const t of plan.teams) {
    if (await store.getTeam(t.id)) continue;
    const r = await store.createTeam({ id: t.id, name: t.name });
    if (r.ok) out.teamsCreated++;
    else out.errors.push(`team ${t.id}: ${r.error.message}`);
  }

  const userErrors: (string | undefined)[] = new Array(plan.users.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < plan.users.length) {
      const i = next++;
      userErrors[i] = await applyUser(store, plan.users[i], out);
      opts.onProgress?.(++done, plan.users.length);
    }
  };
  const concurrency = Math.max(1, opts.concurrency ?? os.availableParallelism());
  await Promise.all(Array.from({ length: Math.min(concurrency, plan.users.length) }, worker));
  for (const e of userErrors) if (e) out.errors.push(e);

  // After the teams they name. A running Switchboard hears of them through the store's changes.
  for (const q of plan.queues) {
    const existing = q.id ? await store.getQueue(q.id) : undefined;
    const r = existing
      ? await store.updateQueue(q.id, { name: q.name, teamIds: q.teamIds ?? [] })
      : await store.createQueue(q);
    if (r.ok) existing ? out.queuesUpdated++ : out.queuesCreated++;
    else out.errors.push(`queue ${q.id || '(no id)'}: ${r.error.message}`);
  }
  return out;
}

/** Creates or updates one user; returns why it was refused, if it was. */
async function applyUser(store: ConfigStore, row: UserRow, out: ImportOutcome): Promise<string | undefined> {
  // getUser also finds login names: only the same id is the same user.
  const existing = await store.getUser(row.id);
  if (existing?.id === row.id) {
    const r = await store.updateUser(row.id, row.fields);
    if (r.ok) out.usersUpdated++;
    return r.ok ? undefined : `${row.where} (user ${row.id}): ${r.error.message}`;
  }
  const user: NewUser = {
    loginName: row.id,
    firstName: '',
    lastName: '',
    password: '',
    roles: ['Agent'],
    ...row.fields,
    id: row.id,
  };
  const r = await store.createUser(user);
  if (r.ok) out.usersCreated++;
  return r.ok ? undefined : `${row.where} (new user ${row.id}): ${r.error.message}`;
}
