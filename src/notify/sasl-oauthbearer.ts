/**
 * SASL OAUTHBEARER (RFC 7628 §3.1): `gs2-header %x01 *(key "=" value %x01) %x01`, the bearer
 * token in `auth=Bearer <token>`. Here it carries the desktop's session token (src/auth), which
 * Strophe.js sends through this mechanism when told to.
 */
import type { SaslFailureCondition } from './errors.ts';

export type OAuthBearerMessage =
  | { ok: true; authzid: string | undefined; token: string }
  | { ok: false; condition: SaslFailureCondition; text: string };

const TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

export function parseOAuthBearer(message: string): OAuthBearerMessage {
  const m = /^[ny],(?:a=([^,]*))?,\u0001(.*)\u0001$/s.exec(message);
  if (!m) return { ok: false, condition: 'malformed-request', text: 'not an OAUTHBEARER client response' };
  const pairs = new Map(
    m[2]
      .split('\u0001')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
  const auth = /^Bearer +(\S+)$/i.exec(pairs.get('auth') ?? '')?.[1];
  if (!auth || !TOKEN.test(auth))
    return { ok: false, condition: 'malformed-request', text: 'no bearer token' };
  const authzid = m[1]?.replace(/=2C/g, ',').replace(/=3D/g, '=');
  return { ok: true, authzid: authzid || undefined, token: auth };
}

/** RFC 7628 §3.2.2: the error the server sends as a challenge before failing. */
export const OAUTHBEARER_ERROR = JSON.stringify({ status: 'invalid_token' });
