/**
 * `<sb-desktop>`: the page frame — banner, top bar (pages the user's roles allow, the user,
 * "Send Error Report"), notices — and the current page: sign-in, agent desktop, team view,
 * admin pages or the local client log. Child components are created once and fed properties,
 * so focus, open menus and typed input survive every update.
 *
 * The agent and team pages are the user's desktop layout (`layout`, gadgets/layout-view.ts) for the
 * Agent and Supervisor roles: the panels below are its built-in gadgets (`panel()`), placed where
 * the layout says. `main` is kept from render to render, so the layout (and its gadget iframes)
 * never leaves the document.
 *
 * Properties in: `data` (DesktopData), `admin` (AdminState), `page` ('agent' | 'team' | 'admin' | 'log'),
 * `logText`, `signInDefaults`, `layout`.
 * Events out: `sb-error-report`, `sb-sign-out` (users without the Agent role), plus everything its
 * children send.
 */
import type { AdminState } from '../admin.ts';
import type { DesktopData } from '../desktop-data.ts';
import { isAdmin, isAgent, isSupervisor } from '../desktop-data.ts';
import type { BuiltinPanel } from '../gadgets/builtins.ts';
import type { LayoutView } from '../gadgets/layout-view.ts';
import { define, h, patch, SbElement } from './dom.ts';
import { emit } from './events.ts';
import './sb-admin-page.ts';
import './sb-agent-header.ts';
import './sb-banner.ts';
import './sb-call-panel.ts';
import './sb-keypad.ts';
import './sb-log-view.ts';
import './sb-notices.ts';
import './sb-phonebook.ts';
import './sb-queue-stats.ts';
import './sb-sign-in.ts';
import './sb-team-messages.ts';
import './sb-team-view.ts';
import './sb-troubleshooting.ts';
import type { TroubleshootingState } from '../troubleshooting.ts';

export type Page = 'agent' | 'team' | 'admin' | 'troubleshooting' | 'log';

