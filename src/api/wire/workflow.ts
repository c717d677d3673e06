import type { ApiError } from '../../core/index.ts';
import type {
  NewWorkflow,
  NewWorkflowAction,
  Workflow,
  WorkflowAction,
  WorkflowTest,
} from '../../store/index.ts';
import { el, type XmlElement } from '../../xml/index.ts';
import { apiError } from '../errors.ts';
import { field } from './field.ts';

/**
 * Workflow and WorkflowAction (DevNet "Workflow API Parameters", "WorkflowAction API Parameters"):
 * their XML both ways. Element names and nesting are Finesse's.
 */
const API = '/finesse/api';
export const workflowUri = (id: number) => `${API}/Workflow/${id}`;
export const workflowActionUri = (id: number) => `${API}/WorkflowAction/${id}`;

const variable = (v: WorkflowTest['variable']) =>
  el('Variable', {}, field('name', v.name), field('node', v.node), field('type', v.type));
const test = (root: string) => (t: WorkflowTest) =>
  el(root, {}, variable(t.variable), field('comparator', t.comparator), field('value', t.value));

export function buildWorkflowAction(a: WorkflowAction, isSummary = false): XmlElement {
  const head = [
    field('uri', workflowActionUri(a.id)),
    field('name', a.name),
    field('type', a.type),
    field('handledBy', a.handledBy),
  ];
  if (isSummary) return el('WorkflowAction', {}, ...head);
  return el(
    'WorkflowAction',
    {},
    ...head,
    el('params', {}, ...a.params.map((p) => el('Param', {}, field('name', p.name), field('value', p.value)))),
    el(
      'actionVariables',
      {},
      ...a.actionVariables.map((v) =>
        el(
          'ActionVariable',
          {},
          field('name', v.name),
          field('node', v.node),
          field('type', v.type),
          field('testValue', v.testValue),
        ),
      ),
    ),
  );
}

/**
 * `actions`: the workflow's actions, rendered as summaries (name, type, uri — the admin API) or in
 * full (`User/{id}/Workflows`, which the desktop runs from).
 */
export function buildWorkflow(w: Workflow, actions: readonly WorkflowAction[], isFull = false): XmlElement {
  const ts = w.triggerSet;
  return el(
    'Workflow',
    {},
    field('uri', workflowUri(w.id)),
    field('name', w.name),
    field('description', w.description),
    field('media', w.media),
    el(
      'TriggerSet',
      {},
      field('type', ts.type),
      field('name', ts.name),
      ts.allowOverlappingCallWorkflow !== undefined &&
        field('allowOverlappingCallWorkflow', ts.allowOverlappingCallWorkflow),
      el('triggers', {}, ...ts.triggers.map(test('Trigger'))),
    ),
    el(
      'ConditionSet',
      {},
      field('applyMethod', w.conditionSet.applyMethod),
      el('conditions', {}, ...w.conditionSet.conditions.map(test('Condition'))),
    ),
    el('workflowActions', {}, ...actions.map((a) => buildWorkflowAction(a, !isFull))),
  );
}

