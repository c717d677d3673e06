/**
 * Where bound sessions live: full JID → session, bare JID → its resources, and the `presence`
 * event. Delivery rules follow RFC 6121 §8.5: a full JID reaches that resource; a bare JID reaches
 * every available resource with non-negative priority (which is why Finesse asks for priority 0).
 */
import type { XmlElement } from '../xml/index.ts';
import type { Jid } from './jid.ts';

export interface RoutedSession {
  /** The bound JID (set before `bind` is called). */
  readonly jid: Jid | undefined;
  /** Initial presence sent and not withdrawn (RFC 6121 §4.2). */
  readonly isAvailable: boolean;
  readonly priority: number;
  /** How delivery lines name the link: the BOSH sid, else the transport (`TCP`, `WebSocket`). */
  readonly logId: string;
  deliver(stanza: XmlElement): void;
  /** RFC 6120 §7.7.2.2: another stream bound the same full JID; this one must end with `conflict`. */
  replace(): void;
}

export interface PresenceEvent {
  /** Full JID of the session. */
  jid: string;
  bareJid: string;
  type: 'available' | 'unavailable';
  /** Why a session became unavailable: presence | closed | idle | conflict | connection-lost | error. */
  reason?: string;
}

export type PresenceListener = (ev: PresenceEvent) => void;

export class StanzaRouter {
  readonly #byFull = new Map<string, RoutedSession>();
  readonly #byBare = new Map<string, Set<RoutedSession>>();
  readonly #listeners: PresenceListener[] = [];
  readonly #onListenerError: (err: unknown) => void;

  constructor(onListenerError: (err: unknown) => void) {
    this.#onListenerError = onListenerError;
  }

  get boundCount(): number {
    return this.#byFull.size;
  }

  /** Binds `session` to `jid`, ending any older session with the same full JID first. */
  bind(session: RoutedSession, jid: Jid): void {
    const old = this.#byFull.get(jid.full);
    if (old && old !== session) old.replace();
    this.#byFull.set(jid.full, session);
    let set = this.#byBare.get(jid.bare);
    if (!set) {
      set = new Set();
      this.#byBare.set(jid.bare, set);
    }
    set.add(session);
  }

  unbind(session: RoutedSession): void {
    const jid = session.jid;
    if (!jid || this.#byFull.get(jid.full) !== session) return;
    this.#byFull.delete(jid.full);
    const set = this.#byBare.get(jid.bare);
    set?.delete(session);
    if (set?.size === 0) this.#byBare.delete(jid.bare);
  }

  get(fullJid: string): RoutedSession | undefined {
    return this.#byFull.get(fullJid);
  }

  /** Every bound resource of an account. */
  resourcesOf(bareJid: string): RoutedSession[] {
    return [...(this.#byBare.get(bareJid) ?? [])];
  }

  /**
   * Who receives a stanza addressed to `jid` under presence-based delivery: a full JID → that
   * resource if available; a bare JID → the available resources with priority >= 0.
   */
  recipients(jid: Jid): RoutedSession[] {
    if (jid.resource) {
      const s = this.#byFull.get(jid.full);
      return s?.isAvailable ? [s] : [];
    }
    return this.resourcesOf(jid.bare).filter((s) => s.isAvailable && s.priority >= 0);
  }

  /**
   * RFC 6121 §8.5 message/iq routing to a local user: full JID → that bound resource (presence not
   * needed); bare JID → available resources with non-negative priority. Returns how many got it.
   */
  routeToUser(stanza: XmlElement, to: Jid): number {
    if (to.resource) {
      const s = this.#byFull.get(to.full);
      s?.deliver(stanza);
      return s ? 1 : 0;
    }
    const targets = this.recipients(to);
    for (const s of targets) s.deliver(stanza);
    return targets.length;
  }

  onPresence(fn: PresenceListener): void {
    this.#listeners.push(fn);
  }

  /** Detaches every listener (server shutdown: the process is going away, nobody must react). */
  clearListeners(): void {
    this.#listeners.length = 0;
  }

  emitPresence(ev: PresenceEvent): void {
    for (const fn of this.#listeners) {
      try {
        fn(ev);
      } catch (err) {
        // A listener's bug must not break the session teardown that emitted the event.
        this.#onListenerError(err);
      }
    }
  }
}
