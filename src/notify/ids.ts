import { randomFillSync } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// Every delivery needs a message id suffix and every sign-in a sid, stream ids and a SCRAM nonce:
// one CSPRNG call per 4 KiB instead of one per id (a call costs ~6 µs here, as much as the id's
// whole use). Each byte is handed out once.
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let poolOffset = POOL_BYTES;

/** The offset of `n` fresh bytes in the pool, refilled when it has fewer left. */
function take(n: number): number {
  if (poolOffset + n > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  poolOffset += n;
  return poolOffset - n;
}

/** Random `[A-Za-z0-9]{length}` from the CSPRNG (rejection sampling keeps it unbiased). */
export function randomAlphanumeric(length: number): string {
  let out = '';
  while (out.length < length) {
    const b = pool[take(1)];
    // 248 = 4 * 62: bytes above it would bias the first characters.
    if (b < 248) out += ALPHANUMERIC[b % 62];
  }
  return out;
}

/** `bytes` random bytes from the CSPRNG, as hex. */
export function randomHex(bytes: number): string {
  const at = take(bytes);
  return pool.toString('hex', at, at + bytes);
}

/** `bytes` random bytes from the CSPRNG, as base64. */
export function randomBase64(bytes: number): string {
  const at = take(bytes);
  return pool.toString('base64', at, at + bytes);
}

/** XEP-0124 §7.1: the sid MUST be unpredictable; 96 bits from the CSPRNG. */
export function newSid(): string {
  return randomHex(12);
}

/** RFC 6120 §4.7.3: the stream id SHOULD be unpredictable. */
export function newStreamId(): string {
  return randomHex(8);
}

/** RFC 6120 §7.6.2.1: a server-generated resource when the client asks for none. */
export function newResource(): string {
  return randomAlphanumeric(10);
}

/** Pubsub item id, the shape of the seed's `1su0Keff8M2irds`. */
export function newItemId(): string {
  return randomAlphanumeric(15);
}
