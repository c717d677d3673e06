/**
 * What a client is offered at each step of stream negotiation (RFC 6120 §4.3.2, §5.3.1, §6.3.1,
 * §7.2), and the one policy behind it: may SASL PLAIN, a password in clear, cross this link?
 */
import { el, type XmlElement } from '../xml/index.ts';
import { NS } from './namespaces.ts';

/**
 * SASL PLAIN on a link without TLS: always, never, or only from loopback addresses (a client on
 * the same machine, where nothing crosses a network; the default).
 */
export type PlainAuthPolicy = boolean | 'loopback';

/** `127.0.0.0/8`, `::1` and the IPv4-mapped form, given `ip:port` as the transports print it. */
export function isLoopbackAddress(remoteAddress: string): boolean {
  const colon = remoteAddress.lastIndexOf(':');
  const ip = colon < 0 ? remoteAddress : remoteAddress.slice(0, colon);
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return ip === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

export function mayUsePlain(
  policy: PlainAuthPolicy,
  link: { isSecure: boolean; remoteAddress: string },
): boolean {
  if (link.isSecure || policy === true) return true;
  return policy === 'loopback' && isLoopbackAddress(link.remoteAddress);
}

export interface FeatureState {
  /** Authenticated yet? */
  isAuthenticated: boolean;
  /** A resource bound yet? */
  isBound: boolean;
  /** STARTTLS can be offered (TCP with a certificate, not yet encrypted). */
  canStartTls: boolean;
  /** PLAIN may be used on this link now. */
  isPlainAllowed: boolean;
}

export function buildFeatures(s: FeatureState): XmlElement {
  if (!s.isAuthenticated) {
    return el(
      'stream:features',
      {},
      // RFC 6120 §5.3.1: <required/> when nothing else can be negotiated without TLS first.
      s.canStartTls && el('starttls', { xmlns: NS.tls }, !s.isPlainAllowed && el('required')),
      s.isPlainAllowed && el('mechanisms', { xmlns: NS.sasl }, el('mechanism', {}, 'PLAIN')),
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
