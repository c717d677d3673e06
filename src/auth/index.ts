/**
 * Sign-in for every door of a node: the password check with its shared cache, throttle and
 * lockout, SCRAM's stored keys, session tokens, and the `--plain-auth` policy. The REST API
 * (api/auth.ts) and the notification service (through app/index.ts) use one `SignIn` per node.
 */
export { addressKey, isLoopbackIp, mayUsePlain, type PlainAuthPolicy } from './address.ts';
export { DEFAULT_LOCKOUT, type LockoutOptions } from './lockout.ts';
export {
  deriveScramKeys,
  isClientProofValid,
  SCRAM_HASHES,
  SCRAM_MECHANISMS,
  type ScramKeys,
  type ScramMechanism,
  serverSignature,
} from './scram.ts';
export { type IssuedToken, isSessionToken } from './session-token.ts';
export {
  createSignIn,
  DEFAULT_THROTTLE,
  type Refusal,
  type ScramStart,
  type SignIn,
  type SignInAttempt,
  type SignInOptions,
  type SignInResult,
} from './sign-in.ts';
