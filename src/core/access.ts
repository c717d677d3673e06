import type { Principal, UserConfig } from './model.ts';

/**
 * Who may see or act on which user (finesse-api.md §1: an agent only itself, a supervisor the
 * agents of the teams it supervises, an administrator every user for reading).
 */
export type UserAccess = 'self' | 'supervisor' | 'administrator' | 'none';

export function userAccess(actor: Principal, target: UserConfig): UserAccess {
  if (actor.id === target.id) return 'self';
  if (actor.roles.includes('Supervisor') && actor.supervisedTeams.some((t) => t.id === target.teamId)) {
    return 'supervisor';
  }
  if (actor.roles.includes('Administrator')) return 'administrator';
  return 'none';
}

const USER_NODE = /^\/finesse\/api\/User\/([^/]+)(?:\/(Dialogs|ClientLog|Queues|Media))?$/;
const TEAM_NODE = /^\/finesse\/api\/Team\/([^/]+)\/Users$/;
const TEAM_MESSAGES_NODE = /^\/finesse\/api\/Team\/([^/]+)\/TeamMessages$/;

/**
 * The pubsub read rule of the notification service (DESIGN: "an XMPP user subscribes only to
 * nodes it may read"): its own User, Dialogs, ClientLog and Queues nodes, the team nodes of teams
 * it supervises, its team's and its supervised teams' TeamMessages, queue nodes, and SystemInfo.
 */
export function mayReadNode(actor: Principal, node: string): boolean {
  if (node === '/finesse/api/SystemInfo') return true;
  const user = USER_NODE.exec(node);
  if (user) return user[1] === actor.id;
  const team = TEAM_NODE.exec(node);
  if (team) return actor.supervisedTeams.some((t) => t.id === team[1]);
  // A team's messages are for its members, and for the supervisors who send them.
  const messages = TEAM_MESSAGES_NODE.exec(node);
  if (messages)
    return actor.teamId === messages[1] || actor.supervisedTeams.some((t) => t.id === messages[1]);
  // Queue statistics are readable by any signed-in user (finesse-api.md §1.1: GET Queue is A, S).
  if (/^\/finesse\/api\/Queue\/[^/]+$/.test(node)) return true;
  return false;
}
