import { CoreErrors } from '../errors.ts';
import { nodes, type Update } from '../model.ts';
import type { DialogChange } from './tracker.ts';

/**
 * The `<Update>`s of the Dialogs node (finesse-api.md §3.2): POST and DELETE carry
 * `<dialogs><Dialog>` with the node as source, PUT carries `<dialog>` with the dialog as source.
 */
export function dialogUpdate(c: DialogChange, requestId: string): Update {
  const isPut = c.event === 'PUT';
  return {
    data: isPut ? { kind: 'dialog', dialog: c.dialog } : { kind: 'dialogs', dialogs: [c.dialog] },
    event: c.event,
    requestId,
    source: isPut ? c.dialog.uri : c.node,
  };
}

/**
 * A refused call-control request, on the actor's Dialogs node (finesse-api.md §0): camelCase
 * apiErrors, `Call Operation Failure`, the CF_ constant, the dialog as source.
 */
export function callFailureUpdate(agentId: string, e: unknown, requestId: string, source: string) {
  const x = e as { status?: unknown; failureCode?: unknown; peripheralErrorCode?: unknown } | undefined;
  const failure = {
    // GED-188 E_CTI_UNSPECIFIED_FAILURE (17) when the port says nothing usable.
    status: typeof x?.status === 'number' ? x.status : 17,
    ...(typeof x?.failureCode === 'number' ? { failureCode: x.failureCode } : {}),
    ...(typeof x?.peripheralErrorCode === 'number' ? { peripheralErrorCode: x.peripheralErrorCode } : {}),
  };
  const update: Update = {
    data: { kind: 'apiErrors', errors: [CoreErrors.callOperationFailure(failure)], of: 'dialog' },
    event: 'PUT',
    requestId,
    source,
  };
  return { node: nodes.dialogs(agentId), update };
}
