import type { CoreApi } from '../../core/index.ts';
import { ACT_FOR_USER, resolveTarget } from '../authorize.ts';
import { apiError } from '../errors.ts';
import { errorReply, xmlReply } from '../reply.ts';
import type { Route } from '../router.ts';
import { renderQueue, renderQueues } from '../wire/index.ts';

/**
 * `GET /finesse/api/Queue/{id}` — one queue's latest statistics (finesse-api.md §1.8; A, S: any
 * signed-in user, as any agent may subscribe to the Queue node). An id that is not a configured
 * queue is 404 Not Found.
 * `GET /finesse/api/User/{id}/Queues` — the user's queues (A self, S for its team's agents).
 */
export function queueRoutes(core: CoreApi): Route[] {
  return [
    {
      pattern: '/Queue/{id}',
      apiName: 'queue',
      methods: {
        async GET(ctx) {
          ctx.logApiRequest(ctx.params.id);
          const queue = core.getQueue(ctx.params.id);
          if (!queue) return errorReply(apiError('not-found', `Queue ${ctx.params.id}`));
          return xmlReply(200, renderQueue(queue));
        },
      },
    },
    {
      pattern: '/User/{id}/Queues',
      apiName: 'userQueues',
      methods: {
        async GET(ctx) {
          ctx.logApiRequest(ctx.params.id);
          const target = await resolveTarget(core, ctx.caller!, ctx.params.id, ACT_FOR_USER);
          if (!target.ok) return errorReply(target.error);
          return xmlReply(200, renderQueues(core.userQueues(target.value)));
        },
      },
    },
  ];
}
