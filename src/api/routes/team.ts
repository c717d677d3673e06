import type { User, UserConfig } from '../../core/index.ts';
import type { NewTeam, TeamConfig } from '../../store/index.ts';
import type { XmlElement } from '../../xml/index.ts';
import { apiError } from '../errors.ts';
import { errorReply, xmlReply } from '../reply.ts';
import type { Route, RouteContext } from '../router.ts';
import { buildTeam, renderTeams, renderTeamUsers, teamUri } from '../wire/team.ts';
import { admin, BodyReader, isAdmin, notFound, type RouteDeps, readXml, supervises, written } from './kit.ts';

/**
 * Teams (finesse-api.md §1.7): `GET /Team/{id}` and `/Team/{id}/Users` for the team's supervisors
 * and administrators, with each member's live state from core; `GET /Teams` and `POST /Team`,
 * `PUT`/`DELETE /Team/{id}` (Administrator) to configure teams, supervisors and members.
 */
export function teamRoutes(deps: RouteDeps): Route[] {
  const { core, store } = deps;

  const liveUsers = async (ids: readonly string[]) =>
    (await Promise.all(ids.map((id) => core.getUser(id)))).filter((u): u is User => u !== undefined);
  const configs = async (ids: readonly string[]) =>
    (await Promise.all(ids.map((id) => store.getUser(id)))).filter((u): u is UserConfig => u !== undefined);
  const build = async (t: TeamConfig) =>
    buildTeam(t, await liveUsers(t.memberIds), await configs(t.supervisorIds));

  /** The team, if the caller supervises it or administers; else the reply to send. */
  async function readable(ctx: RouteContext) {
    const caller = ctx.caller!;
    const team = await store.getTeam(ctx.params.id);
    // Only administrators may learn whether a team they do not supervise exists.
    if (!isAdmin(caller) && !supervises(caller, ctx.params.id)) {
      return {
        reply: errorReply(
          apiError(
            caller.roles.includes('Supervisor') ? 'invalid-supervisor' : 'authorization-failure',
            ctx.params.id,
          ),
        ),
      };
    }
    return team ? { team } : { reply: notFound(`Team ${ctx.params.id}`) };
  }

  const render = async (t: TeamConfig) => (await build(t)).toString();
  // A create answers 200 with the team and its Location, like every configuration create (crud.ts).
  const teamReply = async (r: Awaited<ReturnType<typeof store.createTeam>>, isCreate = false) =>
    r.ok
      ? xmlReply(200, await render(r.value), isCreate ? { Location: teamUri(r.value.id) } : undefined)
      : written(r, () => '');

  return [
    {
      pattern: '/Teams',
      apiName: 'teams',
      methods: {
        GET: admin(deps, false, async () => {
          const teams: XmlElement[] = [];
          for (const t of await store.listTeams()) teams.push(await build(t));
          return xmlReply(200, renderTeams(teams));
        }),
      },
    },
    {
      pattern: '/Team',
      apiName: 'team',
      methods: {
        POST: admin(deps, true, async (ctx) => {
          const body = await readXml(ctx, 'Team');
          if (!body) return undefined;
          if (!body.ok) return body.error;
          const team = parseTeam(body.value);
          if (!team.ok) return errorReply(team.error);
          const r = await store.createTeam(team.value as NewTeam);
          if (r.ok) deps.configChanged({ kind: 'team', op: 'create', id: r.value.id });
          return teamReply(r, true);
        }),
      },
    },
    {
      pattern: '/Team/{id}',
      apiName: 'team',
      methods: {
        async GET(ctx) {
          ctx.logApiRequest(ctx.params.id);
          const found = await readable(ctx);
          return found.reply ?? xmlReply(200, await render(found.team!));
        },
        PUT: admin(deps, true, async (ctx) => {
          const body = await readXml(ctx, 'Team');
          if (!body) return undefined;
          if (!body.ok) return body.error;
          const patch = parseTeam(body.value);
          if (!patch.ok) return errorReply(patch.error);
          const { id: _ignored, ...rest } = patch.value;
          const r = await store.updateTeam(ctx.params.id, rest);
          if (r.ok) deps.configChanged({ kind: 'team', op: 'update', id: ctx.params.id });
          return teamReply(r);
        }),
        DELETE: admin(deps, true, async (ctx) => {
          const r = await store.deleteTeam(ctx.params.id);
          if (r.ok) deps.configChanged({ kind: 'team', op: 'delete', id: ctx.params.id });
          return written(r, () => '');
        }),
      },
    },
    {
      pattern: '/Team/{id}/Users',
      apiName: 'team',
      methods: {
        async GET(ctx) {
          ctx.logApiRequest(ctx.params.id);
          const found = await readable(ctx);
          return found.reply ?? xmlReply(200, renderTeamUsers(await liveUsers(found.team!.memberIds)));
        },
      },
    },
  ];
}

/** `<Team>[<id>][<name>][<supervisors><User><loginId>…]</supervisors>][<users><User><loginId>…]</users>]</Team>`. */
function parseTeam(root: XmlElement) {
  const read = new BodyReader(root);
  const ids = (container: string) =>
    read
      .items(container, 'User')
      ?.map((u) => (u.getChildText('loginId') ?? u.getChildText('id') ?? '').trim());
  const team: Partial<NewTeam> = {
    id: read.text('id')?.trim(),
    name: read.text('name'),
    supervisorIds: ids('supervisors'),
    memberIds: ids('users'),
  };
  return read.error ? { ok: false as const, error: read.error } : { ok: true as const, value: team };
}
