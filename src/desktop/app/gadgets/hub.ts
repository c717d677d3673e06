/**
 * The container's managed hub (OpenAjax Hub 2.0 style, gadgets.md §B): one topic space for every
 * gadget frame and the container page. A message is published once as JSON text and each
 * subscriber parses it in its own window (so a gadget gets arrays of its own realm and
 * `instanceof Array` holds there). Delivery is asynchronous and in publish order, so a callback
 * that publishes never re-enters the hub. Pure: no DOM, no timers beyond the scheduler it is given.
 */

export type Deliver = (topic: string, json: string, subscriptionId: string) => void;

interface Subscription {
  id: string;
  client: string;
  pattern: string[];
  deliver: Deliver;
}

export interface HubOptions {
  /** Runs a delivery later (default `queueMicrotask`). */
  schedule?: (fn: () => void) => void;
  /** A subscriber threw or its window is gone: say which, once per failure. */
  onError?: (client: string, topic: string, err: unknown) => void;
}

/**
 * OpenAjax topic matching: tokens split on `.`; `*` in a subscription matches exactly one token,
 * a final `**` one or more. Topics are otherwise taken as they are (they may contain spaces:
 * `finesse.clientLogging.Initializing Css3 Animation Gadget`).
 */
export function topicMatches(pattern: readonly string[], topic: readonly string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    if (p === '**' && i === pattern.length - 1) return topic.length > i;
    if (i >= topic.length) return false;
    if (p !== '*' && p !== topic[i]) return false;
  }
  return pattern.length === topic.length;
}

/** A topic a client may publish to: non-empty tokens, no wildcards. */
export function isPublishable(topic: string): boolean {
  return (
    typeof topic === 'string' &&
    topic.length > 0 &&
    topic.split('.').every((t) => t && t !== '*' && t !== '**')
  );
}

/** A subscription pattern: non-empty tokens, `**` only last. */
export function isSubscribable(pattern: string): boolean {
  if (typeof pattern !== 'string' || !pattern) return false;
  const tokens = pattern.split('.');
  return tokens.every((t, i) => t && (t !== '**' || i === tokens.length - 1));
}

export class ManagedHub {
  readonly #subs = new Map<string, Subscription>();
  readonly #schedule: (fn: () => void) => void;
  readonly #onError: HubOptions['onError'];
  #next = 0;

  constructor(opts: HubOptions = {}) {
    this.#schedule = opts.schedule ?? ((fn) => queueMicrotask(fn));
    this.#onError = opts.onError;
  }

  /** Throws on a malformed pattern (misuse: the gadget runtime reports it to the gadget). */
  subscribe(client: string, pattern: string, deliver: Deliver): string {
    if (!isSubscribable(pattern)) throw new Error(`invalid subscription topic '${pattern}'`);
    const id = `${client}:${++this.#next}`;
    this.#subs.set(id, { id, client, pattern: pattern.split('.'), deliver });
    return id;
  }

  unsubscribe(id: string): boolean {
    return this.#subs.delete(id);
  }

  /** Drops every subscription of a client (its frame unloaded or was reloaded). */
  disconnect(client: string): void {
    for (const [id, s] of this.#subs) if (s.client === client) this.#subs.delete(id);
  }

  /** `json` is `JSON.stringify(data)`; `undefined` data travels as the string 'undefined'. */
  publish(topic: string, json: string): void {
    if (!isPublishable(topic)) throw new Error(`invalid publish topic '${topic}'`);
    const tokens = topic.split('.');
    const targets = [...this.#subs.values()].filter((s) => topicMatches(s.pattern, tokens));
    for (const s of targets) {
      this.#schedule(() => {
        // Unsubscribed in the meantime (by an earlier callback): OpenAjax delivers no more.
        if (!this.#subs.has(s.id)) return;
        try {
          s.deliver(topic, json, s.id);
        } catch (err) {
          this.#onError?.(s.client, topic, err);
        }
      });
    }
  }

  /** How many subscriptions a client holds (for tests and the client log). */
  count(client?: string): number {
    let n = 0;
    for (const s of this.#subs.values()) if (client === undefined || s.client === client) n++;
    return n;
  }
}

/** JSON text for hub transport; `undefined` (finesse.js's "success" response) survives the trip. */
export const toJson = (data: unknown): string => (data === undefined ? 'undefined' : JSON.stringify(data));
export const fromJson = (json: string): unknown => (json === 'undefined' ? undefined : JSON.parse(json));
