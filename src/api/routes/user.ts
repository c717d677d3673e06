import type { CoreApi } from '../../core/index.ts';
import { ACT_FOR_USER, READ_USER, resolveTarget } from '../authorize.ts';
import { errorReply, xmlReply } from '../reply.ts';
import type { Route } from '../router.ts';
import { renderUser } from '../wire/index.ts';
import { readRequest } from './kit.ts';
import { describeStateChange, parseStateChange } from './state-change.ts';

/**
 * `GET /finesse/api/User/{id}` — the user with its current state (200).
 * `PUT /finesse/api/User/{id}` — a state change (202, empty body, `requestId` echoed); its outcome
 * arrives as a notification on `/finesse/api/User/{id}` carrying the same requestId.
 */
export function userRoute(core: CoreApi): Route {
  return {
    pattern: '/User/{id}',
    apiName: 'user',
    methods: {
      async GET(ctx) {
        ctx.logApiRequest(ctx.params.id);
        const target = await resolveTarget(core, ctx.caller!, ctx.params.id, READ_USER);
        if (!target.ok) return errorReply(target.error);
        return xmlReply(200, renderUser(target.value));
      },

      async PUT(ctx) {
        const change = await readRequest(ctx, parseStateChange, describeStateChange);
        if (!change) return undefined;
        if (!change.ok) return change.error;
        const target = await resolveTarget(core, ctx.caller!, ctx.params.id, ACT_FOR_USER);
        if (!target.ok) return errorReply(target.error);
        const result = await core.changeUserState(
          ctx.caller!,
          target.value.id,
          change.value,
          ctx.requestId ?? '',
        );
        if (!result.ok) return errorReply(result.error);
        return xmlReply(202, '');
      },
    },
  };
}
