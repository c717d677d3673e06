/**
 * Gadget spec XML (`<Module>`, gadgets.md §A.1) → what the container needs: title, features and
 * their params, declared user prefs, locales, and the `<Content type="html">` body. Pure. A spec
 * that cannot be rendered gives an error value naming the problem, which the gadget page shows in
 * the gadget's place.
 */
import { parseXml, serialize, type XmlElement } from '../../xml/index.ts';

export interface GadgetLocale {
  lang: string;
  country: string;
  /** The message bundle's URL, relative to the spec. */
  messages: string;
}

export interface GadgetSpec {
  title: string;
  description: string;
  height: number | undefined;
  /** `<Require>` and `<Optional>` feature names. */
  features: string[];
  params: Record<string, Record<string, string>>;
  userPrefs: Record<string, string>;
  locales: GadgetLocale[];
  /** The HTML of `<Content type="html">` (its CDATA). */
  content: string;
}

export type SpecResult = { ok: true; spec: GadgetSpec } | { ok: false; error: string };

/** Specs are small; this bounds what one gadget load may make the server parse. */
export const MAX_SPEC_CHARS = 1024 * 1024;

export function parseGadgetSpec(text: string): SpecResult {
  const parsed = parseXml(text.replace(/^\uFEFF/, '').trimStart(), { maxLength: MAX_SPEC_CHARS });
  if (!parsed.ok) return { ok: false, error: `the gadget spec is not well-formed XML: ${parsed.error}` };
  const root = parsed.root;
  if (root.local !== 'Module')
    return { ok: false, error: `the spec's root is <${root.local}>, not <Module>` };
  const prefs = root.getChild('ModulePrefs');
  const features: string[] = [];
  const params: Record<string, Record<string, string>> = {};
  for (const f of [...(prefs?.getChildren('Require') ?? []), ...(prefs?.getChildren('Optional') ?? [])]) {
    const name = f.attr('feature');
    if (!name) continue;
    features.push(name);
    for (const p of f.getChildren('Param')) {
      const key = p.attr('name');
      if (!key) continue;
      params[name] ??= {};
      params[name][key] = p.text().trim();
    }
  }
  const userPrefs: Record<string, string> = {};
  for (const up of root.getChildren('UserPref')) {
    const name = up.attr('name');
    if (name) userPrefs[name] = up.attr('default_value') ?? '';
  }
  const locales = (prefs?.getChildren('Locale') ?? [])
    .map((l) => ({
      lang: l.attr('lang') ?? '',
      country: l.attr('country') ?? '',
      messages: l.attr('messages') ?? '',
    }))
    .filter((l) => l.messages);
  const contents = root.getChildren('Content');
  // Views (`view="default,canvas"`) share one body here: the first html Content without a view
  // other than default/home/canvas is the gadget.
  const content = contents.find((c) => (c.attr('type') ?? 'html') === 'html' && isDefaultView(c));
  if (!content) {
    const url = contents.find((c) => c.attr('type') === 'url');
    return {
      ok: false,
      error: url
        ? '<Content type="url"> gadgets are not supported: the spec must carry its HTML (type="html")'
        : 'the spec has no <Content type="html">',
    };
  }
  const height = Number(prefs?.attr('height'));
  return {
    ok: true,
    spec: {
      title: prefs?.attr('title') ?? '',
      description: prefs?.attr('description') ?? '',
      height: Number.isFinite(height) && height > 0 ? height : undefined,
      features,
      params,
      userPrefs,
      locales,
      content: contentHtml(content),
    },
  };
}

/**
 * The body is normally one CDATA block; a spec that wrote its HTML as XML elements instead gets
 * them back as markup.
 */
function contentHtml(c: XmlElement): string {
  if (c.elements().length === 0) return c.text();
  return c.children.map((n) => serialize(n)).join('');
}

function isDefaultView(c: XmlElement): boolean {
  const view = c.attr('view');
  if (!view) return true;
  return view.split(',').some((v) => ['default', 'home', 'canvas', 'profile'].includes(v.trim()));
}

/**
 * The bundle for a locale such as `en_US`: lang and country both matching, then lang with any or
 * no country, then the one without a lang (Shindig's order, simplified).
 */
export function chooseLocale(locales: GadgetLocale[], locale: string): GadgetLocale | undefined {
  const [lang = '', country = ''] = locale.split(/[_-]/);
  const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return (
    locales.find((l) => eq(l.lang, lang) && eq(l.country, country)) ??
    locales.find((l) => eq(l.lang, lang) && (!l.country || eq(l.country, 'ALL'))) ??
    locales.find((l) => eq(l.lang, lang)) ??
    locales.find((l) => !l.lang || eq(l.lang, 'ALL'))
  );
}

/** `<messagebundle><msg name="k">text</msg>…` → { k: text }; a broken bundle gives none. */
export function parseMessageBundle(text: string): Record<string, string> | string {
  const parsed = parseXml(text.replace(/^\uFEFF/, '').trimStart(), { maxLength: MAX_SPEC_CHARS });
  if (!parsed.ok) return `the message bundle is not well-formed XML: ${parsed.error}`;
  const out: Record<string, string> = {};
  for (const m of parsed.root.getChildren('msg')) {
    const name = m.attr('name');
    if (name) out[name] = m.text().trim();
  }
  return out;
}
