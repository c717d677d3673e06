import { parseXml, type XmlElement } from '../xml/index.ts';

/**
 * The desktop layout (`<finesseLayout>`, spec/gadgets.md §A.3) as a value, and its validator: what
 * `PUT /LayoutConfig/default` and `PUT /Team/{id}/LayoutConfig` accept. Finesse validates the
 * layout against its schema on save; this is that schema written as code, so that a refusal names
 * the line and the element. Pure: text in, a layout or the problems out.
 */
export const FINESSE_NS = 'http://www.cisco.com/vtg/finesse';

/** Largest layout accepted, characters (Finesse states none; a large real one is ~20 KB). */
export const MAX_LAYOUT_LENGTH = 200_000;
/** spec/gadgets.md §A.3: a tab has at most four columns. */
export const MAX_COLUMNS = 4;
const ROLES = ['Agent', 'Supervisor', 'Administrator'] as const;

export type LayoutRole = (typeof ROLES)[number];

export interface LayoutGadget {
  /** As written (trimmed): relative to this server, or absolute http(s); its query goes to the gadget. */
  url: string;
  id?: string;
  managedBy?: string;
  hidden: boolean;
  isDefault: boolean;
  maxRows?: number;
  /** FQDNs to try when an absolute URL's host fails; ignored for relative URLs. */
  alternateHosts: string[];
}

export interface LayoutTab {
  id: string;
  icon?: string;
  label: string;
  /** `<columns><column><gadgets>`; a tab written with `<gadgets>` directly has one column. */
  columns: LayoutGadget[][];
}

export interface RoleLayout {
  role: LayoutRole;
  /** Page-level gadgets, above the tabs, without a title bar. */
  page: LayoutGadget[];
  tabs: LayoutTab[];
}

export interface HeaderComponent {
  id: string;
  url: string;
}

export interface HeaderColumn {
  width?: string;
  components: HeaderComponent[];
}

export interface FinesseLayout {
  version?: string;
  configs: { key: string; value: string }[];
  header: { left: HeaderColumn[]; right: HeaderColumn[] };
  layouts: RoleLayout[];
}

/** One problem, where it is: `line 12, <gadget>: maxRows must be a whole number`. */
export interface LayoutProblem {
  line: number;
  element: string;
  message: string;
}

export const describeProblem = (p: LayoutProblem) => `line ${p.line}, <${p.element}>: ${p.message}`;

type Result = { ok: true; value: FinesseLayout } | { ok: false; problems: LayoutProblem[] };

const lineAt = (text: string, offset: number) => {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
};

/** Parses and validates a layout; every problem found is reported (at most 50), in document order. */
export function parseFinesseLayout(text: string): Result {
  if (text.length > MAX_LAYOUT_LENGTH)
    return fail(1, 'finesseLayout', `the layout is longer than ${MAX_LAYOUT_LENGTH} characters`);
  if (text.trim() === '') return fail(1, 'finesseLayout', 'the layout is empty');
  const positions = new Map<XmlElement, number>();
  const doc = parseXml(text, { maxLength: MAX_LAYOUT_LENGTH, positions });
  if (!doc.ok)
    return fail(lineAt(text, doc.offset ?? 0), 'finesseLayout', `not well-formed XML: ${doc.error}`);
  const v = new Validator(text, positions);
  const layout = v.layout(doc.root);
  return v.problems.length === 0 ? { ok: true, value: layout } : { ok: false, problems: v.problems };
}

function fail(line: number, element: string, message: string): Result {
  return { ok: false, problems: [{ line, element, message }] };
}

const ID = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;
const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\d{1,5})?$/;
const WIDTH = /^\d+(\.\d+)?(px|%|em|rem|vw)?$/;

class Validator {
  readonly problems: LayoutProblem[] = [];
  /** Gadget and component ids: unique across both (they become DOM ids). */
  readonly #ids = new Map<string, XmlElement>();
  readonly #managedBy: [XmlElement, string][] = [];
  readonly #text: string;
  readonly #positions: Map<XmlElement, number>;

