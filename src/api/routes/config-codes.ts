import type { ReasonCodeCategory } from '../../core/index.ts';
import type { XmlElement } from '../../xml/index.ts';
import { xmlReply } from '../reply.ts';
import type { Route } from '../router.ts';
import { renderWrapUpReason, renderWrapUpReasons, uris } from '../wire/config.ts';
import { reasonCodeUri, renderReasonCode, renderReasonCodes } from '../wire/index.ts';
import { crudRoutes, unlessBad } from './crud.ts';
import { BodyReader, numericId, type RouteDeps } from './kit.ts';
import { categoryOf } from './team-resource.ts';

/**
 * ReasonCode and WrapUpReason configuration (finesse-api.md §1.5, §1.6): `GET /ReasonCodes
 * ?category=NOT_READY|LOGOUT|ALL`, `POST /ReasonCode`, `GET|PUT|DELETE /ReasonCode/{id}`, and
 * the same for WrapUpReason(s). Bodies: `<ReasonCode><category/><code/><label/><forAll/>` and
 * `<WrapUpReason><label/><forAll/>`; on PUT, absent elements keep their values.
 */
export function configCodeRoutes(deps: RouteDeps): Route[] {
  const { store } = deps;
  const readCode = (body: XmlElement) => {
    const read = new BodyReader(body);
    const category = read.text('category')?.trim() as ReasonCodeCategory | undefined;
    return {
      read,
      fields: { category, code: read.int('code'), label: read.text('label'), forAll: read.bool('forAll') },
    };
  };
  const readWrapUp = (body: XmlElement) => {
    const read = new BodyReader(body);
    return { read, fields: { label: read.text('label'), forAll: read.bool('forAll') } };
  };
  const defined = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

  return [
    ...crudRoutes(deps, {
      one: 'ReasonCode',
      many: 'ReasonCodes',
      kind: 'reasonCode',
      parseId: numericId,
      async list(ctx) {
        const category = categoryOf(ctx);
        if (!category.ok) return category.error;
        return xmlReply(200, renderReasonCodes(await store.listReasonCodes(category.value), category.value));
      },
      get: (id) => store.getReasonCode(id),
      create(body) {
        const { read, fields } = readCode(body);
        return unlessBad(read.error, () =>
          store.createReasonCode({
            ...fields,
            code: fields.code!,
            label: fields.label!,
            category: fields.category!,
          }),
        );
      },
      update(id, body) {
        const { read, fields } = readCode(body);
        return unlessBad(read.error, () => store.updateReasonCode(id, defined(fields)));
      },
      remove: (id) => store.deleteReasonCode(id),
      render: renderReasonCode,
      changeId: (v) => String(typeof v === 'number' ? v : v.id),
      uri: (v) => reasonCodeUri(v.id),
      // ReasonCode—Get: "Administrators and agents can use this API"; an agent reads the codes it
      // may use (global, or its team's), as User—Get Reason Code says.
      readableBy: async (code, caller) =>
        (await store.listTeamReasonCodes(caller.teamId, code.category)).some((c) => c.id === code.id),
    }),
    ...crudRoutes(deps, {
      one: 'WrapUpReason',
      many: 'WrapUpReasons',
      kind: 'wrapUpReason',
      parseId: numericId,
      list: async () => xmlReply(200, renderWrapUpReasons(await store.listWrapUpReasons())),
      get: (id) => store.getWrapUpReason(id),
      create(body) {
        const { read, fields } = readWrapUp(body);
        return unlessBad(read.error, () =>
          store.createWrapUpReason({ label: fields.label!, forAll: fields.forAll }),
        );
      },
      update(id, body) {
        const { read, fields } = readWrapUp(body);
        return unlessBad(read.error, () => store.updateWrapUpReason(id, defined(fields)));
      },
      remove: (id) => store.deleteWrapUpReason(id),
      render: renderWrapUpReason,
      changeId: (v) => String(typeof v === 'number' ? v : v.id),
      uri: (v) => uris.wrapUpReason(v.id),
    }),
  ];
}
