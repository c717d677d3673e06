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

/** `GET /User/{id}/ReasonCodes` → `<ReasonCodes><ReasonCode>…</ReasonCode>…</ReasonCodes>`. */
export function renderReasonCodes(codes: readonly ReasonCode[]): string {
  return el('ReasonCodes', {}, ...codes.map((c) => buildReasonCode(c))).toString();
}
