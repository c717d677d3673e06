/** The notification service (Finesse's Openfire): a general XMPP server with pubsub. */

export { ConnectionGuard, type ConnectionLimitOptions } from './connection-guard.ts';
export { HTTP_TIMEOUTS, hardenHttpServer } from './http-hardening.ts';
export { addressOf } from './limits.ts';
export type { BoshOptions, NotifyOptions, NotifyPubsub, NotifyServer } from './options.ts';
export {
  passwordAuthority,
  type SaslAuthority,
  type SaslLink,
  type SaslMechanismName,
  type SaslRefusal,
  type SaslVerdict,
  type ScramSession,
} from './sasl-authority.ts';
export { createNotifyServer } from './server.ts';
export type { PresenceEvent } from './stanza-router.ts';
export type { PlainAuthPolicy } from './stream-features.ts';
export { isSamePassword, loadSystemPassword } from './system-account.ts';
export { type LoadTlsOptions, loadTlsCredentials, type TlsCredentials } from './tls.ts';
