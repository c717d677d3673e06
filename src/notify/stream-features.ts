/**
 * What a client is offered at each step of stream negotiation (RFC 6120 §4.3.2, §5.3.1, §6.3.1,
 * §7.2), and the one policy behind it: may credentials (a password in clear, a SCRAM exchange, a
 * session token) cross this link?
 */
import { isLoopbackIp, mayUsePlain as mayUsePlainOn, type PlainAuthPolicy } from '../auth/index.ts';
import { el, type XmlElement } from '../xml/index.ts';
import { addressOf } from './limits.ts';
import { NS } from './namespaces.ts';

export type { PlainAuthPolicy };

/** `127.0.0.0/8`, `::1` and the IPv4-mapped form, given `ip:port` as the transports print it. */
export const isLoopbackAddress = (remoteAddress: string) => isLoopbackIp(addressOf(remoteAddress));

/** `--plain-auth` for a link as the transports describe it (`ip:port`). */
export function mayUsePlain(
  policy: PlainAuthPolicy,
  link: { isSecure: boolean; remoteAddress: string },
): boolean {
  return mayUsePlainOn(policy, { isSecure: link.isSecure, ip: addressOf(link.remoteAddress) });
}

export interface FeatureState {
  /** Authenticated yet? */
  isAuthenticated: boolean;
  /** A resource bound yet? */
  isBound: boolean;
  /** STARTTLS can be offered (TCP with a certificate, not yet encrypted). */
  canStartTls: boolean;
  /** The SASL mechanisms that may be used on this link now (none: TLS first). */
  mechanisms: readonly string[];
}

export function buildFeatures(s: FeatureState): XmlElement {
  if (!s.isAuthenticated) {
    return el(
      'stream:features',
      {},
      // RFC 6120 §5.3.1: <required/> when nothing else can be negotiated without TLS first.
      s.canStartTls && el('starttls', { xmlns: NS.tls }, s.mechanisms.length === 0 && el('required')),
      s.mechanisms.length > 0 &&
        el('mechanisms', { xmlns: NS.sasl }, ...s.mechanisms.map((m) => el('mechanism', {}, m))),
    );
  }
  if (!s.isBound) {
    // RFC 6121 dropped session establishment; `<optional/>` tells clients they may skip it.
    return el(
      'stream:features',
      {},
      el('bind', { xmlns: NS.bind }),
      el('session', { xmlns: NS.session }, el('optional')),
    );
  }
  return el('stream:features');
}
