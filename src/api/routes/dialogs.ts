import type { CoreApi } from '../../core/index.ts';
import { ACT_FOR_USER, resolveTarget } from '../authorize.ts';
import { errorReply, xmlReply } from '../reply.ts';
import type { Route } from '../router.ts';
import { renderDialogs } from '../wire/index.ts';

/** `GET /finesse/api/User/{id}/Dialogs` — the user's current calls (finesse-api.md §1.1: A self, S). */
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
    },
  };
}
