/// <reference lib="dom" />
/**
 * The render helpers the components share instead of a framework: `h()` builds elements,
 * `patch()` swaps a component's children while keeping keyboard focus (and the caret) on the
 * element with the same `data-key`, and `SbElement` batches renders into one microtask.
 */

export type Child = Node | string | number | null | undefined | false | Child[];
type AttrValue = string | number | boolean | null | undefined | EventListener;
export type Attrs = Record<string, AttrValue>;

const PROPS = new Set(['value', 'checked', 'selected', 'disabled', 'readOnly']);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (PROPS.has(k)) (el as unknown as Record<string, unknown>)[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

function flatten(children: Child[], out: Node[]): Node[] {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) flatten(c, out);
    else out.push(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
  return out;
}

/**
 * Makes `children` the children of `host`; focus returns to the new element with the old one's
 * `data-key`. A child already in place is left where it is, never taken out and put back: a
 * persistent child holding gadget iframes (which reload whenever they leave the document) survives
 * every render of its parents.
 */
export function patch(host: Element, ...children: Child[]): void {
  const active = document.activeElement;
  const key = active instanceof HTMLElement && host.contains(active) ? active.dataset.key : undefined;
  const caret = active instanceof HTMLInputElement ? [active.selectionStart, active.selectionEnd] : undefined;
  const nodes = flatten(children, []);
  const keep = new Set(nodes);
  for (const old of Array.from(host.childNodes)) if (!keep.has(old)) old.remove();
  let ref = host.firstChild;
  for (const n of nodes) {
    if (n === ref) ref = ref.nextSibling;
    else host.insertBefore(n, ref);
  }
  if (!key || document.activeElement === active) return;
  const next = host.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
  if (!next) return;
  next.focus();
  if (caret && next instanceof HTMLInputElement && caret[0] !== null) {
    try {
      next.setSelectionRange(caret[0], caret[1]);
    } catch {
      // number/email inputs have no selection API
    }
  }
}

/** A light-DOM custom element rendered by `render()` whenever a property setter asks. */
export abstract class SbElement extends HTMLElement {
  #pending = false;
  #initialized = false;

  /**
   * A parent's render moves persistent children out and back in, which re-runs this callback;
   * `init()` (listeners, one-time setup) runs only the first time.
   */
  connectedCallback(): void {
    if (!this.#initialized) {
      this.#initialized = true;
      this.init();
    }
    this.requestRender();
  }

  protected init(): void {}

  protected requestRender(): void {
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      if (this.isConnected) patch(this, this.render());
    });
  }

  protected abstract render(): Child;
}

export function define(tag: string, ctor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
