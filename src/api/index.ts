export { type Api, type ApiOptions, createApi, logLockout } from './api.ts';
export { createAuthenticator, credentialRequestOf } from './auth.ts';
export { API_ERRORS, type ApiErrorCode, apiError } from './errors.ts';
export {
  buildApiErrors,
  buildApiErrorsCamel,
  buildDialog,
  buildDialogs,
  buildReasonCode,
  buildSystemInfo,
  buildUpdate,
  buildUser,
  reasonCodeUri,
  renderApiErrors,
  renderApiErrorsCamel,
  renderDialog,
  renderDialogs,
  renderReasonCode,
  renderReasonCodes,
  renderSystemInfo,
  renderUpdate,
  renderUser,
  type SystemInfoOptions,
} from './wire/index.ts';
