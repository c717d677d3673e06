/**
 * SCRAM's messages (RFC 5802 §7; SCRAM-SHA-256: RFC 7677), parsed and built as plain strings (the
 * base64 of RFC 6120 §6.4.2 is sasl.ts's). No channel binding: the -PLUS variants are not offered,
 * so a client that asks for it (`p=`) is refused, and one that could but thinks we cannot (`y`) is
 * fine (§6: it would be a downgrade only if we offered -PLUS).
 */
import type { SaslFailureCondition } from './errors.ts';
import { randomBase64 } from './ids.ts';

export interface ClientFirst {
  /** `n,,` or `y,,` (with `a=…` between the commas when an authzid is sent). */
  gs2Header: string;
  authzid: string | undefined;
  username: string;
  nonce: string;
  /** client-first-message-bare, part of the AuthMessage. */
  bare: string;
}

export interface ClientFinal {
  /** The `c=` attribute, decoded: must be the gs2 header again (no channel binding data). */
  channelBinding: string;
  nonce: string;
  proof: Buffer;
  /** client-final-message-without-proof, part of the AuthMessage. */
  withoutProof: string;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; condition: SaslFailureCondition; text?: string };

const fail = (
  condition: SaslFailureCondition,
  text?: string,
): { ok: false; condition: SaslFailureCondition; text?: string } => ({
  ok: false,
  condition,
  text,
});

// RFC 5802 §7: printable ASCII except ','.
const NONCE = /^[\x21-\x2b\x2d-\x7e]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** saslname (RFC 5802 §5.1): ',' and '=' travel as "=2C" and "=3D"; any other '=' is an error. */
function decodeSaslName(s: string): string | undefined {
  if (/=(?!2C|3D)/.test(s)) return undefined;
  return s.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

export function parseClientFirst(message: string): Parsed<ClientFirst> {
  const m = /^([ny]|p=[^,]*),(a=[^,]*)?,(.*)$/s.exec(message);
  if (!m) return fail('malformed-request', 'not a SCRAM client-first-message');
  if (m[1].startsWith('p='))
    return fail('malformed-request', 'channel binding is not supported (no -PLUS mechanism offered)');
  const authzid = m[2] === undefined ? undefined : decodeSaslName(m[2].slice(2));
  if (m[2] !== undefined && authzid === undefined) return fail('malformed-request', 'bad authzid');
  const bare = m[3];
  const attrs = bare.split(',');
  // §5.1: a mandatory extension we do not know ("m=") makes the server fail.
  if (attrs[0]?.startsWith('m=')) return fail('malformed-request', 'unsupported mandatory extension');
  const username = attrs[0]?.startsWith('n=') ? decodeSaslName(attrs[0].slice(2)) : undefined;
  const nonce = attrs[1]?.startsWith('r=') ? attrs[1].slice(2) : undefined;
  if (!username || !nonce || !NONCE.test(nonce))
    return fail('malformed-request', 'missing user name or nonce');
  return {
    ok: true,
    value: { gs2Header: message.slice(0, message.length - bare.length), authzid, username, nonce, bare },
  };
}

export function parseClientFinal(message: string): Parsed<ClientFinal> {
  const i = message.lastIndexOf(',p=');
  if (i < 0) return fail('malformed-request', 'no proof');
  const withoutProof = message.slice(0, i);
  const proof = message.slice(i + 3);
  const attrs = withoutProof.split(',');
  const c = attrs[0]?.startsWith('c=') ? attrs[0].slice(2) : undefined;
  const nonce = attrs[1]?.startsWith('r=') ? attrs[1].slice(2) : undefined;
  if (c === undefined || nonce === undefined || !BASE64.test(c) || !BASE64.test(proof) || proof === '')
    return fail('malformed-request', 'not a SCRAM client-final-message');
  return {
    ok: true,
    value: {
      channelBinding: Buffer.from(c, 'base64').toString('latin1'),
      nonce,
      proof: Buffer.from(proof, 'base64'),
      withoutProof,
    },
  };
}

/** server-first-message: the client's nonce with ours appended, the salt and the iteration count. */
export function buildServerFirst(
  clientNonce: string,
  salt: Buffer,
  iterations: number,
  serverNonce = randomBase64(18),
): string {
  return `r=${clientNonce}${serverNonce},s=${salt.toString('base64')},i=${iterations}`;
}

/** AuthMessage (§3): client-first-message-bare "," server-first-message "," client-final-message-without-proof. */
export const authMessage = (first: ClientFirst, serverFirst: string, final: ClientFinal) =>
  `${first.bare},${serverFirst},${final.withoutProof}`;

/** The combined nonce of a server-first-message. */
export const nonceOf = (serverFirst: string) => serverFirst.slice(2, serverFirst.indexOf(','));
