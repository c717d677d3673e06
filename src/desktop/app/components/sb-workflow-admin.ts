/**
 * `<sb-workflow-admin>`: workflows and workflow actions — two tables, and one form at a time for a
 * new or an existing object. A workflow's form picks its trigger, conditions, actions (in table
 * order) and the teams it runs for; an action's form its type, who handles it, params and
 * variables. The server's refusal shows on the form.
 *
 * Property in: `state` (WorkflowAdminState from workflow-admin.ts).
 * Events out: `sb-workflow-edit` { kind, id? }, `sb-workflow-save` { kind, values },
 * `sb-workflow-cancel`, `sb-workflow-delete` { kind, id }.
 */

import { COMPARATORS, TRIGGERS, type WorkflowAdminState, type WorkflowKind } from '../workflow-admin.ts';
import { type Child, define, h, SbElement } from './dom.ts';
import { emit } from './events.ts';

type Values = Record<string, string>;

const input = (name: string, label: string, value: string, hint?: string) =>
  h(
    'div',
    { class: 'field' },
    h('label', { for: `wf-${name}` }, label),
    h('input', {
      id: `wf-${name}`,
      name,
      'data-key': `wf-${name}`,
      type: 'text',
      value,
      autocomplete: 'off',
    }),
    hint && h('small', { class: 'hint' }, hint),
  );
const area = (name: string, label: string, value: string, hint: string) =>
  h(
    'div',
    { class: 'field' },
    h('label', { for: `wf-${name}` }, label),
    h('textarea', { id: `wf-${name}`, name, 'data-key': `wf-${name}`, rows: 3, value, spellcheck: 'false' }),
    h('small', { class: 'hint' }, hint),
  );
const select = (name: string, label: string, value: string, options: readonly string[]) =>
  h(
    'div',
    { class: 'field' },
    h('label', { for: `wf-${name}` }, label),
    h(
      'select',
      { id: `wf-${name}`, name, 'data-key': `wf-${name}` },
      options.map((o) => h('option', { value: o, selected: o === value }, o)),
    ),
  );
const checks = (name: string, legend: string, chosen: string, items: { id: string; label: string }[]) =>
  h(
    'fieldset',
    { class: 'field' },
    h('legend', null, legend),
    items.length === 0 && h('small', { class: 'hint' }, 'none yet'),
    items.map((i) =>
      h(
        'label',
        { class: 'row' },
        h('input', {
          type: 'checkbox',
          name,
          value: i.id,
          'data-key': `wf-${name}-${i.id}`,
          checked: chosen.split(',').includes(i.id),
        }),
        ` ${i.label}`,
      ),
    ),
  );

export class SbWorkflowAdmin extends SbElement {
  #state: WorkflowAdminState | undefined;
  /** The open form, kept across renders of its edit session: what is typed in it stays. */
  #openForm: { session: number; form: HTMLFormElement } | undefined;

  set state(v: WorkflowAdminState) {
    if (v === this.#state) return;
    this.#state = v;
    this.requestRender();
  }

  #form(s: WorkflowAdminState, kind: WorkflowKind, v: Values) {
    const isWorkflow = kind === 'Workflow';
    const noun = isWorkflow ? 'workflow' : 'workflow action';
    const fields: Child = isWorkflow
      ? [
          input('name', 'Name', v.name ?? '', 'up to 40 characters, unique'),
          input('description', 'Description', v.description ?? ''),
          select('trigger', 'When', v.trigger ?? TRIGGERS[0], TRIGGERS),
          select('applyMethod', 'Run when', v.applyMethod || 'ALL', ['ALL', 'ANY']),
          area(
            'conditions',
            'Conditions',
            v.conditions ?? '',
            `one a line: variable | comparator | value [| node for a custom variable]; comparators ${COMPARATORS.join(', ')}`,
          ),
          checks(
            'actions',
            'Actions',
            v.actions ?? '',
            s.actions.map((a) => ({ id: a.id, label: a.name })),
          ),
          checks(
            'teams',
            'Teams',
            v.teams ?? '',
            s.teams.map((t) => ({ id: t.id, label: `${t.id} ${t.name}` })),
          ),
        ]
      : [
          input('name', 'Name', v.name ?? '', 'up to 64 characters, unique'),
          select('type', 'Type', v.type || 'BROWSER_POP', ['BROWSER_POP', 'HTTP_REQUEST']),
          select('handledBy', 'Handled by', v.handledBy || 'FINESSE_DESKTOP', ['FINESSE_DESKTOP', 'OTHER']),
          area(
            'params',
            'Params',
            v.params ?? '',
            'one a line: name=value (BROWSER_POP: path, windowName; HTTP_REQUEST: path, method, location, contentType, body); a variable is written $ { name } without spaces',
          ),
          area(
            'variables',
            'Variables',
            v.variables ?? '',
            'one a line: name | node (XPath in the Dialog) | CUSTOM or SYSTEM | test value',
          ),
        ];
    return h(
      'form',
      {
        class: 'card admin-form',
        novalidate: true,
        'aria-label': `${v.id ? 'Edit' : 'New'} ${noun}`,
        onsubmit: (ev: Event) => {
          ev.preventDefault();
          const data = new FormData(ev.target as HTMLFormElement);
          const values: Values = {};
          for (const key of new Set(data.keys()))
            values[key] = data
              .getAll(key)
              .map(String)
              .join(key === 'actions' || key === 'teams' ? ',' : '');
          if (isWorkflow) {
            values.actions ??= '';
            values.teams ??= '';
          }
          emit(this, 'sb-workflow-save', { kind, values });
        },
      },
      h('h3', null, `${v.id ? 'Edit' : 'New'} ${noun}`),
      fields,
      h(
        'div',
        { class: 'row' },
        h('button', { type: 'submit', class: 'btn go', 'data-key': 'wf-save' }, 'Save'),
        h(
          'button',
          {
            type: 'button',
            class: 'btn quiet',
            'data-key': 'wf-cancel',
            onclick: () => emit(this, 'sb-workflow-cancel', {}),
          },
          'Cancel',
        ),
      ),
    );
  }