export class SbDesktop extends SbElement {
  #data: DesktopData | undefined;
  #admin: AdminState | undefined;
  #troubleshooting: TroubleshootingState | undefined;
  #page: Page = 'agent';
  #layout: LayoutView | undefined;
  readonly #main = h('main', { id: 'main', tabindex: '-1' });
  readonly #c = {
    banner: document.createElement('sb-banner'),
    teamMessages: document.createElement('sb-team-messages'),
    notices: document.createElement('sb-notices'),
    signIn: document.createElement('sb-sign-in'),
    header: document.createElement('sb-agent-header'),
    calls: document.createElement('sb-call-panel'),
    dial: document.createElement('sb-keypad'),
    phonebook: document.createElement('sb-phonebook'),
    team: document.createElement('sb-team-view'),
    queues: document.createElement('sb-queue-stats'),
    admin: document.createElement('sb-admin-page'),
    troubleshooting: document.createElement('sb-troubleshooting'),
    log: document.createElement('sb-log-view'),
  };
  readonly #makeCall = h('section', { class: 'card make-call' }, h('h2', null, 'Make a call'), this.#c.dial);
  readonly #panels: Record<BuiltinPanel, HTMLElement> = {
    header: this.#c.header,
    calls: this.#c.calls,
    makeCall: this.#makeCall,
    phonebook: this.#c.phonebook,
    team: this.#c.team,
    queues: this.#c.queues,
    log: this.#c.log,
  };

  /** The desktop's own element for a built-in layout panel (one element wherever it is placed). */
  panel(p: BuiltinPanel): HTMLElement {
    return this.#panels[p];
  }

  /** The signed-in user's layout; undefined while it loads and after sign-out. */
  set layout(v: LayoutView | undefined) {
    this.#layout = v;
    this.requestRender();
  }

  /** The client-log panel is on screen (on the log page or in a layout tab): feed it the log. */
  get showsLog(): boolean {
    return this.#c.log.isConnected && this.#c.log.offsetParent !== null;
  }

  set data(v: DesktopData) {
    this.#data = v;
    this.requestRender();
  }
  set admin(v: AdminState) {
    this.#admin = v;
    this.requestRender();
  }
  set troubleshooting(v: TroubleshootingState) {
    this.#troubleshooting = v;
    this.requestRender();
  }
  set page(v: Page) {
    this.#page = v;
    this.requestRender();
  }
  set logText(v: string) {
    this.#c.log.text = v;
  }
  set signInDefaults(v: { id: string; extension: string }) {
    this.#c.signIn.defaults = v;
  }

  /** The pages this user may open, in nav order. */
  pagesFor(d: DesktopData | undefined): Page[] {
    const u = d?.user;
    const pages: Page[] = [];
    if (isAgent(u)) pages.push('agent');
    if (isSupervisor(u)) pages.push('team');
    if (isAdmin(u)) pages.push('admin', 'troubleshooting');
    return pages;
  }

  #nav(pages: Page[], current: Page) {
    const names: Record<Page, string> = {
      agent: 'Agent',
      team: 'Team',
      admin: 'Administration',
      troubleshooting: 'Troubleshooting',
      log: 'Client log',
    };
    return h(
      'nav',
      { class: 'pages', 'aria-label': 'Pages' },
      [...pages, 'log' as const].map((p) =>
        h(
          'a',
          { href: `#/${p}`, 'aria-current': p === current ? 'page' : undefined, 'data-key': `nav-${p}` },
          names[p],
        ),
      ),
    );
  }

  #feed(d: DesktopData): void {
    const c = this.#c;
    c.banner.connection = d.phase === 'signed-in' ? d.connection : 'connected';
    c.banner.server = d.server;
    c.notices.notices = d.notices;
    c.teamMessages.messages = d.phase === 'signed-in' ? d.teamMessages : [];
    c.signIn.error = d.signInError;
    c.signIn.busy = d.phase === 'signing-in';
    c.header.notReadyReasons = d.notReadyReasons;
    c.header.logoutReasons = d.logoutReasons;
    c.header.user = d.user;
    c.calls.extension = d.user?.extension ?? '';
    c.calls.wrapUpReasons = d.wrapUpReasons;
    c.calls.layout = d.layout;
    c.calls.dialogs = d.dialogs;
    c.dial.disabled = !d.user || d.user.state === 'LOGOUT';
    c.phonebook.books = d.phoneBooks;
    c.team.reasons = d.notReadyReasons;
    c.team.teams = d.teams;
    c.queues.queues = d.queues;
  }

  protected render() {
    const d = this.#data;
    if (!d) return null;
    this.#feed(d);
    const c = this.#c;
    const signedIn = d.phase === 'signed-in';
    const pages = this.pagesFor(d);
    const page: Page =
      this.#page === 'log' || pages.includes(this.#page) ? this.#page : (pages[0] ?? 'agent');
    let main: Node | Node[];
    const layout = signedIn ? this.#layout : undefined;
    if (page === 'log') main = c.log;
    else if (!signedIn) main = c.signIn;
    else if (page === 'agent' || page === 'team') {
      if (layout) layout.show(page === 'team' ? 'Supervisor' : 'Agent');
      main = layout ? [] : h('p', { class: 'loading' }, 'Loading the desktop layout…');
    } else if (page === 'troubleshooting') {
      if (this.#troubleshooting) c.troubleshooting.state = this.#troubleshooting;
      main = c.troubleshooting;
    } else {
      if (this.#admin) c.admin.state = this.#admin;
      main = c.admin;
    }
    // The layout stays in main on every page, hidden when another is up: its iframes live on.
    if (layout) layout.element.hidden = !(page === 'agent' || page === 'team');
    this.#main.dataset.page = signedIn || page === 'log' ? page : 'sign-in';
    patch(this.#main, layout?.element, main);
    return [
      c.banner,
      h(
        'div',
        { class: 'topbar' },
        h('span', { class: 'brand' }, 'Switchboard'),
        signedIn || page === 'log' ? this.#nav(signedIn ? pages : [], page) : null,
        h('span', { class: 'grow' }),
        signedIn && d.user && h('span', { class: 'who-small' }, `${d.user.firstName} ${d.user.lastName}`),
        signedIn &&
          h(
            'button',
            {
              type: 'button',
              class: 'btn quiet small',
              'data-key': 'error-report',
              onclick: () => emit(this, 'sb-error-report', {}),
            },
            'Send Error Report',
          ),
        // Agents sign out from their header, with a reason; everyone else signs out here.
        signedIn &&
          !isAgent(d.user) &&
          h(
            'button',
            {
              type: 'button',
              class: 'btn quiet small',
              'data-key': 'sign-out',
              onclick: () => emit(this, 'sb-sign-out', {}),
            },
            'Sign Out',
          ),
      ),
      c.teamMessages,
      c.notices,
      this.#main,
    ];
  }
}

define('sb-desktop', SbDesktop);
declare global {
  interface HTMLElementTagNameMap {
    'sb-desktop': SbDesktop;
  }
}
