import type { ReasonCode } from '../../core/index.ts';
import { el, type XmlElement } from '../../xml/index.ts';
import { field } from './field.ts';

export const reasonCodeUri = (id: number) => `/finesse/api/ReasonCode/${id}`;

/**
 * `<ReasonCode>` in the order of finesse-api.md §1.5 (uri, category, code, label, forAll,
 * systemCode, id). `root` is `reasonCode` when nested in a `<user>`.
 */
export function buildReasonCode(rc: ReasonCode, root = 'ReasonCode'): XmlElement {
  return el(
    root,
    {},
    field('uri', reasonCodeUri(rc.id)),
    field('category', rc.category),
    field('code', rc.code),
    field('label', rc.label),
    field('forAll', rc.forAll),
    field('systemCode', rc.systemCode),
    field('id', rc.id),
  );
}

export function renderReasonCode(rc: ReasonCode): string {
  return buildReasonCode(rc).toString();
}

/**
 * `<ReasonCodes category="NOT_READY"><ReasonCode>…</ReasonCode>…</ReasonCodes>`: the list of one
 * category carries it as an attribute (developer guide 12.5, User—Get Reason Code List example);
 * a list of both categories has none.
 */
export function renderReasonCodes(codes: readonly ReasonCode[], category?: string): string {
  return el('ReasonCodes', category ? { category } : {}, ...codes.map((c) => buildReasonCode(c))).toString();
}
