import type { User } from '../../core/index.ts';
import { el } from '../../xml/index.ts';
import { type AccessPolicy, READ_USER, resolveTarget } from '../authorize.ts';
import { apiError } from '../errors.ts';
import { errorReply, type Reply, xmlReply } from '../reply.ts';
import type { Route, RouteContext } from '../router.ts';
import { renderLayout, renderLayouts, renderWrapUpReasons } from '../wire/config.ts';
import { buildUser } from '../wire/index.ts';
import { isAdmin, type RouteDeps, readXml } from './kit.ts';
import { phoneBooksWithContacts } from './phonebook-view.ts';

/** finesse-api.md §1.9: the most a ClientLog POST may carry. */
export const MAX_LOG_DATA = 1_048_576;
// Characters can take four bytes, and markup escapes (`&lt;`) more: the body may be larger.
const CLIENT_LOG_BODY_LIMIT = 6 * 1024 * 1024;
const SELF_ONLY: AccessPolicy = ['self'];

/**
 * The per-user views of team-scoped configuration (deprecated in 12.5 in favour of TeamResource,
 * still what older desktops call): the user's wrap-up reasons, phone books (ranged) and
 * MediaPropertiesLayout, for the user itself, its supervisors and administrators; the user's
 * ClientLog upload (the user only); and `GET /Users` (administrators; supervisors get the users
 * of the teams they supervise, an inferred permission).
 */
export function userResourceRoutes(deps: RouteDeps): Route[] {
  const { core, store } = deps;

  const forUser =
    (fn: (user: User, ctx: RouteContext) => Promise<Reply | undefined>, policy = READ_USER) =>
    async (ctx: RouteContext) => {
      ctx.logApiRequest(ctx.params.id);
      const target = await resolveTarget(core, ctx.caller!, ctx.params.id, policy);
      return target.ok ? fn(target.value, ctx) : errorReply(target.error);
    };

  return [
    {
      pattern: '/Users',
      apiName: 'users',
      methods: {
        async GET(ctx) {
          ctx.logApiRequest('');
          const caller = ctx.caller!;
          const teams = caller.supervisedTeams.map((t) => t.id);
          if (!isAdmin(caller) && teams.length === 0)
            return errorReply(apiError('authorization-failure', caller.id));
          const configs = (await store.listUsers()).filter(
            (u) => isAdmin(caller) || teams.includes(u.teamId),
          );
          const users = await Promise.all(configs.map((u) => core.getUser(u.id)));
          const list = users.filter((u): u is User => u !== undefined);
          return xmlReply(200, el('Users', {}, ...list.map((u) => buildUser(u))).toString());
        },
      },
    },
    {
      pattern: '/User/{id}/WrapUpReasons',
      apiName: 'wrapUpReasons',
      methods: {
        GET: forUser(async (user) =>
          xmlReply(
            200,
            renderWrapUpReasons(
              user.teamId
                ? await store.listTeamWrapUpReasons(user.teamId)
                : (await store.listWrapUpReasons()).filter((w) => w.forAll),
            ),
          ),
        ),
      },
    },
    {
      pattern: '/User/{id}/PhoneBooks',
      apiName: 'phoneBooks',
      methods: {
        GET: forUser(async (user, ctx) =>
          phoneBooksWithContacts(
            store,
            user.teamId
              ? await store.listTeamPhoneBooks(user.teamId)
              : (await store.listPhoneBooks()).filter((b) => b.type === 'GLOBAL'),
            ctx,
          ),
        ),
      },
    },
    {
      pattern: '/User/{id}/MediaPropertiesLayout',
      apiName: 'mediaPropertiesLayout',
      methods: {
        GET: forUser(async (user) => xmlReply(200, renderLayout(await store.getTeamLayout(user.teamId)))),
      },
    },
    {
      // User—Get Media Properties Layout List: the layouts the user's desktop may show — its team's
      // and the DEFAULT one (once when they are the same).
      pattern: '/User/{id}/MediaPropertiesLayouts',
      apiName: 'mediaPropertiesLayout',
      methods: {
        GET: forUser(async (user) => {
          const team = await store.getTeamLayout(user.teamId);
          const fallback = (await store.listLayouts()).find((l) => l.type === 'DEFAULT');
          const layouts = fallback && fallback.id !== team.id ? [team, fallback] : [team];
          return xmlReply(200, renderLayouts(layouts));
        }),
      },
    },
    {
      pattern: '/User/{id}/ClientLog',
      apiName: 'clientLog',
      bodyLimit: CLIENT_LOG_BODY_LIMIT,
      methods: {
        POST: forUser(async (user, ctx) => {
          const body = await readXml(ctx, 'ClientLog');
          if (!body) return undefined;
          if (!body.ok) return body.error;
          const logData = body.value.getChildText('logData');
          if (logData === undefined) return errorReply(apiError('parameter-missing', 'logData'));
          if (logData.length > MAX_LOG_DATA) return errorReply(apiError('invalid-input', 'logData'));
          deps.clientLogs.write(user.id, logData);
          // Inferred status (finesse-api.md §1.1 says 202/200): accepted, like the other desktop POSTs.
          return xmlReply(202, '');
        }, SELF_ONLY),
      },
    },
  ];
}
