import crypto from 'node:crypto';
import { deriveScramKeys, SCRAM_HASHES, type ScramKeys, type ScramMechanism } from '../auth/index.ts';

export type { ScramKeys, ScramMechanism };

/**
 * How the store turns a password into what it keeps: a salted slow hash (scrypt, RFC 7914) that
 * PLAIN and HTTP Basic sign-ins are checked against, and the SCRAM keys (RFC 5802 §3: StoredKey
 * and ServerKey with their salt and iteration count) that SCRAM sign-ins are checked against with
 * a few HMACs. The parameters are stored with each hash and each key set, so changing them only
 * affects passwords set (or sign-ins verified, see `needsRehash`) from then on.
 */
export interface PasswordHashing {
  /** scrypt's cost of new hashes: N (CPU/memory), r (block size), p (parallelism). Memory = 128·N·r bytes. */
  scrypt: { N: number; r: number; p: number };
  /** PBKDF2 iterations of the SCRAM keys stored for new passwords (RFC 5802 `i`); 0 stores none. */
  scramIterations: number;
}

/**
 * OWASP Password Storage Cheat Sheet: scrypt "N=2^17 (128 MiB), r=8 (1024 bytes), p=1" is the
 * minimum. About 0.5 s of one core here, so sign-ins avoid paying it: the shared credential cache,
 * SCRAM, and session tokens (src/auth). SCRAM's count is MongoDB's and Prosody's 10,000 (RFC 7677
 * §4 asks at least 4096): every client computes it at each SCRAM sign-in, some in JavaScript
 * (xmpp.js: ~0.5 s for 10,000 here). docs/security.md weighs it against the scrypt hash.
 */
export const OWASP_HASHING: PasswordHashing = { scrypt: { N: 2 ** 17, r: 8, p: 1 }, scramIterations: 10_000 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Refuse to honour absurd parameters read back from a tampered row (memory = 128·N·r bytes):
// twice OWASP's 128 MiB leaves room to raise the cost.
const MAX_MEMORY = 256 * 1024 * 1024 + 64 * 1024;
const MAX_SCRAM_ITERATIONS = 10_000_000;

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    crypto.scrypt(password, salt, KEY_BYTES, { N: n, r, p, maxmem: MAX_MEMORY }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash` (salt and hash base64). */
export async function hashPassword(password: string, cost: PasswordHashing['scrypt']): Promise<string> {
  const salt = crypto.randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, cost.N, cost.r, cost.p);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

function parseHash(stored: string) {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0)) return undefined;
  return { N, r, p, salt: Buffer.from(parts[4], 'base64'), hash: Buffer.from(parts[5], 'base64') };
}

/** True if `password` matches `stored`; false for a wrong password or an unreadable hash. */
export async function verifyPasswordHash(password: string, stored: string): Promise<boolean> {
  const h = parseHash(stored);
  if (!h || h.hash.length !== KEY_BYTES) return false;
  let key: Buffer;
  try {
    key = await scrypt(password, h.salt, h.N, h.r, h.p);
  } catch {
    return false;
  }
  return crypto.timingSafeEqual(key, h.hash);
}

/** A hash made with other parameters than `cost`: replaced at the next successful sign-in. */
export function needsRehash(stored: string, cost: PasswordHashing['scrypt']): boolean {
  const h = parseHash(stored);
  return !h || h.N !== cost.N || h.r !== cost.r || h.p !== cost.p;
}

/** `i$salt$StoredKey$ServerKey` (base64), one column per mechanism. */
export function formatScramKeys(k: ScramKeys): string {
  return [k.iterations, k.salt, k.storedKey, k.serverKey]
    .map((x) => (typeof x === 'number' ? String(x) : x.toString('base64')))
    .join('$');
}

export function parseScramKeys(stored: string | null | undefined, m: ScramMechanism): ScramKeys | undefined {
  const parts = stored?.split('$');
  if (parts?.length !== 4) return undefined;
  const iterations = Number(parts[0]);
  const [salt, storedKey, serverKey] = parts.slice(1).map((p) => Buffer.from(p, 'base64'));
  const { bytes } = SCRAM_HASHES[m];
  const isSane =
    Number.isInteger(iterations) &&
    iterations >= 1 &&
    iterations <= MAX_SCRAM_ITERATIONS &&
    salt.length > 0 &&
    storedKey.length === bytes &&
    serverKey.length === bytes;
  return isSane ? { salt, iterations, storedKey, serverKey } : undefined;
}

/** Everything a password becomes in a users row. */
export interface StoredCredentials {
  passwordHash: string;
  /** By mechanism; null when SCRAM keys are not kept (`scramIterations` 0). */
  scram: Record<ScramMechanism, string | null>;
}

/**
 * Turns passwords into stored credentials and checks them, with at most `concurrency` slow hashes
 * at a time: scrypt runs on libuv's thread pool (4 threads), which file I/O shares, and a burst of
 * sign-ins (a failover, a guessing script) queues here instead of starving the logs and the CPU.
 */
export interface PasswordHasher {
  readonly hashing: PasswordHashing;
  credentials(password: string): Promise<StoredCredentials>;
  /** The SCRAM keys only (a row that lacks them, after a verified sign-in). */
  scramKeys(password: string): Promise<StoredCredentials['scram']>;
  verify(password: string, stored: string): Promise<boolean>;
  /** The same cost as `verify`, for an unknown user: answering faster would tell which ids exist. */
  burn(password: string): Promise<void>;
}

export function createPasswordHasher(
  hashing: PasswordHashing = OWASP_HASHING,
  concurrency = 2,
): PasswordHasher {
  let running = 0;
  const waiting: (() => void)[] = [];
  const limited = async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
  let dummy: Promise<string> | undefined;
  const scramKeys = async (password: string) => {
    const i = hashing.scramIterations;
    const derive = async (m: ScramMechanism) =>
      i > 0 ? formatScramKeys(await deriveScramKeys(password, m, i)) : null;
    return { 'SCRAM-SHA-1': await derive('SCRAM-SHA-1'), 'SCRAM-SHA-256': await derive('SCRAM-SHA-256') };
  };
  return {
    hashing,
    scramKeys: (password) => limited(() => scramKeys(password)),
    credentials: (password) =>
      limited(async () => ({
        passwordHash: await hashPassword(password, hashing.scrypt),
        scram: await scramKeys(password),
      })),
    verify: (password, stored) => limited(() => verifyPasswordHash(password, stored)),
    async burn(password) {
      dummy ??= hashPassword(crypto.randomBytes(16).toString('base64'), hashing.scrypt);
      const hash = await dummy;
      await limited(() => verifyPasswordHash(password, hash));
    },
  };
}
