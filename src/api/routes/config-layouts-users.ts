import type { Role } from '../../core/index.ts';
import type { LayoutEntry, NewLayout, UserPatch } from '../../store/index.ts';
import type { XmlElement } from '../../xml/index.ts';
import { xmlReply } from '../reply.ts';
import type { Route } from '../router.ts';
import { renderLayout, renderLayouts, renderUserConfig, renderUserConfigs, uris } from '../wire/config.ts';
import { crudRoutes, unlessBad } from './crud.ts';
import { BodyReader, numericId, type RouteDeps } from './kit.ts';

const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

const flag = (e: XmlElement, name: string) => e.getChildText(name)?.trim().toLowerCase() === 'true';

const entries = (within: XmlElement | undefined): LayoutEntry[] =>
  (within?.getChildren('entry') ?? []).map((e) => ({
    displayName: e.getChildText('displayName') ?? '',
    mediaProperty: (e.getChildText('mediaProperty') ?? '').trim(),
    showInPopOver: flag(e, 'showInPopOver'),
    uiEditable: flag(e, 'uiEditable'),
  }));

/**
 * MediaPropertiesLayout configuration (`GET /MediaPropertiesLayouts`, `POST
 * /MediaPropertiesLayout`, `GET|PUT|DELETE /MediaPropertiesLayout/{id}`; body `<name/>
 * <description/><header><entry><displayName/><mediaProperty/></entry></header><column>…` —
 * the structure is inferred, §1.9) and user configuration under `/UserConfig` — Switchboard's
 * own resource: Finesse takes its users from the contact center, and `PUT /User/{id}` is the
 * state change, so the configuration lives beside it. User bodies: `<User><loginId/><loginName/>
 * <firstName/><lastName/><password/><roles><role/></roles><teamId/><teams><Team><id/></Team></teams>`.
 */
export function configLayoutUserRoutes(deps: RouteDeps): Route[] {
  const { store } = deps;
  const readLayout = (body: XmlElement) => {
    const read = new BodyReader(body);
    const columns = body.getChildren('column');
    const fields: Partial<NewLayout> = {
      name: read.text('name'),
      description: read.text('description'),
      header: body.getChild('header') ? entries(body.getChild('header')) : undefined,
      columns: columns.length > 0 ? columns.map(entries) : undefined,
    };
    return { read, fields };
  };
  const readUser = (body: XmlElement) => {
    const read = new BodyReader(body);
    const roles = read.items('roles', 'role')?.map((r) => r.text().trim() as Role);
    const teams = read.items('teams', 'Team')?.map((t) => (t.getChildText('id') ?? '').trim());
    const fields: UserPatch & { id?: string } = {
      id: read.text('loginId')?.trim(),
      loginName: read.text('loginName')?.trim(),
      firstName: read.text('firstName'),
      lastName: read.text('lastName'),
      password: read.text('password'),
      roles,
      teamId: read.text('teamId')?.trim(),
      supervisedTeamIds: teams,
    };
    return { read, fields };
  };

  return [
    ...crudRoutes(deps, {
      one: 'MediaPropertiesLayout',
      many: 'MediaPropertiesLayouts',
      kind: 'layout',
      parseId: numericId,
      list: async () => xmlReply(200, renderLayouts(await store.listLayouts())),
      get: (id) => store.getLayout(id),
      create(body) {
        const { read, fields } = readLayout(body);
        return unlessBad(read.error, () =>
          store.createLayout({
            name: fields.name!,
            description: fields.description ?? '',
            header: fields.header ?? [],
            columns: fields.columns ?? [],
          }),
        );
      },
      update(id, body) {
        const { read, fields } = readLayout(body);
        return unlessBad(read.error, () => store.updateLayout(id, defined(fields)));
      },
      remove: (id) => store.deleteLayout(id),
      render: renderLayout,
      changeId: (v) => String(typeof v === 'number' ? v : v.id),
      uri: (v) => uris.layout(v.id),
    }),
    ...crudRoutes(deps, {
      one: 'UserConfig',
      many: 'UserConfigs',
      root: 'User',
      kind: 'user',
      parseId: (raw) => raw,
      list: async () => xmlReply(200, renderUserConfigs(await store.listUsers())),
      // By login id only: a configuration URI names one user for good.
      get: async (id) => {
        const u = await store.getUser(id);
        return u?.id === id ? u : undefined;
      },
      create(body) {
        const { read, fields } = readUser(body);
        const { id, ...rest } = fields;
        return unlessBad(read.error, () =>
          store.createUser({
            ...rest,
            id: id!,
            loginName: rest.loginName!,
            firstName: rest.firstName ?? '',
            lastName: rest.lastName ?? '',
            password: rest.password!,
            roles: rest.roles!,
          }),
        );
      },
      update(id, body) {
        const { read, fields } = readUser(body);
        const { id: _sameOrIgnored, ...patch } = fields;
        return unlessBad(read.error, () => store.updateUser(id, defined(patch)));
      },
      remove: (id) => store.deleteUser(id),
      render: renderUserConfig,
      changeId: (v) => (typeof v === 'string' ? v : v.id),
      uri: (v) => uris.userConfig(v.id),
    }),
  ];
}
