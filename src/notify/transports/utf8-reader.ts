/**
 * Bytes of a stream → text, refusing what is not UTF-8 (RFC 6120 §11.6: XMPP is UTF-8; a stream
 * that is not is not well-formed XML either). A StringDecoder would turn every bad byte into
 * U+FFFD, a valid character, and let it through. Sequences split between packets are kept whole.
 * Pure; the TCP transport feeds it. `isUtf8` (simdutf) keeps the per-packet cost near the
 * decoder's alone.
 */
import { isUtf8 } from 'node:buffer';

export type Utf8Result = { ok: true; text: string } | { ok: false };

/** How many bytes at the end of `b` begin a sequence that continues in the next packet (0–3). */
function incompleteTail(b: Buffer): number {
  const n = b.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const c = b[n - k];
    if ((c & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return length > k ? k : 0;
  }
  return 0;
}

export class Utf8Reader {
  #carry: Buffer | undefined;

  push(chunk: Buffer): Utf8Result {
    const data = this.#carry ? Buffer.concat([this.#carry, chunk]) : chunk;
    const tail = incompleteTail(data);
    const whole = tail === 0 ? data : data.subarray(0, data.length - tail);
    if (!isUtf8(whole)) return { ok: false };
    this.#carry = tail === 0 ? undefined : Buffer.from(data.subarray(data.length - tail));
    return { ok: true, text: whole.toString('utf8') };
  }

  /** Forgets a partial sequence (the stream restarted, e.g. after STARTTLS). */
  reset(): void {
    this.#carry = undefined;
  }
}
