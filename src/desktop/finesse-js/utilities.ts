/// <reference lib="dom" />
// biome-ignore-all lint/suspicious/noExplicitAny: finesse.js hands gadgets plain objects of any shape (xml2js output)
/**
 * `finesse.utilities.Utilities` and `I18n` (gadgets.md §C.7), written from the documented API.
 */
import { uuid } from '../app/client/rest.ts';
import { js2xml, xml2js } from './xml2js.ts';

function b64Encode(s: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(String(s))));
}

function b64Decode(s: string): string {
  const bin = atob(String(s));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

function apiError(rsp: any): any {
  const e = rsp?.object?.ApiErrors?.ApiError;
  return Array.isArray(e) ? e[0] : e;
}

function drift(): number {
  try {
    return Number(sessionStorage.getItem('clientTimestampDrift')) || 0;
  } catch {
    return 0;
  }
}

export const Utilities = {
  b64Encode,
  b64Decode,

  /** `sessionStorage.userFinesseAuth`: base64 `id:password` of the signed-in user (§D.1). */
  getUserAuthString(): string {
    try {
      return sessionStorage.getItem('userFinesseAuth') ?? '';
    } catch {
      return '';
    }
  },

  getCredentials(authorization: string): { id: string; password: string } {
    const plain = b64Decode(authorization);
    const i = plain.indexOf(':');
    return { id: plain.slice(0, i), password: plain.slice(i + 1) };
  },

  /** The Authorization header value: Basic, or Bearer under SSO. */
  getAuthHeaderString(config: any): string {
    if (config?.systemAuthMode === 'SSO' && config.authToken) return `Bearer ${config.authToken}`;
    return `Basic ${config?.authorization ?? ''}`;
  },

  validateHandler(handler: unknown): boolean {
    if (handler !== undefined && handler !== null && typeof handler !== 'function')
      throw new Error('handler must be a function');
    return true;
  },

  currentTimeMillis: (): number => Date.now(),
  currentServerTimeMillis: (): number => Date.now() + drift(),
  getClientDriftInMillis: drift,

  generateUUID: (): string => uuid(),

  xml2js: (xml: string) => xml2js(xml) ?? null,
  js2xml: (obj: unknown) => js2xml(obj),
  json2xml: (obj: unknown) => js2xml(obj),

  /** `ApiErrors.ApiError.ErrorData`, else `HTTP <status>`. */
  getErrData(rsp: any): string {
    const e = apiError(rsp);
    return e?.ErrorData ?? e?.errorData ?? `HTTP ${rsp?.status}`;
  },

  /** `ApiErrors.ApiError.ErrorType`, else `HTTP <status>`. */
  getErrCode(rsp: any): string {
    const e = apiError(rsp);
    return e?.ErrorType ?? e?.errorType ?? `HTTP ${rsp?.status}`;
  },

  getErrMessage(rsp: any): string {
    const e = apiError(rsp);
    return e?.ErrorMessage ?? e?.errorMessage ?? '';
  },

  /** Last path segment of a REST URI: `/finesse/api/Dialog/42` → `42`. */
  getId(uri: string): string {
    const parts = String(uri ?? '')
      .split('?')[0]
      .split('/')
      .filter(Boolean);
    return parts[parts.length - 1] ?? '';
  },

  /** xml2js gives one child as an object and several as an array: always an array. */
  getArray<T>(v: T | T[] | null | undefined): T[] {
    if (v === undefined || v === null) return [];
    return Array.isArray(v) ? v : [v];
  },

  /** Runs `fn` the first time this gadget's tab is shown (§D.5 DOM conventions). */
  onGadgetFirstVisible(fn: () => void): void {
    const cs = (globalThis as any).finesse?.containerservices?.ContainerServices;
    if (cs?.tabVisible?.()) fn();
    else
      cs?.addHandler?.('finesse.containerservices.activeTab', function once() {
        cs.removeHandler('finesse.containerservices.activeTab', once);
        fn();
      });
  },
};

/** `finesse.utilities.I18n`: `{0}` placeholders; a missing key gives `???key???`. */
export const I18n = {
  getString(key: string, ...args: unknown[]): string {
    let text = '';
    try {
      text = (parent as any)?.finesse?.container?.I18n?.getMsg?.(key) ?? '';
      if (text === key) text = '';
    } catch {
      text = '';
    }
    if (!text) {
      const g = (globalThis as any).gadgets;
      text = g?.Prefs ? new g.Prefs().getMsg(key) : '';
    }
    if (!text) return `???${key}???`;
    return text.replace(/\{(\d+)\}/g, (m, i) =>
      args[Number(i)] === undefined ? m : String(args[Number(i)]),
    );
  },
};
