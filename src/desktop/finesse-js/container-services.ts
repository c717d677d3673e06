/// <reference lib="dom" />
// biome-ignore-all lint/suspicious/noExplicitAny: hub payloads and the parent page are untyped
/**
 * `finesse.containerservices.ContainerServices` (gadgets.md §C.4): one object (WebexTeams uses the
 * singleton itself, others what `init()` returns), its topics, ACTIVE_TAB edge-triggered on this
 * gadget's own tab becoming visible, and the event wrappers (`WorkflowActionEvent`,
 * `TimerTickEvent`, `GadgetViewChangedEvent`, `MaxAvailableHeightChangedEvent`).
 */
import { callSafely } from '../gadget-runtime/call-safely.ts';
import { g, hub } from './gadgets-api.ts';

export const Topics = {
  ACTIVE_TAB: 'finesse.containerservices.activeTab',
  WORKFLOW_ACTION_EVENT: 'finesse.containerservices.workflowActionEvent',
  TIMER_TICK_EVENT: 'finesse.containerservices.timerTickEvent',
  RELOAD_GADGET_EVENT: 'finesse.containerservices.reloadGadget',
  GADGET_VIEW_CHANGED_EVENT: 'finesse.containerservices.gadgetViewChangedEvent',
  MAX_AVAILABLE_HEIGHT_CHANGED_EVENT: 'finesse.containerservices.maxAvailableHeightChangedEvent',
  ACTIVE_CALL_STATUS_EVENT: 'finesse.containerservices.activeCallStatusEvent',
  FINESSE_MAINTENANCE_MODE_EVENT: 'finesse.containerservices.maintenanceModeEvent',
} as const;

const REQUESTS = 'finesse.containerservices.requests';

export class WorkflowActionEvent {
  static HandledBy = { FINESSE: 'FINESSE', OTHER: 'OTHER' } as const;
  static ActionType = { BROWSER_POP: 'BROWSER_POP', HTTP_REQUEST: 'HTTP_REQUEST' } as const;
  readonly #d: any;

  constructor(data: any) {
    this.#d = data;
  }

  /** All five of name, type, handledBy, params and actionVariables, or the event is dropped. */
  static isValid(d: any): boolean {
    return !!d && ['name', 'type', 'handledBy', 'params', 'actionVariables'].every((k) => d[k] !== undefined);
  }

