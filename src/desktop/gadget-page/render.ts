/**
 * A gadget's `<Content>` → the HTML document its iframe loads (gadgets.md §A.1, §F step 1):
 * hangman variables substituted (`__UP_*__` from the frame's `up_` parameters or the spec's
 * defaults, `__MSG_*__` from the locale bundle, `__MODULE_ID__`), static relative `src`/`href`
 * (and CSS `url()`) resolved against the spec URL as Shindig's rewriter does — no `<base>`, which
 * would break the runtime `../3rdpartygadget/…` paths — and the gadget runtime put first, so
 * `gadgets.*` exists before the gadget's own scripts run. Pure; parse5 finds where the tags and
 * attributes really are, so text inside scripts is never touched.
 */
import { type DefaultTreeAdapterMap, parse } from 'parse5';
import type { GadgetBoot } from '../app/gadgets/port.ts';
import type { GadgetSpec } from './spec.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Stands for this node's own origin while resolving: URLs on it are written back origin-relative. */
export const LOCAL_ORIGIN = 'http://local.invalid';

export interface RenderInput {
  spec: GadgetSpec;
  /** Absolute spec URL; on this node, `LOCAL_ORIGIN` + its path. */
  specUrl: string;
  /** The iframe's query parameters (`mid`, `up_<pref>`, …). */
  query: URLSearchParams;
  messages: Record<string, string>;
  /** Path of the gadget runtime script (`/desktop/assets/gadgets-<hash>.js`). */
  runtimeSrc: string;
  /** The layout's spec URL (query string included), handed to the runtime as `url`. */
  layoutUrl: string;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/**
 * `__UP_x__` values come from the iframe URL, which anyone can write: escaped and stripped of
 * control characters, they cannot end an attribute, a tag or a script string.
 */
const prefValue = (s: string) => escapeHtml(s.replace(/[\u0000-\u001f\u007f`\\]/g, ''));

export function substituteHangman(html: string, input: Omit<RenderInput, 'runtimeSrc'>): string {
  const { query, spec, messages } = input;
  return html
    .replace(/__UP_([A-Za-z0-9_.-]+?)__/g, (_, name: string) =>
      prefValue(query.get(`up_${name}`) ?? spec.userPrefs[name] ?? ''),
    )
    .replace(/__MSG_([A-Za-z0-9_.-]+?)__/g, (_, key: string) => messages[key] ?? '')
    .replace(/__MODULE_ID__/g, prefValue(query.get('mid') ?? '0'));
}

/** Where a URL stays as written: fragments, scripts, data and other schemes, absolute URLs. */
const KEEP = /^(?:#|[a-z][a-z0-9+.-]*:|\/\/)/i;

export function resolveAgainst(value: string, base: string): string {
  const v = value.trim();
  if (!v || KEEP.test(v)) return value;
  let abs: URL;
  try {
    abs = new URL(v, base);
  } catch {
    return value;
  }
  return abs.origin === LOCAL_ORIGIN ? `${abs.pathname}${abs.search}${abs.hash}` : abs.href;
}

const rewriteCss = (css: string, base: string) =>
  css.replace(
    /url\(\s*(['"]?)([^'")]*)\1\s*\)/g,
    (_all, q: string, u: string) => `url(${q}${resolveAgainst(u, base)}${q})`,
  );

interface Splice {
  start: number;
  end: number;
  text: string;
}

const URL_ATTRS: Record<string, readonly string[]> = {
  src: ['script', 'img', 'iframe', 'frame', 'embed', 'source', 'audio', 'video', 'input', 'track'],
  href: ['link', 'a', 'area'],
};

function collectSplices(node: Node, html: string, base: string, out: Splice[]): void {
  if ('tagName' in node) {
    const el = node as Element;
    const loc = el.sourceCodeLocation;
    for (const a of el.attrs) {
      const at = loc?.attrs?.[a.name];
      if (!at) continue;
      let value: string | undefined;
      if (URL_ATTRS[a.name]?.includes(el.tagName)) value = resolveAgainst(a.value, base);
      else if (a.name === 'style') value = rewriteCss(a.value, base);
      if (value === undefined || value === a.value) continue;
      out.push({ start: at.startOffset, end: at.endOffset, text: `${a.name}="${escapeHtml(value)}"` });
    }
    if (el.tagName === 'style') {
      for (const t of el.childNodes) {
        const tl = t.sourceCodeLocation;
        if (t.nodeName !== '#text' || !tl) continue;
        const css = html.slice(tl.startOffset, tl.endOffset);
        const next = rewriteCss(css, base);
        if (next !== css) out.push({ start: tl.startOffset, end: tl.endOffset, text: next });
      }
    }
    if (el.tagName === 'template')
      collectSplices((el as unknown as { content: Node }).content, html, base, out);
  }
  if ('childNodes' in node) for (const c of node.childNodes) collectSplices(c, html, base, out);
}

/** JSON inside `<script>`: `<` escaped so no `</script>` can end it early. */
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

export const BOOT_ELEMENT_ID = 'switchboard-gadget-boot';

export function renderGadgetDocument(input: RenderInput): string {
  const html = substituteHangman(input.spec.content, input);
  const doc = parse(html, { sourceCodeLocationInfo: true });
  const splices: Splice[] = [];
  collectSplices(doc, html, input.specUrl, splices);
  const doctype = doc.childNodes.find((n) => n.nodeName === '#documentType');
  const at = doctype?.sourceCodeLocation?.endOffset ?? 0;
  const boot: GadgetBoot = {
    mid: input.query.get('mid') ?? '0',
    url: input.layoutUrl,
    title: input.spec.title,
    features: input.spec.features,
    params: input.spec.params,
    userPrefs: input.spec.userPrefs,
    messages: input.messages,
  };
  splices.push({
    start: at,
    end: at,
    text:
      `<script type="application/json" id="${BOOT_ELEMENT_ID}">${scriptJson(boot)}</script>` +
      `<script src="${escapeHtml(input.runtimeSrc)}"></script>`,
  });
  splices.sort((a, b) => b.start - a.start);
  let out = html;
  for (const s of splices) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

/** What the frame shows instead of a gadget that cannot be loaded: the reason, in its place. */
export function renderGadgetError(specUrl: string, error: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Gadget error</title>
<style>body{font:14px system-ui,sans-serif;margin:0;padding:10px 12px;color:#7a1010;background:#fff4f4}
code{word-break:break-all;color:#333}</style></head>
<body><p id="${BOOT_ELEMENT_ID}-error" role="alert"><strong>This gadget could not be loaded:</strong> ${escapeHtml(error)}</p>
<p><code>${escapeHtml(specUrl)}</code></p></body></html>`;
}
