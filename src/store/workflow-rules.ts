import type { Check } from './rules.ts';
import * as rules from './rules.ts';
import type { NewWorkflow, NewWorkflowAction, WorkflowTest } from './workflow-types.ts';

/**
 * Finesse's workflow rules, declared once (DevNet "Workflow API Parameters", "WorkflowAction API
 * Parameters"; admin guide "Workflows"). Marked inferred where Finesse's documentation names no
 * value: our choice, listed in docs/gadgets.md.
 */
export const WORKFLOW_LIMITS = {
  workflows: 100,
  actions: 100,
  workflowsPerTeam: 20,
  conditionsPerWorkflow: 5,
  actionsPerWorkflow: 5,
  variablesPerAction: 5,
  workflowName: 40,
  workflowDescription: 128,
  actionName: 64,
  variableName: 32,
  variableNode: 500,
  testValue: 128,
  /** Inferred: a comparison value (a list for IS_IN_LIST) as long as a node. */
  conditionValue: 500,
  /** Inferred: Finesse sizes the BROWSER_POP path and HTTP_REQUEST path alike. */
  path: 2000,
  windowName: 64,
  contentType: 500,
  body: 2000,
  /** Inferred: a trigger set holds the few triggers of its event. */
  triggers: 10,
} as const;

/**
 * The system trigger sets: the call events a workflow can wait for (inferred names after
 * CALL_ARRIVES, the one Finesse's examples show), and the triggers each stands for — evaluated by
 * the desktop against the Dialog of the event.
 */
const VOICE: WorkflowTest = {
  variable: { name: 'mediaType', node: '//Dialog/mediaType', type: 'CUSTOM' },
  comparator: 'IS_EQUAL',
  value: 'Voice',
};
const state = (states: string): WorkflowTest => ({
  variable: { name: 'participantState', node: '//Dialog/participants/Participant/state', type: 'CUSTOM' },
  comparator: 'IS_IN_LIST',
  value: states,
});
export const TRIGGER_SETS: Record<string, WorkflowTest[]> = {
  /** The agent's phone rings (its participant is ALERTING). */
  CALL_ARRIVES: [VOICE, state('ALERTING')],
  /** The agent answered (its participant became ACTIVE). */
  CALL_ANSWERED: [VOICE, state('ACTIVE')],
  /** The call ended for the agent (DROPPED, or WRAP_UP when wrap-up follows). */
  CALL_ENDS: [VOICE, state('DROPPED,WRAP_UP')],
  /** The agent placed a call (its participant INITIATING or INITIATED). */
  CALL_MADE: [VOICE, state('INITIATING,INITIATED')],
};

/** Inferred from Finesse's admin console choices; IS_EQUAL and IS_IN_LIST are documented. */
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
] as const;

/** The params each action type takes: [name, required, max length]. */
export const ACTION_PARAMS: Record<NewWorkflowAction['type'], [string, boolean, number][]> = {
  BROWSER_POP: [
    ['path', true, WORKFLOW_LIMITS.path],
    ['windowName', false, WORKFLOW_LIMITS.windowName],
  ],
  HTTP_REQUEST: [
    ['path', true, WORKFLOW_LIMITS.path],
    ['method', true, 8],
    ['location', true, 8],
    ['contentType', false, WORKFLOW_LIMITS.contentType],
    ['body', false, WORKFLOW_LIMITS.body],
  ],
};

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function test(field: string, t: WorkflowTest): Check {
  return rules.firstError(
    rules.text(`${field} Variable name`, t.variable.name, WORKFLOW_LIMITS.variableName, 1),
    VARIABLE_NAME.test(t.variable.name)
      ? undefined
      : rules.invalid('Variable', `bad variable name ${t.variable.name}`),
    ['SYSTEM', 'CUSTOM'].includes(t.variable.type)
      ? undefined
      : rules.invalid('Variable', 'type is SYSTEM or CUSTOM'),
    rules.text('node', t.variable.node, WORKFLOW_LIMITS.variableNode, t.variable.type === 'CUSTOM' ? 1 : 0),
    (COMPARATORS as readonly string[]).includes(t.comparator)
      ? undefined
      : rules.invalid('comparator', `comparator ${t.comparator} is not one of ${COMPARATORS.join(', ')}`),
    rules.text('value', t.value, WORKFLOW_LIMITS.conditionValue),
  );
}

