/// <reference lib="dom" />
/**
 * A `<finesseLayout>` on the page (gadgets.md §A.3, §D.5): the header components, then per role
 * the page-level gadgets, the tab bar (`#tab_<id>`) and the tab panels (`div.tab-panel#panel_<id>`,
 * class `active` when shown) with up to four columns of gadgets; hidden gadgets run out of sight.
 * Each role's view is built the first time it is shown and then kept, hidden when another page is
 * up: gadget iframes must never leave the document (they would reload). The desktop's own panels
 * are placed where the layout names them (builtins.ts) and move to whichever view is showing.
 */
import type { BuiltinPanel } from './builtins.ts';
import { builtinFor } from './builtins.ts';
import type { GadgetContainer, Tabs } from './container.ts';
import { type FinesseLayout, type GadgetRef, roleLayout, tabLabel } from './layout.ts';

export interface LayoutViewOptions {
  layout: FinesseLayout;
  container: GadgetContainer;
  origin: string;
  /** The desktop's element for a built-in panel (the same one wherever it is placed). */
  panel: (p: BuiltinPanel) => HTMLElement;
  /** A tab became the visible one (ACTIVE_TAB). */
  onActiveTab: (id: string) => void;
  /** Something of the layout cannot be shown (it is left out); said once per cause. */
  onSkip: (what: string) => void;
  /** A problem with the layout itself, shown above it (the default layout is then in use). */
  problem?: string;
}

interface Slot {
  holder: HTMLElement;
  panel: BuiltinPanel;
}

interface RoleView {
  element: HTMLElement;
  slots: Slot[];
  tabs: Map<string, { tab: HTMLElement; panel: HTMLElement }>;
  active: string;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  return e;
};

/**
 * Gives the tab bar and panels of `view` their DOM ids (`tab_<id>`, `panel_<id>`), or takes them
 * away: each role's layout may use the same tab ids (Finesse's both have `home`), and only the view
 * on screen may hold them, so that `#panel_home` and the tabs' ARIA references find the one shown.
 */
function name(view: RoleView, on: boolean): void {
  for (const [tid, t] of view.tabs) {
    if (on) {
      t.tab.id = `tab_${tid}`;
      t.panel.id = `panel_${tid}`;
    } else {
      t.tab.removeAttribute('id');
      t.panel.removeAttribute('id');
    }
  }
}

/** Shows tab `id` of `view` (DOM as finesse.js expects it: `active` on the tab and its panel). */
function select(view: RoleView, id: string): void {
  for (const [tid, t] of view.tabs) {
    const on = tid === id;
    t.tab.classList.toggle('active', on);
    t.tab.setAttribute('aria-selected', String(on));
    t.tab.tabIndex = on ? 0 : -1;
    t.panel.classList.toggle('active', on);
    t.panel.hidden = !on;
  }
  view.active = id;
}

export class LayoutView implements Tabs {
  readonly element: HTMLElement;
  readonly #o: LayoutViewOptions;
  readonly #header: HTMLElement;
  readonly #headerSlots: Slot[] = [];
  readonly #views = new Map<string, RoleView>();
  #current: RoleView | undefined;

  constructor(opts: LayoutViewOptions) {
    this.#o = opts;
    this.element = el('div', 'layout');
    this.element.dataset.layoutVersion = opts.layout.version;
    if (opts.problem) {
      const p = el('p', 'layout-problem');
      p.setAttribute('role', 'alert');
      p.textContent = opts.problem;
      this.element.append(p);
    }
    this.#header = el('header', 'layout-header');
    const { left, right } = opts.layout.header;
    for (const [side, cols] of [
      ['left', left],
      ['right', right],
    ] as const) {
      for (const col of cols) {
        const c = el('div', `headercolumn ${side}`);
        // Widths are Finesse's pixel design for its header icons: our panels size themselves.
        for (const comp of col.components) {
          const found = builtinFor(comp.url, opts.origin);
          if (found === undefined || found === 'absent') {
            opts.onSkip(
              `header component ${comp.id || comp.url} (${comp.url}): not available in Switchboard`,
            );
            continue;
          }
          const holder = el('div', 'component');
          if (comp.id) holder.id = comp.id;
          c.append(holder);
          this.#headerSlots.push({ holder, panel: found });
        }
        this.#header.append(c);
      }
    }
    this.element.append(this.#header);
  }

  /** Shows the view for `role` (built on first use) and hides the others. */
  show(role: string): void {
    let view = this.#views.get(role);
    if (!view) {
      view = this.#build(role);
      this.#views.set(role, view);
      this.element.append(view.element);
    }
    for (const v of this.#views.values()) {
      v.element.hidden = v !== view;
      name(v, v === view);
    }
    const changed = this.#current !== view;
    this.#current = view;
    this.#o.container.tabs = this;
    this.#place(this.#headerSlots);
    this.#place(view.slots);
    if (changed && view.active) this.#o.onActiveTab(view.active);
  }

  /** Puts the built-in panels into this view's slots (taking them from where they were). */
  #place(slots: Slot[]): void {
    for (const s of slots) {
      const p = this.#o.panel(s.panel);
      if (p.parentElement !== s.holder) s.holder.append(p);
    }
  }

