/**
 * SASL negotiation (RFC 6120 §6.4) with the mechanisms the authority offers: PLAIN (RFC 4616),
 * SCRAM-SHA-256 and SCRAM-SHA-1 (RFC 7677, RFC 5802) and OAUTHBEARER (RFC 7628, session tokens).
 * It turns the client's `<auth/>`, `<response/>` and `<abort/>` into outcomes and counts the
 * failures; the session sends the replies and restarts or ends the stream. Every mechanism is
 * under the same `--plain-auth` policy: without TLS (and off loopback, by default) none is
 * offered, since an eavesdropper could take over the stream after any of them anyway.
 */
import { isClientProofValid, SCRAM_MECHANISMS, type ScramMechanism, serverSignature } from '../auth/index.ts';
import type { XmlElement } from '../xml/index.ts';
import type { SaslFailureCondition } from './errors.ts';
import { isValidLocal, type Jid, makeJid, parseJid } from './jid.ts';
import { NS } from './namespaces.ts';
import type {
  SaslAuthority,
  SaslLink,
  SaslMechanismName,
  SaslVerdict,
  ScramSession,
} from './sasl-authority.ts';
import { OAUTHBEARER_ERROR, parseOAuthBearer } from './sasl-oauthbearer.ts';
import { parsePlainMessage } from './sasl-plain.ts';
import {
  authMessage,
  buildServerFirst,
  type ClientFirst,
  nonceOf,
  parseClientFinal,
  parseClientFirst,
} from './sasl-scram.ts';

export type SaslOutcome =
  | { kind: 'challenge'; data?: string }
  | {
      kind: 'failure';
      condition: SaslFailureCondition;
      /** The user it was for, when known (for the log). */
      user?: string;
      mechanism?: string;
      text?: string;
      /** For info.log: why (a refusal's reason, or the collaborator's error). */
      reason?: string;
      cause?: unknown;
      /** The last attempt allowed: the stream ends with policy-violation. */
      isFinal?: boolean;
    }
  | { kind: 'success'; user: Jid; mechanism: SaslMechanismName; data?: string };

type Failure = Extract<SaslOutcome, { kind: 'failure' }>;

// RFC 6120 §6.4.5: allow "at least 2 and no more than 5" attempts, then policy-violation.
const MAX_ATTEMPTS = 3;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The info.log line for a failure worth one (a refused sign-in, a failed credential store). */
export function describeSaslFailure(
  outcome: Failure,
  link: { kind: string; remoteAddress: string },
): string | undefined {
  const via = `${outcome.mechanism ?? 'SASL'} from ${link.remoteAddress} (${link.kind})`;
  if (outcome.cause !== undefined) {
    const cause = outcome.cause as Error;
    return `Authentication of ${outcome.user} failed with an error: ${cause.message ?? cause}`;
  }
  if (outcome.reason === undefined) return undefined;
  return `Authentication failed for ${outcome.user} with ${via}: ${outcome.reason}`;
}

export interface SaslOptions {
  domain: string;
  authority: SaslAuthority;
  link: SaslLink;
  /** Mechanisms may be used on this link now (TLS, or the `--plain-auth` policy allows it). */
  mayUsePlain(): boolean;
  /** SCRAM's server nonce (default: 18 random bytes, base64); tests replay RFC exchanges with it. */
  serverNonce?: () => string;
}

/** The mechanisms to advertise: the authority's, as far as it implements them. */
export function offeredMechanisms(authority: SaslAuthority): SaslMechanismName[] {
  return authority.mechanisms.filter(
    (m) =>
      m === 'PLAIN' ||
      (m === 'OAUTHBEARER' && authority.bearer !== undefined) ||
      ((SCRAM_MECHANISMS as readonly string[]).includes(m) && authority.scram !== undefined),
  );
}

type Pending =
  | { kind: 'initial'; mechanism: SaslMechanismName }
  | {
      kind: 'scram';
      mechanism: ScramMechanism;
      first: ClientFirst;
      serverFirst: string;
      session: ScramSession;
      user: Jid;
    }
  | { kind: 'bearer-error'; user: string | undefined; reason: string };

export class SaslNegotiation {
  readonly #o: SaslOptions;
  #pending: Pending | undefined;
  #failures = 0;

