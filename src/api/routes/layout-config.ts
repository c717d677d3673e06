import { DEFAULT_LAYOUT_XML, describeProblem, parseFinesseLayout } from '../../gadgets/index.ts';
import { el, type XmlElement } from '../../xml/index.ts';
import { apiError } from '../errors.ts';
import { errorReply, type Reply, xmlReply } from '../reply.ts';
import type { Route } from '../router.ts';
import { field } from '../wire/field.ts';
import { renderApiErrors } from '../wire/index.ts';
import { admin, BodyReader, type RouteDeps, readForUser, readXml, storeError } from './kit.ts';
import { teamMemberRead } from './team-resource.ts';

const API = '/finesse/api';
/** A layout document plus its envelope and escaping (a layout of 200 000 characters fits). */
const BODY_LIMIT = 512 * 1024;

/**
 * The desktop layout (spec/gadgets.md §A.4): `GET|PUT /LayoutConfig/default` (`<LayoutConfig><uri/>
 * <layoutxml>…</layoutxml></LayoutConfig>`, the `<finesseLayout>` as escaped text) and
 * `GET|PUT /Team/{id}/LayoutConfig` (`<TeamLayoutConfig><useDefault/><layoutxml/>`; useDefault=true
 * drops the team's own layout and ignores any layoutxml sent).
 *
 * Writes: administrators, after the layout passes validation (gadgets/layout.ts) — a refused
 * layout gets one `Invalid Input` ApiError per problem, naming line and element, and the
 * previous layout stays. Reads: the layout is what the desktop draws, so any signed-in user may
 * read the default, and a team's members and supervisors (and administrators) the team's;
 * `GET /User/{id}/LayoutConfig` (Switchboard's, for the desktop) answers the one that applies
 * to the user: the team's own, else the default.
 */
export function layoutConfigRoutes(deps: RouteDeps): Route[] {
  const { store } = deps;
  const defaultXml = async () => (await store.getDefaultDesktopLayout()) ?? DEFAULT_LAYOUT_XML;
  const layoutConfig = (uri: string, xml: string) =>
    xmlReply(200, el('LayoutConfig', {}, field('uri', uri), field('layoutxml', xml)).toString());
  const teamLayoutConfig = async (teamId: string) => {
    const own = await store.getTeamDesktopLayout(teamId);
    return xmlReply(
      200,
      el(
        'TeamLayoutConfig',
        {},
        field('useDefault', own === undefined),
        field('layoutxml', own ?? (await defaultXml())),
      ).toString(),
    );
  };

  /** The `layoutxml` of a body, validated; or the reply refusing it. */
  const validLayout = (body: XmlElement): { xml: string } | { reply: Reply } => {
    const xml = new BodyReader(body).text('layoutxml');
    if (xml === undefined || xml.trim() === '')
      return { reply: errorReply(apiError('parameter-missing', 'layoutxml')) };
    const parsed = parseFinesseLayout(xml);
    if (parsed.ok) return { xml };
    const errors = parsed.problems.map((p) => apiError('invalid-input', `layoutxml ${describeProblem(p)}`));
    return { reply: { status: 400, body: renderApiErrors(errors) } };
  };

  return [
    {
      pattern: '/LayoutConfig/default',
      apiName: 'layoutConfig',
      bodyLimit: BODY_LIMIT,
      methods: {
        async GET(ctx) {
          ctx.logApiRequest('default');
          return layoutConfig(`${API}/LayoutConfig/default`, await defaultXml());
        },
        PUT: admin(deps, true, async (ctx) => {
          const body = await readXml(ctx, 'LayoutConfig');
          if (!body) return undefined;
          if (!body.ok) return body.error;
          const valid = validLayout(body.value);
          if ('reply' in valid) return valid.reply;
          const r = await store.putDefaultDesktopLayout(valid.xml);
          if (!r.ok) return errorReply(storeError(r.error));
          deps.configChanged({ kind: 'layoutConfig', op: 'update', id: 'default' });
          return layoutConfig(`${API}/LayoutConfig/default`, valid.xml);
        }),
      },
    },
    {
      pattern: '/Team/{teamId}/LayoutConfig',
      apiName: 'team',
      bodyLimit: BODY_LIMIT,
      methods: {
        GET: teamMemberRead(deps, teamLayoutConfig),
        PUT: admin(deps, true, async (ctx) => {
          const body = await readXml(ctx, 'TeamLayoutConfig');
          if (!body) return undefined;
          if (!body.ok) return body.error;
          const read = new BodyReader(body.value);
          const useDefault = read.bool('useDefault');
          if (read.error) return errorReply(read.error);
          let xml: string | undefined;
          if (useDefault !== true) {
            const valid = validLayout(body.value);
            if ('reply' in valid) return valid.reply;
            xml = valid.xml;
          }
          const r = await store.putTeamDesktopLayout(ctx.params.teamId, xml);
          if (!r.ok) return errorReply(storeError(r.error));
          deps.configChanged({ kind: 'layoutConfig', op: 'update', id: ctx.params.teamId });
          return teamLayoutConfig(ctx.params.teamId);
        }),
      },
    },
    {
      pattern: '/User/{id}/LayoutConfig',
      apiName: 'user',
      methods: {
        GET: readForUser(deps.core, async (user) => {
          const own = user.teamId ? await store.getTeamDesktopLayout(user.teamId) : undefined;
          return layoutConfig(`${API}/User/${user.id}/LayoutConfig`, own ?? (await defaultXml()));
        }),
      },
    },
  ];
}
