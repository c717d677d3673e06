/**
 * The pubsub service (XEP-0060 subset), free of XML transport concerns: nodes, subscriptions,
 * the last published item, and the permission rules. It returns values; `handler.ts` turns iqs into
 * calls and results into replies, `notifier.ts` turns a publish into event messages.
 */
import { hasInvalidXmlChars, type XmlElement } from '../../xml/index.ts';
import type { StanzaErrorCode } from '../errors.ts';
import { newItemId } from '../ids.ts';
import { type Jid, parseJid } from '../jid.ts';

export type Result<T> = { ok: true; value: T } | { ok: false; error: StanzaErrorCode; text?: string };

export interface Subscription {
  readonly node: string;
  /** The subscribed JID as a string: bare (every available resource) or full (that resource). */
  readonly jid: string;
  readonly subid: string;
}

export interface Item {
  readonly id: string;
  readonly payload: XmlElement;
}

export interface PubsubServiceOptions {
  /** May this bare JID subscribe to / read this node? */
  mayRead(bareJid: string, node: string): boolean | Promise<boolean>;
  /** One user's `mayRead` as a predicate, for listing many nodes (default: `mayRead` per node). */
  readerOf?(bareJid: string): Promise<(node: string) => boolean>;
  /** System users (bare JIDs) may create nodes and publish over XMPP. */
  isSystemUser(bareJid: string): boolean;
  newItemId?: () => string;
}

interface Node {
  readonly name: string;
  readonly subscriptions: Map<string, Subscription>;
  lastItem?: Item;
}

// Node names are opaque strings (XEP-0060 §4.3); we only refuse what cannot be put on the wire.
const MAX_NODE_LENGTH = 1024;

