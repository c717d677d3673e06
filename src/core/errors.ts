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
  /**
   * Developer guide 12.5, Dialog—Start Recording: "501: Not Implemented (a recording attempt was
   * made in a Unified CCE deployment)".
   */
  notImplemented: (action: string): ApiError => ({
    status: 501,
    errorType: 'Not Implemented',
    errorMessage: 'This API is only supported with Unified CCX deployment type.',
    errorData: action,
  }),
  serviceUnavailable: (): ApiError => ({
    status: 503,
    errorType: 'Service Unavailable',
    errorMessage: 'SERVER_OUT_OF_SERVICE',
    errorData: '',
  }),
  dialogNotFound: (id: string): ApiError => ({
    status: 404,
    errorType: 'Not Found',
    errorMessage: 'NOT_FOUND',
    errorData: id,
  }),
  notParticipant: (id: string): ApiError => ({
    status: 401,
    errorType: 'Authorization Failure',
    errorMessage: 'The user is not a participant of this dialog',
    errorData: id,
  }),
  parameterMissing: (name: string): ApiError => ({
    status: 400,
    errorType: 'Parameter Missing',
    errorMessage: 'PARAMETER_MISSING',
    errorData: name,
  }),
  /** finesse-api.md §1.4: a call to one's own extension, a barge on a held agent … */
  invalidDestination: (message: string, address: string): ApiError => ({
    status: 400,
    errorType: 'Invalid Destination',
    errorMessage: message,
    errorData: address,
  }),
  /**
   * A call-control request the CTI server refused, reported on the Dialogs node (finesse-api.md
   * §0: errorType `Call Operation Failure`, errorMessage the CF_ constant, e.g.
   * CF_RESOURCE_OUT_OF_SERVICE with data 34). CONTROL_FAILURE_CONF carries a FailureCode; a
   * FAILURE_CONF or a timeout only a GED-188 status.
   */
  callOperationFailure: (failure: {
    status: number;
    failureCode?: number;
    peripheralErrorCode?: number;
  }): ApiError => ({
    status: 400,
    errorType: 'Call Operation Failure',
    errorMessage:
      failure.failureCode === undefined
        ? ctiStatusName(failure.status)
        : (CONTROL_FAILURE_NAMES[failure.failureCode] ?? `CF_GENERIC_ERROR_${failure.failureCode}`),
    errorData: String(failure.failureCode ?? failure.status),
    // 0 is "none" on the wire: only a real peripheral code is worth showing.
    ...(failure.peripheralErrorCode ? { peripheralErrorCode: String(failure.peripheralErrorCode) } : {}),
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
  35: 'CF_NOT_CALL_PARTY',
  36: 'CF_INVALID_PASSWORD',
  38: 'CF_INVALID_OBJECT_STATE',
  66: 'CF_NO_CALL_ACTIVE',
};

// CONTROL_FAILURE_CONF FailureCodes (CSTA-style, inferred like the CTI layer's table), repeated
// here so that core depends on the CTI link only through CtiPort.
const CONTROL_FAILURE_NAMES: Record<number, string> = {
  0: 'CF_GENERIC_UNSPECIFIED',
  1: 'CF_GENERIC_OPERATION',
  2: 'CF_REQUEST_INCOMPATIBLE_WITH_OBJECT',
  3: 'CF_VALUE_OUT_OF_RANGE',
  4: 'CF_OBJECT_NOT_KNOWN',
  5: 'CF_INVALID_CALLING_DEVICE',
  6: 'CF_INVALID_CALLED_DEVICE',
  11: 'CF_INVALID_CSTA_CALL_IDENTIFIER',
  12: 'CF_INVALID_CSTA_DEVICE_IDENTIFIER',
  13: 'CF_INVALID_CSTA_CONNECTION_IDENTIFIER',
  14: 'CF_INVALID_DESTINATION',
  15: 'CF_INVALID_FEATURE',
  21: 'CF_GENERIC_STATE_INCOMPATIBILITY',
  22: 'CF_INVALID_OBJECT_STATE',
  24: 'CF_NO_ACTIVE_CALL',
  25: 'CF_NO_HELD_CALL',
  26: 'CF_NO_CALL_TO_CLEAR',
  27: 'CF_NO_CONNECTION_TO_CLEAR',
  28: 'CF_NO_CALL_TO_ANSWER',
  29: 'CF_NO_CALL_TO_COMPLETE',
  33: 'CF_RESOURCE_BUSY',
  34: 'CF_RESOURCE_OUT_OF_SERVICE',
  268: 'CF_AGENT_NOT_PARTY_ON_CALL',
};

export function ctiStatusName(status: number): string {
  return CTI_STATUS_NAMES[status] ?? `CF_GENERIC_ERROR_${status}`;
}
