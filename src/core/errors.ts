import type { ApiError } from './model.ts';

/**
 * The ApiErrors core returns, by short code (finesse-api.md §0 lists the ErrorType strings).
 * The REST layer renders them PascalCase in HTTP bodies and camelCase inside notifications.
 */
export const CoreErrors = {
  userNotFound: (id: string): ApiError => ({
    status: 404,
    errorType: 'User Not Found',
    errorMessage: 'UNKNOWN_USER',
    errorData: id,
  }),
  invalidAuthorizationUser: (id: string): ApiError => ({
    status: 401,
    errorType: 'Invalid Authorization User Specified',
    errorMessage: "The user specified in the authentication credentials and the uri don't match",
    errorData: id,
  }),
  invalidSupervisor: (id: string): ApiError => ({
    status: 401,
    errorType: 'Invalid Supervisor',
    errorMessage: 'The supervisor does not supervise a team of this agent',
    errorData: id,
  }),
  invalidState: (message: string, data = ''): ApiError => ({
    status: 400,
    errorType: 'Invalid State',
    errorMessage: message,
    errorData: data,
  }),
  invalidInput: (message: string, data = ''): ApiError => ({
    status: 400,
    errorType: 'Invalid Input',
    errorMessage: message,
    errorData: data,
  }),
  reasonCodeRequired: (): ApiError => ({
    status: 400,
    errorType: 'Parameter Missing',
    errorMessage: 'The state change requires a valid reason code.',
    errorData: 'finesse.api.reasoncode.require_reasoncode',
  }),
  extensionRequired: (): ApiError => ({
    status: 400,
    errorType: 'Parameter Missing',
    errorMessage: 'An extension is required to sign in.',
    errorData: 'extension',
  }),
  serviceUnavailable: (): ApiError => ({
    status: 503,
    errorType: 'Service Unavailable',
    errorMessage: 'SERVER_OUT_OF_SERVICE',
    errorData: '',
  }),
  /** An asynchronous CTI failure, reported in the notification (finesse-api.md §0, CF_* constants). */
  ctiFailure: (status: number, errorType = 'Invalid State'): ApiError => ({
    status: 400,
    errorType,
    errorMessage: ctiStatusName(status),
    errorData: String(status),
  }),
} as const;

// GED-188 status codes (cti-and-peers.md A.4) under the CF_ names Finesse shows for them.
const CTI_STATUS_NAMES: Record<number, string> = {
  9: 'CF_AGENT_NOT_LOGGED_ON',
  10: 'CF_DEVICE_IN_USE',
  12: 'CF_FUNCTION_NOT_AVAILABLE',
  13: 'CF_INVALID_CALLID',
  15: 'CF_CTI_SERVER_OFFLINE',
  16: 'CF_TIMEOUT',
  22: 'CF_INVALID_OBJECT_STATE',
  36: 'CF_INVALID_PASSWORD',
};

export function ctiStatusName(status: number): string {
  return CTI_STATUS_NAMES[status] ?? `CF_GENERIC_ERROR_${status}`;
}
