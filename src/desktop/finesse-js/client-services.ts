/// <reference lib="dom" />
// biome-ignore-all lint/suspicious/noExplicitAny: handler payloads are the hub's plain objects
/**
 * `finesse.clientservices.ClientServices` for a gadget (gadgets.md §C.2, §D.2, §D.4): requests go
 * through `gadgets.io.makeRequest`; notifications come from the desktop (the master) over the
 * hub; connection changes drive the connect/disconnect handlers, and `recovered` reloads every
 * REST object that asked to be refreshed.
 */
import { callSafely } from '../gadget-runtime/call-safely.ts';
import { g, hub } from './gadgets-api.ts';
import { Utilities } from './utilities.ts';

type Handler = () => void;

const connectHandlers: Handler[] = [];
const disconnectHandlers: Handler[] = [];
const refreshList = new Set<{ refresh: (retries?: number) => void }>();
const topicSubs = new Map<string, string>();
let config: Record<string, any> | undefined;
let theHub: any;
let status = '';
let resourceID = '';
let logger: { log: (m: string) => void } | undefined;
let invoke = 0;

const isUp = (s: string) => s === 'connected' || s === 'recovered';
const isDown = (s: string) =>
  s === 'disconnected' || s === 'failing' || s === 'conflict' || s === 'unauthorized';

const safe = (fn: Handler) => callSafely(fn);

function onConnection(_topic: string, data: any): void {
  const next = String(data?.status ?? '');
  if (data?.resourceID) resourceID = String(data.resourceID);
  const was = status;
  status = next;
  if (isUp(next) && !isUp(was)) connectHandlers.forEach(safe);
  if (isDown(next) && !isDown(was)) disconnectHandlers.forEach(safe);
  if (next === 'recovered') for (const o of refreshList) o.refresh(10);
}

/** A request to the master; `done(error?)` gets its answer on the response topic. */
function request(type: string, data: Record<string, unknown>, done?: (result: any) => void): void {
  const h = theHub ?? hub();
  const invokeID = `${Date.now()}${++invoke}`;
  if (done) {
    const sub = h.subscribe(`finesse.info.responses.${invokeID}`, (_t: string, result: any) => {
      h.unsubscribe(sub);
      done(result);
    });
  }
  h.publish('finesse.info.requests', { type, data, invokeID });
}

export const ClientServices = {
  init(cfg: Record<string, any>, _ignored?: unknown) {
    if (!cfg || typeof cfg.host !== 'string' || !cfg.host)
      throw new Error('ClientServices.init: config.host is required');
    if (!cfg.restHost) throw new Error('ClientServices.init: config.restHost is required');
    if (cfg.authorization) {
      const { id, password } = Utilities.getCredentials(cfg.authorization);
      cfg.id = cfg.id || id;
      cfg.password = cfg.password || password;
    } else if (cfg.id && cfg.password) {
      cfg.authorization = Utilities.b64Encode(`${cfg.id}:${cfg.password}`);
    } else {
      throw new Error('ClientServices.init: authorization (or id and password) is required');
    }
    const first = config === undefined;
    config = cfg;
    if (first) {
      theHub = cfg.hub || hub();
      theHub.subscribe('finesse.info.connection', onConnection);
      request('ConnectionInfoReq', {});
    }
    return this;
  },

  getConfig: () => config,
  isMaster: () => false,
  getResourceID: () => resourceID,
  getNotificationConnectionState: () => status,
  getRestHost: () => config?.restHost ?? '',

  /** The URL finesse.js builds for a REST path (§D.2): `scheme://restHost:localhostPort` + path. */
  restUrl(path: string): string {
    const c = config ?? {};
    const port = c.localhostPort || c.hostPort;
    return `${c.scheme || 'http'}://${c.restHost || c.host}${port ? `:${port}` : ''}${path}`;
  },

  makeRequest(url: string, handler: (r: any) => void, params: Record<string, unknown>) {
    g().io.makeRequest(url, handler, params);
  },

  subscribe(topic: string, callback: (data: any) => void, _disableDuringFailover?: boolean): string {
    const h = theHub ?? hub();
    const id = h.subscribe(topic, (_t: string, data: any) => callback(data));
    topicSubs.set(`${topic}#${id}`, id);
    return id;
  },

  unsubscribe(subIdOrTopic: string): void {
    const h = theHub ?? hub();
    for (const [k, id] of topicSubs) {
      if (id === subIdOrTopic || k.startsWith(`${subIdOrTopic}#`)) {
        h.unsubscribe(id);
        topicSubs.delete(k);
      }
    }
  },

  /** Explicit XMPP subscription, done by the master (§D.4): `cb(subid, error)`. */
  subscribeNode(node: string, cb?: (subid: string | undefined, err?: any) => void): void {
    request('SubscribeNodeReq', { node }, (r) => cb?.(r?.error ? undefined : node, r?.error));
  },

  unsubscribeNode(node: string, subid: string, cb?: (err?: any) => void): void {
    request('UnsubscribeNodeReq', { node, subid }, (r) => cb?.(r?.error));
  },

  registerOnConnectHandler(fn: Handler): void {
    connectHandlers.push(fn);
    if (isUp(status)) safe(fn);
  },

  registerOnDisconnectHandler(fn: Handler): void {
    disconnectHandlers.push(fn);
    if (isDown(status)) safe(fn);
  },

  addToRefreshList(obj: { refresh: (retries?: number) => void }): void {
    refreshList.add(obj);
  },

  removeFromRefreshList(obj: { refresh: (retries?: number) => void }): void {
    refreshList.delete(obj);
  },

  setLogger(l: unknown): void {
    logger = l && typeof (l as any).log === 'function' ? (l as any) : undefined;
  },

  log(msg: string): void {
    logger?.log(msg);
  },
};
