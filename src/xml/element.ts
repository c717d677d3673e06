/**
 * A small XML element tree, in the spirit of ltx (xmpp.js): enough to read stanzas and REST bodies
 * and to build replies. Namespaces are resolved at parse time (`ns`), so `getChild('bind', NS_BIND)`
 * works whatever prefix the peer used.
 */
export type XmlNode = XmlElement | string;

export class XmlElement {
  /** Qualified name as written, e.g. `stream:features`. */
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: XmlNode[];
  /** Resolved namespace URI ('' when none). For built elements: the `xmlns` attribute or the parent's. */
  ns: string;

  constructor(name: string, attrs: Record<string, string> = {}, children: XmlNode[] = [], ns?: string) {
    this.name = name;
    this.attrs = attrs;
    this.children = children;
    this.ns = ns ?? attrs.xmlns ?? '';
  }

  /** Local name without prefix. */
  get local(): string {
    const i = this.name.indexOf(':');
    return i < 0 ? this.name : this.name.slice(i + 1);
  }

  attr(name: string): string | undefined {
    return this.attrs[name];
  }

  is(local: string, ns?: string): boolean {
    return this.local === local && (ns === undefined || this.ns === ns);
  }

  elements(): XmlElement[] {
    return this.children.filter((c): c is XmlElement => typeof c !== 'string');
  }

  getChild(local: string, ns?: string): XmlElement | undefined {
    for (const c of this.children) if (typeof c !== 'string' && c.is(local, ns)) return c;
    return undefined;
  }

  getChildren(local: string, ns?: string): XmlElement[] {
    return this.elements().filter((c) => c.is(local, ns));
  }

  /** Concatenated direct text content. */
  text(): string {
    let s = '';
    for (const c of this.children) if (typeof c === 'string') s += c;
    return s;
  }

  getChildText(local: string, ns?: string): string | undefined {
    return this.getChild(local, ns)?.text();
  }

  /** Appends children and returns this element, for building. */
  append(...nodes: (XmlNode | undefined | null | false)[]): this {
    for (const n of nodes) {
      if (n === undefined || n === null || n === false) continue;
      if (typeof n !== 'string' && !n.attrs.xmlns && !n.ns) n.ns = this.ns;
      this.children.push(n);
    }
    return this;
  }

  toString(): string {
    return serialize(this);
  }
}

/** Builds an element: `el('iq', { type: 'result', id }, el('bind', { xmlns: NS_BIND }))`. */
export function el(
  name: string,
  attrs: Record<string, string | number | undefined> = {},
  ...children: (XmlNode | undefined | null | false)[]
): XmlElement {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) clean[k] = String(v);
  return new XmlElement(name, clean).append(...children);
}

// XML 1.0 §2.2 Char: anything outside it can never be sent; a single one makes a browser drop the whole
// BOSH response (jitsi-meet #17267), and a real Finesse crashed on it, so it is removed on the way out.
const INVALID_XML_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Anything that might be invalid (a surrogate may still be half of a valid pair): most text has
// none of these, and this test is much cheaper than the exact expression with its lookarounds.
const MAYBE_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function stripInvalidXmlChars(s: string): string {
  return MAYBE_INVALID.test(s) ? s.replace(INVALID_XML_CHARS, '') : s;
}

export function hasInvalidXmlChars(s: string): boolean {
  INVALID_XML_CHARS.lastIndex = 0;
  const found = INVALID_XML_CHARS.test(s);
  INVALID_XML_CHARS.lastIndex = 0;
  return found;
}

const ATTR_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

const NEEDS_TEXT_ESCAPE = /[&<>]/;

export function escapeText(s: string): string {
  const clean = stripInvalidXmlChars(s);
  if (!NEEDS_TEXT_ESCAPE.test(clean)) return clean;
  // An <Update> escaped into a notification has a hundred of these: native replaceAll beats a
  // callback per match.
  return clean.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function escapeAttr(s: string): string {
  return stripInvalidXmlChars(s).replace(/[&<>"']/g, (c) => ATTR_ESCAPES[c]);
}

export function serialize(node: XmlNode): string {
  if (typeof node === 'string') return escapeText(node);
  let s = '<' + node.name;
  for (const [k, v] of Object.entries(node.attrs)) s += ' ' + k + '="' + escapeAttr(v) + '"';
  if (node.children.length === 0) return s + '/>';
  s += '>';
  for (const c of node.children) s += serialize(c);
  return s + '</' + node.name + '>';
}

/** Serializes only the opening tag (for `<stream:stream>`), never self-closed. */
export function serializeOpenTag(node: XmlElement): string {
  let s = '<' + node.name;
  for (const [k, v] of Object.entries(node.attrs)) s += ' ' + k + '="' + escapeAttr(v) + '"';
  return s + '>';
}