  constructor(options: SaslOptions) {
    this.#o = options;
  }

  /** The outcome of one element, or undefined when it is not SASL at all. */
  async step(node: XmlElement): Promise<SaslOutcome | undefined> {
    const outcome = await this.#step(node);
    if (outcome?.kind === 'failure') {
      this.#pending = undefined;
      outcome.isFinal = ++this.#failures >= MAX_ATTEMPTS;
    }
    return outcome;
  }

  async #step(node: XmlElement): Promise<SaslOutcome | undefined> {
    if (node.is('auth', NS.sasl)) {
      this.#pending = undefined;
      if (!this.#o.mayUsePlain()) return { kind: 'failure', condition: 'encryption-required' };
      const mechanism = node.attr('mechanism') as SaslMechanismName;
      if (!offeredMechanisms(this.#o.authority).includes(mechanism))
        return { kind: 'failure', condition: 'invalid-mechanism' };
      const data = node.text().trim();
      // RFC 6120 §6.4.2: no initial response → an empty challenge; '=' is an empty initial response.
      if (data === '') {
        this.#pending = { kind: 'initial', mechanism };
        return { kind: 'challenge' };
      }
      return this.#first(mechanism, data === '=' ? '' : data);
    }
    if (node.is('response', NS.sasl) && this.#pending) {
      const pending = this.#pending;
      this.#pending = undefined;
      const data = node.text().trim();
      if (pending.kind === 'initial') return this.#first(pending.mechanism, data);
      if (pending.kind === 'bearer-error')
        return {
          kind: 'failure',
          condition: 'not-authorized',
          mechanism: 'OAUTHBEARER',
          user: pending.user,
          reason: pending.reason,
        };
      return this.#scramFinal(pending, data);
    }
    if (node.is('abort', NS.sasl)) {
      this.#pending = undefined;
      return { kind: 'failure', condition: 'aborted' };
    }
    return undefined;
  }

  async #first(mechanism: SaslMechanismName, data: string): Promise<SaslOutcome> {
    if (mechanism === 'PLAIN') return this.#plain(data);
    const text = decode(data);
    if (text === undefined) return { kind: 'failure', condition: 'incorrect-encoding', mechanism };
    if (mechanism === 'OAUTHBEARER') return this.#bearer(text);
    return this.#scramFirst(mechanism, text);
  }

  /** Runs a collaborator; its failure is a temporary-auth-failure with the cause logged. */
  async #ask<T>(user: string, mechanism: string, fn: () => Promise<T>): Promise<T | Failure> {
    try {
      return await fn();
    } catch (cause) {
      return { kind: 'failure', condition: 'temporary-auth-failure', user, mechanism, cause };
    }
  }

