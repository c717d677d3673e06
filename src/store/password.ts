import crypto from 'node:crypto';

/**
 * Salted slow password hashes, stored as `scrypt$N$r$p$salt$hash` (salt and hash base64).
 *
 * Cost: N=16384, r=8, p=1 — 16 MiB and roughly 30–60 ms per hash on a current server core. That
 * is real protection for a stolen database yet cheap enough for sign-in; the REST API caches a
 * verified Authorization header briefly so the cost is not paid on every request. The parameters
 * are stored with each hash, so raising them later only affects new hashes.
 */
const COST = { N: 16384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Refuse to honour absurd parameters read back from a tampered row (memory = 128·N·r bytes).
const MAX_MEMORY = 64 * 1024 * 1024;

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(password, salt, KEY_BYTES, { N: n, r, p, maxmem: MAX_MEMORY }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, COST.N, COST.r, COST.p);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** True if `password` matches `stored`; false for a wrong password or an unreadable hash. */
export async function verifyPasswordHash(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  if (![n, r, p].every((x) => Number.isInteger(x) && x > 0)) return false;
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  if (expected.length !== KEY_BYTES) return false;
  let key: Buffer;
  try {
    key = await scrypt(password, salt, n, r, p);
  } catch {
    return false;
  }
  return crypto.timingSafeEqual(key, expected);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification, for an unknown user: answering faster would tell
 * an attacker which login ids exist.
 */
export async function burnVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString('base64'));
  await verifyPasswordHash(password, await dummyHash);
}
