/**
 * `<sb-admin-page>`: the administrator's pages — reason codes, wrap-up reasons, teams, users,
 * phone books and their contacts: a table per object type, create/edit in a form whose API
 * validation errors appear next to the field they concern, and delete with a confirmation step;
 * and the gadget pages (desktop layout, workflows, gadget files), each its own component.
 *
 * Property in: `state` (AdminState from admin.ts).
 * Events out: `sb-admin-open` { resource, parent? }, `sb-admin-edit` { row? }, `sb-admin-save` { values },
 * `sb-admin-cancel`, `sb-admin-delete` { id }.
 */

import { type AdminState, specOf } from '../admin.ts';
import type { FieldSpec } from '../admin-resources.ts';
import { RESOURCES } from '../admin-resources.ts';
import { GADGET_PAGES, isGadgetPage } from '../gadget-admin.ts';
import { define, h, SbElement } from './dom.ts';
import { emit } from './events.ts';
import './sb-gadget-files.ts';
import './sb-layout-admin.ts';
import './sb-workflow-admin.ts';

export class SbAdminPage extends SbElement {
  #state: AdminState | undefined;
  #confirming = '';
  /** Created once: their drafts (the layout editor's text) survive re-renders of the page. */
  readonly #gadgetPages = {
    layout: document.createElement('sb-layout-admin'),
    workflows: document.createElement('sb-workflow-admin'),
    gadgets: document.createElement('sb-gadget-files'),
  };

  set state(v: AdminState) {
    if (v === this.#state) return;
    this.#state = v;
    this.#confirming = '';
    this.requestRender();
  }

  #field(f: FieldSpec, row: Record<string, string>, isEdit: boolean, error: string | undefined) {
    const id = `f-${f.name}`;
    const common = {
      id,
      name: f.name,
      'data-key': id,
      'aria-invalid': error ? 'true' : undefined,
      'aria-describedby': error ? `${id}-error` : f.hint ? `${id}-hint` : undefined,
      readOnly: isEdit && f.readonlyOnEdit,
    };
    const value = row[f.name] ?? '';
    const input =
      f.type === 'select'
        ? h(
            'select',
            common,
            (f.options ?? []).map((o) => h('option', { value: o, selected: o === value }, o)),
          )
        : f.type === 'rows' || f.type === 'textarea'
          ? h('textarea', { ...common, rows: f.type === 'rows' ? 6 : 3, value })
          : f.type === 'checkbox'
            ? h('input', { ...common, type: 'checkbox', value: 'true', checked: value === 'true' })
            : h('input', {
                ...common,
                type: f.type === 'number' ? 'text' : f.type === 'list' ? 'text' : f.type,
                value,
                inputmode: f.type === 'number' ? 'numeric' : undefined,
                autocomplete: 'off',
              });
    return h(
      'div',
      { class: `field${error ? ' invalid' : ''}` },
      h('label', { for: id }, f.label),
      input,
      f.hint && !error && h('small', { id: `${id}-hint`, class: 'hint' }, f.hint),
      error && h('p', { class: 'field-error', id: `${id}-error`, role: 'alert' }, error),
    );
  }

  #form(s: AdminState) {
    const spec = specOf(s);
    const row = s.editing ?? {};
    const isEdit = !!row.id;
    return h(
      'form',
      {
        class: 'card admin-form',
        novalidate: true,
        'aria-label': `${isEdit ? 'Edit' : 'New'} ${spec.noun}`,
        onsubmit: (ev: Event) => {
          ev.preventDefault();
          const data = new FormData(ev.target as HTMLFormElement);
          const values: Record<string, string> = {};
          for (const f of spec.fields)
            values[f.name] =
              f.type === 'checkbox' ? String(data.get(f.name) === 'true') : String(data.get(f.name) ?? '');
          emit(this, 'sb-admin-save', { values });
        },
      },
      h('h3', null, `${isEdit ? 'Edit' : 'New'} ${spec.noun}`),
      spec.fields.map((f) => this.#field(f, row, isEdit, s.fieldErrors[f.name])),
      s.formError && h('p', { class: 'error', role: 'alert' }, s.formError),
      h(
        'div',
        { class: 'row' },
        h('button', { type: 'submit', class: 'btn go', 'data-key': 'admin-save' }, 'Save'),
        h(
          'button',
          {
            type: 'button',
            class: 'btn quiet',
            'data-key': 'admin-cancel',
            onclick: () => emit(this, 'sb-admin-cancel', {}),
          },
          'Cancel',
        ),
      ),
    );
  }

  #table(s: AdminState) {
    const spec = specOf(s);
    const label = (name: string) =>
      spec.fields.find((f) => f.name === name)?.label ?? (name === 'id' ? 'ID' : name);
    return h(
      'table',
      { class: 'grid', 'aria-label': spec.title },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          spec.columns.map((c) => h('th', { scope: 'col' }, label(c))),
          h('th', { scope: 'col' }, 'Actions'),
        ),
      ),
      h(
        'tbody',
        null,
        s.rows.map((r) =>
          h(
            'tr',
            { 'data-id': r.id },
            spec.columns.map((c) =>
              h(
                'td',
                null,
                r[c] === 'true' ? 'Yes' : r[c] === 'false' ? 'No' : (r[c] ?? '').replaceAll('\n', '; '),
              ),
            ),
            h(
              'td',
              { class: 'row' },
              spec.child &&
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn small',
                    'data-key': `open-${r.id}`,
                    onclick: () =>
                      emit(this, 'sb-admin-open', {
                        resource: s.resource,
                        parent: { id: r.id, label: r.name ?? r.id },
                      }),
                  },
                  spec.child.title,
                ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'btn small',
                  'data-key': `edit-${r.id}`,
                  onclick: () => emit(this, 'sb-admin-edit', { row: r }),
                },
                'Edit',
              ),
              spec.isSingleton
                ? null
                : this.#confirming === r.id
                  ? [
                      h(
                        'button',
                        {
                          type: 'button',
                          class: 'btn small stop',
                          'data-key': `confirm-${r.id}`,
                          onclick: () => emit(this, 'sb-admin-delete', { id: r.id }),
                        },
                        'Confirm delete',
                      ),
                      h(
                        'button',
                        {
                          type: 'button',
                          class: 'btn small quiet',
                          'data-key': `keep-${r.id}`,
                          onclick: () => {
                            this.#confirming = '';
                            this.requestRender();
                          },
                        },
                        'Keep',
                      ),
                    ]
                  : h(
                      'button',
                      {
                        type: 'button',
                        class: 'btn small quiet',
                        'data-key': `delete-${r.id}`,
                        onclick: () => {
                          this.#confirming = r.id;
                          this.requestRender();
                          queueMicrotask(() =>
                            this.querySelector<HTMLElement>(`[data-key="confirm-${r.id}"]`)?.focus(),
                          );
                        },
                      },
                      'Delete',
                    ),
            ),
          ),
        ),
      ),
    );
  }

  #gadgetPage(s: AdminState) {
    const p = this.#gadgetPages;
    if (s.resource === 'layout') p.layout.state = s.gadgets.layout;
    if (s.resource === 'workflows') p.workflows.state = s.gadgets.workflows;
    if (s.resource === 'gadgets') p.gadgets.state = s.gadgets.files;
    return p[s.resource as keyof typeof p];
  }

  /** A phone book's Import (its contacts replaced by a CSV's) and Export, as Finesse's admin has them. */
  #csvTools() {
    return h(
      'div',
      { class: 'row csv-tools' },
      h(
        'label',
        { class: 'btn quiet' },
        'Import CSV',
        h('input', {
          type: 'file',
          accept: '.csv,text/csv',
          hidden: true,
          'data-key': 'contacts-import',
          onchange: (ev: Event) => {
            const input = ev.target as HTMLInputElement;
            const file = input.files?.[0];
            if (file) emit(this, 'sb-admin-import', { file });
            input.value = '';
          },
        }),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn quiet',
          'data-key': 'contacts-export',
          onclick: () => emit(this, 'sb-admin-export', {}),
        },
        'Export CSV',
      ),
    );
  }

  protected render() {
    const s = this.#state;
    if (!s) return null;
    const nav = h(
      'nav',
      { class: 'tabs', 'aria-label': 'Configuration' },
      [...RESOURCES, ...GADGET_PAGES].map((r) =>
        h(
          'button',
          {
            type: 'button',
            class: 'tab',
            'data-key': `tab-${r.key}`,
            'aria-current': r.key === s.resource && !s.parent ? 'page' : undefined,
            onclick: () => emit(this, 'sb-admin-open', { resource: r.key }),
          },
          r.title,
        ),
      ),
    );
    if (isGadgetPage(s.resource)) return [nav, this.#gadgetPage(s)];
    const spec = specOf(s);
    return [
      nav,
      h(
        'section',
        { class: 'admin card', 'aria-label': spec.title },
        h(
          'h2',
          null,
          s.parent && [
            h(
              'button',
              {
                type: 'button',
                class: 'link',
                'data-key': 'admin-back',
                onclick: () => emit(this, 'sb-admin-open', { resource: s.resource }),
              },
              RESOURCES.find((r) => r.key === s.resource)?.title,
            ),
            ' › ',
            `${s.parent.label}: `,
          ],
          spec.title,
        ),
        s.message && h('p', { class: 'status', role: 'status' }, s.message),
        s.unavailable
          ? h('p', { class: 'empty' }, `This server does not offer the ${spec.title.toLowerCase()} API.`)
          : [
              s.parent && spec.element === 'Contact' && this.#csvTools(),
              !s.editing &&
                !spec.isSingleton &&
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn go',
                    'data-key': 'admin-new',
                    onclick: () => emit(this, 'sb-admin-edit', {}),
                  },
                  `New ${spec.noun}`,
                ),
              s.editing && this.#form(s),
              this.#table(s),
            ],
      ),
    ];
  }
}

define('sb-admin-page', SbAdminPage);
declare global {
  interface HTMLElementTagNameMap {
    'sb-admin-page': SbAdminPage;
  }
}
