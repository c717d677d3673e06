/**
 * The workflows page's I/O and its form ↔ XML: Workflow and WorkflowAction (Finesse's config APIs,
 * docs/gadgets.md "Workflows") and each team's list (`/Team/{id}/Workflows`). The form edits the
 * lists as lines: params `name=value`, action variables `name | node | type | testValue`,
 * conditions `variable | comparator | value` (a SYSTEM variable) or `variable | comparator |
 * value | node` (a CUSTOM one, at that XPath).
 */
import type { RestClient } from './client/rest.ts';
import { buildXml, childElements, childText, idFromUri, type XmlNode } from './client/xml.ts';
import { describeErrors } from './desktop-data.ts';

export type WorkflowKind = 'Workflow' | 'WorkflowAction';
export type FormValues = Record<string, string>;

export interface WorkflowAdminState {
  workflows: FormValues[];
  actions: FormValues[];
  teams: { id: string; name: string }[];
  /**
   * The object in the form; `id` empty for a new one. `session` changes only when a form is
   * opened, so that the form a user is typing in is kept while the rest of the page updates.
   */
  editing: { kind: WorkflowKind; values: FormValues; session: number } | undefined;
  formError: string;
  message: string;
}

export const WORKFLOWS_EMPTY: WorkflowAdminState = {
  workflows: [],
  actions: [],
  teams: [],
  editing: undefined,
  formError: '',
  message: '',
};

/** The server's (store/workflow-rules.ts), which the bundle cannot import; a test keeps them equal. */
export const TRIGGERS = ['CALL_ARRIVES', 'CALL_ANSWERED', 'CALL_ENDS', 'CALL_MADE'];
export const COMPARATORS = [
  'IS_EQUAL',
  'IS_NOT_EQUAL',
  'BEGINS_WITH',
  'ENDS_WITH',
  'CONTAINS',
  'IS_EMPTY',
  'IS_NOT_EMPTY',
  'IS_IN_LIST',
  'IS_NOT_IN_LIST',
];

const api = '/finesse/api';
const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
const cells = (l: string) => l.split('|').map((c) => c.trim());
const ids = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function actionBody(v: FormValues): string {
  const params: XmlNode[] = lines(v.params ?? '').map((l) => {
    const eq = l.indexOf('=');
    return [
      'Param',
      [
        ['name', (eq < 0 ? l : l.slice(0, eq)).trim()],
        ['value', eq < 0 ? '' : l.slice(eq + 1).trim()],
      ],
    ];
  });
  const variables: XmlNode[] = lines(v.variables ?? '').map((l) => {
    const [name = '', node = '', type = 'CUSTOM', testValue = ''] = cells(l);
    return [
      'ActionVariable',
      [
        ['name', name],
        ['node', node],
        ['type', type || 'CUSTOM'],
        ['testValue', testValue],
      ],
    ];
  });
  return buildXml('WorkflowAction', [
    ['name', v.name ?? ''],
    ['type', v.type ?? 'BROWSER_POP'],
    ['handledBy', v.handledBy ?? 'FINESSE_DESKTOP'],
    ['params', params],
    ['actionVariables', variables],
  ]);
}

export function workflowBody(v: FormValues): string {
  const conditions: XmlNode[] = lines(v.conditions ?? '').map((l) => {
    const [name = '', comparator = '', value = '', node = ''] = cells(l);
    const variable: XmlNode[] = [
      ['name', name],
      ['node', node],
      ['type', node ? 'CUSTOM' : 'SYSTEM'],
    ];
    return [
      'Condition',
      [
        ['Variable', variable],
        ['comparator', comparator],
        ['value', value],
      ],
    ];
  });
  return buildXml('Workflow', [
    ['name', v.name ?? ''],
    ['description', v.description ?? ''],
    [
      'TriggerSet',
      [
        ['type', 'SYSTEM'],
        ['name', v.trigger || TRIGGERS[0]],
      ],
    ],
    [
      'ConditionSet',
      [
        ['applyMethod', v.applyMethod || 'ALL'],
        ['conditions', conditions],
      ],
    ],
    [
      'workflowActions',
      ids(v.actions ?? '').map((id): XmlNode => ['WorkflowAction', [['uri', `${api}/WorkflowAction/${id}`]]]),
    ],
  ]);
}

