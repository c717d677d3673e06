import crypto from 'node:crypto';
import type { UserConfig } from '../../core/index.ts';
import type { TeamMessage } from '../../store/index.ts';
import { apiError } from '../errors.ts';
import { errorReply, type Reply, xmlReply } from '../reply.ts';
import type { Handler, Route, RouteContext } from '../router.ts';
import { renderTeamMessage, renderTeamMessages, uris } from '../wire/config.ts';
import { BodyReader, isAdmin, notFound, type RouteDeps, readXml, storeError, supervises } from './kit.ts';

const isSupervisor = (u: UserConfig) => u.roles.includes('Supervisor');

/**
 * Team messages (finesse-api.md §1.9; statuses inferred): supervisors broadcast a short text to
 * the teams they supervise, administrators to any team. `POST /TeamMessage` (200 as Finesse answers it, the message,
 * Location), `GET /TeamMessages` (those the caller may manage), `GET|DELETE /TeamMessage/{id}`,
 * and `GET /Team/{id}/TeamMessages` for the team's agents. Expired messages are not listed.
 */
export function teamMessageRoutes(deps: RouteDeps): Route[] {
  const { store } = deps;
  const nowSec = () => Math.floor(deps.now() / 1000);
  const mayManage = (caller: UserConfig, m: TeamMessage) =>
    isAdmin(caller) || m.teamIds.some((t) => supervises(caller, t));

  const managers =
    (fn: Handler): Handler =>
    async (ctx) => {
      ctx.logApiRequest(ctx.params.id ?? '');
      const caller = ctx.caller!;
      if (!isAdmin(caller) && !isSupervisor(caller))
        return errorReply(apiError('authorization-failure', caller.id));
      return fn(ctx);
    };
  const existing = (fn: (m: TeamMessage, ctx: RouteContext) => Promise<Reply>): Handler =>
    managers(async (ctx) => {
      const m = await store.getTeamMessage(ctx.params.id);
      if (!m) return notFound(`TeamMessage ${ctx.params.id}`);
      if (!mayManage(ctx.caller!, m)) return errorReply(apiError('invalid-supervisor', ctx.params.id));
      return fn(m, ctx);
    });

  return [
    {
      pattern: '/TeamMessage',
      apiName: 'teamMessage',
      methods: {
        POST: managers(async (ctx) => {
          const body = await readXml(ctx, 'TeamMessage');
          if (!body) return undefined;
          if (!body.ok) return body.error;
          const read = new BodyReader(body.value);
          const duration = read.int('duration');
          const content = read.text('content');
          const teamIds = (read.items('teams', 'team') ?? []).map((t) => t.text().trim());
          if (read.error) return errorReply(read.error);
          const caller = ctx.caller!;
          const foreign = isAdmin(caller) ? undefined : teamIds.find((t) => !supervises(caller, t));
          if (foreign !== undefined) return errorReply(apiError('invalid-supervisor', foreign));
          const r = await store.createTeamMessage({
            id: crypto.randomUUID(),
            createdBy: caller.id,
            createdAt: nowSec(),
            duration: duration as number,
            content: content ?? '',
            teamIds,
          });
          if (!r.ok) return errorReply(storeError(r.error));
          return xmlReply(200, renderTeamMessage(r.value), { Location: uris.teamMessage(r.value.id) });
        }),
      },
    },
    {
      pattern: '/TeamMessages',
      apiName: 'teamMessage',
      methods: {
        GET: managers(async (ctx) => {
          const caller = ctx.caller!;
          const teams = isAdmin(caller) ? undefined : caller.supervisedTeams.map((t) => t.id);
          return xmlReply(200, renderTeamMessages(await store.listTeamMessages(nowSec(), teams)));
        }),
      },
    },
    {
      pattern: '/TeamMessage/{id}',
      apiName: 'teamMessage',
      methods: {
        GET: existing(async (m) => xmlReply(200, renderTeamMessage(m))),
        DELETE: existing(async (m) => {
          const r = await store.deleteTeamMessage(m.id);
          return r.ok ? xmlReply(200, '') : errorReply(storeError(r.error));
        }),
      },
    },
    {
      pattern: '/Team/{id}/TeamMessages',
      apiName: 'teamMessage',
      methods: {
        async GET(ctx) {
          ctx.logApiRequest(ctx.params.id);
          const caller = ctx.caller!;
          const teamId = ctx.params.id;
          if (!isAdmin(caller) && caller.teamId !== teamId && !supervises(caller, teamId)) {
            return errorReply(
              apiError(isSupervisor(caller) ? 'invalid-supervisor' : 'authorization-failure', teamId),
            );
          }
          if (!(await store.getTeam(teamId))) return notFound(`Team ${teamId}`);
          return xmlReply(200, renderTeamMessages(await store.listTeamMessages(nowSec(), [teamId])));
        },
      },
    },
  ];
}
