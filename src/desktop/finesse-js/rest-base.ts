/// <reference lib="dom" />
// biome-ignore-all lint/suspicious/noExplicitAny: REST objects hold xml2js data of any shape
/**
 * `finesse.restservices.RestBase` (gadgets.md §C.6, §D.2, §D.3): one Finesse REST object. On
 * construction it subscribes to its hub topic (its REST URL, `/` → `.`), GETs itself, keeps the
 * root object in `_data` and fires `onLoad(this)` once; a failed GET fires `onError(rsp)`.
 * Notifications then fire `onChange` (PUT), `onAdd` (POST) or `onDelete` (DELETE); an `apiErrors`
 * notification carrying a request's `requestId` goes to that request's `error` handler. Every
 * getter throws until the object is loaded.
 */
import { callSafely } from '../gadget-runtime/call-safely.ts';
import { ClientServices } from './client-services.ts';
import { Utilities } from './utilities.ts';
import { js2xml, xml2js } from './xml2js.ts';

export type Handlers = { success?: (rsp: any) => void; error?: (rsp: any) => void };
type HandlerType = 'load' | 'change' | 'add' | 'delete' | 'error' | 'collectionAdd' | 'collectionDelete';

const OPTION_HANDLERS: Record<string, HandlerType> = {
  onLoad: 'load',
  onChange: 'change',
  onAdd: 'add',
  onDelete: 'delete',
  onError: 'error',
  onCollectionAdd: 'collectionAdd',
  onCollectionDelete: 'collectionDelete',
};

/** requestId → the request's error handler, for an `apiErrors` notification that comes later. */
const pending = new Map<string, (rsp: any) => void>();

/** A REST response for handlers: `{status, content, object[, error]}`. */
export function restResponse(rc: number, text: string): any {
  const rsp: any = { status: rc, content: text, object: undefined };
  if (text?.trimStart().startsWith('<')) {
    const obj = xml2js(text);
    if (obj) rsp.object = obj;
    else rsp.error = { errorType: 'parseError', errorMessage: 'the response is not well-formed XML' };
  }
  return rsp;
}

/** Notifications say `apiErrors`/`apiError`/`errorType`; handlers read `ApiErrors.ApiError.ErrorType`. */
function apiErrorResponse(content: string, apiErrors: any): any {
  const list = Utilities.getArray(apiErrors?.apiError ?? apiErrors?.ApiError);
  const errors = list.map((e: any) => ({
    ErrorType: e?.errorType ?? e?.ErrorType ?? '',
    ErrorMessage: e?.errorMessage ?? e?.ErrorMessage ?? '',
    ErrorData: e?.errorData ?? e?.ErrorData ?? '',
    PeripheralErrorCode: e?.peripheralErrorCode ?? e?.PeripheralErrorCode,
  }));
  return {
    status: 400,
    content,
    object: { ApiErrors: { ApiError: errors.length === 1 ? errors[0] : errors } },
  };
}

export function takePending(requestId: string | undefined, content: string, apiErrors: any): boolean {
  const fn = requestId ? pending.get(requestId) : undefined;
  if (!fn || !requestId) return false;
  pending.delete(requestId);
  fn(apiErrorResponse(content, apiErrors));
  return true;
}

