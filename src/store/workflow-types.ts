import type { Result } from '../core/model.ts';
import type { StoreError } from './types.ts';

type R<T> = Promise<Result<T, StoreError>>;

/**
 * A piece of the Dialog a trigger or condition looks at (Finesse's `Variable`): SYSTEM variables
 * are known by name (callVariable1, DNIS …, see api/wire/workflow-variables.ts), CUSTOM ones name
 * their own XPath into the Dialog XML.
 */
export interface WorkflowVariable {
  name: string;
  node: string;
  type: 'SYSTEM' | 'CUSTOM';
}

/** A Trigger or a Condition: `Variable comparator value`. */
export interface WorkflowTest {
  variable: WorkflowVariable;
  comparator: string;
  value: string;
}

export interface Workflow {
  id: number;
  name: string;
  description: string;
  /** The media id (`1` is voice, Finesse's default). */
  media: string;
  triggerSet: {
    type: string;
    name: string;
    allowOverlappingCallWorkflow?: boolean;
    triggers: WorkflowTest[];
  };
  conditionSet: { applyMethod: 'ALL' | 'ANY'; conditions: WorkflowTest[] };
  /** The workflow's actions, in the order they run. */
  actionIds: number[];
}

export type NewWorkflow = Omit<Workflow, 'id'>;

export interface WorkflowAction {
  id: number;
  name: string;
  type: 'BROWSER_POP' | 'HTTP_REQUEST';
  /** FINESSE_DESKTOP: the desktop runs it; OTHER: published to gadgets (WORKFLOW_ACTION_EVENT). */
  handledBy: 'FINESSE_DESKTOP' | 'OTHER';
  params: { name: string; value: string }[];
  actionVariables: { name: string; node: string; type: 'SYSTEM' | 'CUSTOM'; testValue: string }[];
}

export type NewWorkflowAction = Omit<WorkflowAction, 'id'>;

/** The desktop layout XML (`LayoutConfig`, spec/gadgets.md §A.4); validated by the API before it comes here. */
export interface DesktopLayoutStore {
  /** The saved default layout, or undefined while none was saved (the built-in one applies). */
  getDefaultDesktopLayout(): Promise<string | undefined>;
  putDefaultDesktopLayout(xml: string): R<void>;
  /** The team's own layout, or undefined when it uses the default (useDefault=true). */
  getTeamDesktopLayout(teamId: string): Promise<string | undefined>;
  /** Undefined: the team uses the default layout again. */
  putTeamDesktopLayout(teamId: string, xml: string | undefined): R<void>;
}

/** Workflows and their actions (Finesse's no-code screen pop) and the teams' assignments. */
export interface WorkflowStore {
  listWorkflowActions(): Promise<WorkflowAction[]>;
  getWorkflowAction(id: number): Promise<WorkflowAction | undefined>;
  createWorkflowAction(action: NewWorkflowAction): R<WorkflowAction>;
  updateWorkflowAction(id: number, patch: Partial<NewWorkflowAction>): R<WorkflowAction>;
  /** Also removes it from every workflow that runs it. */
  deleteWorkflowAction(id: number): R<void>;

  listWorkflows(): Promise<Workflow[]>;
  getWorkflow(id: number): Promise<Workflow | undefined>;
  createWorkflow(workflow: NewWorkflow): R<Workflow>;
  updateWorkflow(id: number, patch: Partial<NewWorkflow>): R<Workflow>;
  /** Also removes it from every team. */
  deleteWorkflow(id: number): R<void>;

  /** The team's workflows in their order. */
  listTeamWorkflows(teamId: string): Promise<Workflow[]>;
  /** Replaces the team's workflows (in this order). */
  setTeamWorkflows(teamId: string, workflowIds: number[]): R<void>;
}
