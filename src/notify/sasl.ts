/**
 * SASL negotiation (RFC 6120 §6.4) with the one mechanism we offer, PLAIN (RFC 4616). It turns the
 * client's `<auth/>`, `<response/>` and `<abort/>` into outcomes and counts the failures; the
 * session sends the replies and restarts or ends the stream.
 */
import type { XmlElement } from '../xml/index.ts';
import type { SaslFailureCondition } from './errors.ts';
import { isValidLocal, type Jid, makeJid, parseJid } from './jid.ts';
import { NS } from './namespaces.ts';
import { parsePlainMessage } from './sasl-plain.ts';

export type SaslOutcome =
  | { kind: 'challenge' }
  | {
      kind: 'failure';
      condition: SaslFailureCondition;
      user?: string;
      cause?: unknown;
      /** The last attempt allowed: the stream ends with policy-violation. */
      isFinal?: boolean;
    }
  | { kind: 'success'; user: Jid };

// RFC 6120 §6.4.5: allow "at least 2 and no more than 5" attempts, then policy-violation.
const MAX_ATTEMPTS = 3;

/** The info.log line for a failure worth one (wrong password, failed credential store). */
export function describeSaslFailure(
  outcome: Extract<SaslOutcome, { kind: 'failure' }>,
  link: { kind: string; remoteAddress: string },
): string | undefined {
  if (outcome.condition === 'not-authorized') {
    return `Authentication failed for ${outcome.user} from ${link.remoteAddress} (${link.kind})`;
  }
  if (outcome.cause === undefined) return undefined;
  const cause = outcome.cause as Error;
  return `Authentication of ${outcome.user} failed with an error: ${cause.message ?? cause}`;
}

export interface SaslOptions {
  domain: string;
  authenticate(username: string, password: string): Promise<boolean>;
  /** PLAIN is offered (TLS, or allowPlainOnInsecure). */
  mayUsePlain(): boolean;
}

export class SaslNegotiation {
  readonly #o: SaslOptions;
  #awaitingResponse = false;
  #failures = 0;

  constructor(options: SaslOptions) {
    this.#o = options;
  }

  /** The outcome of one element, or undefined when it is not SASL at all. */
  async step(node: XmlElement): Promise<SaslOutcome | undefined> {
    const outcome = await this.#step(node);
    if (outcome?.kind === 'failure') outcome.isFinal = ++this.#failures >= MAX_ATTEMPTS;
    return outcome;
  }

  async #step(node: XmlElement): Promise<SaslOutcome | undefined> {
    if (node.is('auth', NS.sasl)) {
      if (!this.#o.mayUsePlain()) return { kind: 'failure', condition: 'encryption-required' };
      if (node.attr('mechanism') !== 'PLAIN') return { kind: 'failure', condition: 'invalid-mechanism' };
      const data = node.text().trim();
      // RFC 6120 §6.4.2: no initial response → an empty challenge; '=' is an empty initial response.
      if (data === '') {
        this.#awaitingResponse = true;
        return { kind: 'challenge' };
      }
      return this.#plain(data === '=' ? '' : data);
    }
    if (node.is('response', NS.sasl) && this.#awaitingResponse) {
      this.#awaitingResponse = false;
      return this.#plain(node.text().trim());
    }
    if (node.is('abort', NS.sasl)) {
      this.#awaitingResponse = false;
      return { kind: 'failure', condition: 'aborted' };
    }
    return undefined;
  }

  async #plain(data: string): Promise<SaslOutcome> {
    const msg = parsePlainMessage(data);
    if (!msg.ok) return { kind: 'failure', condition: msg.condition };
    if (!isValidLocal(msg.authcid))
      return { kind: 'failure', condition: 'not-authorized', user: msg.authcid };
    const user = makeJid(msg.authcid, this.#o.domain);
    // RFC 4616 §2: an authzid other than the user itself would be proxy authorization.
    if (msg.authzid !== '' && parseJid(msg.authzid)?.bare !== user.bare) {
      return { kind: 'failure', condition: 'invalid-authzid' };
    }
    try {
      if (await this.#o.authenticate(msg.authcid, msg.password)) return { kind: 'success', user };
    } catch (cause) {
      return { kind: 'failure', condition: 'temporary-auth-failure', user: user.bare, cause };
    }
    return { kind: 'failure', condition: 'not-authorized', user: user.bare };
  }
}