  constructor(text: string, positions: Map<XmlElement, number>) {
    this.#text = text;
    this.#positions = positions;
  }

  problem(at: XmlElement, message: string): void {
    if (this.problems.length >= 50) return;
    this.problems.push({
      line: lineAt(this.#text, this.#positions.get(at) ?? 0),
      element: at.local,
      message,
    });
  }

  /** The element's children, each of which must be one of `allowed` in the Finesse namespace. */
  children(parent: XmlElement, allowed: readonly string[]): XmlElement[] {
    for (const t of parent.children)
      if (typeof t === 'string' && t.trim() !== '')
        this.problem(parent, `unexpected text ${JSON.stringify(t.trim().slice(0, 40))}`);
    const out: XmlElement[] = [];
    for (const c of parent.elements()) {
      if (c.ns !== FINESSE_NS) this.problem(c, `<${c.name}> is not in the namespace ${FINESSE_NS}`);
      else if (!allowed.includes(c.local))
        this.problem(
          c,
          `<${c.local}> is not allowed in <${parent.local}> (expected ${allowed.join(', ') || 'nothing'})`,
        );
      else out.push(c);
    }
    return out;
  }

  attributes(el: XmlElement, allowed: readonly string[]): void {
    for (const name of Object.keys(el.attrs))
      if (name !== 'xmlns' && !name.startsWith('xmlns:') && !allowed.includes(name))
        this.problem(el, `unknown attribute ${name}`);
  }

  /** The element's text; a leaf must have no child elements. */
  leaf(el: XmlElement, attributes: readonly string[] = []): string {
    if (el.elements().length > 0) this.problem(el, `<${el.local}> holds text only`);
    this.attributes(el, attributes);
    return el.text().trim();
  }

  layout(root: XmlElement): FinesseLayout {
    const out: FinesseLayout = { configs: [], header: { left: [], right: [] }, layouts: [] };
    if (root.local !== 'finesseLayout') {
      this.problem(root, 'the root element must be <finesseLayout>');
      return out;
    }
    if (root.ns !== FINESSE_NS) this.problem(root, `<finesseLayout> must be in the namespace ${FINESSE_NS}`);
    this.attributes(root, []);
    const seen = new Set<string>();
    for (const c of this.children(root, ['version', 'configs', 'header', 'layout'])) {
      if (c.local !== 'layout' && seen.has(c.local)) this.problem(c, `<${c.local}> appears twice`);
      seen.add(c.local);
      if (c.local === 'version') {
        out.version = this.leaf(c);
        if (!/^\d+(\.\d+)*$/.test(out.version))
          this.problem(c, `version ${JSON.stringify(out.version)} is not a number like 1250.03`);
      } else if (c.local === 'configs') out.configs = this.configs(c);
      else if (c.local === 'header') out.header = this.header(c);
      else out.layouts.push(this.roleLayout(c, out.layouts));
    }
    if (out.layouts.length === 0) this.problem(root, 'at least one <layout> (for a role) is required');
    for (const [el, ref] of this.#managedBy)
      if (!this.#ids.has(ref) || this.#ids.get(ref)?.local !== 'gadget')
        this.problem(el, `managedBy="${ref}" names no gadget of this layout`);
    return out;
  }

  configs(el: XmlElement): FinesseLayout['configs'] {
    const keys = new Set<string>();
    return this.children(el, ['config']).map((c) => {
      this.attributes(c, ['key', 'value']);
      if (c.elements().length > 0 || c.text().trim() !== '')
        this.problem(c, '<config> is empty: key and value are attributes');
      const key = c.attr('key') ?? '';
      if (key === '') this.problem(c, 'attribute key is required');
      else if (keys.has(key)) this.problem(c, `config key ${key} appears twice`);
      if (c.attr('value') === undefined) this.problem(c, 'attribute value is required');
      keys.add(key);
      return { key, value: c.attr('value') ?? '' };
    });
  }

  header(el: XmlElement): FinesseLayout['header'] {
    const out: FinesseLayout['header'] = { left: [], right: [] };
    this.attributes(el, []);
    for (const side of this.children(el, ['leftAlignedColumns', 'rightAlignedColumns'])) {
      this.attributes(side, []);
      const columns = this.children(side, ['headercolumn']).map((col) => {
        this.attributes(col, ['width']);
        const width = col.attr('width');
        if (width !== undefined && !WIDTH.test(width))
          this.problem(col, `width ${JSON.stringify(width)} is not a CSS length like 300px`);
        const components = this.children(col, ['component']).map((comp) => {
          this.attributes(comp, ['id']);
          const id = this.id(comp, true) ?? '';
          const urls = this.children(comp, ['url']);
          if (urls.length !== 1) this.problem(comp, 'a <component> has exactly one <url>');
          const url = urls[0] ? this.url(urls[0], this.leaf(urls[0])) : '';
          return { id, url };
        });
        return { ...(width !== undefined && { width }), components };
      });
      if (side.local === 'leftAlignedColumns') out.left.push(...columns);
      else out.right.push(...columns);
    }
    return out;
  }

  roleLayout(el: XmlElement, before: readonly RoleLayout[]): RoleLayout {
    this.attributes(el, []);
    const out: RoleLayout = { role: 'Agent', page: [], tabs: [] };
    const parts = this.children(el, ['role', 'page', 'tabs']);
    const role = parts.filter((p) => p.local === 'role');
    if (role.length !== 1) this.problem(el, 'a <layout> names exactly one <role>');
    else {
      const name = this.leaf(role[0]);
      if (!ROLES.includes(name as LayoutRole))
        this.problem(role[0], `role ${JSON.stringify(name)} is not one of ${ROLES.join(', ')}`);
      else if (before.some((l) => l.role === name))
        this.problem(role[0], `a second layout for the role ${name}`);
      out.role = name as LayoutRole;
    }
    for (const p of parts) {
      if (p.local === 'page') {
        this.attributes(p, []);
        out.page.push(...this.children(p, ['gadget']).map((g) => this.gadget(g)));
      } else if (p.local === 'tabs') {
        this.attributes(p, []);
        const tabIds = new Set<string>();
        for (const t of this.children(p, ['tab'])) {
          const tab = this.tab(t);
          if (tab.id && tabIds.has(tab.id)) this.problem(t, `tab id ${tab.id} appears twice`);
          tabIds.add(tab.id);
          out.tabs.push(tab);
        }
      }
    }
    if (parts.filter((p) => p.local === 'page').length > 1) this.problem(el, '<page> appears twice');
    if (parts.filter((p) => p.local === 'tabs').length > 1) this.problem(el, '<tabs> appears twice');
    return out;
  }

  tab(el: XmlElement): LayoutTab {
    this.attributes(el, []);
    const out: LayoutTab = { id: '', label: '', columns: [] };
    const parts = this.children(el, ['id', 'icon', 'label', 'columns', 'gadgets']);
    const one = (name: string) => {
      const found = parts.filter((p) => p.local === name);
      if (found.length > 1) this.problem(found[1], `<${name}> appears twice in a <tab>`);
      return found[0];
    };
    const id = one('id');
    if (!id) this.problem(el, 'a <tab> needs an <id>');
    else {
      out.id = this.leaf(id);
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(out.id))
        this.problem(id, `tab id ${JSON.stringify(out.id)}: letters, digits, _ and - only`);
    }
    const label = one('label');
    if (!label) this.problem(el, 'a <tab> needs a <label>');
    else out.label = this.leaf(label);
    const icon = one('icon');
    if (icon) out.icon = this.leaf(icon);
    const columns = one('columns');
    const gadgets = one('gadgets');
    if (columns && gadgets) this.problem(gadgets, 'a <tab> has either <columns> or <gadgets>, not both');
    if (columns) {
      this.attributes(columns, []);
      const list = this.children(columns, ['column']);
      if (list.length > MAX_COLUMNS)
        this.problem(list[MAX_COLUMNS], `a tab has at most ${MAX_COLUMNS} columns`);
      for (const col of list) {
        this.attributes(col, []);
        const inner = this.children(col, ['gadgets']);
        if (inner.length > 1) this.problem(inner[1], '<gadgets> appears twice in a <column>');
        out.columns.push(inner.flatMap((g) => this.gadgets(g)));
      }
    } else if (gadgets) out.columns.push(this.gadgets(gadgets));
    return out;
  }

  gadgets(el: XmlElement): LayoutGadget[] {
    this.attributes(el, []);
    return this.children(el, ['gadget']).map((g) => this.gadget(g));
  }

  gadget(el: XmlElement): LayoutGadget {
    const url = this.url(
      el,
      this.leaf(el, ['id', 'managedBy', 'hidden', 'default', 'maxRows', 'alternateHosts']),
    );
    const out: LayoutGadget = {
      url,
      hidden: this.flag(el, 'hidden'),
      isDefault: this.flag(el, 'default'),
      alternateHosts: [],
    };
    const id = this.id(el, false);
    if (id !== undefined) out.id = id;
    const managedBy = el.attr('managedBy');
    if (managedBy !== undefined) {
      out.managedBy = managedBy;
      this.#managedBy.push([el, managedBy]);
    }
    const maxRows = el.attr('maxRows');
    if (maxRows !== undefined) {
      if (/^[1-9]\d{0,4}$/.test(maxRows)) out.maxRows = Number(maxRows);
      else this.problem(el, `maxRows ${JSON.stringify(maxRows)} must be a whole number from 1`);
    }
    const hosts = el.attr('alternateHosts');
    if (hosts !== undefined) {
      out.alternateHosts = hosts
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean);
      for (const h of out.alternateHosts)
        if (!HOST.test(h)) this.problem(el, `alternateHosts: ${JSON.stringify(h)} is not a host name`);
    }
    return out;
  }

  id(el: XmlElement, isRequired: boolean): string | undefined {
    const id = el.attr('id');
    if (id === undefined) {
      if (isRequired) this.problem(el, 'attribute id is required');
      return undefined;
    }
    if (!ID.test(id))
      this.problem(el, `id ${JSON.stringify(id)} must start with a letter (letters, digits, _ . : - follow)`);
    else if (this.#ids.has(id))
      this.problem(el, `id ${id} is used twice (ids are unique across gadgets and components)`);
    this.#ids.set(id, el);
    return id;
  }

  flag(el: XmlElement, name: string): boolean {
    const v = el.attr(name);
    if (v === undefined) return false;
    if (v !== 'true' && v !== 'false')
      this.problem(el, `${name} must be true or false, not ${JSON.stringify(v)}`);
    return v === 'true';
  }

  /** Relative to this server (`/…`, or a path like `gadgets/x.xml`) or absolute http(s). */
  url(el: XmlElement, url: string): string {
    if (url === '') {
      this.problem(el, 'the URL is empty');
      return url;
    }
    if (/\s/.test(url)) this.problem(el, `the URL ${JSON.stringify(url.slice(0, 80))} contains white space`);
    else if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
      let parsed: URL | undefined;
      try {
        parsed = new URL(url);
      } catch {}
      if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
        this.problem(
          el,
          `the URL ${JSON.stringify(url.slice(0, 80))} is neither relative nor absolute http(s)`,
        );
    } else if (url.startsWith('//'))
      this.problem(el, 'a URL starting with // names no scheme: write http:// or https://');
    return url;
  }
}
