import type { UserConfig } from '../../core/index.ts';
import type {
  ClusterConfig,
  Contact,
  Layout,
  LayoutEntry,
  LockedOutUser,
  PhoneBook,
  SystemConfig,
  TeamMessage,
  WrapUpReason,
} from '../../store/index.ts';
import { el, type XmlElement } from '../../xml/index.ts';
import { field } from './field.ts';
import { teamUri } from './team.ts';

const API = '/finesse/api';
export const uris = {
  wrapUpReason: (id: number) => `${API}/WrapUpReason/${id}`,
  phoneBook: (id: number) => `${API}/PhoneBook/${id}`,
  contacts: (bookId: number) => `${API}/PhoneBook/${bookId}/Contacts`,
  contact: (bookId: number, id: number) => `${API}/PhoneBook/${bookId}/Contact/${id}`,
  layout: (id: number) => `${API}/MediaPropertiesLayout/${id}`,
  teamMessage: (id: string) => `${API}/TeamMessage/${id}`,
  userConfig: (id: string) => `${API}/UserConfig/${id}`,
};

const list = (root: string, items: readonly XmlElement[]) => el(root, {}, ...items).toString();

/** `<WrapUpReason>`: uri, label, forAll (finesse.js getters, §1.6), then id as ReasonCode ends with it. */
export function buildWrapUpReason(w: WrapUpReason): XmlElement {
  return el(
    'WrapUpReason',
    {},
    field('uri', uris.wrapUpReason(w.id)),
    field('label', w.label),
    field('forAll', w.forAll),
    field('id', w.id),
  );
}
export const renderWrapUpReason = (w: WrapUpReason) => buildWrapUpReason(w).toString();
export const renderWrapUpReasons = (ws: readonly WrapUpReason[]) =>
  list('WrapUpReasons', ws.map(buildWrapUpReason));

/** `<Contact>` in §1.6's order: firstName, lastName, phoneNumber, description, uri. */
export function buildContact(c: Contact): XmlElement {
  return el(
    'Contact',
    {},
    field('firstName', c.firstName),
    field('lastName', c.lastName),
    field('phoneNumber', c.phoneNumber),
    field('description', c.description),
    field('uri', uris.contact(c.phoneBookId, c.id)),
  );
}
export const renderContact = (c: Contact) => buildContact(c).toString();
export const renderContacts = (cs: readonly Contact[]) => list('Contacts', cs.map(buildContact));

/**
 * `<PhoneBook>`: uri, name, type, contacts (the URI of its list). With `contacts` given, the
 * contacts follow inline in `<Contacts>` as TeamResource—Get Phone Books returns them.
 */
export function buildPhoneBook(b: PhoneBook, contacts?: readonly Contact[]): XmlElement {
  return el(
    'PhoneBook',
    {},
    field('uri', uris.phoneBook(b.id)),
    field('name', b.name),
    field('type', b.type),
    field('contacts', uris.contacts(b.id)),
    contacts && el('Contacts', {}, ...contacts.map(buildContact)),
  );
}
export const renderPhoneBook = (b: PhoneBook) => buildPhoneBook(b).toString();
export const renderPhoneBooks = (books: readonly XmlElement[]) => list('PhoneBooks', books);

/**
 * `<entry>`: displayName, mediaProperty, then showInPopOver (shown in the pop-over of an arriving
 * call) and uiEditable (the agent may change it) — Finesse 12.x's entry flags, their place in the
 * entry inferred.
 */
const entry = (e: LayoutEntry) =>
  el(
    'entry',
    {},
    field('displayName', e.displayName),
    field('mediaProperty', e.mediaProperty),
    field('showInPopOver', e.showInPopOver === true),
    field('uiEditable', e.uiEditable === true),
  );

/** `<MediaPropertiesLayout>`: uri, id, name, description, type, header{entry*}, column{entry*}* (inferred, §1.9). */
export function buildLayout(l: Layout): XmlElement {
  return el(
    'MediaPropertiesLayout',
    {},
    field('uri', uris.layout(l.id)),
    field('id', l.id),
    field('name', l.name),
    field('description', l.description),
    field('type', l.type),
    el('header', {}, ...l.header.map(entry)),
    ...l.columns.map((c) => el('column', {}, ...c.map(entry))),
  );
}
export const renderLayout = (l: Layout) => buildLayout(l).toString();
export const renderLayouts = (ls: readonly Layout[]) => list('MediaPropertiesLayouts', ls.map(buildLayout));

