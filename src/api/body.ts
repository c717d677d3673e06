import type { IncomingMessage } from 'node:http';
import type { ApiError, Result } from '../core/index.ts';
import { apiError } from './errors.ts';

/** The client went away before the body was complete: nobody is left to answer. */
export const ABORTED = 'aborted';

// A client that keeps sending after we refused its body is cut off once it has sent this much.
const MAX_DRAIN_BYTES = 8 * 1024 * 1024;

/**
 * Reads a request body of at most `limit` bytes as UTF-8. A body that announces or reaches more
 * is refused without buffering it: the rest is read and dropped (so the client can read our 413
 * instead of a connection reset) up to MAX_DRAIN_BYTES, then the socket is closed.
 */
export function readBody(
  req: IncomingMessage,
  limit: number,
): Promise<Result<string, ApiError | typeof ABORTED>> {
  return new Promise((resolve) => {
    const tooLarge = () => apiError('request-too-large', String(limit));
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      drain(req);
      resolve({ ok: false, error: tooLarge() });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (r: Result<string, ApiError | typeof ABORTED>) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      resolve(r);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        settle({ ok: false, error: tooLarge() });
        drain(req, size);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      try {
        const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
        settle({ ok: true, value: text });
      } catch {
        settle({ ok: false, error: apiError('invalid-input', 'The request body is not valid UTF-8') });
      }
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', () => settle({ ok: false, error: ABORTED }));
    req.on('close', () => {
      if (!req.complete) settle({ ok: false, error: ABORTED });
    });
  });
}

function drain(req: IncomingMessage, alreadyRead = 0): void {
  let dropped = alreadyRead;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > MAX_DRAIN_BYTES) req.socket.destroy();
  });
  req.resume();
}