function actionValues(el: Element): FormValues {
  return {
    id: idFromUri(childText(el, 'uri')),
    name: childText(el, 'name'),
    type: childText(el, 'type'),
    handledBy: childText(el, 'handledBy'),
    params: childElements(childElements(el, 'params')[0], 'Param')
      .map((p) => `${childText(p, 'name')}=${childElements(p, 'value')[0]?.textContent ?? ''}`)
      .join('\n'),
    variables: childElements(childElements(el, 'actionVariables')[0], 'ActionVariable')
      .map((x) =>
        [childText(x, 'name'), childText(x, 'node'), childText(x, 'type'), childText(x, 'testValue')].join(
          ' | ',
        ),
      )
      .join('\n'),
  };
}

function workflowValues(el: Element): FormValues {
  const cs = childElements(el, 'ConditionSet')[0];
  return {
    id: idFromUri(childText(el, 'uri')),
    name: childText(el, 'name'),
    description: childText(el, 'description'),
    trigger: childText(childElements(el, 'TriggerSet')[0], 'name'),
    applyMethod: childText(cs, 'applyMethod'),
    conditions: childElements(childElements(cs, 'conditions')[0], 'Condition')
      .map((c) => {
        const v = childElements(c, 'Variable')[0];
        const custom = childText(v, 'type') === 'CUSTOM';
        return [
          childText(v, 'name'),
          childText(c, 'comparator'),
          childText(c, 'value'),
          ...(custom ? [childText(v, 'node')] : []),
        ].join(' | ');
      })
      .join('\n'),
    actions: childElements(childElements(el, 'workflowActions')[0], 'WorkflowAction')
      .map((a) => idFromUri(childText(a, 'uri')))
      .join(','),
  };
}

export class WorkflowAdmin {
  state: WorkflowAdminState = WORKFLOWS_EMPTY;
  readonly #rest: RestClient;
  readonly #onChange: (s: WorkflowAdminState) => void;
  /** Forms opened so far: each opening is a new edit session. */
  #sessions = 0;
  /** Each team's workflow ids, in order, as last read. */
  #teamLists = new Map<string, string[]>();

  constructor(rest: RestClient, onChange: (s: WorkflowAdminState) => void) {
    this.#rest = rest;
    this.#onChange = onChange;
  }

