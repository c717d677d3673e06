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

/**
 * `<apiErrors>` as notifications carry them (camelCase): the User node's as the pokornyIt/finesse-api
 * XMPP captures show them (errorType, errorMessage, errorData); with `isDialog`, the Dialog CTI
 * Error Notification's documented order — errorData, errorMessage, errorType (developer guide
 * 12.5) — with the CCE peripheral code after them.
 */
export function buildApiErrorsCamel(errors: readonly ApiError[], isDialog = false): XmlElement {
  return el(
    'apiErrors',
    {},
    ...errors.map((e) => {
      const peripheral =
        e.peripheralErrorCode !== undefined && field('peripheralErrorCode', e.peripheralErrorCode);
      return isDialog
        ? el(
            'apiError',
            {},
            field('errorData', e.errorData),
            field('errorMessage', e.errorMessage),
            field('errorType', e.errorType),
            peripheral,
          )
        : el(
            'apiError',
            {},
            field('errorType', e.errorType),
            field('errorMessage', e.errorMessage),
            field('errorData', e.errorData),
            peripheral,
          );
    }),
  );
}

export function renderApiErrorsCamel(errors: readonly ApiError[]): string {
  return buildApiErrorsCamel(errors).toString();
}