  #keptForm(s: WorkflowAdminState, editing: NonNullable<WorkflowAdminState['editing']>) {
    if (this.#openForm?.session !== editing.session)
      this.#openForm = { session: editing.session, form: this.#form(s, editing.kind, editing.values) };
    const form = this.#openForm.form;
    // Only the refusal changes within a session.
    const error = form.querySelector('p.error');
    if (s.formError && !error)
      form.querySelector('div.row')?.before(h('p', { class: 'error', role: 'alert' }, s.formError));
    else if (error && s.formError) error.textContent = s.formError;
    else error?.remove();
    return form;
  }

  #table(kind: WorkflowKind, rows: Values[], columns: [string, string][]) {
    return h(
      'table',
      { class: 'grid', 'aria-label': kind === 'Workflow' ? 'Workflows' : 'Workflow actions' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          columns.map(([, label]) => h('th', { scope: 'col' }, label)),
          h('th', { scope: 'col' }, 'Actions'),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((r) =>
          h(
            'tr',
            { 'data-id': r.id },
            columns.map(([key]) => h('td', null, r[key] ?? '')),
            h(
              'td',
              { class: 'row' },
              h(
                'button',
                {
                  type: 'button',
                  class: 'btn small',
                  'data-key': `edit-${kind}-${r.id}`,
                  onclick: () => emit(this, 'sb-workflow-edit', { kind, id: r.id }),
                },
                'Edit',
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'btn small quiet',
                  'data-key': `delete-${kind}-${r.id}`,
                  onclick: () => emit(this, 'sb-workflow-delete', { kind, id: r.id }),
                },
                'Delete',
              ),
            ),
          ),
        ),
      ),
    );
  }

  protected render() {
    const s = this.#state;
    if (!s) return null;
    const actionName = (id: string) => s.actions.find((a) => a.id === id)?.name ?? id;
    const workflows = s.workflows.map((w) => ({
      ...w,
      actionNames: (w.actions ?? '').split(',').filter(Boolean).map(actionName).join(', '),
    }));
    return h(
      'section',
      { class: 'admin card', 'aria-label': 'Workflows' },
      h('h2', null, 'Workflows'),
      s.message && h('p', { class: 'status', role: 'status' }, s.message),
      s.editing
        ? this.#keptForm(s, s.editing)
        : h(
            'div',
            { class: 'row' },
            h(
              'button',
              {
                type: 'button',
                class: 'btn go',
                'data-key': 'new-Workflow',
                onclick: () => emit(this, 'sb-workflow-edit', { kind: 'Workflow' }),
              },
              'New workflow',
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'btn',
                'data-key': 'new-WorkflowAction',
                onclick: () => emit(this, 'sb-workflow-edit', { kind: 'WorkflowAction' }),
              },
              'New workflow action',
            ),
          ),
      h('h3', null, 'Workflows'),
      this.#table('Workflow', workflows, [
        ['name', 'Name'],
        ['trigger', 'When'],
        ['actionNames', 'Actions'],
        ['teams', 'Teams'],
      ]),
      h('h3', null, 'Workflow actions'),
      this.#table('WorkflowAction', s.actions, [
        ['name', 'Name'],
        ['type', 'Type'],
        ['handledBy', 'Handled by'],
      ]),
    );
  }
}

define('sb-workflow-admin', SbWorkflowAdmin);
declare global {
  interface HTMLElementTagNameMap {
    'sb-workflow-admin': SbWorkflowAdmin;
  }
}
