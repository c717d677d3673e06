/**
 * SCRAM's cryptography (RFC 5802 §3, SHA-256 per RFC 7677), shared by the store (which derives the
 * keys when a password is set), the notification service (which checks a client's proof) and the
 * sign-in service (made-up keys for unknown users). The messages are notify/sasl-scram.ts's.
 */
import crypto from 'node:crypto';

export type ScramMechanism = 'SCRAM-SHA-1' | 'SCRAM-SHA-256';
/** The hash of each mechanism and its output size. */
export const SCRAM_HASHES: Record<ScramMechanism, { hash: 'sha1' | 'sha256'; bytes: number }> = {
  'SCRAM-SHA-1': { hash: 'sha1', bytes: 20 },
  'SCRAM-SHA-256': { hash: 'sha256', bytes: 32 },
};
/** In order of preference (RFC 7677 §4: SHA-256 over SHA-1). */
export const SCRAM_MECHANISMS: readonly ScramMechanism[] = ['SCRAM-SHA-256', 'SCRAM-SHA-1'];

/** What a server keeps for SCRAM (RFC 5802 §3), never the password or SaltedPassword. */
export interface ScramKeys {
  salt: Buffer;
  iterations: number;
  storedKey: Buffer;
  serverKey: Buffer;
}

const SALT_BYTES = 16;
const hmac = (m: ScramMechanism, key: Buffer, data: string | Buffer) =>
  crypto.createHmac(SCRAM_HASHES[m].hash, key).update(data).digest();
const h = (m: ScramMechanism, data: Buffer) => crypto.createHash(SCRAM_HASHES[m].hash).update(data).digest();

/**
 * SaltedPassword = Hi(password, salt, i) (PBKDF2 with HMAC, RFC 5802 §2.2); ClientKey =
 * HMAC(SaltedPassword, "Client Key"); StoredKey = H(ClientKey); ServerKey = HMAC(SaltedPassword,
 * "Server Key"). The password is used as its UTF-8 bytes without SASLprep, as Strophe.js and
 * xmpp.js send it (docs/security.md).
 */
export async function deriveScramKeys(
  password: string,
  m: ScramMechanism,
  iterations: number,
  salt: Buffer = crypto.randomBytes(SALT_BYTES),
): Promise<ScramKeys> {
  const { hash, bytes } = SCRAM_HASHES[m];
  const salted = await new Promise<Buffer>((resolve, reject) =>
    crypto.pbkdf2(password, salt, iterations, bytes, hash, (err, key) => (err ? reject(err) : resolve(key))),
  );
  return {
    salt,
    iterations,
    storedKey: h(m, hmac(m, salted, 'Client Key')),
    serverKey: hmac(m, salted, 'Server Key'),
  };
}

/**
 * RFC 5802 §3: ClientKey = ClientProof XOR HMAC(StoredKey, AuthMessage), and the proof is right
 * when H(ClientKey) is the StoredKey. Constant time in the keys.
 */
export function isClientProofValid(
  m: ScramMechanism,
  keys: ScramKeys,
  authMessage: string,
  proof: Buffer,
): boolean {
  const signature = hmac(m, keys.storedKey, authMessage);
  if (proof.length !== signature.length) return false;
  const clientKey = Buffer.alloc(signature.length);
  for (let i = 0; i < signature.length; i++) clientKey[i] = proof[i] ^ signature[i];
  return crypto.timingSafeEqual(h(m, clientKey), keys.storedKey);
}

/** ServerSignature = HMAC(ServerKey, AuthMessage): what proves the server knew the keys. */
export const serverSignature = (m: ScramMechanism, keys: ScramKeys, authMessage: string) =>
  hmac(m, keys.serverKey, authMessage);
