import { xmlReply } from '../reply.ts';
import type { Route } from '../router.ts';
import { renderLockedOutUsers } from '../wire/config.ts';
import { admin, notFound, type RouteDeps } from './kit.ts';

/**
 * The serviceability resource `LockedOutUsers` (finesse-api.md §1.1, Administrator only): the
 * accounts refused password sign-ins after too many wrong ones, whichever node and door counted
 * them (the counts are in the shared store). `DELETE /LockedOutUsers/{id}` lifts every lock of the
 * account before its 5 minutes are up (inferred: the spec names the resource only).
 */
export function lockedOutUserRoutes(deps: RouteDeps): Route[] {
  const { store } = deps;
  return [
    {
      pattern: '/LockedOutUsers',
      apiName: 'lockedOutUsers',
      methods: {
        GET: admin(deps, false, async () =>
          xmlReply(200, renderLockedOutUsers(await store.listLockedOutUsers(deps.now()))),
        ),
      },
    },
    {
      pattern: '/LockedOutUsers/{id}',
      apiName: 'lockedOutUsers',
      methods: {
        DELETE: admin(deps, false, async (ctx) => {
          const user = await store.getUser(ctx.params.id);
          if (!user || !(await store.clearSignInFailures(user.id, deps.now())))
            return notFound(`LockedOutUser ${ctx.params.id}`);
          return xmlReply(200, '');
        }),
      },
    },
  ];
}
