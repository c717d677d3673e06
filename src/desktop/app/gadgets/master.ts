/// <reference lib="dom" />
/**
 * The master side of finesse.js, held by the desktop page (gadgets.md §D.3–D.5): the page's one
 * notification connection is fanned out to the gadgets on `finesse.api.*` topics, and it answers
 * what gadgets ask on `finesse.info.requests` (ConnectionInfoReq, SubscribeNodeReq,
 * UnsubscribeNodeReq; ConnectionReq refused) and `finesse.containerservices.requests`
 * (ActiveTabReq, SetActiveTabReq, ReloadGadgetReq, and TaskActivityNotification's TaskSelectionReq
 * and CurrentTasksReq, task-activity.ts). Gadgets' ClientLogger lines land in the
 * desktop's client log, which "Send Error Report" uploads to `POST /User/{id}/ClientLog`.
 */

import { TASK_TOPIC } from '../../finesse-js/task-activity.ts';
import { xml2js } from '../../finesse-js/xml2js.ts';
import type { ClientLog } from '../client/client-log.ts';
import type { GadgetContainer } from './container.ts';
import { TaskActivities } from './task-activity.ts';

export const TOPICS = {
  requests: 'finesse.info.requests',
  connection: 'finesse.info.connection',
  responses: 'finesse.info.responses',
  containerRequests: 'finesse.containerservices.requests',
  activeTab: 'finesse.containerservices.activeTab',
  workflowAction: 'finesse.containerservices.workflowActionEvent',
  timerTick: 'finesse.containerservices.timerTickEvent',
  reloadGadget: 'finesse.containerservices.reloadGadget',
  /** Ours (finesse-js/task-activity.ts): task notifications; `.<gadget id>` for one gadget. */
  taskActivity: TASK_TOPIC,
  clientLogging: 'finesse.clientLogging',
} as const;

