/// <reference lib="dom" />
/**
 * `gadgets.io` (gadgets.md §B): `makeRequest(url, callback, params)` handed to the container,
 * which sends it to this node directly or through the server's makeRequest proxy. The callback
 * always gets `{rc, text, data, headers, errors}` — for every status, non-2xx included — and never
 * synchronously.
 */
import type { GadgetSession, MakeRequestResult } from '../app/gadgets/port.ts';
import { callSafely } from './call-safely.ts';

const RequestParameters = {
  METHOD: 'METHOD',
  CONTENT_TYPE: 'CONTENT_TYPE',
  POST_DATA: 'POST_DATA',
  HEADERS: 'HEADERS',
  AUTHORIZATION: 'AUTHORIZATION',
  NUM_ENTRIES: 'NUM_ENTRIES',
  GET_SUMMARIES: 'GET_SUMMARIES',
  GET_FULL_HEADERS: 'GET_FULL_HEADERS',
  REFRESH_INTERVAL: 'REFRESH_INTERVAL',
  OAUTH_SERVICE_NAME: 'OAUTH_SERVICE_NAME',
} as const;

const ContentType = { TEXT: 'TEXT', DOM: 'DOM', JSON: 'JSON', FEED: 'FEED' } as const;
const MethodType = { GET: 'GET', POST: 'POST', PUT: 'PUT', DELETE: 'DELETE', HEAD: 'HEAD' } as const;
const AuthorizationType = { NONE: 'NONE', SIGNED: 'SIGNED', OAUTH: 'OAUTH' } as const;

interface Response {
  rc: number;
  text: string;
  data: unknown;
  headers: Record<string, string[]>;
  errors: string[];
}

function withData(r: MakeRequestResult, contentType: string): Response {
  let data: unknown = r.text;
  const errors = [...r.errors];
  if (contentType === ContentType.JSON) {
    try {
      data = JSON.parse(r.text);
    } catch {
      data = undefined;
      errors.push('failed to parse JSON');
    }
  } else if (contentType === ContentType.DOM) {
    data = new DOMParser().parseFromString(r.text, 'application/xml');
  }
  return { rc: r.rc, text: r.text, data, headers: r.headers, errors };
}

export function createIo(session: GadgetSession | undefined) {
  return {
    RequestParameters,
    ContentType,
    MethodType,
    AuthorizationType,
    makeRequest(url: string, callback: (r: Response) => void, params?: Record<string, unknown>) {
      const p = params ?? {};
      const rawHeaders = (p[RequestParameters.HEADERS] ?? {}) as Record<string, unknown>;
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(rawHeaders))
        if (v !== undefined && v !== null) headers[k] = String(v);
      const body = p[RequestParameters.POST_DATA];
      const contentType = String(p[RequestParameters.CONTENT_TYPE] ?? ContentType.TEXT);
      const done = (r: MakeRequestResult) => {
        callSafely(() => callback?.(withData(r, contentType)));
      };
      if (!session) {
        setTimeout(() => done({ rc: 500, text: '', headers: {}, errors: ['not inside the desktop'] }));
        return;
      }
      // Relative URLs are the gadget document's own (one directory below the root).
      const absolute = new URL(url, location.href).href;
      session.makeRequest(
        absolute,
        {
          method: String(p[RequestParameters.METHOD] ?? MethodType.GET).toUpperCase(),
          headers,
          body: body === undefined || body === null ? undefined : String(body),
          fullHeaders: String(p[RequestParameters.GET_FULL_HEADERS] ?? '') === 'true',
        },
        (json) => done(JSON.parse(json) as MakeRequestResult),
      );
    },
    encodeValues(fields: Record<string, unknown>) {
      return Object.entries(fields)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
        .join('&');
    },
    getProxyUrl: (url: string) => url,
  };
}
