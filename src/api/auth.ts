import type { IncomingMessage } from 'node:http';
import { mayUsePlain, type PlainAuthPolicy, type Refusal, type SignIn } from '../auth/index.ts';
import type { ApiError, Result, UserConfig } from '../core/index.ts';
import type { Store } from '../store/index.ts';
import { apiError } from './errors.ts';

/** What a request shows of itself for its credentials to be judged. */
export interface CredentialRequest {
  authorization: string | undefined;
  /** The peer's IP, without port. */
  ip: string;
  /** TLS (8445): credentials in clear never crossed a network unencrypted. */
  isSecure: boolean;
}

/** What `req` shows: its Authorization header, its peer's IP, and whether it came over TLS. */
export function credentialRequestOf(req: IncomingMessage): CredentialRequest {
  return {
    authorization: req.headers.authorization,
    ip: req.socket.remoteAddress ?? '',
    isSecure: (req.socket as { encrypted?: boolean }).encrypted === true,
  };
}

export interface Caller {
  user: UserConfig;
  /** When its password was last verified (for a session token: at the sign-in that issued it). */
  authAt: number;
  via: 'password' | 'token';
}

export type AuthFailure = { error: ApiError; headers?: Record<string, string>; refusal?: Refusal };

export interface Authenticator {
  /** The user behind `Authorization: Basic …` or `Bearer <session token>`, or the answer to give. */
  authenticate(request: CredentialRequest): Promise<Result<Caller, AuthFailure>>;
}

export interface BasicCredentials {
  username: string;
  password: string;
}

/** RFC 7617: `Basic base64(user-id ":" password)`, the user id being everything before the first colon. */
export function parseBasic(header: string | undefined): BasicCredentials | undefined {
  const m = /^Basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** RFC 6750 §2.1: `Bearer <token>` (a desktop session token, src/auth/session-token.ts). */
export function parseBearer(header: string | undefined): string | undefined {
  return /^Bearer[ \t]+([A-Za-z0-9._~+/-]+=*)[ \t]*$/i.exec(header ?? '')?.[1];
}

/**
 * HTTP Basic (Finesse's, every client's) and session tokens (our desktop's), judged by the node's
 * `SignIn`: its cache of verified passwords is shared with XMPP, failures are throttled and
 * counted towards the lockout whichever door they came through. Roles and teams are read fresh
 * from the store on every request. `--plain-auth` applies here as on XMPP: credentials in clear
 * from another machine without TLS are refused (403) before they are looked at, so a password
 * sniffed on the way gets no answer to confirm it.
 */
export function createAuthenticator(
  store: Store,
  signIn: SignIn,
  plainAuth: PlainAuthPolicy = 'loopback',
): Authenticator {
  const refused = (refusal: Refusal, username: string): AuthFailure => {
    switch (refusal.reason) {
      case 'locked':
        return { error: apiError('account-locked', username), refusal };
      case 'throttled':
        return {
          error: apiError('sign-in-throttled', username),
          // RFC 9110 §10.2.3: whole seconds, rounded up so that a client waiting that long gets in.
          headers: { 'Retry-After': String(Math.ceil(refusal.retryAfterMs / 1000)) },
          refusal,
        };
      default:
        return { error: apiError('authentication-failure', username), refusal };
    }
  };

  return {
    async authenticate({ authorization, ip, isSecure }) {
      const basic = parseBasic(authorization);
      const token = basic ? undefined : parseBearer(authorization);
      if (!basic && !token) return { ok: false, error: { error: apiError('authentication-failure') } };
      const username = basic?.username ?? signIn.claimedUser(token ?? '') ?? '';
      if (!mayUsePlain(plainAuth, { isSecure, ip }))
        return { ok: false, error: { error: apiError('credentials-need-tls', username) } };

      const result = basic
        ? await signIn.password({ username: basic.username, ip }, basic.password)
        : await signIn.token(token ?? '');
      if (!result.ok) return { ok: false, error: refused(result, username) };
      const user = await store.getUser(result.userId);
      if (!user) return { ok: false, error: refused({ reason: 'bad-credentials' }, username) };
      return { ok: true, value: { user, authAt: result.authAt, via: basic ? 'password' : 'token' } };
    },
  };
}