/** XMPP node → hub topic: leading `/` dropped, `/` → `.` (clientservices/Topics.getTopic). */
export const topicOf = (node: string) => node.replace(/^\//, '').replace(/\//g, '.');

export interface MasterOptions {
  container: GadgetContainer;
  log: ClientLog;
  /** The XMPP resource of the desktop's session (`desktop`). */
  resourceID: string;
  subscribeNode(node: string): Promise<void>;
  /** Period of TIMER_TICK_EVENT (Finesse: 1000 ms). */
  tickMs?: number;
}

interface Request {
  type?: string;
  data?: Record<string, unknown>;
  invokeID?: string | number;
}

export class Master {
  readonly #o: MasterOptions;
  #status = 'connected';
  readonly #nodeUsers = new Map<string, number>();
  #tick: ReturnType<typeof setInterval> | undefined;
  readonly #parser = new DOMParser();
  readonly #tasks = new TaskActivities();

  constructor(opts: MasterOptions) {
    this.#o = opts;
    const c = opts.container;
    c.subscribe(TOPICS.requests, (_t, data) => void this.#onInfoRequest(data as Request));
    c.subscribe(TOPICS.containerRequests, (_t, data) => this.#onContainerRequest(data as Request));
    c.subscribe(`${TOPICS.clientLogging}.**`, (topic, data) => this.#onClientLog(topic, data));
  }

  /** A notification the desktop received: to the gadgets, on its node's topic. */
  notify(node: string, xml: string): void {
    if (this.#o.container.frameCount === 0) return;
    const object = xml2js(xml, this.#parser);
    if (!object) return;
    this.#o.container.publish(topicOf(node), { content: xml, object });
  }

  /**
   * The desktop's connection changed: gadgets hear `failing` when it drops and `recovered` when it
   * is back (then every REST object of theirs reloads), as from finesse.js's master in failover.
   */
  connection(state: 'connected' | 'disconnected' | 'replaced'): void {
    const next =
      state === 'replaced'
        ? 'conflict'
        : state === 'disconnected'
          ? 'failing'
          : this.#status === 'failing'
            ? 'recovered'
            : 'connected';
    if (next === this.#status || (next === 'connected' && this.#status === 'recovered')) return;
    this.#status = next;
    this.#o.log.log('Container', `Gadgets told: connection ${next}`);
    this.#publishConnection();
  }

  activeTab(id: string): void {
    this.#o.container.publish(TOPICS.activeTab, id);
  }

  /** TIMER_TICK_EVENT while gadgets are on the page. */
  start(): void {
    clearInterval(this.#tick);
    const ms = this.#o.tickMs ?? 1000;
    this.#tick = setInterval(() => {
      if (this.#o.container.frameCount > 0)
        this.#o.container.publish(TOPICS.timerTick, { dateQueued: Date.now(), tickFrequency: ms });
    }, ms);
  }

  stop(): void {
    clearInterval(this.#tick);
    this.#tick = undefined;
    this.#status = 'connected';
    this.#nodeUsers.clear();
    this.#tasks.clear();
  }

  #publishConnection(invokeID?: string | number): void {
    const info: Record<string, unknown> = { status: this.#status, resourceID: this.#o.resourceID };
    if (invokeID !== undefined) info.invokeID = invokeID;
    this.#o.container.publish(TOPICS.connection, info);
  }

  #respond(invokeID: string | number | undefined, result: unknown): void {
    if (invokeID === undefined || invokeID === null || String(invokeID) === '') return;
    this.#o.container.publish(`${TOPICS.responses}.${invokeID}`, result);
  }

  async #onInfoRequest(req: Request): Promise<void> {
    const { log } = this.#o;
    switch (req?.type) {
      case 'ConnectionInfoReq':
        this.#publishConnection(req.invokeID);
        return;
      case 'SubscribeNodeReq': {
        const node = String(req.data?.node ?? '');
        if (!node.startsWith('/finesse/api/')) {
          this.#respond(req.invokeID, {
            error: { errorType: 'parseError', errorMessage: `bad node ${node}` },
          });
          return;
        }
        const users = this.#nodeUsers.get(node) ?? 0;
        this.#nodeUsers.set(node, users + 1);
        if (users > 0) {
          this.#respond(req.invokeID, undefined);
          return;
        }
        try {
          await this.#o.subscribeNode(node);
          log.log('Container', `Gadgets: subscribed to node ${node}`);
          this.#respond(req.invokeID, undefined);
        } catch (err) {
          this.#nodeUsers.set(node, (this.#nodeUsers.get(node) ?? 1) - 1);
          this.#respond(req.invokeID, {
            error: {
              errorType: this.#status === 'connected' ? 'Disconnected' : 'Not connected',
              errorMessage: (err as Error).message,
            },
          });
        }
        return;
      }
      case 'UnsubscribeNodeReq': {
        // The desktop keeps its XMPP subscriptions until sign-out (it may use the node itself):
        // a gadget leaving only lowers the count.
        const node = String(req.data?.node ?? '');
        const users = this.#nodeUsers.get(node) ?? 0;
        if (users > 0) this.#nodeUsers.set(node, users - 1);
        this.#respond(req.invokeID, undefined);
        return;
      }
      case 'ConnectionReq':
        log.log('Container', 'F403: a gadget asked for a notification connection of its own; refused');
        this.#respond(req.invokeID, {
          error: { errorType: 'Not allowed', errorMessage: 'gadgets share the desktop connection' },
        });
        return;
      default:
        return;
    }
  }

  #onContainerRequest(req: Request): void {
    const { container } = this.#o;
    switch (req?.type) {
      case 'ActiveTabReq':
        this.activeTab(container.tabs?.getActiveTab() ?? '');
        return;
      case 'SetActiveTabReq':
        container.tabs?.activateTab(String(req.data?.id ?? ''));
        return;
      case 'ReloadGadgetReq':
        container.reloadGadget(String(req.data?.gadgetId ?? ''));
        return;
      case 'TaskSelectionReq': {
        const task = this.#tasks.take(req.data);
        if (task) container.publish(TOPICS.taskActivity, task);
        return;
      }
      case 'CurrentTasksReq': {
        const gadgetId = String(req.data?.gadgetId ?? '');
        if (!/^[\w-]+$/.test(gadgetId)) return;
        for (const task of this.#tasks.current())
          container.publish(`${TOPICS.taskActivity}.${gadgetId}`, task);
        return;
      }
      default:
        return;
    }
  }

  /** The line is ClientLogger's (`… : <gadgetId> : <msg>`): kept as `<gadgetId> : <msg>`. */
  #onClientLog(topic: string, data: unknown): void {
    const gadgetId = topic.slice(TOPICS.clientLogging.length + 1) || 'Gadget';
    const line = typeof data === 'string' ? data : JSON.stringify(data);
    const marker = ` : ${gadgetId} : `;
    const at = line.indexOf(marker);
    this.#o.log.log(gadgetId, at >= 0 ? line.slice(at + marker.length) : line);
  }
}
