/**
 * `<finesseLayout>` → a typed layout (gadgets.md §A.3). Pure apart from the DOMParser it is given
 * (the browser's, or @xmldom's in tests). Elements are matched by local name, so the Finesse
 * namespace may be there or not. A document that is not a usable layout gives an error value
 * naming the problem; the desktop then shows it and carries on with the default layout.
 */

export interface HeaderComponent {
  id: string;
  url: string;
}

export interface HeaderColumn {
  width: string;
  components: HeaderComponent[];
}

/** One `<gadget>`: its URL (query string included, handed to the gadget) and its attributes. */
export interface GadgetRef {
  url: string;
  id: string;
  hidden: boolean;
  managedBy: string;
  isDefault: boolean;
  maxRows: string;
  /** Other hosts to try, for an absolute URL whose host does not answer (ignored for relative URLs). */
  alternateHosts: string[];
}

export interface TabLayout {
  id: string;
  icon: string;
  /** A resource-bundle key or literal text (tabLabel() shows it). */
  label: string;
  /** At most 4 columns; a tab with `<gadgets>` directly under it has one. */
  columns: GadgetRef[][];
}

export interface RoleLayout {
  role: string;
  /** Page-level gadgets, above the tabs and without a title bar. */
  page: GadgetRef[];
  tabs: TabLayout[];
}

export interface FinesseLayout {
  version: string;
  configs: Record<string, string>;
  header: { left: HeaderColumn[]; right: HeaderColumn[] };
  roles: RoleLayout[];
}

export type LayoutResult = { ok: true; layout: FinesseLayout } | { ok: false; error: string };

export interface XmlParser {
  parseFromString(text: string, type: 'application/xml'): Document;
}

const MAX_COLUMNS = 4;

const kids = (el: Element | undefined, name: string): Element[] =>
  el
    ? Array.from(el.childNodes).filter(
        (n): n is Element => n.nodeType === 1 && (n as Element).localName === name,
      )
    : [];
const kid = (el: Element | undefined, name: string): Element | undefined => kids(el, name)[0];
const text = (el: Element | undefined): string => el?.textContent?.trim() ?? '';

class LayoutError extends Error {}

function gadgetRef(el: Element, where: string): GadgetRef {
  const url = text(el);
  if (!url) throw new LayoutError(`${where}: a <gadget> has no URL`);
  const attr = (n: string) => el.getAttribute(n) ?? '';
  return {
    url,
    id: attr('id'),
    hidden: attr('hidden') === 'true',
    managedBy: attr('managedBy'),
    isDefault: attr('default') === 'true',
    maxRows: attr('maxRows'),
    alternateHosts: attr('alternateHosts')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean),
  };
}

const gadgetsOf = (el: Element | undefined, where: string) =>
  kids(el, 'gadget').map((g) => gadgetRef(g, where));

function tabLayout(el: Element, n: number, role: string): TabLayout {
  const id = text(kid(el, 'id'));
  const where = `role ${role}, tab ${id || n}`;
  if (!id) throw new LayoutError(`role ${role}: tab ${n} has no <id>`);
  const columnsEl = kid(el, 'columns');
  let columns: GadgetRef[][];
  if (columnsEl) {
    const cols = kids(columnsEl, 'column');
    if (cols.length > MAX_COLUMNS)
      throw new LayoutError(`${where}: ${cols.length} columns (at most ${MAX_COLUMNS})`);
    columns = cols.map((c) => gadgetsOf(kid(c, 'gadgets'), where));
  } else {
    columns = [gadgetsOf(kid(el, 'gadgets'), where)];
  }
  return { id, icon: text(kid(el, 'icon')), label: text(kid(el, 'label')) || id, columns };
}

function headerColumns(el: Element | undefined): HeaderColumn[] {
  return kids(el, 'headercolumn').map((c) => ({
    width: c.getAttribute('width') ?? '',
    components: kids(c, 'component')
      .map((comp) => ({ id: comp.getAttribute('id') ?? '', url: text(kid(comp, 'url')) }))
      .filter((comp) => comp.url),
  }));
}

export function parseLayout(xml: string, parser: XmlParser): LayoutResult {
  let doc: Document;
  try {
    doc = parser.parseFromString(xml, 'application/xml');
  } catch (err) {
    return { ok: false, error: `the layout is not well-formed XML: ${(err as Error).message}` };
  }
  const root = doc.documentElement;
  const parseError = doc.getElementsByTagName('parsererror')[0];
  if (!root || parseError) {
    const detail = text(parseError).split('\n')[0] || 'no root element';
    return { ok: false, error: `the layout is not well-formed XML: ${detail}` };
  }
  if (root.localName !== 'finesseLayout')
    return { ok: false, error: `the layout's root is <${root.localName}>, not <finesseLayout>` };
  try {
    const configs: Record<string, string> = {};
    for (const c of kids(kid(root, 'configs'), 'config')) {
      const key = c.getAttribute('key');
      if (key) configs[key] = c.getAttribute('value') ?? '';
    }
    const header = kid(root, 'header');
    const roles = kids(root, 'layout').map((l, i) => {
      const role = text(kid(l, 'role'));
      if (!role) throw new LayoutError(`layout ${i + 1} has no <role>`);
      const tabs = kids(kid(l, 'tabs'), 'tab').map((t, n) => tabLayout(t, n + 1, role));
      const seen = new Set<string>();
      for (const t of tabs) {
        if (seen.has(t.id)) throw new LayoutError(`role ${role}: tab id ${t.id} is used twice`);
        seen.add(t.id);
      }
      return { role, page: gadgetsOf(kid(l, 'page'), `role ${role}, page`), tabs };
    });
    if (roles.length === 0) return { ok: false, error: 'the layout has no <layout> for any role' };
    return {
      ok: true,
      layout: {
        version: text(kid(root, 'version')),
        configs,
        header: {
          left: headerColumns(kid(header, 'leftAlignedColumns')),
          right: headerColumns(kid(header, 'rightAlignedColumns')),
        },
        roles,
      },
    };
  } catch (err) {
    if (err instanceof LayoutError) return { ok: false, error: err.message };
    throw err;
  }
}

/** The layout a user sees for a role; the Agent role's when the layout has none for it. */
export function roleLayout(layout: FinesseLayout, role: string): RoleLayout | undefined {
  return layout.roles.find((r) => r.role === role) ?? layout.roles.find((r) => r.role === 'Agent');
}

/** Finesse's label keys for its own tabs; any other label is shown as written (§A.3). */
const LABELS: Record<string, string> = {
  'finesse.container.tabs.agent.homeLabel': 'Home',
  'finesse.container.tabs.agent.myHistoryLabel': 'My History',
  'finesse.container.tabs.agent.manageCustomerLabel': 'Manage Customer',
  'finesse.container.tabs.agent.myStatisticsLabel': 'My Statistics',
  'finesse.container.tabs.supervisor.teamDataLabel': 'Team Data',
  'finesse.container.tabs.supervisor.queueDataLabel': 'Queue Data',
  'finesse.container.tabs.supervisor.homeLabel': 'Home',
  'finesse.container.tabs.supervisor.manageTeamLabel': 'Manage Team',
  'finesse.container.tabs.agent.manageLogsLabel': 'Manage Logs',
  'finesse.container.tabs.supervisor.manageLogsLabel': 'Manage Logs',
  'finesse.container.tabs.agent.chatLabel': 'Chat',
  'finesse.container.tabs.supervisor.chatLabel': 'Chat',
};

export const tabLabel = (label: string): string => LABELS[label] ?? label;
