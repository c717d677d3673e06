/// <reference lib="dom" />
/**
 * The few XML primitives the desktop needs: the browser's DOMParser to read, and one escaping
 * builder to write request bodies. Element names are matched case-insensitively because Finesse
 * uses `<User>` in REST bodies and `<user>` inside notifications (finesse-api.md §1.3).
 */

export function parseXmlText(text: string): Element | undefined {
  // Not XML at all (the troubleshooting API's JSON): Chromium's <parsererror> document carries an
  // inline style, which the desktop's CSP reports as a console error on every such answer.
  if (!text.trimStart().startsWith('<')) return undefined;
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return undefined;
  return doc.documentElement ?? undefined;
}

export function childElements(el: Element | undefined, name?: string): Element[] {
  if (!el) return [];
  const lower = name?.toLowerCase();
  return Array.from(el.children).filter((c) => lower === undefined || c.localName.toLowerCase() === lower);
}

export function child(el: Element | undefined, name: string): Element | undefined {
  return childElements(el, name)[0];
}

export function childText(el: Element | undefined, name: string): string {
  return child(el, name)?.textContent?.trim() ?? '';
}

/** `<a><b>x</b></a>` path lookup, e.g. `path(user, 'settings', 'wrapUpOnIncoming')`. */
export function pathText(el: Element | undefined, ...names: string[]): string {
  let cur = el;
  for (const n of names.slice(0, -1)) cur = child(cur, n);
  return childText(cur, names[names.length - 1]);
}

export const toBool = (s: string) => s.trim().toLowerCase() === 'true';
export const toInt = (s: string, dflt = 0) => {
  const n = Number.parseInt(s, 10);
  return Number.isNaN(n) ? dflt : n;
};

/** The last path segment of a Finesse URI: `/finesse/api/ReasonCode/16` → `16`. */
export const idFromUri = (uri: string) => uri.split('/').filter(Boolean).pop() ?? '';

export function escapeXml(s: string): string {
  return s.replace(
    /[<>&'"]/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[c]};`,
  );
}

/** A node of a request body: text, or nested children in order. Undefined children are left out. */
export type XmlValue = string | number | boolean | XmlNode[] | undefined;
export type XmlNode = [name: string, value: XmlValue];

export function buildXml(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return `<${name}>${value.map(([n, v]) => buildXml(n, v)).join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}
