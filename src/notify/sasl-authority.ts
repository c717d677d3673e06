/**
 * Who may sign in, as the notification service asks it: the product answers with its sign-in
 * service (src/auth, through app/index.ts); an embedding that only checks passwords uses
 * `passwordAuthority`. Verdicts say what to answer (the SASL condition, RFC 6120 §6.5) and what
 * info.log should say (`reason`, never a password or token).
 */
import { deriveScramKeys, type ScramKeys, type ScramMechanism } from '../auth/index.ts';
import { isSamePassword } from './system-account.ts';

export type SaslMechanismName = 'PLAIN' | ScramMechanism | 'OAUTHBEARER';

/** The link a sign-in arrives on: for throttling, the lockout's address, and the log. */
export interface SaslLink {
  kind: string;
  /** `ip:port`, as the transports print it. */
  remoteAddress: string;
  isSecure: boolean;
}

export type SaslRefusal = {
  ok: false;
  condition: 'not-authorized' | 'account-disabled' | 'temporary-auth-failure';
  /** Told to the client in `<text>` (RFC 6120 §6.4.5). */
  text?: string;
  /** For info.log: why, in words. */
  reason: string;
};

export type SaslVerdict = { ok: true } | SaslRefusal;

export interface ScramSession {
  ok: true;
  keys: ScramKeys;
  /** The client's proof was right or wrong: counted like a password. */
  finish(isProofValid: boolean): Promise<SaslVerdict>;
}

export interface SaslAuthority {
  /** Offered in this order (clients pick by their own preference). */
  readonly mechanisms: readonly SaslMechanismName[];
  plain(username: string, password: string, link: SaslLink): Promise<SaslVerdict>;
  /** SCRAM's first step; for an unknown user, keys no proof matches (RFC 5802 §5.1). */
  scram?(username: string, mechanism: ScramMechanism, link: SaslLink): Promise<ScramSession | SaslRefusal>;
  /** OAUTHBEARER with a session token; `username` when the client named one (authzid). */
  bearer?(
    username: string | undefined,
    token: string,
    link: SaslLink,
  ): Promise<{ ok: true; username: string } | SaslRefusal>;
}

const wrong: SaslRefusal = { ok: false, condition: 'not-authorized', reason: 'wrong password' };

/** PLAIN against a password check, nothing else: tests and embeddings without a user store. */
export function passwordAuthority(
  check: (username: string, password: string) => Promise<boolean>,
): SaslAuthority {
  return {
    mechanisms: ['PLAIN'],
    plain: async (username, password) => ((await check(username, password)) ? { ok: true } : wrong),
  };
}

/**
 * System accounts whose passwords the notification service holds (a core running in another
 * process logs in with one), checked before `authority`: they need no entry in the user store.
 * Their SCRAM keys are derived once, at RFC 7677's minimum count (the password is a random
 * secret, not something a person chose), so xmpp.js, which picks SCRAM-SHA-1, signs in too.
 */
export function withSystemAccounts(
  authority: SaslAuthority,
  accounts: ReadonlyMap<string, string>,
): SaslAuthority {
  if (accounts.size === 0) return authority;
  const keys = new Map<string, Promise<ScramKeys>>();
  const keysOf = (username: string, m: ScramMechanism, password: string) => {
    const k = `${m}\u0000${username}`;
    let p = keys.get(k);
    if (!p) {
      p = deriveScramKeys(password, m, 4096);
      keys.set(k, p);
    }
    return p;
  };
  const { scram, bearer } = authority;
  return {
    mechanisms: authority.mechanisms,
    async plain(username, password, link) {
      const expected = accounts.get(username);
      if (expected === undefined) return authority.plain(username, password, link);
      return isSamePassword(password, expected) ? { ok: true } : wrong;
    },
    ...(scram && {
      async scram(username, m, link) {
        const password = accounts.get(username);
        if (password === undefined) return scram(username, m, link);
        return {
          ok: true,
          keys: await keysOf(username, m, password),
          finish: async (valid) => (valid ? { ok: true } : wrong),
        };
      },
    }),
    ...(bearer && {
      bearer: (username, token, link) =>
        username !== undefined && accounts.has(username)
          ? Promise.resolve({
              ok: false,
              condition: 'not-authorized',
              reason: 'no session tokens for system accounts',
            } as const)
          : bearer(username, token, link),
    }),
  };
}
