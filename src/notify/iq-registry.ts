/**
 * iq handlers plug in by (scope, type, namespace, element) — xmpp.js's `iqCallee.get(ns, name, fn)`
 * — so the session knows no feature and a feature knows no transport (STYLE rule 6).
 */
import type { XmlElement } from '../xml/index.ts';
import type { StanzaErrorCode } from './errors.ts';
import type { Jid } from './jid.ts';

/** Who an iq is addressed to: the server (domain or own bare JID) or the pubsub service. */
export type IqScope = 'server' | 'pubsub';

export interface IqRequest {
  readonly scope: IqScope;
  readonly iq: XmlElement;
  /** The one child of a get/set iq (RFC 6120 §8.2.3). */
  readonly payload: XmlElement;
  /** The requester's bound full JID. */
  readonly from: Jid;
}

export type IqReply =
  | { ok: true; payload?: XmlElement }
  | { ok: false; error: StanzaErrorCode; text?: string };

export type IqHandler = (req: IqRequest) => IqReply | Promise<IqReply>;

export class IqRegistry {
  readonly #handlers = new Map<string, IqHandler>();

  static #key(scope: IqScope, type: 'get' | 'set', ns: string, local: string): string {
    return `${scope} ${type} ${ns} ${local}`;
  }

  register(scope: IqScope, type: 'get' | 'set', ns: string, local: string, handler: IqHandler): void {
    const key = IqRegistry.#key(scope, type, ns, local);
    if (this.#handlers.has(key)) throw new Error(`iq handler registered twice: ${key}`);
    this.#handlers.set(key, handler);
  }

  /** RFC 6120 §8.4: an iq nobody handles gets `service-unavailable`. */
  async dispatch(req: IqRequest, type: 'get' | 'set'): Promise<IqReply> {
    const handler = this.#handlers.get(IqRegistry.#key(req.scope, type, req.payload.ns, req.payload.local));
    if (!handler) return { ok: false, error: 'service-unavailable' };
    return await handler(req);
  }
}