/** `<TeamMessage>` as §1.9 shows it: createdAt epoch seconds, duration seconds, teams by id. */
export function buildTeamMessage(m: TeamMessage): XmlElement {
  return el(
    'TeamMessage',
    {},
    field('uri', uris.teamMessage(m.id)),
    field('id', m.id),
    el(
      'createdBy',
      {},
      field('id', m.createdBy.id),
      field('firstName', m.createdBy.firstName),
      field('lastName', m.createdBy.lastName),
    ),
    field('createdAt', m.createdAt),
    field('duration', m.duration),
    field('content', m.content),
    el('teams', {}, ...m.teamIds.map((t) => field('team', t))),
  );
}
/**
 * `GET /LockedOutUsers` (finesse-api.md §1.1 names the serviceability resource without its shape;
 * inferred): one `<LockedOutUser>` per locked account, with the time its last lock ends (ISO-8601
 * UTC), then where it is locked: `<lockedFrom>` holds `<address>` per address locked out (an IPv4
 * address or an IPv6 /64), and `<address>*</address>` when it is locked for every address but the
 * familiar ones (src/auth/lockout.ts).
 */
export function renderLockedOutUsers(users: readonly LockedOutUser[]): string {
  return list(
    'LockedOutUsers',
    users.map((u) =>
      el(
        'LockedOutUser',
        {},
        field('uri', `${API}/User/${u.id}`),
        field('loginId', u.id),
        field('loginName', u.loginName),
        field('firstName', u.firstName),
        field('lastName', u.lastName),
        field('lockedUntil', new Date(u.lockedUntil).toISOString()),
        el(
          'lockedFrom',
          {},
          ...(u.isLockedEverywhere ? ['*'] : []).concat(u.addresses).map((a) => field('address', a)),
        ),
      ),
    ),
  );
}

export const renderTeamMessage = (m: TeamMessage) => buildTeamMessage(m).toString();
export const renderTeamMessages = (ms: readonly TeamMessage[]) =>
  list('TeamMessages', ms.map(buildTeamMessage));

/** `<SystemConfig>{uri, cti{host, port, backupHost, backupPort, peripheralId, secure}}` (§1.10). */
export function renderSystemConfig(c: SystemConfig): string {
  const { cti } = c;
  return el(
    'SystemConfig',
    {},
    field('uri', `${API}/SystemConfig`),
    el(
      'cti',
      {},
      field('host', cti.host),
      field('port', cti.port),
      field('backupHost', cti.backupHost),
      field('backupPort', cti.backupPort),
      field('peripheralId', cti.peripheralId),
      field('secure', cti.secure),
    ),
  ).toString();
}

export function renderClusterConfig(c: ClusterConfig): string {
  return el(
    'ClusterConfig',
    {},
    field('uri', `${API}/ClusterConfig`),
    el('secondaryNode', {}, field('host', c.secondaryNode.host)),
  ).toString();
}

/**
 * A user's configuration (`/UserConfig/{id}`, Switchboard's own: Finesse takes users from the
 * contact center): uri, loginId, loginName, firstName, lastName, roles, teamId, teamName, and the
 * supervised teams as `teams` the way the User object lists them. Never the password.
 */
export function buildUserConfig(u: UserConfig): XmlElement {
  return el(
    'User',
    {},
    field('uri', uris.userConfig(u.id)),
    field('loginId', u.id),
    field('loginName', u.loginName),
    field('firstName', u.firstName),
    field('lastName', u.lastName),
    el('roles', {}, ...u.roles.map((r) => field('role', r))),
    field('teamId', u.teamId),
    field('teamName', u.teamName),
    el(
      'teams',
      {},
      ...u.supervisedTeams.map((t) =>
        el('Team', {}, field('id', t.id), field('name', t.name), field('uri', teamUri(t.id))),
      ),
    ),
  );
}
export const renderUserConfig = (u: UserConfig) => buildUserConfig(u).toString();
export const renderUserConfigs = (us: readonly UserConfig[]) => list('Users', us.map(buildUserConfig));
