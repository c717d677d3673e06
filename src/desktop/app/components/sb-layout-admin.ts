/**
 * `<sb-layout-admin>`: the desktop layout editor — which layout (the default or a team's), the
 * `<finesseLayout>` XML in a text area, the server's validation problems (line and element) when a
 * save is refused, and a preview of what the desktop will show: per role, the page gadgets and
 * the tabs with their columns and gadgets, drawn from the draft as it is typed.
 *
 * Property in: `state` (LayoutAdminState from gadget-admin.ts).
 * Events out: `sb-layout-open` { target }, `sb-layout-save` { target, xml, useDefault }.
 */

import type { LayoutAdminState } from '../gadget-admin.ts';
import { define, h, SbElement } from './dom.ts';
import { emit } from './events.ts';

const NS = 'http://www.cisco.com/vtg/finesse';

/** The draft's tree as the desktop would lay it out, or why it cannot be read. */
export function previewOf(xml: string): HTMLElement {
  if (!xml.trim()) return h('p', { class: 'empty' }, 'No layout.');
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const fault = doc.getElementsByTagName('parsererror')[0];
  if (fault)
    return h(
      'p',
      { class: 'error', role: 'alert' },
      `Not well-formed XML: ${(fault.textContent ?? '').split('\n')[0]}`,
    );
  const kids = (el: Element | undefined, name: string) =>
    el ? Array.from(el.children).filter((c) => c.localName === name && c.namespaceURI === NS) : [];
  const text = (el: Element | undefined, name: string) => kids(el, name)[0]?.textContent?.trim() ?? '';
  const gadget = (g: Element) =>
    h(
      'li',
      { class: 'preview-gadget' },
      h('code', null, g.textContent?.trim() ?? ''),
      g.getAttribute('id') && ` #${g.getAttribute('id')}`,
      g.getAttribute('hidden') === 'true' && ' (hidden)',
    );
  const root = doc.documentElement;
  return h(
    'div',
    { class: 'layout-tree' },
    kids(root, 'layout').map((layout) => {
      const tabs = kids(kids(layout, 'tabs')[0], 'tab');
      return h(
        'section',
        { class: 'preview-role', 'data-role': text(layout, 'role') },
        h('h4', null, `Role: ${text(layout, 'role') || '?'}`),
        h('ul', { 'aria-label': 'page gadgets' }, kids(kids(layout, 'page')[0], 'gadget').map(gadget)),
        h(
          'ol',
          { class: 'preview-tabs' },
          tabs.map((tab) => {
            const direct = kids(tab, 'gadgets');
            const columns = direct.length
              ? direct
              : kids(kids(tab, 'columns')[0], 'column').flatMap((c) => kids(c, 'gadgets'));
            return h(
              'li',
              { class: 'preview-tab', 'data-tab': text(tab, 'id') },
              h('strong', null, text(tab, 'label') || text(tab, 'id')),
              ` (${text(tab, 'id')})`,
              columns.map((col, i) =>
                h('ul', { 'aria-label': `column ${i + 1}` }, kids(col, 'gadget').map(gadget)),
              ),
            );
          }),
        ),
      );
    }),
  );
}

export class SbLayoutAdmin extends SbElement {
  #state: LayoutAdminState | undefined;
  #draft = '';
  #useDefault = false;
  #revision = -1;

  set state(v: LayoutAdminState) {
    if (v === this.#state) return;
    this.#state = v;
    // A load or a save replaces the draft; a refused save keeps it for fixing.
    if (v.revision !== this.#revision) {
      this.#revision = v.revision;
      this.#draft = v.xml;
      this.#useDefault = v.useDefault;
    }
    this.requestRender();
  }

  #updatePreview() {
    this.querySelector('.layout-preview')?.replaceChildren(
      previewOf(
        this.#useDefault && this.#state?.target !== 'default' ? (this.#state?.xml ?? '') : this.#draft,
      ),
    );
  }

  protected render() {
    const s = this.#state;
    if (!s) return null;
    const isTeam = s.target !== 'default';
    return h(
      'section',
      { class: 'admin card', 'aria-label': 'Desktop layout' },
      h('h2', null, 'Desktop layout'),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'layout-target' }, 'Layout of'),
        h(
          'select',
          {
            id: 'layout-target',
            'data-key': 'layout-target',
            onchange: (ev: Event) =>
              emit(this, 'sb-layout-open', { target: (ev.target as HTMLSelectElement).value }),
          },
          h('option', { value: 'default', selected: !isTeam }, 'Default (every team without its own)'),
          s.teams.map((t) =>
            h('option', { value: t.id, selected: t.id === s.target }, `Team ${t.id} ${t.name}`),
          ),
        ),
      ),
      s.message && h('p', { class: 'status', role: 'status' }, s.message),
      h(
        'form',
        {
          class: 'admin-form layout-form',
          'aria-label': 'Layout XML',
          onsubmit: (ev: Event) => {
            ev.preventDefault();
            emit(this, 'sb-layout-save', {
              target: s.target,
              xml: this.#draft,
              useDefault: isTeam && this.#useDefault,
            });
          },
        },
        isTeam &&
          h(
            'label',
            { class: 'row' },
            h('input', {
              type: 'checkbox',
              'data-key': 'layout-use-default',
              checked: this.#useDefault,
              onchange: (ev: Event) => {
                this.#useDefault = (ev.target as HTMLInputElement).checked;
                this.requestRender();
              },
            }),
            ' Use the default layout',
          ),
        h('textarea', {
          class: 'layout-xml',
          'data-key': 'layout-xml',
          'aria-label': 'finesseLayout XML',
          spellcheck: 'false',
          rows: 24,
          value: this.#draft,
          disabled: isTeam && this.#useDefault,
          'aria-invalid': s.errors.length ? 'true' : undefined,
          oninput: (ev: Event) => {
            this.#draft = (ev.target as HTMLTextAreaElement).value;
            this.#updatePreview();
          },
        }),
        s.errors.length > 0 &&
          h(
            'ul',
            { class: 'layout-errors error', role: 'alert', 'aria-label': 'Layout problems' },
            s.errors.map((e) => h('li', null, e)),
          ),
        h(
          'div',
          { class: 'row' },
          h('button', { type: 'submit', class: 'btn go', 'data-key': 'layout-save' }, 'Save layout'),
        ),
      ),
      h('h3', null, 'Preview'),
      h('div', { class: 'layout-preview' }, previewOf(isTeam && this.#useDefault ? s.xml : this.#draft)),
    );
  }
}

define('sb-layout-admin', SbLayoutAdmin);
declare global {
  interface HTMLElementTagNameMap {
    'sb-layout-admin': SbLayoutAdmin;
  }
}
