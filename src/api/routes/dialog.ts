import type { CoreApi } from '../../core/index.ts';
import { errorReply, xmlReply } from '../reply.ts';
import type { Route } from '../router.ts';
import { renderDialog } from '../wire/index.ts';
import { describeDialogRequest, parseDialogAction } from './dialog-body.ts';
import { readRequest } from './kit.ts';

/**
 * `GET /finesse/api/Dialog/{id}` — the dialog (200), for its participants and supervisors of an
 * agent on it. `PUT /finesse/api/Dialog/{id}` — a requestedAction (202, empty body, `requestId`
 * echoed); its outcome arrives on the actor's `/finesse/api/User/{id}/Dialogs` node with the same
 * requestId, as a Dialog update or a `Call Operation Failure` (finesse-api.md §1.4, §3.2).
 */
export function dialogRoute(core: CoreApi): Route {
  return {
    pattern: '/Dialog/{id}',
    apiName: 'dialog',
    methods: {
      async GET(ctx) {
        ctx.logApiRequest(ctx.params.id);
        const dialog = await core.getDialog(ctx.caller!, ctx.params.id);
        if (!dialog.ok) return errorReply(dialog.error);
        return xmlReply(200, renderDialog(dialog.value));
      },
      async PUT(ctx) {
        const action = await readRequest(ctx, parseDialogAction, describeDialogRequest);
        if (!action) return undefined;
        if (!action.ok) return action.error;
        const result = await core.dialogAction(ctx.caller!, ctx.params.id, action.value, ctx.requestId ?? '');
        if (!result.ok) return errorReply(result.error);
        return xmlReply(202, '');
      },
    },
  };
}
