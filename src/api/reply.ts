import type { ServerResponse } from 'node:http';
import type { ApiError } from '../core/index.ts';
import { renderApiErrors } from './wire/index.ts';

/** What a route answers; the router writes it. Handlers never touch the response themselves. */
export interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

// Every Finesse response carries these (seed 000: `Pragma: No-cache`, `Cache-Control: no-cache`);
// desktops poll the same URLs and must never see a cached answer.
const STANDARD_HEADERS = {
  'Content-Type': 'application/xml',
  'Cache-Control': 'no-cache',
  Pragma: 'No-cache',
} as const;

export function xmlReply(status: number, body: string, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}

export function errorReply(error: ApiError, headers?: Record<string, string>): Reply {
  return { status: error.status, body: renderApiErrors([error]), headers };
}

/**
 * Writes the reply unless the client is gone or an answer was already sent. Returns the body
 * size in bytes (0 when nothing was written), for the access log.
 */
export function writeReply(res: ServerResponse, reply: Reply): number {
  if (res.headersSent || res.destroyed || res.writableEnded) return 0;
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, {
    ...STANDARD_HEADERS,
    ...reply.headers,
    'Content-Length': String(body.length),
  });
  res.end(body);
  return body.length;
}
