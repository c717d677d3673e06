/// <reference lib="dom" />
/**
 * finesse.js's XML ↔ object conversion (gadgets.md §C.6 "xml2js rules"), shared by our
 * finesse.js (`Utilities.xml2js`/`js2xml`) and the container, which publishes notifications as
 * `{content, object}`. A leaf element becomes its text; an empty one `null`; repeated siblings an
 * array while a single child stays an object; attributes `@name`; text beside elements `#text`.
 */

export type XmlJs = string | null | XmlJsObject | XmlJs[];
export interface XmlJsObject {
  [key: string]: XmlJs;
}

function convert(el: Element): XmlJs {
  const obj: XmlJsObject = {};
  let hasContent = false;
  for (const a of Array.from(el.attributes)) {
    if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
    obj[`@${a.name}`] = a.value;
    hasContent = true;
  }
  let text = '';
  let elements = 0;
  // Keys whose array this call made (a lone child's own value may be an array too).
  const repeated = new Set<string>();
  for (const n of Array.from(el.childNodes)) {
    if (n.nodeType === 1) {
      elements++;
      const child = n as Element;
      const key = child.localName;
      const value = convert(child);
      const prev = obj[key];
      if (prev === undefined) obj[key] = value;
      else if (repeated.has(key)) (prev as XmlJs[]).push(value);
      else {
        obj[key] = [prev, value];
        repeated.add(key);
      }
    } else if (n.nodeType === 3 || n.nodeType === 4) text += n.nodeValue ?? '';
  }
  if (elements === 0 && !hasContent) return text === '' ? null : text;
  if (text.trim() !== '') obj['#text'] = text.trim();
  return obj;
}

/** `<Update>…</Update>` → `{ Update: {…} }`; undefined when the text is not XML. */
export function xml2js(xml: string, parser: DOMParser = new DOMParser()): XmlJsObject | undefined {
  const doc = parser.parseFromString(xml, 'application/xml');
  const root = doc.documentElement;
  if (!root || doc.getElementsByTagName('parsererror').length > 0) return undefined;
  return { [root.localName]: convert(root) };
}

const escapeXml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

/**
 * The reverse, for request bodies: `{Dialog: {requestedAction: 'ANSWER'}}` →
 * `<Dialog><requestedAction>ANSWER</requestedAction></Dialog>`; arrays repeat the element,
 * `@name` keys become attributes, `#text` text.
 */
export function js2xml(obj: unknown): string {
  if (obj === null || obj === undefined || typeof obj !== 'object') return '';
  let out = '';
  for (const [key, value] of Object.entries(obj as Record<string, unknown>)) {
    if (key.startsWith('@') || key === '#text') continue;
    for (const v of Array.isArray(value) ? value : [value]) out += element(key, v);
  }
  return out;
}

function element(name: string, v: unknown): string {
  if (v === null || v === undefined) return `<${name}/>`;
  if (typeof v !== 'object') return `<${name}>${escapeXml(String(v))}</${name}>`;
  const o = v as Record<string, unknown>;
  let attrs = '';
  for (const [k, a] of Object.entries(o))
    if (k.startsWith('@')) attrs += ` ${k.slice(1)}="${escapeXml(String(a))}"`;
  const text = o['#text'] === undefined ? '' : escapeXml(String(o['#text']));
  const inner = text + js2xml(o);
  return inner ? `<${name}${attrs}>${inner}</${name}>` : `<${name}${attrs}/>`;
}