  getUri = (): string => this.#d.uri ?? '';
  getName = (): string => this.#d.name;
  getType = (): string => this.#d.type;
  getHandledBy = (): string => this.#d.handledBy;
  /** Keyed by param name: `{name, value, expandedValue}`. */
  getParams = (): Record<string, any> => byName(this.#d.params);
  /** Keyed by variable name: `{name, node, type, testValue, actualValue}`. */
  getActionVariables = (): Record<string, any> => byName(this.#d.actionVariables);
}

function byName(list: any): Record<string, any> {
  const out: Record<string, any> = {};
  for (const p of Array.isArray(list) ? list : []) if (p?.name !== undefined) out[p.name] = p;
  return out;
}

export class TimerTickEvent {
  readonly dateQueued: number;
  readonly tickFrequency: number;
  constructor(d: any) {
    this.dateQueued = Number(d?.dateQueued ?? Date.now());
    this.tickFrequency = Number(d?.tickFrequency ?? 1000);
  }
  getDateQueued = () => new Date(this.dateQueued);
  getTickFrequency = () => this.tickFrequency;
}

export class GadgetViewChangedEvent {
  readonly #d: any;
  constructor(d: any) {
    this.#d = d ?? {};
  }
  getGadgetId = () => this.#d.gadgetId;
  getTabId = () => this.#d.tabId;
  getMaxAvailableHeight = () => this.#d.maxAvailableHeight;
  getView = () => this.#d.view;
}

export class MaxAvailableHeightChangedEvent {
  readonly #d: any;
  constructor(d: any) {
    this.#d = d ?? {};
  }
  getMaxAvailableHeight = () => this.#d.maxAvailableHeight;
}

type Listener = (data: any) => void;
const listeners = new Map<string, Listener[]>();
const hubSubs = new Map<string, string>();
let visible = false;
let initialized = false;

function parentContainer(): any {
  try {
    return (parent as any)?.finesse?.container;
  } catch {
    return undefined;
  }
}

function myGadgetId(): string {
  return String(g()?.util?.getUrlParameters?.().mid ?? '');
}

/**
 * The tab id of the nearest `div.tab-panel` around this gadget's frame: its `data-tab` (kept while
 * its role's view is off screen and has no DOM ids), else its id with `panel_` removed.
 */
function myTabId(): string | undefined {
  try {
    const panel = (frameElement as HTMLElement | null)?.closest?.('div.tab-panel') as HTMLElement | null;
    return panel?.dataset?.tab || panel?.id?.replace(/^panel_/, '') || undefined;
  } catch {
    return undefined;
  }
}

function dispatch(topic: string, data: any): void {
  let arg = data;
  if (topic === Topics.ACTIVE_TAB) {
    const mine = myTabId();
    const nowVisible = mine === undefined || mine === String(data);
    const became = nowVisible && !visible;
    visible = nowVisible;
    if (!became) return;
  } else if (topic === Topics.WORKFLOW_ACTION_EVENT) {
    if (!WorkflowActionEvent.isValid(data)) return;
    arg = new WorkflowActionEvent(data);
  } else if (topic === Topics.TIMER_TICK_EVENT) arg = new TimerTickEvent(data);
  else if (topic === Topics.GADGET_VIEW_CHANGED_EVENT) arg = new GadgetViewChangedEvent(data);
  else if (topic === Topics.MAX_AVAILABLE_HEIGHT_CHANGED_EVENT)
    arg = new MaxAvailableHeightChangedEvent(data);
  for (const fn of [...(listeners.get(topic) ?? [])]) {
    callSafely(() => fn(arg));
  }
}

function ensureHubSub(topic: string): void {
  if (hubSubs.has(topic)) return;
  hubSubs.set(
    topic,
    hub().subscribe(topic, (t: string, data: any) => dispatch(t, data)),
  );
}

const normalize = (topic: string) => (topic === 'tabVisible' ? Topics.ACTIVE_TAB : topic);

export const ContainerServices = {
  Topics,

  init(_isMaster?: boolean) {
    if (!initialized) {
      initialized = true;
      // Visibility is tracked even without an ACTIVE_TAB handler (tabVisible()).
      ensureHubSub(Topics.ACTIVE_TAB);
    }
    ContainerServices.makeActiveTabReq();
    return ContainerServices;
  },

  addHandler(topic: string, cb: Listener): void {
    const t = normalize(topic);
    const list = listeners.get(t) ?? [];
    list.push(cb);
    listeners.set(t, list);
    ensureHubSub(t);
  },

  removeHandler(topic: string, cb: Listener): void {
    const t = normalize(topic);
    listeners.set(
      t,
      (listeners.get(t) ?? []).filter((x) => x !== cb),
    );
  },

  makeActiveTabReq(): void {
    hub().publish(REQUESTS, { type: 'ActiveTabReq', data: {}, invokeID: Date.now() });
  },

  tabVisible: (): boolean => visible,
  getMyGadgetId: myGadgetId,
  getMyTabId: myTabId,

  activateTab(id: string): void {
    hub().publish(REQUESTS, { type: 'SetActiveTabReq', data: { id }, invokeID: Date.now() });
  },

  activateMyTab(): void {
    const id = myTabId();
    if (id) ContainerServices.activateTab(id);
  },

  /** Drops this gadget's handlers and asks the container to load it again. */
  reloadMyGadget(): void {
    for (const id of hubSubs.values()) hub().unsubscribe(id);
    hubSubs.clear();
    listeners.clear();
    hub().publish(REQUESTS, {
      type: 'ReloadGadgetReq',
      data: { gadgetId: myGadgetId() },
      invokeID: Date.now(),
    });
  },

  reloadMyGadgetFromUrl(url: string): void {
    parentContainer()?.Container?.modifyGadgetUrl(myGadgetId(), url);
    ContainerServices.reloadMyGadget();
  },

  showDialog(options: unknown): void {
    parentContainer()?.Container?.showDialog(options);
  },

  hideDialog(): void {
    parentContainer()?.Container?.hideDialog();
  },

  getMyGadgetView: () => 'default',
};