  #outcome(verdict: SaslVerdict, user: Jid, mechanism: SaslMechanismName, data?: string): SaslOutcome {
    if (verdict.ok) return { kind: 'success', user, mechanism, data };
    const { condition, text, reason } = verdict;
    return { kind: 'failure', condition, text, reason, user: user.bare, mechanism };
  }

  /** The account a SASL authentication identity names (RFC 6120 §6.3.8: the localpart). */
  #user(authcid: string): Jid | undefined {
    return isValidLocal(authcid) ? makeJid(authcid, this.#o.domain) : undefined;
  }

  /** RFC 4616 §2 / RFC 5802: an authzid other than the user itself would be proxy authorization. */
  #isOwnAuthzid(authzid: string | undefined, user: Jid): boolean {
    return !authzid || authzid === user.local || parseJid(authzid)?.bare === user.bare;
  }

  async #plain(data: string): Promise<SaslOutcome> {
    const msg = parsePlainMessage(data);
    if (!msg.ok) return { kind: 'failure', condition: msg.condition };
    const user = this.#user(msg.authcid);
    if (!user) return notAUser(msg.authcid, 'PLAIN');
    if (!this.#isOwnAuthzid(msg.authzid, user)) return { kind: 'failure', condition: 'invalid-authzid' };
    const verdict = await this.#ask(user.bare, 'PLAIN', () =>
      this.#o.authority.plain(msg.authcid, msg.password, this.#o.link),
    );
    return 'kind' in verdict ? verdict : this.#outcome(verdict, user, 'PLAIN');
  }

  async #scramFirst(mechanism: ScramMechanism, text: string): Promise<SaslOutcome> {
    const parsed = parseClientFirst(text);
    if (!parsed.ok) return { kind: 'failure', condition: parsed.condition, text: parsed.text, mechanism };
    const first = parsed.value;
    const user = this.#user(first.username);
    if (!user) return notAUser(first.username, mechanism);
    if (!this.#isOwnAuthzid(first.authzid, user))
      return { kind: 'failure', condition: 'invalid-authzid', mechanism };
    const scram = this.#o.authority.scram;
    if (!scram) return { kind: 'failure', condition: 'invalid-mechanism' };
    const session = await this.#ask(user.bare, mechanism, () =>
      scram(first.username, mechanism, this.#o.link),
    );
    if ('kind' in session) return session;
    if (!session.ok) return this.#outcome(session, user, mechanism);
    const serverFirst = buildServerFirst(
      first.nonce,
      session.keys.salt,
      session.keys.iterations,
      this.#o.serverNonce?.(),
    );
    this.#pending = { kind: 'scram', mechanism, first, serverFirst, session, user };
    return { kind: 'challenge', data: Buffer.from(serverFirst).toString('base64') };
  }

  async #scramFinal(p: Extract<Pending, { kind: 'scram' }>, data: string): Promise<SaslOutcome> {
    const { mechanism, first, serverFirst, session, user } = p;
    const text = decode(data);
    if (text === undefined) return { kind: 'failure', condition: 'incorrect-encoding', mechanism };
    const parsed = parseClientFinal(text);
    if (!parsed.ok) return { kind: 'failure', condition: parsed.condition, text: parsed.text, mechanism };
    const final = parsed.value;
    // §5.1: the nonce must be ours, and `c=` the gs2 header sent first (no channel binding data).
    if (final.nonce !== nonceOf(serverFirst) || final.channelBinding !== first.gs2Header)
      return {
        kind: 'failure',
        condition: 'malformed-request',
        mechanism,
        text: 'nonce or channel binding mismatch',
      };
    const message = authMessage(first, serverFirst, final);
    const isValid = isClientProofValid(mechanism, session.keys, message, final.proof);
    const verdict = await this.#ask(user.bare, mechanism, () => session.finish(isValid));
    if ('kind' in verdict) return verdict;
    // RFC 6120 §6.4.6: the server-final-message travels in <success/>.
    const proof = `v=${serverSignature(mechanism, session.keys, message).toString('base64')}`;
    return this.#outcome(
      verdict,
      user,
      mechanism,
      verdict.ok ? Buffer.from(proof).toString('base64') : undefined,
    );
  }

  async #bearer(text: string): Promise<SaslOutcome> {
    const msg = parseOAuthBearer(text);
    if (!msg.ok)
      return { kind: 'failure', condition: msg.condition, text: msg.text, mechanism: 'OAUTHBEARER' };
    const named = msg.authzid === undefined ? undefined : (parseJid(msg.authzid)?.local ?? msg.authzid);
    const bearer = this.#o.authority.bearer;
    if (!bearer) return { kind: 'failure', condition: 'invalid-mechanism' };
    const verdict = await this.#ask(named ?? '', 'OAUTHBEARER', () => bearer(named, msg.token, this.#o.link));
    if ('kind' in verdict) return verdict;
    if (verdict.ok) {
      const user = this.#user(verdict.username);
      if (user) return { kind: 'success', user, mechanism: 'OAUTHBEARER' };
    }
    // RFC 7628 §3.2.2: an error challenge, answered by the client with %x01, then the failure.
    this.#pending = {
      kind: 'bearer-error',
      user: named,
      reason: verdict.ok ? 'not a user name' : verdict.reason,
    };
    return { kind: 'challenge', data: Buffer.from(OAUTHBEARER_ERROR).toString('base64') };
  }
}

/** A name no account can have (not a valid localpart): refused like a wrong password. */
const notAUser = (user: string, mechanism: string): Failure => ({
  kind: 'failure',
  condition: 'not-authorized',
  user,
  mechanism,
  reason: 'not a user name',
});

function decode(data: string): string | undefined {
  const text = data.replace(/\s+/g, '');
  return BASE64.test(text) ? Buffer.from(text, 'base64').toString('utf8') : undefined;
}
