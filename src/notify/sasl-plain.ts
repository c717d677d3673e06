/** SASL PLAIN (RFC 4616 §2): `[authzid] NUL authcid NUL passwd`, base64-encoded (RFC 6120 §6.4.2). */
import type { SaslFailureCondition } from './errors.ts';

export type PlainMessage =
  | { ok: true; authzid: string; authcid: string; password: string }
  | { ok: false; condition: SaslFailureCondition };

// RFC 6120 §6.4.2 / RFC 4648 §4: strict base64, padding included.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function parsePlainMessage(base64: string): PlainMessage {
  const text = base64.replace(/\s+/g, '');
  if (!BASE64.test(text)) return { ok: false, condition: 'incorrect-encoding' };
  const decoded = Buffer.from(text, 'base64').toString('utf8');
  const parts = decoded.split('\u0000');
  if (parts.length !== 3) return { ok: false, condition: 'malformed-request' };
  const [authzid, authcid, password] = parts;
  // RFC 4616 §2: authcid and passwd are 1*SAFE.
  if (authcid === '' || password === '') return { ok: false, condition: 'malformed-request' };
  return { ok: true, authzid, authcid, password };
}