export function isValidNodeName(node: string): boolean {
  return node !== '' && node.length <= MAX_NODE_LENGTH && !hasInvalidXmlChars(node);
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(error: StanzaErrorCode, text?: string): Result<T> => ({ ok: false, error, text });

export class PubsubService {
  readonly #options: PubsubServiceOptions;
  readonly #nodes = new Map<string, Node>();
  /** Subscriptions by the subscriber's bare JID, for "my subscriptions" and cheap cleanup. */
  readonly #byBare = new Map<string, Set<Subscription>>();
  readonly #newItemId: () => string;
  #nextSubid = 1;

  constructor(options: PubsubServiceOptions) {
    this.#options = options;
    this.#newItemId = options.newItemId ?? newItemId;
  }

  nodes(): string[] {
    return [...this.#nodes.keys()];
  }

  hasNode(node: string): boolean {
    return this.#nodes.has(node);
  }

  /**
   * The nodes `requester` may read, in creation order (disco#items, #12: listing every node named
   * every user id). One `mayRead` at a time: a long list costs time, never a burst of lookups.
   */
  async readableNodes(requester: Jid): Promise<string[]> {
    if (this.#options.isSystemUser(requester.bare)) return this.nodes();
    const out: string[] = [];
    for (const node of this.#nodes.keys())
      if (await this.#options.mayRead(requester.bare, node)) out.push(node);
    return out;
  }

  /** XEP-0060 §8.1. `requester` undefined means the server itself (always allowed, idempotent). */
  createNode(node: string, requester?: Jid): Result<void> {
    if (!isValidNodeName(node)) return fail('nodeid-required');
    if (requester && !this.#options.isSystemUser(requester.bare)) return fail('forbidden');
    if (this.#nodes.has(node)) return requester ? fail('node-exists') : ok(undefined);
    this.#ensure(node);
    return ok(undefined);
  }

  /**
   * XEP-0060 §6.1.3 checks for a client's subscribe request: node exists, the subscriber JID's bare
   * part is the requester's (§6.1.3.1 invalid-jid) unless the requester is privileged (a system
   * user provisioning subscriptions, as Finesse's webservices do), and `mayRead` allows it.
   */
  async authorizeSubscribe(node: string, jid: string, requester: Jid): Promise<Result<Jid>> {
    const target = parseJid(jid);
    if (!target) return fail('jid-malformed');
    if (!this.#nodes.has(node)) return fail('item-not-found');
    if (!this.#mayActFor(requester, target)) return fail('invalid-jid');
    return (await this.#mayRead(requester, node)) ? ok(target) : fail('forbidden');
  }

  /** Adds the subscription (idempotent). Creates the node when the server subscribes to a new one. */
  subscribe(node: string, jid: Jid): Subscription {
    const n = this.#ensure(node);
    const existing = n.subscriptions.get(jid.full);
    if (existing) return existing;
    const sub: Subscription = { node, jid: jid.full, subid: `sub-${this.#nextSubid++}` };
    n.subscriptions.set(jid.full, sub);
    let set = this.#byBare.get(jid.bare);
    if (!set) {
      set = new Set();
      this.#byBare.set(jid.bare, set);
    }
    set.add(sub);
    return sub;
  }

  /** XEP-0060 §6.2. `requester` undefined means the server itself. */
  unsubscribe(node: string, jid: string, requester?: Jid): Result<void> {
    const target = parseJid(jid);
    if (!target) return fail('jid-malformed');
    const n = this.#nodes.get(node);
    if (!n) return fail('item-not-found');
    if (requester && !this.#mayActFor(requester, target)) return fail('invalid-jid');
    const sub = n.subscriptions.get(target.full);
    if (!sub) return requester ? fail('not-subscribed') : ok(undefined);
    n.subscriptions.delete(target.full);
    const set = this.#byBare.get(target.bare);
    set?.delete(sub);
    if (set?.size === 0) this.#byBare.delete(target.bare);
    return ok(undefined);
  }

  /** XEP-0060 §5.6: the subscriptions of every JID with this bare part, optionally on one node. */
  subscriptionsOf(bareJid: string, node?: string): Subscription[] {
    const all = [...(this.#byBare.get(bareJid) ?? [])];
    return node === undefined ? all : all.filter((s) => s.node === node);
  }

  subscriptionsTo(node: string): Subscription[] {
    return [...(this.#nodes.get(node)?.subscriptions.values() ?? [])];
  }

  /**
   * XEP-0060 §7.1. Over XMPP only system users publish (`forbidden` otherwise) and the node must
   * exist; the server itself (no requester) may publish anywhere, which creates the node.
   */
  publish(
    node: string,
    payload: XmlElement,
    itemId?: string,
    requester?: Jid,
  ): Result<{ item: Item; subscriptions: Subscription[] }> {
    if (!isValidNodeName(node)) return fail('nodeid-required');
    if (requester && !this.#options.isSystemUser(requester.bare)) return fail('forbidden');
    if (requester && !this.#nodes.has(node)) return fail('item-not-found');
    const n = this.#ensure(node);
    const id =
      itemId !== undefined && itemId !== '' && !hasInvalidXmlChars(itemId) ? itemId : this.#newItemId();
    const item: Item = { id, payload };
    // No item history: the last item answers "retrieve items" (xmpp-bosh.md §2: history not needed).
    n.lastItem = item;
    return ok({ item, subscriptions: [...n.subscriptions.values()] });
  }

  /** XEP-0060 §6.5: reading items needs the same permission as subscribing. */
  async authorizeRead(node: string, requester: Jid): Promise<Result<void>> {
    if (!this.#nodes.has(node)) return fail('item-not-found');
    return (await this.#mayRead(requester, node)) ? ok(undefined) : fail('forbidden');
  }

  lastItem(node: string): Item | undefined {
    return this.#nodes.get(node)?.lastItem;
  }

  #ensure(node: string): Node {
    let n = this.#nodes.get(node);
    if (!n) {
      n = { name: node, subscriptions: new Map() };
      this.#nodes.set(node, n);
    }
    return n;
  }

  /** XEP-0060 §6.1.3.1 / §6.2.3.3: a requester manages its own subscriptions, a system user anyone's. */
  #mayActFor(requester: Jid, target: Jid): boolean {
    return target.bare === requester.bare || this.#options.isSystemUser(requester.bare);
  }

  async #mayRead(requester: Jid, node: string): Promise<boolean> {
    // System users (the publisher side) read everything they may publish to.
    if (this.#options.isSystemUser(requester.bare)) return true;
    return await this.#options.mayRead(requester.bare, node);
  }
}
