import type http from 'node:http';

/**
 * A request body of at most `limit` bytes, or undefined past it (the rest is read and dropped, so
 * that the client can read the refusal) or when the client went away.
 */
export function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    if (Number(req.headers['content-length']) > limit) {
      req.resume();
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > limit) {
        done = true;
        resolve(undefined);
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('close', () => {
      if (!done && !req.complete) resolve(undefined);
    });
  });
}