/** Reads the request's children, remembering the first problem. */
class Reader {
  error: ApiError | undefined;
  bad(data: string): void {
    this.error ??= apiError('invalid-input', data);
  }
  text(within: XmlElement, name: string): string | undefined {
    // Finesse: of duplicate tags in a PUT, the last one counts.
    return within.getChildren(name).at(-1)?.text().trim();
  }
  test(t: XmlElement): WorkflowTest {
    const v = t.getChild('Variable');
    if (!v) this.bad(`${t.local}: Variable is required`);
    const type = (v && this.text(v, 'type')) || 'CUSTOM';
    if (type !== 'SYSTEM' && type !== 'CUSTOM') this.bad('Variable type is SYSTEM or CUSTOM');
    return {
      variable: {
        name: (v && this.text(v, 'name')) ?? '',
        node: (v && this.text(v, 'node')) ?? '',
        type: type as 'SYSTEM',
      },
      comparator: this.text(t, 'comparator') ?? '',
      value: t.getChildren('value').at(-1)?.text() ?? '',
    };
  }
  refIds(within: XmlElement | undefined, item: string): number[] | undefined {
    if (!within) return undefined;
    return within.getChildren(item).map((x) => {
      const raw = (this.text(x, 'id') ?? this.text(x, 'uri')?.split('/').pop() ?? '').trim();
      if (!/^\d{1,9}$/.test(raw)) this.bad(`${item} needs a uri ending in its id`);
      return Number(raw);
    });
  }
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** A `<Workflow>` body: what is present, for a create (all) or an update (any, at least one). */
export function parseWorkflow(root: XmlElement, isNew: boolean): Parsed<Partial<NewWorkflow>> {
  const r = new Reader();
  const out: Partial<NewWorkflow> = {};
  const name = r.text(root, 'name');
  if (name !== undefined) out.name = name;
  const description = root.getChildren('description').at(-1)?.text();
  if (description !== undefined || isNew) out.description = description ?? '';
  const media = r.text(root, 'media');
  if (media !== undefined || isNew) out.media = media || '1';
  const ts = root.getChildren('TriggerSet').at(-1);
  if (ts) {
    const overlap = r.text(ts, 'allowOverlappingCallWorkflow');
    if (overlap !== undefined && overlap !== 'true' && overlap !== 'false')
      r.bad('allowOverlappingCallWorkflow is true or false');
    out.triggerSet = {
      type: r.text(ts, 'type') ?? 'SYSTEM',
      name: r.text(ts, 'name') ?? '',
      ...(overlap !== undefined && { allowOverlappingCallWorkflow: overlap === 'true' }),
      triggers: (ts.getChild('triggers')?.getChildren('Trigger') ?? []).map((t) => r.test(t)),
    };
  }
  const cs = root.getChildren('ConditionSet').at(-1);
  if (cs || isNew) {
    const method = (cs && r.text(cs, 'applyMethod')) || 'ALL';
    out.conditionSet = {
      applyMethod: method as 'ALL',
      conditions: (cs?.getChild('conditions')?.getChildren('Condition') ?? []).map((c) => r.test(c)),
    };
  }
  const actions = r.refIds(root.getChildren('workflowActions').at(-1), 'WorkflowAction');
  if (actions || isNew) out.actionIds = actions ?? [];
  if (!isNew && Object.keys(out).length === 0) r.bad('For update, at least one field must be set.');
  return r.error ? { ok: false, error: r.error } : { ok: true, value: out };
}

export function parseWorkflowAction(root: XmlElement, isNew: boolean): Parsed<Partial<NewWorkflowAction>> {
  const r = new Reader();
  const out: Partial<NewWorkflowAction> = {};
  const name = r.text(root, 'name');
  if (name !== undefined) out.name = name;
  const type = r.text(root, 'type');
  if (type !== undefined) out.type = type as 'BROWSER_POP';
  const handledBy = r.text(root, 'handledBy');
  if (handledBy !== undefined) out.handledBy = handledBy as 'OTHER';
  const params = root.getChildren('params').at(-1);
  if (params || isNew)
    out.params = (params?.getChildren('Param') ?? []).map((p) => ({
      name: r.text(p, 'name') ?? '',
      value: p.getChildren('value').at(-1)?.text() ?? '',
    }));
  const vars = root.getChildren('actionVariables').at(-1);
  if (vars || isNew)
    out.actionVariables = (vars?.getChildren('ActionVariable') ?? []).map((v) => ({
      name: r.text(v, 'name') ?? '',
      node: r.text(v, 'node') ?? '',
      type: (r.text(v, 'type') || 'CUSTOM') as 'CUSTOM',
      testValue: v.getChildren('testValue').at(-1)?.text() ?? '',
    }));
  if (!isNew && Object.keys(out).length === 0) r.bad('For update, at least one field must be set.');
  return r.error ? { ok: false, error: r.error } : { ok: true, value: out };
}

/** `<Workflows><Workflow><uri>…/Workflow/{id}</uri></Workflow>…</Workflows>`: the ids, in order. */
export function parseWorkflowRefs(root: XmlElement): Parsed<number[]> {
  const r = new Reader();
  const ids = r.refIds(root, 'Workflow') ?? [];
  return r.error ? { ok: false, error: r.error } : { ok: true, value: ids };
}
