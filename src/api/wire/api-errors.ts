import type { ApiError } from '../../core/index.ts';
import { el, type XmlElement } from '../../xml/index.ts';
import { field } from './field.ts';

/**
 * `<ApiErrors>` as HTTP bodies carry them (PascalCase, finesse-api.md §0). Clients must parse the
 * children in any order; we write Type, Message, Data as the most common Cisco samples do.
 */
export function buildApiErrors(errors: readonly ApiError[]): XmlElement {
  return el(
    'ApiErrors',
    {},
    ...errors.map((e) =>
      el(
        'ApiError',
        {},
        field('ErrorType', e.errorType),
        field('ErrorMessage', e.errorMessage),
        field('ErrorData', e.errorData),
      ),
    ),
  );
}

export function renderApiErrors(errors: readonly ApiError[]): string {
  return buildApiErrors(errors).toString();
}

/** `<apiErrors>` as notifications carry them (camelCase; pokornyIt/finesse-api XMPP captures). */
export function buildApiErrorsCamel(errors: readonly ApiError[]): XmlElement {
  return el(
    'apiErrors',
    {},
    ...errors.map((e) =>
      el(
        'apiError',
        {},
        field('errorType', e.errorType),
        field('errorMessage', e.errorMessage),
        field('errorData', e.errorData),
        e.peripheralErrorCode !== undefined && field('peripheralErrorCode', e.peripheralErrorCode),
      ),
    ),
  );
}

export function renderApiErrorsCamel(errors: readonly ApiError[]): string {
  return buildApiErrorsCamel(errors).toString();
}
