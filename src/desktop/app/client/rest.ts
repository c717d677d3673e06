/**
 * REST against `/finesse/api` as finesse.js does it (finesse-api.md §0): HTTP Basic on every
 * request, `?nocache=<ms>` on every GET, a UUID `requestId` header on every PUT/POST/DELETE, and a
 * client-log line before and after each request in the seed's wording, so that the nocache id or
 * the requestId leads from the client log to the server's logs.
 */
import type { ClientLog } from './client-log.ts';
import type { ApiError } from './models.ts';
import { parseApiErrors } from './parse.ts';
import { parseXmlText } from './xml.ts';

export interface RestResponse {
  /** HTTP status; 0 when the request never got an answer (network down, timeout). */
  status: number;
  ok: boolean;
  text: string;
  root: Element | undefined;
  /** The `requestId` sent (PUT/POST/DELETE) — what the resulting notification will carry. */
  requestId: string | undefined;
  errors: ApiError[];
}

export interface RestClientOptions {
  log: ClientLog;
  /** Origin of the node spoken to; '' = the page's own origin. */
  base?: string;
  timeoutMs?: number;
  /** Told about every answer, so connection handling can react to failures seen by any caller. */
  onResponse?: (status: number, path: string) => void;
  fetch?: typeof fetch;
}

/** RFC 4122 v4 from getRandomValues: `crypto.randomUUID` exists only in secure contexts. */
export function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function basicAuth(id: string, password: string): string {
  const bytes = new TextEncoder().encode(`${id}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/** finesse.js names the object type in its log lines: `[ClientServices] User: …`. */
function objectName(path: string): string {
  const segs = path
    .split('?')[0]
    .split('/')
    .filter((s) => s && !/^\d+$/.test(s) && s !== 'finesse' && s !== 'api');
  return segs[segs.length - 1] ?? 'Rest';
}

const clip = (s: string, n = 2000) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Bodies are logged, and the log is kept in the browser and uploaded: never with a password in it. */
const redact = (body: string) => body.replace(/<password>[^<]*<\/password>/g, '<password>***</password>');

export class RestClient {
  base: string;
  readonly #o: RestClientOptions;
  #auth: string | undefined;
  #lastNocache = 0;

  constructor(opts: RestClientOptions) {
    this.#o = opts;
    this.base = opts.base ?? '';
  }

  setCredentials(id: string, password: string): void {
    this.#auth = basicAuth(id, password);
  }

  /** RFC 6750 Bearer with a session token (src/auth/session-token.ts) instead of the password. */
  setToken(token: string): void {
    this.#auth = `Bearer ${token}`;
  }

  clearCredentials(): void {
    this.#auth = undefined;
  }

  /** Strictly increasing, so two GETs in the same millisecond stay distinguishable in the logs. */
  nocache(): number {
    this.#lastNocache = Math.max(Date.now(), this.#lastNocache + 1);
    return this.#lastNocache;
  }

  get(path: string): Promise<RestResponse> {
    const url = `${path}${path.includes('?') ? '&' : '?'}nocache=${this.nocache()}`;
    return this.#request('GET', url, undefined, undefined);
  }

  /**
   * PUT/POST/DELETE. Pass `requestId` when the caller must be ready for the notification before
   * the 202 arrives (the server may publish first).
   */
  send(
    method: 'PUT' | 'POST' | 'DELETE',
    path: string,
    body?: string,
    requestId = uuid(),
  ): Promise<RestResponse> {
    return this.#request(method, path, body, requestId);
  }

  /**
   * Bytes to an endpoint outside the XML API (`/3rdpartygadget/files/…` uploads), with the same
   * credentials; the answer's text is returned as it is.
   */
  async sendBytes(
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    path: string,
    body?: Blob,
    contentType = 'application/octet-stream',
  ): Promise<{ status: number; ok: boolean; text: string }> {
    const headers: Record<string, string> = {};
    if (this.#auth) headers.Authorization = this.#auth;
    if (body) headers['Content-Type'] = contentType;
    this.#o.log.log('Container', `[GadgetFiles] Making request: method=${method}, url='${path}'`);
    try {
      const res = await (this.#o.fetch ?? fetch)(this.base + path, {
        method,
        headers,
        body,
        cache: 'no-store',
      });
      const text = await res.text();
      this.#o.log.log('Container', `[GadgetFiles] Returned with status=${res.status}`);
      return { status: res.status, ok: res.ok, text };
    } catch (err) {
      return { status: 0, ok: false, text: (err as Error).message };
    }
  }

  async #request(
    method: string,
    url: string,
    body: string | undefined,
    requestId?: string,
  ): Promise<RestResponse> {
    const { log } = this.#o;
    const tag = `[ClientServices] ${objectName(url)}: requestId='${requestId ?? 'undefined'}'`;
    const corr = requestId ?? /nocache=(\d+)/.exec(url)?.[1];
    log.log('Container', `${tag}, Making REST request: method=${method}, url='${url}'`, corr);
    if (body !== undefined) log.log('Container', `${tag}, POST_DATA='${clip(redact(body))}'`, corr);
    const headers: Record<string, string> = { Accept: 'application/xml' };
    if (this.#auth) headers.Authorization = this.#auth;
    if (body !== undefined) headers['Content-Type'] = 'application/xml';
    if (requestId) headers.requestId = requestId;
    let status = 0;
    let text = '';
    try {
      const res = await (this.#o.fetch ?? fetch)(this.base + url, {
        method,
        headers,
        body,
        cache: 'no-store',
        signal: AbortSignal.timeout(this.#o.timeoutMs ?? 10_000),
      });
      status = res.status;
      text = await res.text();
      log.log('Container', `${tag}, Returned with status=${status}, content='${clip(text)}'`, corr);
    } catch (err) {
      log.log('Container', `${tag}, Request failed: ${(err as Error).name}: ${(err as Error).message}`, corr);
    }
    this.#o.onResponse?.(status, url);
    const root = parseXmlText(text);
    const ok = status >= 200 && status < 300;
    return { status, ok, text, root, requestId, errors: ok ? [] : parseApiErrors(root) };
  }
}
