/**
 * Every event a component sends up (components do no I/O; main.ts acts on these). All bubble,
 * so the composition root listens once on the document.
 */
import type { DialogAction } from '../client/bodies.ts';
import type { WorkflowKind } from '../workflow-admin.ts';

export interface SbEvents {
  'sb-sign-in': { id: string; password: string; extension: string };
  'sb-state': { state: 'READY' | 'NOT_READY'; reasonCodeId?: string };
  'sb-sign-out': { reasonCodeId?: string };
  'sb-dialog-action': { dialogId: string; action: DialogAction; toAddress?: string; dtmfString?: string };
  'sb-wrap-up': { dialogId: string; reason: string };
  'sb-call-data': { dialogId: string; name: string; value: string };
  'sb-make-call': { number: string };
  'sb-dtmf': { digit: string };
  'sb-agent-state': { agentId: string; state: 'READY' | 'NOT_READY' | 'LOGOUT' };
  'sb-monitor': { agentId: string; extension: string; mode: 'SILENT_MONITOR' | 'BARGE_CALL' };
  'sb-team-message': { content: string; duration: number; teamIds: string[] };
  'sb-menu-select': { menu: string; value: string };
  'sb-dismiss': { id: number };
  'sb-error-report': Record<string, never>;
  'sb-admin-open': { resource: string; parent?: { id: string; label: string } };
  'sb-admin-edit': { row?: Record<string, string> };
  'sb-admin-save': { values: Record<string, string> };
  'sb-admin-cancel': Record<string, never>;
  'sb-admin-delete': { id: string };
  'sb-admin-import': { file: File };
  'sb-admin-export': Record<string, never>;
  'sb-layout-open': { target: string };
  'sb-layout-save': { target: string; xml: string; useDefault: boolean };
  'sb-workflow-edit': { kind: WorkflowKind; id?: string };
  'sb-workflow-save': { kind: WorkflowKind; values: Record<string, string> };
  'sb-workflow-cancel': Record<string, never>;
  'sb-workflow-delete': { kind: WorkflowKind; id: string };
  'sb-gadget-upload': { folder: string; files: File[] };
  'sb-gadget-delete': { path: string };
  'sb-trace': { id: string };
  'sb-diagnose': Record<string, never>;
}

export function emit<K extends keyof SbEvents>(from: EventTarget, name: K, detail: SbEvents[K]): void {
  from.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }));
}

export function on<K extends keyof SbEvents>(
  target: EventTarget,
  name: K,
  fn: (detail: SbEvents[K], ev: Event) => void,
): void {
  target.addEventListener(name, (ev) => fn((ev as CustomEvent<SbEvents[K]>).detail, ev));
}
