import type { CoreApi, ReasonCodeCategory } from '../../core/index.ts';
import { READ_USER, resolveTarget } from '../authorize.ts';
import { apiError } from '../errors.ts';
import { errorReply, xmlReply } from '../reply.ts';
import type { Route } from '../router.ts';
import { renderReasonCode, renderReasonCodes } from '../wire/index.ts';

const CATEGORIES: readonly string[] = ['NOT_READY', 'LOGOUT'] satisfies ReasonCodeCategory[];

/**
 * `GET /finesse/api/User/{id}/ReasonCodes?category=NOT_READY|LOGOUT` (finesse-api.md §1.5).
 * Finesse documents it for the agent itself; supervisors and administrators may read it too here
 * (the codes are not secret, and a supervisor's team view needs the labels).
 */
export function reasonCodesRoute(core: CoreApi): Route[] {
  return [
    {
      pattern: '/User/{id}/ReasonCodes',
      apiName: 'user',
      methods: {
        async GET(ctx) {
          const category = ctx.query.get('category');
          ctx.logApiRequest(` category:${category ?? ''}`);
          const target = await resolveTarget(core, ctx.caller!, ctx.params.id, READ_USER);
          if (!target.ok) return errorReply(target.error);
          if (!category) return errorReply(apiError('parameter-missing', 'category'));
          if (!CATEGORIES.includes(category)) return errorReply(apiError('invalid-input', 'category'));
          const codes = await core.reasonCodes(target.value.id, category as ReasonCodeCategory);
          return xmlReply(200, renderReasonCodes(codes, category));
        },
      },
    },
    {
      // User—Get Reason Code: "The reason code must be global (forAll parameter set to true) or be
      // assigned to a team to which the user belongs"; any other is Not Found for this user.
      pattern: '/User/{id}/ReasonCode/{reasonCodeId}',
      apiName: 'user',
      methods: {
        async GET(ctx) {
          ctx.logApiRequest(` reasonCodeId:${ctx.params.reasonCodeId}`);
          const target = await resolveTarget(core, ctx.caller!, ctx.params.id, READ_USER);
          if (!target.ok) return errorReply(target.error);
          const id = Number(ctx.params.reasonCodeId);
          const usable = [
            ...(await core.reasonCodes(target.value.id, 'NOT_READY')),
            ...(await core.reasonCodes(target.value.id, 'LOGOUT')),
          ];
          const code = /^\d{1,9}$/.test(ctx.params.reasonCodeId)
            ? usable.find((c) => c.id === id)
            : undefined;
          return code
            ? xmlReply(200, renderReasonCode(code))
            : errorReply(apiError('not-found', `ReasonCode ${ctx.params.reasonCodeId}`));
        },
      },
    },
  ];
}