export function checkWorkflow(w: Partial<NewWorkflow>, isNew: boolean): Check {
  const ts = w.triggerSet;
  const cs = w.conditionSet;
  return rules.firstError(
    isNew || w.name !== undefined ? rules.line('name', w.name, WORKFLOW_LIMITS.workflowName, 1) : undefined,
    rules.text('description', w.description, WORKFLOW_LIMITS.workflowDescription),
    rules.text('media', w.media, 32),
    isNew && !ts ? rules.missing('TriggerSet') : undefined,
    ts && ts.type !== 'SYSTEM' ? rules.invalid('TriggerSet', 'type is SYSTEM') : undefined,
    ts && !Object.hasOwn(TRIGGER_SETS, ts.name)
      ? rules.invalid('TriggerSet', `name ${ts.name} is not one of ${Object.keys(TRIGGER_SETS).join(', ')}`)
      : undefined,
    ts && ts.triggers.length > WORKFLOW_LIMITS.triggers
      ? rules.limit('Trigger', WORKFLOW_LIMITS.triggers)
      : undefined,
    ...(ts?.triggers ?? []).map((t) => test('Trigger', t)),
    cs && !['ALL', 'ANY'].includes(cs.applyMethod)
      ? rules.invalid('applyMethod', 'applyMethod is ALL or ANY')
      : undefined,
    cs && cs.conditions.length > WORKFLOW_LIMITS.conditionsPerWorkflow
      ? rules.limit('Condition', WORKFLOW_LIMITS.conditionsPerWorkflow)
      : undefined,
    ...(cs?.conditions ?? []).map((c) => test('Condition', c)),
    w.actionIds && w.actionIds.length > WORKFLOW_LIMITS.actionsPerWorkflow
      ? rules.limit('workflowActions', WORKFLOW_LIMITS.actionsPerWorkflow)
      : undefined,
    w.actionIds && new Set(w.actionIds).size !== w.actionIds.length
      ? rules.invalid('workflowActions', 'an action is listed twice')
      : undefined,
  );
}

/** `${name}` references in a param value; `\$`, `\{`, `\}` and `\\` are literal characters. */
export function variableReferences(value: string): string[] | undefined {
  const names: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '$' && value[i + 1] === '{') {
      const end = value.indexOf('}', i + 2);
      if (end < 0) return undefined;
      names.push(value.slice(i + 2, end));
      i = end;
    }
  }
  return names;
}

export function checkWorkflowAction(a: Partial<NewWorkflowAction>, isNew: boolean): Check {
  const type = a.type;
  const first = rules.firstError(
    isNew || a.name !== undefined ? rules.line('name', a.name, WORKFLOW_LIMITS.actionName, 1) : undefined,
    isNew && !type ? rules.missing('type') : undefined,
    type && !Object.hasOwn(ACTION_PARAMS, type)
      ? rules.invalid('type', 'type is BROWSER_POP or HTTP_REQUEST')
      : undefined,
    isNew && !a.handledBy ? rules.missing('handledBy') : undefined,
    a.handledBy && !['FINESSE_DESKTOP', 'OTHER'].includes(a.handledBy)
      ? rules.invalid('handledBy', 'handledBy is FINESSE_DESKTOP or OTHER')
      : undefined,
    a.actionVariables && a.actionVariables.length > WORKFLOW_LIMITS.variablesPerAction
      ? rules.limit('ActionVariable', WORKFLOW_LIMITS.variablesPerAction)
      : undefined,
  );
  if (first) return first;
  for (const v of a.actionVariables ?? []) {
    const bad = rules.firstError(
      rules.text('ActionVariable name', v.name, WORKFLOW_LIMITS.variableName, 1),
      VARIABLE_NAME.test(v.name) ? undefined : rules.invalid('ActionVariable', `bad variable name ${v.name}`),
      ['SYSTEM', 'CUSTOM'].includes(v.type)
        ? undefined
        : rules.invalid('ActionVariable', 'type is SYSTEM or CUSTOM'),
      rules.text('node', v.node, WORKFLOW_LIMITS.variableNode, v.type === 'CUSTOM' ? 1 : 0),
      rules.text('testValue', v.testValue, WORKFLOW_LIMITS.testValue),
    );
    if (bad) return bad;
  }
  return undefined;
}

