import { type ProtocolError, protocolError } from './errors.ts';
import { HEADER_LENGTH } from './serialize.ts';

/** Largest MessageLength in the 12.0(1) and 12.6 guides (it was 4,329 up to v15), A.2. */
export const MAX_MESSAGE_LENGTH = 12_500;

export interface FrameReaderOptions {
  /** Largest frame accepted, header included. Default: the largest message plus its 8-byte header. */
  maxFrameSize?: number;
}

export interface FramePush {
  /** Complete frames (header included), in arrival order. */
  frames: Buffer[];
  /** Set once the stream can no longer be framed; the connection should be closed. */
  error?: ProtocolError;
}

/**
 * Cuts a TCP byte stream into GED-188 frames. Keeps the tail of a partial frame between pushes and
 * checks MessageLength as soon as a header is complete, before buffering the body, so garbage that
 * announces a huge message fails at once instead of eating memory. After an error every later push
 * returns the same error: there is no way to find the next frame boundary again.
 */
export class FrameReader {
  readonly #maxFrameSize: number;
  #tail: Buffer = Buffer.alloc(0);
  #error: ProtocolError | undefined;

  constructor(options: FrameReaderOptions = {}) {
    this.#maxFrameSize = options.maxFrameSize ?? MAX_MESSAGE_LENGTH + HEADER_LENGTH;
  }

  /** Bytes held for a frame not yet complete. */
  get bufferedBytes(): number {
    return this.#tail.length;
  }

  push(chunk: Buffer): FramePush {
    if (this.#error) return { frames: [], error: this.#error };
    const buf = this.#tail.length === 0 ? chunk : Buffer.concat([this.#tail, chunk]);
    const frames: Buffer[] = [];
    let offset = 0;
    while (buf.length - offset >= HEADER_LENGTH) {
      const size = HEADER_LENGTH + buf.readUInt32BE(offset);
      if (size > this.#maxFrameSize) {
        this.#error = protocolError(
          'CTI_ERR_FRAME_TOO_LARGE',
          `frame of ${size} bytes announced, at most ${this.#maxFrameSize} allowed`,
          buf.readUInt32BE(offset + 4),
        );
        this.#tail = Buffer.alloc(0);
        return { frames, error: this.#error };
      }
      if (buf.length - offset < size) break;
      frames.push(buf.subarray(offset, offset + size));
      offset += size;
    }
    // Copy the tail so a small remainder does not pin a large socket chunk.
    this.#tail = Buffer.from(buf.subarray(offset));
    return { frames };
  }
}
