/**
 * The GETs that fill a desktop after sign-in and again after every reconnect. The agent's four
 * come in the seed's order (Dialogs, ReasonCodes LOGOUT, ReasonCodes NOT_READY, PhoneBooks) so
 * the client log reads like the seed; APIs a server lacks (404/405/501) leave their panel hidden.
 */
import type { User } from './client/models.ts';
import {
  parseContact,
  parseDialog,
  parseList,
  parseMediaLayout,
  parsePhoneBook,
  parseQueue,
  parseReasonCode,
  parseTeamMessage,
  parseTeamUsers,
  parseWrapUpReason,
} from './client/parse.ts';
import type { RestClient } from './client/rest.ts';
import { child, childElements } from './client/xml.ts';
import type { DesktopData, PhoneBookView, TeamView } from './desktop-data.ts';

/** 404/405/501: the server has no such API (yet). Other failures are passing trouble. */
const isMissing = (status: number) => status === 404 || status === 405 || status === 501;

export async function loadAgentObjects(rest: RestClient, user: User): Promise<Partial<DesktopData>> {
  const base = `/finesse/api/User/${user.loginId}`;
  const dialogs = await rest.get(`${base}/Dialogs`);
  const logout = await rest.get(`${base}/ReasonCodes?category=LOGOUT`);
  const notReady = await rest.get(`${base}/ReasonCodes?category=NOT_READY`);
  const books = await rest.get(`${base}/PhoneBooks`);
  let phoneBooks: PhoneBookView[] | undefined;
  if (books.ok) {
    phoneBooks = [];
    for (const el of childElements(books.root, 'PhoneBook')) {
      const book = parsePhoneBook(el);
      // Contacts may come inline (as TeamResource returns them); otherwise from the book's list.
      const inline = child(el, 'Contacts');
      if (inline) {
        phoneBooks.push({ book, contacts: childElements(inline, 'Contact').map(parseContact) });
        continue;
      }
      const contacts = await rest.get(book.contactsUri);
      phoneBooks.push({
        book,
        contacts: contacts.ok ? parseList(contacts.text, 'Contact', parseContact) : [],
      });
    }
  }
  const wrapUps = await rest.get(`${base}/WrapUpReasons`);
  // How calls show their variables (the team's MediaPropertiesLayout).
  const layout = await rest.get(`${base}/MediaPropertiesLayout`);
  // The team's messages still showing (the banner); new ones come on the team's node.
  const messages = user.teamId ? await rest.get(`/finesse/api/Team/${user.teamId}/TeamMessages`) : undefined;
  const out: Partial<DesktopData> = {
    logoutReasons: logout.ok ? parseList(logout.text, 'ReasonCode', parseReasonCode) : [],
    notReadyReasons: notReady.ok ? parseList(notReady.text, 'ReasonCode', parseReasonCode) : [],
    wrapUpReasons: wrapUps.ok ? parseList(wrapUps.text, 'WrapUpReason', parseWrapUpReason) : [],
    phoneBooks,
    layout: layout.ok && layout.root ? parseMediaLayout(layout.root) : undefined,
    teamMessages: messages?.ok ? parseList(messages.text, 'TeamMessage', parseTeamMessage) : [],
  };
  if (dialogs.ok) out.dialogs = parseList(dialogs.text, 'Dialog', parseDialog);
  return out;
}

/** One team's members with their live state. */
export async function loadTeam(rest: RestClient, team: { id: string; name: string }): Promise<TeamView> {
  let res = await rest.get(`/finesse/api/Team/${team.id}/Users`);
  if (isMissing(res.status)) res = await rest.get(`/finesse/api/Team/${team.id}`);
  const users = res.ok && res.root ? parseTeamUsers(res.root, team.id) : [];
  return { id: team.id, name: team.name, users, unavailable: !res.ok };
}

/**
 * The supervised teams with their members, subscribed to their team nodes.
 * Brief: `GET Team/{id}/Users`; Finesse documents `GET Team/{id}` with `<users>` — either is read.
 */
export async function loadSupervisorObjects(
  rest: RestClient,
  user: User,
  subscribe: (node: string) => Promise<void>,
): Promise<Partial<DesktopData>> {
  const teams: TeamView[] = [];
  // A server that does not list supervised teams yet: fall back to the supervisor's own team.
  const supervised =
    user.teams.length > 0 ? user.teams : user.teamId ? [{ id: user.teamId, name: user.teamName }] : [];
  for (const team of supervised) {
    teams.push(await loadTeam(rest, team));
    await subscribe(`/finesse/api/Team/${team.id}/Users`).catch(() => {});
  }
  return { teams };
}

/**
 * The user's queues with their statistics, subscribed to their Queue nodes: agents see them on
 * their Home tab as supervisors do (Finesse's agent default layout has queue statistics there;
 * `User/{id}/Queues` and the Queue nodes are open to the agent). Without the API the panel stays hidden.
 */
export async function loadQueues(
  rest: RestClient,
  user: User,
  subscribe: (node: string) => Promise<void>,
): Promise<Partial<DesktopData>> {
  const q = await rest.get(`/finesse/api/User/${user.loginId}/Queues`);
  if (!q.ok) return { queues: undefined };
  const queues = parseList(q.text, 'Queue', parseQueue);
  for (const queue of queues) await subscribe(`/finesse/api/Queue/${queue.id}`).catch(() => {});
  return { queues };
}
