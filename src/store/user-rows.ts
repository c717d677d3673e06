/** Reading users rows, shared by the users repository and the credentials repository. */
import type { Role, TeamRef, UserConfig } from '../core/model.ts';
import type { StoredCredentials } from './password.ts';
import type { SqlDb, SqlValue } from './sql.ts';

export interface UserRow {
  login_id: string;
  login_name: string;
  first_name: string;
  last_name: string;
  roles: string;
  team_id: string | null;
  team_name: string | null;
  password_hash: string;
  scram_sha1: string | null;
  scram_sha256: string | null;
  credential_epoch: number | string;
}

const ROLE_ORDER: readonly Role[] = ['Agent', 'Supervisor', 'Administrator'];

export const USER_SELECT = `SELECT u.login_id, u.login_name, u.first_name, u.last_name, u.roles, u.team_id,
  t.name AS team_name, u.password_hash, u.scram_sha1, u.scram_sha256, u.credential_epoch
  FROM users u LEFT JOIN teams t ON t.id = u.team_id`;

export const formatRoles = (roles: readonly string[]) =>
  ROLE_ORDER.filter((r) => roles.includes(r)).join(',');
export const parseRoles = (s: string): Role[] => ROLE_ORDER.filter((r) => s.split(',').includes(r));

/** Login id first, exactly: Finesse addresses users by loginId. Login names are case-insensitive. */
export const findRow = async (q: Pick<SqlDb, 'get'>, idOrName: string) =>
  (await q.get<UserRow>(`${USER_SELECT} WHERE u.login_id = ?`, [idOrName])) ??
  (await q.get<UserRow>(`${USER_SELECT} WHERE lower(u.login_name) = lower(?)`, [idOrName]));

export const supervised = (q: Pick<SqlDb, 'all'>, id: string) =>
  q.all<TeamRef>(
    `SELECT t.id, t.name FROM team_supervisors s JOIN teams t ON t.id = s.team_id
     WHERE s.login_id = ? ORDER BY t.id`,
    [id],
  );

export const toUser = (row: UserRow, teams: TeamRef[]): UserConfig => ({
  id: row.login_id,
  loginName: row.login_name,
  firstName: row.first_name,
  lastName: row.last_name,
  roles: parseRoles(row.roles),
  teamId: row.team_id ?? '',
  teamName: row.team_name ?? '',
  supervisedTeams: teams.map((t) => ({ id: t.id, name: t.name })),
});

export const readUser = async (q: Pick<SqlDb, 'get' | 'all'>, idOrName: string) => {
  const row = await findRow(q, idOrName);
  return row && toUser(row, await supervised(q, row.login_id));
};

/**
 * The columns a new password sets, as `SET` assignments and their values: the hash, the SCRAM
 * keys, and a raised credential epoch (which revokes the user's session tokens).
 */
export function passwordColumns(c: StoredCredentials): { set: string; values: SqlValue[] } {
  return {
    set: 'password_hash = ?, scram_sha1 = ?, scram_sha256 = ?, credential_epoch = credential_epoch + 1',
    values: [c.passwordHash, c.scram['SCRAM-SHA-1'], c.scram['SCRAM-SHA-256']],
  };
}