  #set(patch: Partial<WorkflowAdminState>) {
    this.state = { ...this.state, ...patch };
    this.#onChange(this.state);
  }

  reset(): void {
    this.#teamLists.clear();
    this.state = WORKFLOWS_EMPTY;
  }

  async refresh(): Promise<void> {
    const [w, a, t] = await Promise.all([
      this.#rest.get(`${api}/Workflows`),
      this.#rest.get(`${api}/WorkflowActions`),
      this.#rest.get(`${api}/Teams`),
    ]);
    if (!w.ok || !a.ok) {
      this.#set({
        message: `Loading failed: ${describeErrors([...w.errors, ...a.errors], w.ok ? a.status : w.status)}`,
      });
      return;
    }
    const teams = childElements(t.root, 'Team').map((x) => ({
      id: childText(x, 'id') || idFromUri(childText(x, 'uri')),
      name: childText(x, 'name'),
    }));
    await Promise.all(
      teams.map(async (team) => {
        const r = await this.#rest.get(`${api}/Team/${encodeURIComponent(team.id)}/Workflows`);
        this.#teamLists.set(
          team.id,
          childElements(r.root, 'Workflow').map((x) => idFromUri(childText(x, 'uri'))),
        );
      }),
    );
    const workflows = childElements(w.root, 'Workflow').map((el) => {
      const v = workflowValues(el);
      v.teams = teams
        .filter((team) => this.#teamLists.get(team.id)?.includes(v.id))
        .map((team) => team.id)
        .join(',');
      return v;
    });
    this.#set({ workflows, actions: childElements(a.root, 'WorkflowAction').map(actionValues), teams });
  }

  edit(kind: WorkflowKind, id?: string): void {
    const list = kind === 'Workflow' ? this.state.workflows : this.state.actions;
    const values = (id && list.find((x) => x.id === id)) || { id: '' };
    this.#set({
      editing: { kind, values: { ...values }, session: ++this.#sessions },
      formError: '',
      message: '',
    });
  }

  cancel(): void {
    this.#set({ editing: undefined, formError: '' });
  }

  async save(kind: WorkflowKind, values: FormValues): Promise<boolean> {
    const id = this.state.editing?.values.id ?? '';
    const body = kind === 'Workflow' ? workflowBody(values) : actionBody(values);
    const res = id
      ? await this.#rest.send('PUT', `${api}/${kind}/${id}`, body)
      : await this.#rest.send('POST', `${api}/${kind}`, body);
    if (!res.ok) {
      const why = res.errors.map((e) => `${e.errorType}${e.errorData ? ` (${e.errorData})` : ''}`).join('; ');
      this.#set({
        editing: { kind, values: { ...values, id }, session: this.state.editing?.session ?? 0 },
        formError: why || `Saving failed: ${describeErrors(res.errors, res.status)}`,
      });
      return false;
    }
    if (kind === 'Workflow') {
      // A create answers an empty body (and a Location); names are unique, so the list tells the id.
      const savedId = id || (await this.#idByName(values.name ?? ''));
      const failed = await this.#assignTeams(savedId, ids(values.teams ?? ''));
      if (failed) {
        this.#set({
          editing: { kind, values: { ...values, id: savedId }, session: this.state.editing?.session ?? 0 },
          formError: failed,
        });
        return false;
      }
    }
    this.#set({
      editing: undefined,
      formError: '',
      message: `Saved ${kind === 'Workflow' ? 'workflow' : 'workflow action'} ${values.name ?? ''}`,
    });
    await this.refresh();
    return true;
  }

  async #idByName(name: string): Promise<string> {
    const res = await this.#rest.get(`${api}/Workflows`);
    const found = childElements(res.root, 'Workflow').find((w) => childText(w, 'name') === name.trim());
    return found ? idFromUri(childText(found, 'uri')) : '';
  }

  /** Puts the workflow on the chosen teams' lists (at the end) and takes it off the others. */
  async #assignTeams(workflowId: string, chosen: string[]): Promise<string | undefined> {
    if (!workflowId)
      return chosen.length ? 'Saved, but the new workflow was not found to assign it to teams' : undefined;
    for (const team of this.state.teams) {
      const now = this.#teamLists.get(team.id) ?? [];
      const has = now.includes(workflowId);
      const wants = chosen.includes(team.id);
      if (has === wants) continue;
      const next = wants ? [...now, workflowId] : now.filter((x) => x !== workflowId);
      const body = buildXml(
        'Workflows',
        next.map((x): XmlNode => ['Workflow', [['uri', `${api}/Workflow/${x}`]]]),
      );
      const r = await this.#rest.send('PUT', `${api}/Team/${encodeURIComponent(team.id)}/Workflows`, body);
      if (!r.ok) return `Team ${team.id}: ${describeErrors(r.errors, r.status)}`;
      this.#teamLists.set(team.id, next);
    }
    return undefined;
  }

  async remove(kind: WorkflowKind, id: string): Promise<void> {
    const res = await this.#rest.send('DELETE', `${api}/${kind}/${id}`);
    this.#set({
      message: res.ok
        ? `Deleted ${kind === 'Workflow' ? 'workflow' : 'workflow action'}`
        : `Delete failed: ${describeErrors(res.errors, res.status)}`,
    });
    await this.refresh();
  }
}
