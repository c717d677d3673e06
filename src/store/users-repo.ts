import type { TeamRef } from '../core/model.ts';
import type { ConfigStore, NewTeam, TeamConfig, TeamPatch, UserPatch } from './config-types.ts';
import type { PasswordHasher } from './password.ts';
import * as rules from './rules.ts';
import { refuseIf, type SqlDb, type SqlTx, unique, write } from './sql.ts';
import type { NewUser, Store } from './types.ts';
import type { UserCache } from './user-cache.ts';
import {
  findRow,
  formatRoles,
  parseRoles,
  passwordColumns,
  readUser,
  supervised,
  toUser,
  USER_SELECT,
  type UserRow,
} from './user-rows.ts';

type UsersRepo = Pick<
  Store & ConfigStore,
  | 'getUser'
  | 'listUsers'
  | 'createUser'
  | 'updateUser'
  | 'deleteUser'
  | 'listTeams'
  | 'getTeam'
  | 'createTeam'
  | 'updateTeam'
  | 'deleteTeam'
>;

/**
 * Users and teams (with supervisors and members) on any `SqlDb`; users are read through `cache`.
 * `reservedNames`: names no user may take as id or login name (the notification service's system
 * accounts, lower case): a user "webservices" would pass for the account that publishes.
 */
export function usersRepo(
  db: SqlDb,
  hasher: PasswordHasher,
  reservedNames: ReadonlySet<string>,
  cache: UserCache,
): UsersRepo {
  const getTeam = async (q: Pick<SqlDb, 'get' | 'all'>, id: string): Promise<TeamConfig | undefined> => {
    const team = await q.get<{ id: string; name: string }>('SELECT id, name FROM teams WHERE id = ?', [id]);
    if (!team) return undefined;
    const ids = (sql: string) => q.all<{ id: string }>(sql, [id]).then((r) => r.map((x) => x.id));
    return {
      id: team.id,
      name: team.name,
      supervisorIds: await ids(
        'SELECT login_id AS id FROM team_supervisors WHERE team_id = ? ORDER BY login_id',
      ),
      memberIds: await ids('SELECT login_id AS id FROM users WHERE team_id = ? ORDER BY login_id'),
    };
  };

  /** Checks and applies a team's supervisor and member lists (each replaces the current one). */
  async function setTeamPeople(tx: SqlTx, teamId: string, patch: TeamPatch) {
    if (patch.supervisorIds) {
      for (const id of patch.supervisorIds) {
        const row = await tx.get<{ roles: string }>('SELECT roles FROM users WHERE login_id = ?', [id]);
        refuseIf(row ? undefined : rules.invalid('supervisors', `no user ${id}`));
        refuseIf(
          parseRoles(row!.roles).includes('Supervisor')
            ? undefined
            : rules.invalid('supervisors', `${id} is not a supervisor`),
        );
      }
      await tx.run('DELETE FROM team_supervisors WHERE team_id = ?', [teamId]);
      for (const id of new Set(patch.supervisorIds)) {
        await tx.run('INSERT INTO team_supervisors (team_id, login_id) VALUES (?, ?)', [teamId, id]);
      }
    }
    if (patch.memberIds) {
      await tx.run('UPDATE users SET team_id = NULL WHERE team_id = ?', [teamId]);
      for (const id of patch.memberIds) {
        const r = await tx.run('UPDATE users SET team_id = ? WHERE login_id = ?', [teamId, id]);
        refuseIf(r.changes === 1 ? undefined : rules.invalid('users', `no user ${id}`));
      }
    }
  }

  function checkTeam(patch: TeamPatch, isNew: boolean) {
    return rules.line('name', patch.name, rules.LIMITS.teamName, isNew || patch.name !== undefined ? 1 : 0);
  }

  /**
   * One name, one user (#12): sign-in takes an id or a login name, ids first, so a login name equal
   * to another user's id, or an id equal to another's login name, would shadow that user; and a
   * system account's name is no user's. `isNew`: `id` is being created.
   */
  async function checkUserUnique(tx: SqlTx, id: string, loginName: string | undefined, isNew: boolean) {
    const conflict = (field: string, message: string) => refuseIf({ code: 'conflict', field, message });
    if (isNew && reservedNames.has(id.toLowerCase())) conflict('loginId', `${id} is a system account`);
    if (isNew) {
      const named = await tx.get<{ login_id: string }>(
        'SELECT login_id FROM users WHERE lower(login_name) = lower(?)',
        [id],
      );
      if (named) conflict('loginId', `${id} is the login name of user ${named.login_id}`);
    }
    if (loginName === undefined) return;
    if (reservedNames.has(loginName.toLowerCase())) conflict('loginName', `${loginName} is a system account`);
    const clash = await tx.get<{ login_id: string }>(
      'SELECT login_id FROM users WHERE lower(login_name) = lower(?) AND login_id <> ?',
      [loginName, id],
    );
    if (clash) conflict('loginName', `login name ${loginName} is taken`);
    const asId = await tx.get<{ login_id: string }>(
      'SELECT login_id FROM users WHERE lower(login_id) = lower(?) AND login_id <> ?',
      [loginName, id],
    );
    if (asId) conflict('loginName', `login name ${loginName} is the id of another user`);
  }

  async function setSupervised(tx: SqlTx, userId: string, teamIds: readonly string[]) {
    await tx.run('DELETE FROM team_supervisors WHERE login_id = ?', [userId]);
    for (const t of new Set(teamIds)) {
      const team = await tx.get('SELECT id FROM teams WHERE id = ?', [t]);
      refuseIf(team ? undefined : rules.invalid('supervisedTeams', `no team ${t}`));
      await tx.run('INSERT INTO team_supervisors (team_id, login_id) VALUES (?, ?)', [t, userId]);
    }
  }

  async function checkTeamExists(tx: SqlTx, teamId: string | undefined) {
    if (!teamId) return;
    const team = await tx.get('SELECT id FROM teams WHERE id = ?', [teamId]);
    refuseIf(team ? undefined : rules.invalid('teamId', `no team ${teamId}`));
  }

  /**
   * Refuses to take the last Administrator's role (or account): nobody could manage the node
   * afterwards, and an import of `id,roles` once demoted the only one (#12 High 5).
   */
  async function keepAnAdministrator(tx: SqlTx, id: string, rolesAfter: string | undefined) {
    const row = await tx.get<{ roles: string }>('SELECT roles FROM users WHERE login_id = ?', [id]);
    if (!row || !parseRoles(row.roles).includes('Administrator')) return;
    if (rolesAfter !== undefined && parseRoles(rolesAfter).includes('Administrator')) return;
    // Two nodes demoting the last two administrators at once must not both see the other one.
    await tx.lock('users');
    const others = await tx.all<{ roles: string }>('SELECT roles FROM users WHERE login_id <> ?', [id]);
    if (others.some((o) => parseRoles(o.roles).includes('Administrator'))) return;
    refuseIf({
      code: 'conflict',
      field: 'roles',
      message: `${id} is the last Administrator: make another user Administrator first`,
    });
  }

  const checkUser = (u: Partial<NewUser>, isNew: boolean) =>
    rules.firstError(
      isNew ? rules.loginId(u.id) : undefined,
      isNew || u.loginName !== undefined ? rules.loginName(u.loginName) : undefined,
      rules.line('firstName', u.firstName, rules.LIMITS.personName),
      rules.line('lastName', u.lastName, rules.LIMITS.personName),
      isNew || u.password !== undefined
        ? rules.text('password', u.password, rules.LIMITS.password, 1)
        : undefined,
      isNew || u.roles !== undefined ? rules.roles(u.roles) : undefined,
    );

  return {
    async getUser(idOrName) {
      const known = cache.get(idOrName);
      if (known) return known;
      const generation = cache.generation;
      const row = await findRow(db, idOrName);
      if (!row) return undefined;
      const config = toUser(row, await supervised(db, row.login_id));
      return cache.remember(generation, config, Number(row.credential_epoch));
    },

    async listUsers() {
      const generation = cache.generation;
      const byUser = new Map<string, TeamRef[]>();
      const rows = await db.all<TeamRef & { login_id: string }>(
        `SELECT s.login_id, t.id, t.name FROM team_supervisors s JOIN teams t ON t.id = s.team_id ORDER BY t.id`,
      );
      for (const s of rows) byUser.set(s.login_id, [...(byUser.get(s.login_id) ?? []), s]);
      const users = await db.all<UserRow>(`${USER_SELECT} ORDER BY u.login_id`);
      return cache.rememberAll(
        generation,
        users.map((row) => ({
          config: toUser(row, byUser.get(row.login_id) ?? []),
          epoch: Number(row.credential_epoch),
        })),
      );
    },

    async createUser(u) {
      const bad = checkUser(u, true);
      if (bad) return { ok: false, error: bad };
      const credentials = await hasher.credentials(u.password);
      return write(db, async (tx) => {
        await checkUserUnique(tx, u.id, u.loginName, true);
        await checkTeamExists(tx, u.teamId);
        await tx.run(
          `INSERT INTO users (login_id, login_name, first_name, last_name, roles, team_id, password_hash)
           VALUES (?, ?, ?, ?, ?, ?, '')`,
          [u.id, u.loginName, u.firstName ?? '', u.lastName ?? '', formatRoles(u.roles), u.teamId || null],
        );
        const password = passwordColumns(credentials);
        await tx.run(`UPDATE users SET ${password.set} WHERE login_id = ?`, [...password.values, u.id]);
        if (u.supervisedTeamIds) await setSupervised(tx, u.id, u.supervisedTeamIds);
        tx.emit({ kind: 'user', op: 'create', id: u.id });
        return (await readUser(tx, u.id))!;
      });
    },

    async updateUser(id, patch: UserPatch) {
      const bad = checkUser(patch, false);
      if (bad) return { ok: false, error: bad };
      const credentials = patch.password === undefined ? undefined : await hasher.credentials(patch.password);
      return write(db, async (tx) => {
        const row = await tx.get<UserRow>(`${USER_SELECT} WHERE u.login_id = ?`, [id]);
        refuseIf(row ? undefined : rules.notFound('user', id));
        await checkUserUnique(tx, id, patch.loginName, false);
        await checkTeamExists(tx, patch.teamId);
        const roles = patch.roles ? formatRoles(patch.roles) : row!.roles;
        await keepAnAdministrator(tx, id, roles);
        await tx.run(
          `UPDATE users SET login_name = ?, first_name = ?, last_name = ?, roles = ?, team_id = ?
           WHERE login_id = ?`,
          [
            patch.loginName ?? row!.login_name,
            patch.firstName ?? row!.first_name,
            patch.lastName ?? row!.last_name,
            roles,
            patch.teamId === undefined ? row!.team_id : patch.teamId || null,
            id,
          ],
        );
        if (credentials) {
          const password = passwordColumns(credentials);
          await tx.run(`UPDATE users SET ${password.set} WHERE login_id = ?`, [...password.values, id]);
        }
        if (patch.supervisedTeamIds) await setSupervised(tx, id, patch.supervisedTeamIds);
        // Only supervisors supervise: a user who loses the role loses its teams.
        if (!parseRoles(roles).includes('Supervisor')) await setSupervised(tx, id, []);
        tx.emit({ kind: 'user', op: 'update', id });
        return (await readUser(tx, id))!;
      });
    },

    deleteUser: (id) =>
      write(db, async (tx) => {
        await keepAnAdministrator(tx, id, undefined);
        const r = await tx.run('DELETE FROM users WHERE login_id = ?', [id]);
        refuseIf(r.changes === 1 ? undefined : rules.notFound('user', id));
        tx.emit({ kind: 'user', op: 'delete', id });
      }),

    async listTeams() {
      const teams = await db.all<{ id: string; name: string }>('SELECT id, name FROM teams ORDER BY id');
      const sup = await db.all<{ team_id: string; login_id: string }>(
        'SELECT team_id, login_id FROM team_supervisors ORDER BY login_id',
      );
      const members = await db.all<{ team_id: string; login_id: string }>(
        'SELECT team_id, login_id FROM users WHERE team_id IS NOT NULL ORDER BY login_id',
      );
      const of = (rows: { team_id: string; login_id: string }[], id: string) =>
        rows.filter((r) => r.team_id === id).map((r) => r.login_id);
      return teams.map((t) => ({ ...t, supervisorIds: of(sup, t.id), memberIds: of(members, t.id) }));
    },

    getTeam: (id) => getTeam(db, id),

    async createTeam(team: NewTeam) {
      const bad = rules.firstError(
        team.id === undefined ? undefined : rules.teamId(team.id),
        checkTeam(team, true),
      );
      if (bad) return { ok: false, error: bad };
      return write(db, async (tx) => {
        let id = team.id;
        if (id === undefined) {
          const ids = await tx.all<{ id: string }>('SELECT id FROM teams');
          const numeric = ids.map((r) => Number(r.id)).filter(Number.isSafeInteger);
          id = String(Math.max(0, ...numeric) + 1);
        }
        await unique(tx, 'teams', 'name', team.name, undefined, 'name');
        await tx.run('INSERT INTO teams (id, name) VALUES (?, ?)', [id, team.name]);
        await setTeamPeople(tx, id, team);
        tx.emit({ kind: 'team', op: 'create', id });
        return (await getTeam(tx, id))!;
      });
    },

    async updateTeam(id, patch) {
      const bad = checkTeam(patch, false);
      if (bad) return { ok: false, error: bad };
      return write(db, async (tx) => {
        const current = await tx.get<{ name: string }>('SELECT name FROM teams WHERE id = ?', [id]);
        refuseIf(current ? undefined : rules.notFound('team', id));
        if (patch.name !== undefined) await unique(tx, 'teams', 'name', patch.name, id, 'name');
        await tx.run('UPDATE teams SET name = ? WHERE id = ?', [patch.name ?? current!.name, id]);
        await setTeamPeople(tx, id, patch);
        tx.emit({ kind: 'team', op: 'update', id });
        return (await getTeam(tx, id))!;
      });
    },

    deleteTeam: (id) =>
      write(db, async (tx) => {
        const r = await tx.run('DELETE FROM teams WHERE id = ?', [id]);
        refuseIf(r.changes === 1 ? undefined : rules.notFound('team', id));
        tx.emit({ kind: 'team', op: 'delete', id });
      }),
  };
}
