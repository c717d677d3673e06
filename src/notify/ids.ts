import { randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// Every delivery needs a message id suffix: one CSPRNG call per 4 KiB instead of one per id.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

function randomByte(): number {
  if (poolOffset >= pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  return pool[poolOffset++];
}

/** Random `[A-Za-z0-9]{length}` from the CSPRNG (rejection sampling keeps it unbiased). */
export function randomAlphanumeric(length: number): string {
  let out = '';
  while (out.length < length) {
    const b = randomByte();
    // 248 = 4 * 62: bytes above it would bias the first characters.
    if (b < 248) out += ALPHANUMERIC[b % 62];
  }
  return out;
}

/** XEP-0124 §7.1: the sid MUST be unpredictable; 96 bits from the CSPRNG. */
export function newSid(): string {
  return randomBytes(12).toString('hex');
}

/** RFC 6120 §4.7.3: the stream id SHOULD be unpredictable. */
export function newStreamId(): string {
  return randomBytes(8).toString('hex');
}

/** RFC 6120 §7.6.2.1: a server-generated resource when the client asks for none. */
export function newResource(): string {
  return randomAlphanumeric(10);
}

/** Pubsub item id, the shape of the seed's `1su0Keff8M2irds`. */
export function newItemId(): string {
  return randomAlphanumeric(15);
}
