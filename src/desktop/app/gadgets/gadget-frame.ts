/// <reference lib="dom" />
/**
 * One gadget in the page: its box (`div.gadget`), the title bar Finesse's library looks for
 * (`#finesse_gadget_N_title`), the loading indicator, and the iframe `#finesse_gadget_N` whose
 * document the server renders at `/desktop/ifr` (gadget-page/). The frame is built once and never
 * moved: an iframe taken out of the document reloads.
 */
import type { GadgetRef } from './layout.ts';

/** Shindig's default gadget height when neither the gadget nor the layout gives one. */
export const DEFAULT_HEIGHT = 200;

/**
 * The iframe's URL: `url` (the spec URL with its own query, fully encoded: WebexTeams splits on
 * `=`), `mid`, Shindig's `lang`/`country`, `alt` (the layout's alternateHosts) and `up_<pref>`
 * for every Finesse pref (gadgets.md §F step 1.5).
 */
export function gadgetFrameUrl(
  specUrl: string,
  mid: string,
  prefs: Record<string, string>,
  alternateHosts: string[] = [],
): string {
  const [lang = 'en', country = 'US'] = (prefs.locale || 'en_US').split('_');
  const parts = [`url=${encodeURIComponent(specUrl)}`, `mid=${encodeURIComponent(mid)}`];
  parts.push(`lang=${encodeURIComponent(lang)}`, `country=${encodeURIComponent(country)}`);
  if (alternateHosts.length && /^https?:\/\//i.test(specUrl))
    parts.push(`alt=${encodeURIComponent(alternateHosts.join(','))}`);
  for (const [k, v] of Object.entries(prefs))
    parts.push(`up_${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return `/desktop/ifr?${parts.join('&')}`;
}

/** `gadgetHeight=<px>` in the gadget's URL: a fixed height chosen by the layout (12.5 dev guide). */
export function fixedHeightOf(specUrl: string): number | undefined {
  const q = specUrl.indexOf('?');
  if (q < 0) return undefined;
  const v = new URLSearchParams(specUrl.slice(q + 1)).get('gadgetHeight');
  const n = Number(v);
  return v && Number.isFinite(n) && n > 0 ? Math.round(n) : undefined;
}

export interface FrameOptions {
  mid: string;
  ref: GadgetRef;
  /** Page-level and hidden gadgets have no title bar. */
  withTitle: boolean;
  src: string;
  onLoad: (frame: GadgetFrame) => void;
  onRetry: (frame: GadgetFrame) => void;
}

export class GadgetFrame {
  readonly mid: string;
  readonly element: HTMLDivElement;
  readonly iframe: HTMLIFrameElement;
  readonly #title: HTMLDivElement;
  readonly #loading: HTMLDivElement;
  #specUrl: string;
  #fixedHeight: number | undefined;
  #loadingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(opts: FrameOptions) {
    const n = opts.mid;
    this.mid = n;
    this.#specUrl = opts.ref.url;
    this.#fixedHeight = fixedHeightOf(opts.ref.url);
    this.element = document.createElement('div');
    this.element.className = 'gadget';
    this.element.id = `finesse_gadget_${n}_box`;
    this.element.dataset.gadgetUrl = opts.ref.url;
    if (opts.ref.id) this.element.dataset.layoutId = opts.ref.id;
    this.#title = document.createElement('div');
    this.#title.className = 'gadget-title';
    this.#title.id = `finesse_gadget_${n}_title`;
    this.#title.hidden = !opts.withTitle;
    this.#loading = document.createElement('div');
    this.#loading.className = 'gadget-loading';
    this.#loading.setAttribute('role', 'status');
    this.#loading.hidden = true;
    this.iframe = document.createElement('iframe');
    this.iframe.id = `finesse_gadget_${n}`;
    this.iframe.name = `finesse_gadget_${n}`;
    this.iframe.className = 'gadget-frame';
    this.iframe.title = opts.ref.url;
    this.iframe.style.height = `${this.#fixedHeight ?? DEFAULT_HEIGHT}px`;
    this.iframe.addEventListener('load', () => opts.onLoad(this));
    this.#retry = () => opts.onRetry(this);
    this.element.append(this.#title, this.#loading, this.iframe);
    this.iframe.src = opts.src;
  }

  readonly #retry: () => void;

  get specUrl(): string {
    return this.#specUrl;
  }

  /** A new spec URL (`modifyGadgetUrl`): the next load uses it. */
  set specUrl(url: string) {
    this.#specUrl = url;
    this.#fixedHeight = fixedHeightOf(url);
    this.element.dataset.gadgetUrl = url;
  }

  load(src: string): void {
    this.iframe.src = src;
  }

  setTitle(text: string): void {
    this.#title.textContent = text;
    this.iframe.title = text || this.#specUrl;
  }

  setHeight(px: number): void {
    if (this.#fixedHeight !== undefined) return;
    this.iframe.style.height = `${px}px`;
  }

  /** The loading indicator; a Retry button once `timeoutSec` passed without the gadget loading. */
  showLoading(timeoutSec: number): void {
    clearTimeout(this.#loadingTimer);
    this.#loading.hidden = false;
    this.#loading.replaceChildren('Loading…');
    this.#loadingTimer = setTimeout(() => {
      const retry = document.createElement('button');
      retry.type = 'button';
      retry.className = 'btn small';
      retry.textContent = 'Retry';
      retry.addEventListener('click', this.#retry);
      this.#loading.replaceChildren('This gadget is taking long to load. ', retry);
    }, timeoutSec * 1000);
  }

  dismissLoading(): void {
    clearTimeout(this.#loadingTimer);
    this.#loading.hidden = true;
  }

  /** The server could not render the gadget: its page says why; the title bar says so too. */
  markError(): void {
    this.dismissLoading();
    this.element.classList.add('gadget-error');
    if (!this.#title.textContent) this.#title.textContent = 'Gadget error';
  }

  destroy(): void {
    clearTimeout(this.#loadingTimer);
    this.element.remove();
  }
}
