import type { ApiError } from '../core/index.ts';

interface ErrorEntry {
  status: number;
  errorType: string;
  errorMessage: string;
  /** When the REST layer answers with it, and what `ErrorData` carries. */
  doc: string;
}

/**
 * The ApiErrors the REST layer itself answers with, by short stable code (finesse-api.md §0 lists
 * the ErrorType strings). Core's own refusals (invalid state, missing reason code …) come from
 * core's registry and pass through unchanged; the entries both layers use are kept identical by a
 * test.
 */
export const API_ERRORS = {
  'authentication-failure': {
    status: 401,
    errorType: 'Authentication Failure',
    errorMessage: 'UNAUTHORIZED',
    doc: 'Missing, malformed or wrong HTTP Basic credentials. Data: the user name sent, if any.',
  },
  'invalid-authorization-user': {
    status: 401,
    errorType: 'Invalid Authorization User Specified',
    errorMessage: "The user specified in the authentication credentials and the uri don't match",
    doc: 'An agent (or administrator, for changes) addressed another user. Data: the id in the URI.',
  },
  'invalid-supervisor': {
    status: 401,
    errorType: 'Invalid Supervisor',
    errorMessage: 'The supervisor does not supervise a team of this agent',
    doc: 'A supervisor addressed a user outside the teams it supervises. Data: the id in the URI.',
  },
  'user-not-found': {
    status: 404,
    errorType: 'User Not Found',
    errorMessage: 'UNKNOWN_USER',
    doc: 'No user has this login id or login name. Data: the id in the URI.',
  },
  'invalid-input': {
    status: 400,
    errorType: 'Invalid Input',
    errorMessage: 'INVALID_INPUT',
    doc: 'Malformed XML, characters XML forbids, a wrong root element, bad encoding or a bad value. Data: what was wrong.',
  },
  'mode-not-allowed': {
    status: 400,
    errorType: 'Mode Not Allowed',
    errorMessage: 'Mobile agent sign-in is not supported',
    doc: 'A sign-in as a mobile agent (`mobileAgent`) or on a chosen device (`activeDeviceId`), which Switchboard does not offer: refused rather than taken as a plain sign-in. Data: the element.',
  },
  'parameter-missing': {
    status: 400,
    errorType: 'Parameter Missing',
    errorMessage: 'PARAMETER_MISSING',
    doc: 'A required element or query parameter is absent. Data: its name.',
  },
  'account-locked': {
    status: 401,
    errorType: 'Authentication Failure',
    errorMessage: 'The account is locked for 5 minutes after 5 consecutive failed sign-in attempts',
    doc: 'Five wrong passwords in a row from this address (or twenty from many) lock new password sign-ins for five minutes, right password or not; signed-in sessions go on. Data: the user name sent.',
  },
  'sign-in-throttled': {
    status: 429,
    errorType: 'Authentication Failure',
    errorMessage: 'Too many failed sign-ins from this address: retry after the seconds in Retry-After',
    doc: 'Failed sign-ins from this address came too fast (progressive delays, before any lock); not checked, not counted. Data: the user name sent.',
  },
  'credentials-need-tls': {
    status: 403,
    errorType: 'Forbidden',
    errorMessage: 'Credentials in clear are accepted only over HTTPS or from this machine (--plain-auth)',
    doc: 'HTTP Basic or a session token over plain HTTP from another machine while --plain-auth is loopback (default) or never; use https://host:8445. Data: the user name sent.',
  },
  'authorization-failure': {
    status: 401,
    errorType: 'Authorization Failure',
    errorMessage: 'UNAUTHORIZED',
    doc: 'The caller lacks the role the resource needs (configuration APIs: Administrator). Data: the caller id.',
  },
  forbidden: {
    status: 403,
    errorType: 'Forbidden',
    errorMessage: 'FORBIDDEN',
    doc: 'A configuration change sent to a node that is not the primary. Data: empty.',
  },
  duplicate: {
    status: 400,
    errorType: 'Finesse API Error',
    errorMessage: 'DUPLICATE_VALUE',
    doc: 'The value must be unique and another object has it (DB constraint, per Finesse). Data: the element.',
  },
  'maximum-exceeded': {
    status: 400,
    errorType: 'Maximum Exceeded',
    errorMessage: 'MAXIMUM_EXCEEDED',
    doc: 'A Finesse limit (reason codes, phone books, contacts …) is reached. Data: the object type.',
  },
  'in-use': {
    status: 400,
    errorType: 'In Use',
    errorMessage: 'IN_USE',
    doc: 'The object is assigned (a team phone book, the default layout) and cannot change so. Data: the element.',
  },
  'invalid-range': {
    status: 416,
    errorType: 'Invalid Input',
    errorMessage: 'Invalid Range Specified. Range must be 1-6000 objects',
    doc: 'The Range header or range parameter is malformed, wider than 6000 or past the end. Data: the range.',
  },
  'request-too-large': {
    status: 413,
    errorType: 'Invalid Input',
    errorMessage: 'REQUEST_ENTITY_TOO_LARGE',
    doc: 'The request body passed the route limit; it was not buffered. Data: the limit in bytes.',
  },
  'not-found': {
    status: 404,
    errorType: 'Not Found',
    errorMessage: 'NOT_FOUND',
    doc: 'No resource at this path. Data: the path.',
  },
  'method-not-allowed': {
    status: 405,
    errorType: 'Method Not Allowed',
    errorMessage: 'METHOD_NOT_ALLOWED',
    doc: 'The resource exists but not for this method (see the Allow header). Data: the method.',
  },
  'service-unavailable': {
    status: 503,
    errorType: 'Service Unavailable',
    errorMessage: 'SERVER_OUT_OF_SERVICE',
    doc: 'No CTI session is up (SystemInfo status OUT_OF_SERVICE); every route but SystemInfo. Data: empty.',
  },
  'database-unavailable': {
    status: 503,
    errorType: 'Service Unavailable',
    errorMessage: 'DATABASE_UNAVAILABLE',
    doc: 'The configuration database does not answer (cluster mode: PostgreSQL down or restarting): configuration changes, and reads not held in memory, until it is back. Agent state and calls go on. Data: empty.',
  },
  'internal-server-error': {
    status: 500,
    errorType: 'Internal Server Error',
    errorMessage: 'RUNTIME_EXCEPTION',
    doc: 'A handler failed unexpectedly; details are in the webservices log only. Data: empty.',
  },
} as const satisfies Record<string, ErrorEntry>;

export type ApiErrorCode = keyof typeof API_ERRORS;

export function apiError(code: ApiErrorCode, errorData = ''): ApiError {
  const e = API_ERRORS[code];
  return { status: e.status, errorType: e.errorType, errorMessage: e.errorMessage, errorData };
}
