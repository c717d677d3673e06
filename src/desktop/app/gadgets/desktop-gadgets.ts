/// <reference lib="dom" />
/**
 * The gadget platform's life in the desktop page, per sign-in: the credentials finesse.js reads
 * (`sessionStorage.userFinesseAuth`, gadgets.md §D.1), the layout chosen and put on the page,
 * the user's workflows, notifications fanned out, connection changes told, and everything torn
 * down at sign-out.
 */
import type { ClientLog } from '../client/client-log.ts';
import type { Update } from '../client/models.ts';
import type { RestClient } from '../client/rest.ts';
import type { DesktopData } from '../desktop-data.ts';
import type { BuiltinPanel } from './builtins.ts';
import { GadgetContainer } from './container.ts';
import { chooseLayout } from './layout-source.ts';
import { LayoutView } from './layout-view.ts';
import { Master } from './master.ts';
import { WorkflowRunner } from './workflow-runner.ts';

/** Where finesse.js finds the signed-in user's credentials (Utilities.getUserAuthString). */
export const AUTH_KEY = 'userFinesseAuth';

export interface DesktopGadgetsOptions {
  log: ClientLog;
  rest: RestClient;
  origin: string;
  data: () => DesktopData;
  subscribeNode: (node: string) => Promise<void>;
  panel: (p: BuiltinPanel) => HTMLElement;
  /** The layout appeared or went away, or its visible tab changed. */
  onChange: (view: LayoutView | undefined) => void;
  /** A layout problem the agent should see. */
  notice: (text: string) => void;
}

function b64(s: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(s)));
}

export function gadgetPrefs(origin: string, d: DesktopData): Record<string, string> {
  const u = new URL(origin);
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  const domain = d.systemInfo?.xmppDomain ?? '';
  return {
    host: u.hostname,
    hostPort: port,
    scheme: u.protocol.replace(/:$/, ''),
    restHost: u.hostname,
    localhostFQDN: u.hostname,
    localhostPort: port,
    xmppDomain: domain,
    pubsubDomain: d.systemInfo?.xmppPubSubDomain || (domain ? `pubsub.${domain}` : ''),
    extension: d.user?.extension ?? '',
    mobileAgentMode: '',
    mobileAgentDialNumber: '',
    locale: 'en_US',
    language: 'en',
    country: 'US',
    teamId: d.user?.teamId ?? '',
    teamName: d.user?.teamName ?? '',
    compatibilityMode: '',
    peripheralId: '',
    clientDriftInMillis: String(d.driftMs ?? 0),
    id: d.user?.loginId ?? '',
  };
}

export class DesktopGadgets {
  readonly container: GadgetContainer;
  readonly master: Master;
  readonly workflows: WorkflowRunner;
  readonly #o: DesktopGadgetsOptions;
  #view: LayoutView | undefined;
  #generation = 0;
  readonly #skipped = new Set<string>();

  constructor(opts: DesktopGadgetsOptions) {
    this.#o = opts;
    this.container = new GadgetContainer({
      log: opts.log,
      origin: opts.origin,
      authorization: () => {
        const a = readAuth();
        return a ? `Basic ${a}` : undefined;
      },
      prefs: () => gadgetPrefs(opts.origin, opts.data()),
    });
    this.container.install(window);
    this.master = new Master({
      container: this.container,
      log: opts.log,
      resourceID: 'desktop',
      subscribeNode: opts.subscribeNode,
    });
    this.workflows = new WorkflowRunner({
      log: opts.log,
      rest: opts.rest,
      container: this.container,
      origin: opts.origin,
      authorization: () => {
        const a = readAuth();
        return a ? `Basic ${a}` : undefined;
      },
      notice: opts.notice,
    });
  }

  get view(): LayoutView | undefined {
    return this.#view;
  }

  /**
   * After a successful sign-in: credentials for finesse.js (none given: a reload resumed with a
   * session token, and the ones stored at the first sign-in stay), then the layout.
   */
  async start(loginId: string, password: string | undefined): Promise<void> {
    const generation = ++this.#generation;
    try {
      if (password !== undefined) sessionStorage.setItem(AUTH_KEY, b64(`${loginId}:${password}`));
    } catch {
      // storage disabled: gadgets cannot sign in, the desktop itself still works
    }
    const { log } = this.#o;
    const user = this.#o.data().user;
    const [chosen] = await Promise.all([
      chooseLayout(this.#o.rest, loginId, user?.teamId ?? ''),
      this.workflows.load(loginId),
    ]);
    if (generation !== this.#generation) return; // signed out meanwhile
    log.log('Container', `Desktop layout: ${chosen.source} (version ${chosen.layout.version || '?'})`);
    if (chosen.problem) this.#o.notice(chosen.problem);
    this.#view = new LayoutView({
      layout: chosen.layout,
      container: this.container,
      origin: this.#o.origin,
      panel: this.#o.panel,
      problem: chosen.problem,
      onActiveTab: (id) => {
        this.master.activeTab(id);
        this.#o.onChange(this.#view);
      },
      onSkip: (what) => {
        if (this.#skipped.has(what)) return;
        this.#skipped.add(what);
        log.log('Container', `Layout: left out ${what}`);
      },
    });
    this.master.start();
    this.#o.onChange(this.#view);
  }

  stop(): void {
    this.#generation++;
    this.master.stop();
    this.workflows.clear();
    this.#view?.destroy();
    this.#view = undefined;
    this.#skipped.clear();
    try {
      sessionStorage.removeItem(AUTH_KEY);
    } catch {
      // nothing was kept
    }
    this.#o.onChange(undefined);
  }

  /** Every notification the desktop receives goes to the gadgets too. */
  notify(u: Update): void {
    if (!u.xml?.trimStart().startsWith('<')) return;
    this.master.notify(u.node, u.xml);
    this.workflows.onUpdate(u, this.#o.data().user?.extension ?? '');
  }
}

function readAuth(): string | undefined {
  try {
    return sessionStorage.getItem(AUTH_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}
