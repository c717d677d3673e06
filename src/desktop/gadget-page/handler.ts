/**
 * `GET /desktop/ifr?url=<spec>&mid=N&up_<pref>=…` — the document of one gadget iframe, as
 * Shindig's `/gadgets/ifr` is: one directory below the root (so a gadget's runtime path
 * `../3rdpartygadget/files/…` reaches `/3rdpartygadget/files/…`), on the desktop's own origin
 * (finesse.js shares the desktop's sessionStorage and reaches its `parent`). The spec is fetched
 * here, on the server; `alt=h1,h2` names the layout's `alternateHosts`, tried in turn when an
 * absolute spec URL's host does not answer. A spec that cannot be loaded renders as an error page in
 * the gadget's place.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { LOCAL_ORIGIN, renderGadgetDocument, renderGadgetError } from './render.ts';
import type { GadgetSource } from './source.ts';
import { chooseLocale, parseGadgetSpec, parseMessageBundle } from './spec.ts';

export interface GadgetPage {
  status: number;
  html: string;
  /** For the server's log: what went wrong, when something did. */
  problem?: string;
}

export interface GadgetPageOptions {
  source: GadgetSource;
  /** Path of the gadget runtime bundle, e.g. `/desktop/assets/gadgets-AB12CD.js`. */
  runtimeSrc: string;
}

/** The layout's spec URL → absolute (this node's own paths under LOCAL_ORIGIN). */
export function specUrlOf(param: string): URL | undefined {
  try {
    if (/^https?:\/\//i.test(param)) return new URL(param);
    if (param.startsWith('/') && !param.startsWith('//')) return new URL(param, LOCAL_ORIGIN);
  } catch {
    // fall through
  }
  return undefined;
}

/**
 * Only a page of this origin may frame a gadget document: a link or a foreign page must not get
 * one rendered with parameters of its choosing. Browsers say so in the Fetch Metadata headers;
 * clients that send none (curl, old browsers) are served.
 */
export function isFramedBySelf(headers: IncomingHttpHeaders): boolean {
  const site = headers['sec-fetch-site'];
  const dest = headers['sec-fetch-dest'];
  return (site === undefined || site === 'same-origin') && (dest === undefined || dest === 'iframe');
}

export async function renderGadgetPage(query: URLSearchParams, opts: GadgetPageOptions): Promise<GadgetPage> {
  const param = query.get('url') ?? '';
  const fail = (status: number, problem: string): GadgetPage => ({
    status,
    html: renderGadgetError(param, problem),
    problem,
  });
  const first = specUrlOf(param);
  if (!first) return fail(400, 'the gadget URL must be absolute (http/https) or start with /');
  const candidates = [first];
  if (first.origin !== LOCAL_ORIGIN) {
    for (const host of (query.get('alt') ?? '').split(',').map((h) => h.trim())) {
      if (!host || !/^[A-Za-z0-9.-]+(?::\d+)?$/.test(host)) continue;
      const alt = new URL(first.href);
      alt.host = host;
      candidates.push(alt);
    }
  }
  let specUrl = first;
  let got = await opts.source.fetch(first);
  for (const alt of candidates.slice(1)) {
    // Another host is tried only when this one could not be reached, not when it answered no.
    if (got.ok || got.status !== 502) break;
    specUrl = alt;
    got = await opts.source.fetch(alt);
  }
  if (!got.ok) return fail(got.status, got.error);
  const parsed = parseGadgetSpec(got.body);
  if (!parsed.ok) return fail(422, parsed.error);
  const spec = parsed.spec;
  let messages: Record<string, string> = {};
  let problem: string | undefined;
  const locale = chooseLocale(spec.locales, query.get('up_locale') ?? 'en_US');
  if (locale) {
    const bundleUrl = new URL(locale.messages, specUrl);
    const bundle = await opts.source.fetch(bundleUrl);
    const read = bundle.ok ? parseMessageBundle(bundle.body) : bundle.error;
    if (typeof read === 'string') problem = `messages ${locale.messages}: ${read}`;
    else messages = read;
  }
  const html = renderGadgetDocument({
    spec,
    specUrl: specUrl.href,
    query,
    messages,
    runtimeSrc: opts.runtimeSrc,
    layoutUrl: param,
  });
  return { status: 200, html, problem };
}