export const topicOf = (restUrl: string) => restUrl.split('?')[0].replace(/^\//, '').replace(/\//g, '.');

export class RestBase {
  declare _id: string | undefined;
  declare _data: any;
  declare _loaded: boolean;
  declare _options: any;
  declare _parentObj: any;
  declare _handlers: Record<HandlerType, { cb: (arg: any) => void; scope: unknown }[]>;
  declare _subid: string | undefined;

  constructor(options?: any) {
    const o = options ?? {};
    this._options = o;
    this._id = o.id === undefined ? undefined : String(o.id);
    this._parentObj = o.parentObj;
    this._loaded = false;
    this._handlers = {
      load: [],
      change: [],
      add: [],
      delete: [],
      error: [],
      collectionAdd: [],
      collectionDelete: [],
    };
    for (const [opt, type] of Object.entries(OPTION_HANDLERS)) {
      if (o[opt] !== undefined) {
        Utilities.validateHandler(o[opt]);
        this._handlers[type].push({ cb: o[opt], scope: undefined });
      }
    }
    if (o.data !== undefined) {
      this._data = o.data;
      this._loaded = true;
    }
    // Subclasses finish their own set-up first; the object goes live right after.
    queueMicrotask(() => this._start());
  }

  /** The class's Finesse type name (`User`, `Dialogs` …). */
  getRestType(): string {
    return 'RestBase';
  }

  getBaseRestUrl(): string {
    return '/finesse/api';
  }

  getRestUrl(): string {
    // An item its collection made knows its own address.
    if (this._options.data && typeof this._data?.uri === 'string' && this._data.uri) return this._data.uri;
    const base = this._parentObj ? this._parentObj.getRestUrl() : this.getBaseRestUrl();
    return this._id === undefined
      ? `${base}/${this.getRestType()}`
      : `${base}/${this.getRestType()}/${this._id}`;
  }

  /** Queue-like objects need the desktop to subscribe their node (§D.4 "explicitSubscription"). */
  get explicitSubscription(): boolean {
    return false;
  }

  _start(): void {
    const o = this._options;
    if (!o.doNotSubscribe) {
      this._subid = ClientServices.subscribe(topicOf(this.getRestUrl()), (data) => this._onUpdate(data));
      if (this.explicitSubscription) ClientServices.subscribeNode(this.getRestUrl().split('?')[0]);
    }
    if (!o.doNotRefresh) ClientServices.addToRefreshList(this);
    if (o.data === undefined && !o.doNotRefresh) this._load(0);
  }

  _load(retries: number): void {
    this.restRequest(this.getRestUrl(), {
      method: 'GET',
      success: (rsp) => {
        const first = !this._loaded;
        this._setData(this._normalize(rsp.object));
        this._loaded = true;
        this._fire(first ? 'load' : 'change', this);
      },
      error: (rsp) => {
        if (retries > 0) setTimeout(() => this._load(retries - 1), 10_000);
        else this._fire('error', rsp);
      },
    });
  }

  _setData(data: any): void {
    this._data = data;
  }

  /** `{User: {…}}` or a notification's `{user: {…}}` → the object itself. */
  _normalize(obj: any): any {
    if (!obj || typeof obj !== 'object') return obj;
    const want = this.getRestType().toLowerCase();
    const key = Object.keys(obj).find((k) => k.toLowerCase() === want) ?? Object.keys(obj)[0];
    return key === undefined ? obj : obj[key];
  }

  refresh(retries?: number): void {
    this._load(Number(retries) || 0);
  }

  isLoaded(): boolean {
    if (!this._loaded) throw new Error(`${this.getRestType()} is not loaded yet`);
    return true;
  }

  getData(): any {
    this.isLoaded();
    return this._data;
  }

  getId(): string {
    if (this._id !== undefined) return this._id;
    this.isLoaded();
    return String(this._data?.id ?? Utilities.getId(this._data?.uri ?? ''));
  }

  addHandler(type: string, cb: (arg: any) => void, scope?: unknown): void {
    Utilities.validateHandler(cb);
    const list = this._handlers[type as HandlerType];
    if (!list) throw new Error(`unknown handler type ${type}`);
    list.push({ cb, scope });
    if (type === 'load' && this._loaded) cb.call(scope ?? this, this);
  }

  removeHandler(type: string, cb: (arg: any) => void): void {
    const list = this._handlers[type as HandlerType];
    if (list) this._handlers[type as HandlerType] = list.filter((h) => h.cb !== cb);
  }

  _fire(type: HandlerType, arg: any): void {
    for (const h of [...this._handlers[type]]) {
      callSafely(() => h.cb.call(h.scope ?? this, arg));
    }
  }

  /**
   * §D.2: `scheme://restHost:localhostPort` + path; Authorization and locale on every request;
   * `nocache` on GETs; a `requestId` (remembered for a late apiErrors notification) and full
   * headers on the others; bodies as XML.
   */
  restRequest(
    path: string,
    opts: { method?: string; content?: unknown; success?: (r: any) => void; error?: (r: any) => void },
  ): string | undefined {
    const config = ClientServices.getConfig() ?? {};
    const method = (opts.method ?? 'GET').toUpperCase();
    const P = (globalThis as any).gadgets.io.RequestParameters;
    const headers: Record<string, string> = {
      Authorization: Utilities.getAuthHeaderString(config),
      locale: config.locale || 'en_US',
    };
    const params: Record<string, unknown> = {
      [P.METHOD]: method,
      [P.HEADERS]: headers,
      [P.REFRESH_INTERVAL]: 0,
    };
    let url = ClientServices.restUrl(path);
    let requestId: string | undefined;
    if (method === 'GET') url += `${url.includes('?') ? '&' : '?'}nocache=${Utilities.currentTimeMillis()}`;
    else {
      requestId = Utilities.generateUUID();
      headers.requestId = requestId;
      params[P.GET_FULL_HEADERS] = 'true';
      if (opts.error) pending.set(requestId, opts.error);
    }
    if (opts.content !== undefined) {
      headers['Content-Type'] = 'application/xml';
      params[P.POST_DATA] = typeof opts.content === 'string' ? opts.content : js2xml(opts.content);
    }
    ClientServices.makeRequest(
      url,
      (r: any) => {
        const rsp = restResponse(r.rc, r.text);
        const ok = r.rc >= 200 && r.rc < 300;
        if (!ok && requestId) pending.delete(requestId);
        if (ok) opts.success?.(rsp);
        else opts.error?.(rsp);
      },
      params,
    );
    return requestId;
  }

  _onUpdate(data: any): void {
    const update = data?.object?.Update;
    if (!update) return;
    const event = String(update.event ?? '').toUpperCase();
    const payload = update.data ?? {};
    if (payload.apiErrors !== undefined) {
      takePending(update.requestId, data.content, payload.apiErrors);
      return;
    }
    this._setData(this._normalize(payload));
    this._loaded = true;
    this._fire(event === 'POST' ? 'add' : event === 'DELETE' ? 'delete' : 'change', this);
  }
}
