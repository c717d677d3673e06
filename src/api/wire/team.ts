import { nodes, type User, type UserConfig } from '../../core/index.ts';
import type { TeamConfig } from '../../store/index.ts';
import { el, type XmlElement } from '../../xml/index.ts';
import { field } from './field.ts';
import { reasonCodeUri } from './reason-code.ts';

export const teamUri = (id: string) => `/finesse/api/Team/${id}`;

/**
 * A user as a team lists it (finesse-api.md §1.7): uri, loginId, firstName, lastName, dialogs,
 * extension, pendingState, state, stateChangeTime and, when not ready or signed out with one, the
 * reason code. The same element is the payload of the `/finesse/api/Team/{id}/Users` node.
 */
export function buildTeamUser(user: User, root: 'User' | 'user' = 'User'): XmlElement {
  const rc = user.reasonCode;
  return el(
    root,
    {},
    field('uri', nodes.user(user.id)),
    field('loginId', user.id),
    field('firstName', user.firstName),
    field('lastName', user.lastName),
    field('dialogs', nodes.dialogs(user.id)),
    field('extension', user.extension),
    field('pendingState', user.pendingState),
    field('state', user.state),
    field('stateChangeTime', user.stateChangeTime),
    rc &&
      el(
        'reasonCode',
        {},
        field('category', rc.category),
        field('code', rc.code),
        field('label', rc.label),
        field('id', rc.id),
        field('uri', reasonCodeUri(rc.id)),
      ),
  );
}

/** `GET /Team/{id}/Users` → `<Users><User>…</User></Users>`. */
export function renderTeamUsers(users: readonly User[]): string {
  return el('Users', {}, ...users.map((u) => buildTeamUser(u))).toString();
}

/**
 * `<Team>`: uri, id, name, users as §1.7 orders them, then `supervisors` — not in the spec's
 * list: the configuration APIs need it, and clients that read only the documented children are
 * unaffected by one more at the end.
 */
export function buildTeam(
  team: TeamConfig,
  users: readonly User[],
  supervisors: readonly UserConfig[],
): XmlElement {
  return el(
    'Team',
    {},
    field('uri', teamUri(team.id)),
    field('id', team.id),
    field('name', team.name),
    el('users', {}, ...users.map((u) => buildTeamUser(u))),
    el(
      'supervisors',
      {},
      ...supervisors.map((s) =>
        el(
          'User',
          {},
          field('uri', nodes.user(s.id)),
          field('loginId', s.id),
          field('firstName', s.firstName),
          field('lastName', s.lastName),
        ),
      ),
    ),
  );
}

export function renderTeams(teams: readonly XmlElement[]): string {
  return el('Teams', {}, ...teams).toString();
}
