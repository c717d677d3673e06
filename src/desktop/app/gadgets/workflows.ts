/// <reference lib="dom" />
/**
 * Workflows (Finesse's no-code screen pop) as the desktop runs them: the user's workflows
 * (`GET /User/{id}/Workflows`, Finesse's Workflow XML with full WorkflowActions), evaluated on
 * every Dialog notification. A workflow fires once per call when its trigger set matches the
 * agent's side of the Dialog (the system sets CALL_ARRIVES, CALL_ANSWERED … name their triggers)
 * and its conditions hold (ALL or ANY). Variables are XPaths into the Dialog XML; `${name}` in an
 * action's params is replaced by the variable's value. Pure apart from the DOM it reads.
 */

export interface WorkflowTest {
  name: string;
  node: string;
  comparator: string;
  value: string;
}

export interface WorkflowActionDef {
  uri: string;
  name: string;
  type: string;
  handledBy: string;
  params: { name: string; value: string }[];
  actionVariables: { name: string; node: string; type: string; testValue: string }[];
}

export interface WorkflowDef {
  uri: string;
  name: string;
  triggers: WorkflowTest[];
  applyMethod: 'ALL' | 'ANY';
  conditions: WorkflowTest[];
  actions: WorkflowActionDef[];
}

/** The WORKFLOW_ACTION_EVENT payload (gadgets.md §C.4). */
export interface WorkflowActionEventData {
  uri: string;
  name: string;
  type: string;
  handledBy: string;
  params: { name: string; value: string; expandedValue: string }[];
  actionVariables: { name: string; node: string; type: string; testValue: string; actualValue: string }[];
}

const kids = (el: Element | null | undefined, name: string): Element[] =>
  el ? Array.from(el.children).filter((c) => c.localName === name) : [];
const kid = (el: Element | null | undefined, name: string) => kids(el, name)[0];
const text = (el: Element | null | undefined, name: string) => kid(el, name)?.textContent?.trim() ?? '';

function readTest(t: Element): WorkflowTest {
  const v = kid(t, 'Variable');
  return {
    name: text(v, 'name'),
    node: text(v, 'node'),
    comparator: text(t, 'comparator'),
    // Values keep their spaces: a condition may test for them.
    value: kid(t, 'value')?.textContent ?? '',
  };
}

export function parseWorkflows(root: Element | undefined): WorkflowDef[] {
  return kids(root, 'Workflow').map((w) => ({
    uri: text(w, 'uri'),
    name: text(w, 'name'),
    triggers: kids(kid(kid(w, 'TriggerSet'), 'triggers'), 'Trigger').map(readTest),
    applyMethod: text(kid(w, 'ConditionSet'), 'applyMethod') === 'ANY' ? 'ANY' : 'ALL',
    conditions: kids(kid(kid(w, 'ConditionSet'), 'conditions'), 'Condition').map(readTest),
    actions: kids(kid(w, 'workflowActions'), 'WorkflowAction').map((a) => ({
      uri: text(a, 'uri'),
      name: text(a, 'name'),
      type: text(a, 'type'),
      handledBy: text(a, 'handledBy'),
      params: kids(kid(a, 'params'), 'Param').map((p) => ({
        name: text(p, 'name'),
        value: kid(p, 'value')?.textContent ?? '',
      })),
      actionVariables: kids(kid(a, 'actionVariables'), 'ActionVariable').map((v) => ({
        name: text(v, 'name'),
        node: text(v, 'node'),
        type: text(v, 'type'),
        testValue: kid(v, 'testValue')?.textContent ?? '',
      })),
    })),
  }));
}

const PARTICIPANT_STATE = '//Dialog/participants/Participant/state';

/**
 * A variable's value in one Dialog: its XPath's first match. The participant state is the
 * agent's own participant's (by extension), not whoever is listed first.
 */
export function variableValue(dialog: Document, node: string, extension: string): string {
  if (node === PARTICIPANT_STATE) {
    const parts = Array.from(dialog.getElementsByTagName('Participant'));
    const mine = parts.find((p) => text(p, 'mediaAddress') === extension) ?? parts[0];
    return text(mine, 'state');
  }
  try {
    const r = dialog.evaluate(node, dialog, null, XPathResult.STRING_TYPE, null);
    return r.stringValue;
  } catch {
    return '';
  }
}

const list = (v: string) =>
  v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function compare(actual: string, comparator: string, value: string): boolean {
  switch (comparator) {
    case 'IS_EQUAL':
      return actual === value;
    case 'IS_NOT_EQUAL':
      return actual !== value;
    case 'BEGINS_WITH':
      return actual.startsWith(value);
    case 'ENDS_WITH':
      return actual.endsWith(value);
    case 'CONTAINS':
      return actual.includes(value);
    case 'IS_EMPTY':
      return actual === '';
    case 'IS_NOT_EMPTY':
      return actual !== '';
    case 'IS_IN_LIST':
      return list(value).includes(actual);
    case 'IS_NOT_IN_LIST':
      return !list(value).includes(actual);
    default:
      return false;
  }
}

const holds = (t: WorkflowTest, dialog: Document, ext: string) =>
  compare(variableValue(dialog, t.node, ext), t.comparator, t.value);

export function matches(w: WorkflowDef, dialog: Document, extension: string): boolean {
  if (w.triggers.length === 0 || !w.triggers.every((t) => holds(t, dialog, extension))) return false;
  if (w.conditions.length === 0) return true;
  return w.applyMethod === 'ANY'
    ? w.conditions.some((c) => holds(c, dialog, extension))
    : w.conditions.every((c) => holds(c, dialog, extension));
}

/** `${name}` → the variable's value; URL-encoded inside a URL (`path`). `\$` is a literal `$`. */
export function expand(value: string, vars: Record<string, string>, isUrl: boolean): string {
  return value.replace(/\\\$|\$\{([^}]*)\}/g, (_m, name: string | undefined) => {
    if (name === undefined) return '$';
    const v = vars[name] ?? '';
    return isUrl ? encodeURIComponent(v) : v;
  });
}

export function actionEvent(
  a: WorkflowActionDef,
  dialog: Document,
  extension: string,
): WorkflowActionEventData {
  const vars: Record<string, string> = {};
  const actionVariables = a.actionVariables.map((v) => {
    const actualValue = variableValue(dialog, v.node, extension);
    vars[v.name] = actualValue;
    return { ...v, actualValue };
  });
  return {
    uri: a.uri,
    name: a.name,
    type: a.type,
    handledBy: a.handledBy,
    params: a.params.map((p) => ({ ...p, expandedValue: expand(p.value, vars, p.name === 'path') })),
    actionVariables,
  };
}

/**
 * The Dialogs of a notification as documents rooted at `<Dialog>` (a PUT carries `<dialog>`), so
 * that `//Dialog/…` XPaths find them.
 */
export function dialogDocuments(updateXml: string, parser: DOMParser): Document[] {
  const doc = parser.parseFromString(updateXml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return [];
  const data = kid(doc.documentElement, 'data');
  const found = [
    ...kids(data, 'dialog'),
    ...kids(data, 'Dialog'),
    ...kids(kid(data, 'dialogs'), 'Dialog'),
    ...kids(kid(data, 'Dialogs'), 'Dialog'),
  ];
  return found.map((d) => {
    const out = document.implementation.createDocument(null, 'Dialog', null);
    for (const c of Array.from(d.childNodes)) out.documentElement.append(out.importNode(c, true));
    return out;
  });
}
