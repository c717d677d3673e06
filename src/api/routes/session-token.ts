import { el } from '../../xml/index.ts';
import { apiError } from '../errors.ts';
import { errorReply, xmlReply } from '../reply.ts';
import type { Route } from '../router.ts';
import type { RouteDeps } from './kit.ts';

/**
 * `POST /SessionToken` — Switchboard's extension, not a Finesse API (Finesse clients never see
 * it and keep using Basic): a desktop session token for the caller (src/auth/session-token.ts),
 * which any node of the cluster accepts as `Authorization: Bearer <token>` and as the SASL
 * OAUTHBEARER credential, so that the desktop's failover costs no password hash. Called with the
 * password (Basic) it starts a session; called with a token it renews it, no longer than the
 * session's limit since the password was last verified. Answer:
 * `<SessionToken><token/><loginId/><expiresAt>ISO-8601</expiresAt></SessionToken>`, never stored
 * by caches (`Cache-Control: no-store`) and never logged.
 */
export function sessionTokenRoutes(deps: RouteDeps): Route[] {
  return [
    {
      pattern: '/SessionToken',
      apiName: 'sessionToken',
      methods: {
        async POST(ctx) {
          ctx.logApiRequest('');
          const caller = ctx.caller!;
          const issued = await deps.signIn.issueToken(caller.id, ctx.session?.authAt ?? deps.now());
          if (!issued) return errorReply(apiError('authentication-failure', caller.id));
          const body = el(
            'SessionToken',
            {},
            el('token', {}, issued.token),
            el('loginId', {}, caller.id),
            el('expiresAt', {}, new Date(issued.expiresAt).toISOString()),
          ).toString();
          return xmlReply(200, body, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
        },
      },
    },
  ];
}
