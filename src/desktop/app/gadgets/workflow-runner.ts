/// <reference lib="dom" />
/**
 * Runs the user's workflows in the desktop (workflows.ts decides what fires): an action handled
 * by the desktop opens its browser pop (`window.open`) or sends its HTTP request — to this node
 * with the agent's credentials (`location` FINESSE) or elsewhere through the makeRequest proxy
 * (`location` OTHER); an action handled by OTHER is published to the gadgets as
 * WORKFLOW_ACTION_EVENT. Every step goes to the client log.
 */
import type { ClientLog } from '../client/client-log.ts';
import type { Update } from '../client/models.ts';
import type { RestClient } from '../client/rest.ts';
import type { GadgetContainer } from './container.ts';
import { TOPICS } from './master.ts';
import {
  actionEvent,
  dialogDocuments,
  matches,
  parseWorkflows,
  type WorkflowActionEventData,
  type WorkflowDef,
} from './workflows.ts';

export interface WorkflowRunnerOptions {
  log: ClientLog;
  rest: RestClient;
  container: GadgetContainer;
  origin: string;
  /** The desktop's Authorization header (HTTP_REQUEST to this node). */
  authorization: () => string | undefined;
  /** A pop the browser blocked, or a request that failed: the agent should know. */
  notice: (text: string) => void;
  open?: (url: string, target: string) => Window | null;
}

/** Calls remembered per workflow, so a workflow fires once per call; the oldest are forgotten. */
const MAX_FIRED = 1000;

export class WorkflowRunner {
  readonly #o: WorkflowRunnerOptions;
  #workflows: WorkflowDef[] = [];
  readonly #fired = new Set<string>();
  readonly #parser = new DOMParser();

  constructor(opts: WorkflowRunnerOptions) {
    this.#o = opts;
  }

  get workflows(): readonly WorkflowDef[] {
    return this.#workflows;
  }

  async load(userId: string): Promise<void> {
    const res = await this.#o.rest.get(`/finesse/api/User/${encodeURIComponent(userId)}/Workflows`);
    this.#workflows = res.ok ? parseWorkflows(res.root) : [];
    if (res.ok) this.#o.log.log('Workflow', `${this.#workflows.length} workflow(s) for ${userId}`);
  }

  clear(): void {
    this.#workflows = [];
    this.#fired.clear();
  }

  /** A Dialogs notification: each workflow whose triggers and conditions hold now fires. */
  onUpdate(u: Update, extension: string): void {
    if (this.#workflows.length === 0 || !u.node.endsWith('/Dialogs') || !u.xml) return;
    if (u.data.kind === 'apiErrors') return;
    for (const dialog of dialogDocuments(u.xml, this.#parser)) {
      const id = dialog.documentElement.getElementsByTagName('id')[0]?.textContent ?? '';
      for (const w of this.#workflows) {
        const key = `${id}|${w.uri || w.name}`;
        if (this.#fired.has(key) || !matches(w, dialog, extension)) continue;
        this.#fired.add(key);
        if (this.#fired.size > MAX_FIRED) this.#fired.delete(this.#fired.values().next().value as string);
        this.#o.log.log('Workflow', `Workflow '${w.name}' fires for dialog ${id}`);
        for (const a of w.actions) void this.#run(actionEvent(a, dialog, extension));
      }
    }
  }

  async #run(ev: WorkflowActionEventData): Promise<void> {
    const { log } = this.#o;
    const param = (n: string) => ev.params.find((p) => p.name === n)?.expandedValue ?? '';
    if (ev.handledBy === 'OTHER') {
      log.log('Workflow', `Action '${ev.name}' (${ev.type}) handed to the gadgets`);
      this.#o.container.publish(TOPICS.workflowAction, ev);
      return;
    }
    if (ev.type === 'BROWSER_POP') {
      const url = param('path');
      const opened = (this.#o.open ?? ((u, t) => window.open(u, t)))(url, param('windowName') || '_blank');
      log.log(
        'Workflow',
        `Action '${ev.name}': browser pop ${url}${opened ? '' : ' (blocked by the browser)'}`,
      );
      if (!opened) this.#o.notice(`Workflow '${ev.name}': the browser blocked the pop-up for ${url}`);
      return;
    }
    if (ev.type === 'HTTP_REQUEST') {
      const toFinesse = param('location') !== 'OTHER';
      const path = param('path');
      const url = toFinesse ? new URL(path, this.#o.origin).href : path;
      const headers: Record<string, string> = {};
      const contentType = param('contentType');
      if (contentType) headers['Content-Type'] = contentType;
      const auth = this.#o.authorization();
      if (toFinesse && auth) headers.Authorization = auth;
      const method = param('method') || 'PUT';
      const r = await this.#o.container.makeRequest(url, {
        method,
        headers,
        body: param('body') || undefined,
        fullHeaders: false,
      });
      log.log('Workflow', `Action '${ev.name}': ${method} ${url} answered ${r.rc}`);
      if (r.rc < 200 || r.rc >= 300)
        this.#o.notice(`Workflow '${ev.name}': ${method} ${url} answered ${r.rc}`);
    }
  }
}
