import { nodes, type User } from '../../core/index.ts';
import { el, type XmlElement } from '../../xml/index.ts';
import { field } from './field.ts';
import { buildReasonCode } from './reason-code.ts';

/**
 * The User object, one serializer for `GET /User/{id}` (root `User`) and the notification's
 * `<user>`. Children are alphabetical as observed on the wire (seed 000's XMPP payload, the
 * ground truth; Finesse 12.x captures in pokornyIt/finesse-api follow the same rule): dialogs,
 * extension, firstName, lastName, loginId, loginName, pendingState, reasonCode, reasonCodeId,
 * roles, state, stateChangeTime, teamId, teamName, teams, uri.
 *
 * Optional children appear only when they carry something, so that the seed's Finesse 9.1 payload
 * is reproduced verbatim: `pendingState` (12.x sends it empty; finesse.js treats empty and absent
 * alike), `reasonCode` (the code behind reasonCodeId, saving the desktop a lookup) and `teams`
 * (the supervised teams, which finesse.js reads for supervisors), and Finesse 12.x's mediaType,
 * settings{wrapUpOnIncoming, wrapUpOnOutgoing}, skillTargetId and wrapUpTimer (the User
 * notification sample of the developer guide shows `settings`; the 12.x capture the rest).
 */
export function buildUser(user: User, root: 'User' | 'user' = 'User'): XmlElement {
  return el(
    root,
    {},
    field('dialogs', nodes.dialogs(user.id)),
    field('extension', user.extension),
    field('firstName', user.firstName),
    field('lastName', user.lastName),
    field('loginId', user.id),
    field('loginName', user.loginName),
    user.mediaType !== undefined && field('mediaType', user.mediaType),
    user.pendingState !== '' && field('pendingState', user.pendingState),
    user.reasonCode && buildReasonCode(user.reasonCode, 'reasonCode'),
    field('reasonCodeId', user.reasonCodeId),
    el('roles', {}, ...user.roles.map((r) => field('role', r))),
    user.settings &&
      el(
        'settings',
        {},
        field('wrapUpOnIncoming', user.settings.wrapUpOnIncoming),
        field('wrapUpOnOutgoing', user.settings.wrapUpOnOutgoing),
      ),
    user.skillTargetId !== undefined && field('skillTargetId', user.skillTargetId),
    field('state', user.state),
    field('stateChangeTime', user.stateChangeTime),
    field('teamId', user.teamId),
    field('teamName', user.teamName),
    user.supervisedTeams.length > 0 &&
      el(
        'teams',
        {},
        ...user.supervisedTeams.map((t) =>
          el('Team', {}, field('id', t.id), field('name', t.name), field('uri', `/finesse/api/Team/${t.id}`)),
        ),
      ),
    field('uri', nodes.user(user.id)),
    user.wrapUpTimer !== undefined && field('wrapUpTimer', user.wrapUpTimer),
  );
}

export function renderUser(user: User, root: 'User' | 'user' = 'User'): string {
  return buildUser(user, root).toString();
}
