/// <reference lib="dom" />
// biome-ignore-all lint/suspicious/noExplicitAny: gadgets' task messages are free-form JSON
/**
 * `finesse.containerservices.TaskActivityNotification` (gadgets.md §C.5, Finesse 12.5(1) ES3+):
 * gadgets tell each other which non-voice task is active. `notifyTaskSelection(from, message)`
 * publishes `{from, message}` (message `{taskId, active, mediaType, timestamp?, contextInfo?}`,
 * `timestamp` filled with now when missing), `registerForTaskNotifications(cb)` hears every one,
 * `requestCurrentTasks()` has the container send this gadget the tasks it holds.
 *
 * The hub traffic behind it is ours (§F allows it): notifications go to the container as a
 * `TaskSelectionReq` on the container-services request topic; the container keeps the newest per
 * (from, taskId) — an inactive task is dropped — and publishes each on TASK_TOPIC; a
 * `CurrentTasksReq` gets the held tasks on `TASK_TOPIC.<gadget id>`, for the asking gadget only.
 */
import { callSafely } from '../gadget-runtime/call-safely.ts';
import { g, hub } from './gadgets-api.ts';

export const TASK_TOPIC = 'finesse.containerservices.taskActivity';
const REQUESTS = 'finesse.containerservices.requests';

type TaskCallback = (task: { from: string; message: any }) => void;
const callbacks: TaskCallback[] = [];
let subscribed = false;

const myGadgetId = () => String(g()?.util?.getUrlParameters?.().mid ?? '');

function deliver(_topic: string, task: any): void {
  if (!task || typeof task.from !== 'string' || typeof task.message !== 'object') return;
  for (const cb of [...callbacks]) callSafely(() => cb(task));
}

export const TaskActivityNotification = {
  init(_containerServices?: unknown) {
    return TaskActivityNotification;
  },

  notifyTaskSelection(from: string, message: any): void {
    if (typeof from !== 'string' || !from) throw new Error('TaskActivityNotification: "from" is required');
    if (!message || typeof message !== 'object' || message.taskId === undefined)
      throw new Error('TaskActivityNotification: the message needs a taskId');
    const stamped = { ...message, timestamp: Number(message.timestamp) || Date.now() };
    hub().publish(REQUESTS, {
      type: 'TaskSelectionReq',
      data: { from, message: stamped },
      invokeID: Date.now(),
    });
  },

  registerForTaskNotifications(cb: TaskCallback): void {
    if (typeof cb !== 'function') throw new Error('TaskActivityNotification: a callback is required');
    callbacks.push(cb);
    if (subscribed) return;
    subscribed = true;
    hub().subscribe(TASK_TOPIC, deliver);
    hub().subscribe(`${TASK_TOPIC}.${myGadgetId()}`, deliver);
  },

  requestCurrentTasks(): void {
    hub().publish(REQUESTS, {
      type: 'CurrentTasksReq',
      data: { gadgetId: myGadgetId() },
      invokeID: Date.now(),
    });
  },
};
