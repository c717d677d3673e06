/**
 * The node's sign-in service as the notification service's SASL authority: the same cache of
 * verified passwords as REST, the same throttle and lockout (counted in the shared store), SCRAM
 * from the stored keys, session tokens through OAUTHBEARER. Refusals become RFC 6120 §6.5
 * conditions with a `<text>` for the client and a reason for info.log.
 */
import type { Refusal, SignIn } from '../auth/index.ts';
import { addressOf, type SaslAuthority, type SaslMechanismName, type SaslRefusal } from '../notify/index.ts';

function refusal(r: Refusal, what: string): SaslRefusal {
  switch (r.reason) {
    case 'locked': {
      const until = new Date(r.until).toISOString();
      const where = r.scope === 'address' ? 'this address' : 'unfamiliar addresses';
      return {
        ok: false,
        condition: 'account-disabled',
        text: `Too many failed sign-ins: locked for ${where} until ${until}`,
        reason: `account locked for ${where} until ${until}`,
      };
    }
    case 'throttled': {
      const seconds = Math.ceil(r.retryAfterMs / 1000);
      return {
        ok: false,
        condition: 'temporary-auth-failure',
        text: `Too many failed sign-ins from this address: retry in ${seconds} s`,
        reason: `failed sign-ins from this address are slowed: retry in ${seconds} s`,
      };
    }
    case 'no-scram-keys':
      return {
        ok: false,
        condition: 'temporary-auth-failure',
        text: 'No SCRAM keys are stored for this account yet: sign in once with PLAIN (or on the desktop)',
        reason: 'no SCRAM keys stored yet (the password was set before they were kept)',
      };
    default:
      return { ok: false, condition: 'not-authorized', reason: what };
  }
}

export function xmppAuthority(signIn: SignIn, hasScram: boolean): SaslAuthority {
  const attempt = (username: string, link: { remoteAddress: string }) => ({
    username,
    ip: addressOf(link.remoteAddress),
  });
  const mechanisms: SaslMechanismName[] = [
    ...(hasScram ? (['SCRAM-SHA-256', 'SCRAM-SHA-1'] as const) : []),
    'PLAIN',
    'OAUTHBEARER',
  ];
  return {
    mechanisms,
    async plain(username, password, link) {
      const r = await signIn.password(attempt(username, link), password);
      return r.ok ? { ok: true } : refusal(r, 'wrong password');
    },
    async scram(username, mechanism, link) {
      const start = await signIn.scram(attempt(username, link), mechanism);
      if (!start.ok) return refusal(start, 'wrong SCRAM proof');
      return {
        ok: true,
        keys: start.keys,
        async finish(isProofValid) {
          const r = await start.finish(isProofValid);
          return r.ok ? { ok: true } : refusal(r, 'wrong password (SCRAM proof)');
        },
      };
    },
    async bearer(username, token) {
      const r = await signIn.token(token, username);
      return r.ok ? { ok: true, username: r.userId } : refusal(r, 'invalid or revoked session token');
    },
  };
}
