import type { CoreApi } from '../../core/index.ts';
import { ACT_FOR_USER, resolveTarget } from '../authorize.ts';
import { errorReply, xmlReply } from '../reply.ts';
import type { Route } from '../router.ts';
import { renderDialogs } from '../wire/index.ts';
import { describeDialogRequest, parseNewDialog } from './dialog-body.ts';
import { readRequest } from './kit.ts';

/**
 * `GET /finesse/api/User/{id}/Dialogs` — the user's current calls (finesse-api.md §1.1: A self, S).
 * `POST /finesse/api/User/{id}/Dialogs` — MAKE_CALL, or a supervisor's SILENT_MONITOR / BARGE_CALL
 * (202); the new dialog arrives as a POST on the same node with the request's requestId.
 */
export function dialogsRoute(core: CoreApi): Route {
  return {
    pattern: '/User/{id}/Dialogs',
    apiName: 'dialogs',
    methods: {
      async GET(ctx) {
        ctx.logApiRequest(ctx.params.id);
        const target = await resolveTarget(core, ctx.caller!, ctx.params.id, ACT_FOR_USER);
        if (!target.ok) return errorReply(target.error);
        return xmlReply(200, renderDialogs(core.dialogs(target.value.id)));
      },
      async POST(ctx) {
        const request = await readRequest(ctx, parseNewDialog, describeDialogRequest);
        if (!request) return undefined;
        if (!request.ok) return request.error;
        const target = await resolveTarget(core, ctx.caller!, ctx.params.id, ACT_FOR_USER);
        if (!target.ok) return errorReply(target.error);
        const result = await core.makeCall(ctx.caller!, target.value.id, request.value, ctx.requestId ?? '');
        if (!result.ok) return errorReply(result.error);
        return xmlReply(202, '');
      },
    },
  };
}