  getActiveTab(): string {
    return this.#current?.active ?? '';
  }

  activateTab(id: string): boolean {
    const view = this.#current;
    const target = view?.tabs.get(id);
    if (!view || !target) return false;
    if (view.active === id) return true;
    select(view, id);
    this.#o.onActiveTab(id);
    return true;
  }

  #gadget(ref: GadgetRef, slots: Slot[], withTitle: boolean): HTMLElement | undefined {
    const found = builtinFor(ref.url, this.#o.origin);
    if (found === 'absent') {
      this.#o.onSkip(`gadget ${ref.url}: a Finesse component Switchboard does not have`);
      return undefined;
    }
    if (found) {
      const holder = el('div', 'builtin');
      holder.dataset.panel = found;
      if (ref.id) holder.id = ref.id;
      holder.hidden = ref.hidden;
      slots.push({ holder, panel: found });
      return holder;
    }
    const frame = this.#o.container.createGadget(ref, { withTitle: withTitle && !ref.hidden });
    if (ref.id) frame.element.dataset.layoutId = ref.id;
    return frame.element;
  }

  #build(role: string): RoleView {
    const rl = roleLayout(this.#o.layout, role);
    const element = el('section', 'role-view');
    element.dataset.role = role;
    const slots: Slot[] = [];
    const tabs = new Map<string, { tab: HTMLElement; panel: HTMLElement }>();
    const view: RoleView = { element, slots, tabs, active: '' };
    if (!rl) return view;
    const hiddenBox = el('div', 'hidden-gadgets');
    hiddenBox.hidden = true;
    const put = (ref: GadgetRef, into: HTMLElement, withTitle: boolean) => {
      const g = this.#gadget(ref, slots, withTitle);
      if (g) (ref.hidden ? hiddenBox : into).append(g);
    };
    const page = el('div', 'page-gadgets');
    for (const ref of rl.page) put(ref, page, false);
    const bar = el('nav', 'layout-tabs');
    bar.setAttribute('role', 'tablist');
    const panels = el('div', 'tab-panels');
    for (const t of rl.tabs) {
      const tab = el('button', 'layout-tab');
      tab.type = 'button';
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-controls', `panel_${t.id}`);
      tab.dataset.icon = t.icon;
      tab.textContent = tabLabel(t.label);
      tab.addEventListener('click', () => this.activateTab(t.id));
      bar.append(tab);
      const panel = el('div', 'tab-panel');
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('aria-labelledby', `tab_${t.id}`);
      panel.dataset.tab = t.id;
      const cols = el('div', `columns cols-${Math.max(1, t.columns.length)}`);
      for (const column of t.columns) {
        const c = el('div', 'column');
        for (const ref of column) put(ref, c, true);
        cols.append(c);
      }
      panel.append(cols);
      panels.append(panel);
      tabs.set(t.id, { tab, panel });
    }
    element.append(page);
    if (rl.tabs.length) element.append(bar, panels);
    element.append(hiddenBox);
    select(view, rl.tabs[0]?.id ?? '');
    return view;
  }

  /** Sign-out: every gadget frame goes with the view. */
  destroy(): void {
    this.#o.container.clear();
    if (this.#o.container.tabs === this) this.#o.container.tabs = undefined;
    this.element.remove();
  }
}
