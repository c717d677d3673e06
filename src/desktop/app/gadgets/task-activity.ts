/**
 * The container's side of TaskActivityNotification (finesse-js/task-activity.ts): the tasks
 * gadgets said are active, newest per (from, taskId), so that a gadget loaded or reloaded later
 * can ask for them (`requestCurrentTasks`). Pure: values in, values out.
 */

export interface TaskActivity {
  from: string;
  message: { taskId: string; active: boolean; timestamp: number; [key: string]: unknown };
}

/** At most this many tasks held (then the one held longest goes): a gadget gone wrong must not grow the page without end. */
const MAX_TASKS = 200;

export class TaskActivities {
  readonly #tasks = new Map<string, TaskActivity>();

  /**
   * Takes a notification a gadget sent; returns it as it is to be published, or undefined when
   * it is malformed or older than the one held for that task (the newest timestamp wins).
   */
  take(data: unknown): TaskActivity | undefined {
    const d = data as { from?: unknown; message?: Record<string, unknown> } | undefined;
    const m = d?.message;
    if (typeof d?.from !== 'string' || !d.from || !m || typeof m !== 'object') return undefined;
    if (typeof m.taskId !== 'string' && typeof m.taskId !== 'number') return undefined;
    const task: TaskActivity = {
      from: d.from,
      message: {
        ...m,
        taskId: String(m.taskId),
        active: m.active === true || m.active === 'true',
        timestamp: Number(m.timestamp) || 0,
      },
    };
    const key = JSON.stringify([task.from, task.message.taskId]);
    const held = this.#tasks.get(key);
    if (held && held.message.timestamp > task.message.timestamp) return undefined;
    this.#tasks.delete(key);
    if (task.message.active) {
      if (this.#tasks.size >= MAX_TASKS) this.#tasks.delete(this.#tasks.keys().next().value as string);
      this.#tasks.set(key, task);
    }
    return task;
  }

  /** The active tasks, oldest first. */
  current(): TaskActivity[] {
    return [...this.#tasks.values()].sort((a, b) => a.message.timestamp - b.message.timestamp);
  }

  clear(): void {
    this.#tasks.clear();
  }
}