/** The params against the action's type (known only once a patch is merged): names, sizes, variables. */
export function checkActionParams(a: NewWorkflowAction): Check {
  const spec = ACTION_PARAMS[a.type];
  const known = new Set(a.actionVariables.map((v) => v.name));
  for (const p of a.params) {
    const def = spec.find(([n]) => n === p.name);
    if (!def) return rules.invalid('params', `${a.type} has no param ${p.name}`);
    const bad = rules.text(p.name, p.value, def[2]);
    if (bad) return bad;
    const refs = variableReferences(p.value);
    if (!refs) return rules.invalid(p.name, 'an unclosed ${ (write \\$ for a literal dollar sign)');
    const unknown = refs.find((r) => !known.has(r));
    if (unknown !== undefined)
      return rules.invalid(p.name, `\${${unknown}} is not one of the action's variables`);
  }
  for (const [name, required] of spec)
    if (required && !a.params.some((p) => p.name === name && p.value.trim() !== ''))
      return rules.missing(name);
  if (a.type === 'HTTP_REQUEST') {
    const v = (n: string) => a.params.find((p) => p.name === n)?.value;
    if (!['PUT', 'POST'].includes(v('method') ?? '')) return rules.invalid('method', 'method is PUT or POST');
    if (!['FINESSE', 'OTHER'].includes(v('location') ?? ''))
      return rules.invalid('location', 'location is FINESSE or OTHER');
  }
  return undefined;
}

const callVariable = (name: string) =>
  `//Dialog/mediaProperties/callvariables/CallVariable[name='${name}']/value`;

/**
 * SYSTEM variables by name, and where each is in the Dialog XML (finesse-api.md §1.4): the
 * desktop reads them there. Call variables 1–10, ECC variables (`user.*`) and Outbound Option
 * variables (`BA*`) live among the call variables.
 */
export const SYSTEM_VARIABLES: Record<string, string> = {
  DNIS: '//Dialog/mediaProperties/DNIS',
  ANI: '//Dialog/fromAddress',
  fromAddress: '//Dialog/fromAddress',
  toAddress: '//Dialog/toAddress',
  dialedNumber: '//Dialog/mediaProperties/dialedNumber',
  callType: '//Dialog/mediaProperties/callType',
  queueNumber: '//Dialog/mediaProperties/queueNumber',
  queueName: '//Dialog/mediaProperties/queueName',
  wrapUpReason: '//Dialog/mediaProperties/wrapUpReason',
  callKeyCallId: '//Dialog/mediaProperties/callKeyCallId',
  callKeyPrefix: '//Dialog/mediaProperties/callKeyPrefix',
  callKeySequenceNum: '//Dialog/mediaProperties/callKeySequenceNum',
  ...Object.fromEntries(
    Array.from({ length: 10 }, (_, i) => [`callVariable${i + 1}`, callVariable(`callVariable${i + 1}`)]),
  ),
};

/** A SYSTEM variable's XPath, or undefined for a name Finesse does not know. */
export function systemVariableNode(name: string): string | undefined {
  if (Object.hasOwn(SYSTEM_VARIABLES, name)) return SYSTEM_VARIABLES[name];
  if (/^user\.[A-Za-z0-9_.]+$/.test(name) || /^BA[A-Za-z]+$/.test(name)) return callVariable(name);
  return undefined;
}

/** Fills in what Finesse fills in: a SYSTEM variable's node, and a system trigger set's triggers. */
export function completeWorkflow<T extends Partial<NewWorkflow>>(w: T): T {
  const node = (t: WorkflowTest): WorkflowTest =>
    t.variable.type === 'SYSTEM' && !t.variable.node
      ? { ...t, variable: { ...t.variable, node: systemVariableNode(t.variable.name) ?? '' } }
      : t;
  const ts = w.triggerSet;
  return {
    ...w,
    ...(ts && {
      triggerSet: {
        ...ts,
        triggers: (ts.triggers.length === 0 ? (TRIGGER_SETS[ts.name] ?? []) : ts.triggers).map(node),
      },
    }),
    ...(w.conditionSet && {
      conditionSet: { ...w.conditionSet, conditions: w.conditionSet.conditions.map(node) },
    }),
  };
}

export function completeAction<T extends Partial<NewWorkflowAction>>(a: T): T {
  return a.actionVariables
    ? {
        ...a,
        actionVariables: a.actionVariables.map((v) =>
          v.type === 'SYSTEM' && !v.node ? { ...v, node: systemVariableNode(v.name) ?? '' } : v,
        ),
      }
    : a;
}
