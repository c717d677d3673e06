/// <reference lib="dom" />
/**
 * `gadgets.Hub` and `gadgets.HubSettings` (pubsub-2, gadgets.md §B): the OpenAjax HubClient a
 * gadget sees. It exists before the gadget's scripts run; `isConnected()` turns true and
 * `HubSettings.onConnect(hub, true)` fires once the document has loaded (23 samples start there).
 * Messages reach every subscriber in every gadget and in the container, the publisher included.
 */
import type { GadgetSession } from '../app/gadgets/port.ts';
import { callSafely } from './call-safely.ts';

type OnData = (topic: string, data: unknown, subscriberData?: unknown) => void;
type OnComplete = (item: string, success: boolean, error?: string) => void;

interface LocalSub {
  onData: OnData;
  scope: unknown;
  subscriberData: unknown;
}

export interface HubSettings {
  params: Record<string, unknown>;
  onConnect: ((hub: unknown, success: boolean, error?: string) => void) | null;
  onSecurityAlert?: unknown;
}

export class HubClient {
  #session: GadgetSession | undefined;
  #connected = false;
  readonly #subs = new Map<string, LocalSub>();
  readonly #clientId: string;

  constructor(clientId: string) {
    this.#clientId = clientId;
  }

  /** The container's session for this frame (undefined when the page is not in our container). */
  attach(session: GadgetSession | undefined): void {
    this.#session = session;
  }

  /** Called by the container (through the runtime) for each message on a subscription of ours. */
  deliver(subscriptionId: string, topic: string, json: string): void {
    const sub = this.#subs.get(subscriptionId);
    if (!sub) return;
    // Errors in the gadget's callback surface in the gadget's own console, not in the container.
    callSafely(() => {
      const data = json === 'undefined' ? undefined : JSON.parse(json);
      sub.onData.call(sub.scope ?? window, topic, data, sub.subscriberData);
    });
  }

  markConnected(): void {
    this.#connected = true;
  }

  #need(): GadgetSession {
    if (!this.#session)
      throw new Error('OpenAjax.hub.Error.Disconnected: this page is not inside the desktop');
    return this.#session;
  }

  publish(topic: string, data: unknown): void {
    this.#need().publish(topic, data === undefined ? 'undefined' : JSON.stringify(data));
  }

  subscribe(
    topic: string,
    onData: OnData,
    scope?: unknown,
    onComplete?: OnComplete,
    subscriberData?: unknown,
  ): string {
    const id = this.#need().subscribe(topic);
    this.#subs.set(id, { onData, scope, subscriberData });
    if (onComplete) setTimeout(() => onComplete.call(scope ?? window, id, true));
    return id;
  }

  unsubscribe(subscriptionId: string, onComplete?: OnComplete, scope?: unknown): void {
    if (!this.#subs.delete(subscriptionId)) {
      if (onComplete)
        setTimeout(() =>
          onComplete.call(scope ?? window, subscriptionId, false, 'OpenAjax.hub.Error.NoSubscription'),
        );
      return;
    }
    this.#session?.unsubscribe(subscriptionId);
    if (onComplete) setTimeout(() => onComplete.call(scope ?? window, subscriptionId, true));
  }

  isConnected(): boolean {
    return this.#connected && this.#session !== undefined;
  }

  getClientID(): string {
    return this.#clientId;
  }

  getSubscriberData(subscriptionId: string): unknown {
    return this.#subs.get(subscriptionId)?.subscriberData;
  }

  getSubscriberScope(subscriptionId: string): unknown {
    return this.#subs.get(subscriptionId)?.scope;
  }

  getScope(): Window {
    return window;
  }

  disconnect(): void {
    this.#subs.clear();
    this.#connected = false;
    this.#session?.disconnect();
  }
}
