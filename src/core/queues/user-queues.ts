import { nodes, type Publisher, type Queue, type QueueConfig, type UserConfig } from '../model.ts';

/**
 * Whose queue a queue is (`GET /User/{id}/Queues`): a queue configured without teams is
 * everybody's; otherwise it belongs to its teams' members and to their supervisors (Finesse: "all
 * queues assigned to all team members of the supervised teams").
 */
export function isUsersQueue(user: UserConfig, queue: QueueConfig): boolean {
  if (queue.teamIds === undefined || queue.teamIds.length === 0) return true;
  const teams = new Set([user.teamId, ...user.supervisedTeams.map((t) => t.id)]);
  return queue.teamIds.some((t) => teams.has(t));
}

/**
 * The User/Queues notifications (Finesse "User/Queue Notification"): when a queue is added to or
 * removed from a user's list — the queue was created or deleted, its teams changed, or the user
 * changed team — the user's `/finesse/api/User/{id}/Queues` node gets a POST with the queues
 * added, or a DELETE with those taken away, as `<Queues>` with source the same URI.
 */
export class UserQueues {
  readonly #publisher: Publisher;
  /** Each user's queues as last told (or, the first time, as found): user id → queue id → view. */
  #known: Map<string, Map<string, Queue>> | undefined;

  constructor(publisher: Publisher) {
    this.#publisher = publisher;
  }

  /** The users' lists now: the first call only records them, later calls publish what changed. */
  update(users: readonly UserConfig[], queuesOf: (user: UserConfig) => Queue[]): void {
    const next = new Map(users.map((u) => [u.id, new Map(queuesOf(u).map((q) => [q.id, q]))]));
    const before = this.#known;
    this.#known = next;
    if (!before) return;
    for (const [userId, now] of next) {
      const was = before.get(userId);
      // A user created since: its desktop reads its queues when it signs in.
      if (!was) continue;
      const added = [...now.values()].filter((q) => !was.has(q.id));
      const removed = [...was.values()].filter((q) => !now.has(q.id));
      const node = nodes.userQueues(userId);
      const publish = (event: 'POST' | 'DELETE', queues: typeof added) =>
        queues.length > 0 &&
        this.#publisher.publish(node, {
          data: { kind: 'queues', queues },
          event,
          requestId: '',
          source: node,
        });
      publish('POST', added);
      publish('DELETE', removed);
    }
  }
}
