/**
 * Notifications → the next desktop data (finesse-api.md §3.2). Pure: the session applies the
 * returned patch. Dialog events follow the CTI mapping of §1.4: POST adds, PUT changes, DELETE
 * removes.
 */
import type { Dialog, Update } from './client/models.ts';
import type { DesktopData } from './desktop-data.ts';

function upsert<T>(list: T[], item: T, same: (a: T) => boolean): T[] {
  const i = list.findIndex(same);
  if (i < 0) return [...list, item];
  const next = list.slice();
  next[i] = item;
  return next;
}

function applyDialogs(list: Dialog[], event: string, dialogs: Dialog[]): Dialog[] {
  let next = list;
  for (const d of dialogs) {
    next = event === 'DELETE' ? next.filter((x) => x.id !== d.id) : upsert(next, d, (x) => x.id === d.id);
  }
  return next;
}

export function applyUpdate(data: DesktopData, u: Update): Partial<DesktopData> | undefined {
  const d = u.data;
  switch (d.kind) {
    case 'user':
      return data.user && d.user.loginId === data.user.loginId ? { user: d.user } : undefined;
    case 'dialogs':
      return { dialogs: applyDialogs(data.dialogs, u.event, d.dialogs) };
    case 'dialog':
      return { dialogs: applyDialogs(data.dialogs, u.event, [d.dialog]) };
    case 'teamUser': {
      const team =
        data.teams.find((t) => t.id === d.user.teamId) ??
        data.teams.find((t) => u.node.includes(`/Team/${t.id}/`));
      if (!team) return undefined;
      const old = team.users.find((x) => x.loginId === d.user.loginId);
      // Summaries may leave names out; keep the ones already known.
      const merged = {
        ...d.user,
        firstName: d.user.firstName || old?.firstName || '',
        lastName: d.user.lastName || old?.lastName || '',
      };
      const users = upsert(team.users, merged, (x) => x.loginId === d.user.loginId);
      return { teams: data.teams.map((t) => (t === team ? { ...t, users } : t)) };
    }
    case 'teamMessage': {
      const others = data.teamMessages.filter((m) => m.id !== d.message.id);
      return { teamMessages: u.event === 'DELETE' ? others : [...others, d.message] };
    }
    case 'queue':
      if (!data.queues) return undefined;
      return u.event === 'DELETE'
        ? { queues: data.queues.filter((q) => q.id !== d.queue.id) }
        : { queues: upsert(data.queues, d.queue, (q) => q.id === d.queue.id) };
    default:
      return undefined;
  }
}
