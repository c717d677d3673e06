/** @xmpp/client (xmpp.js) as a real TCP/TLS/WebSocket peer, typed by hand: the package ships no types. */
import WebSocket from 'ws';

// @xmpp/websocket uses the WHATWG WebSocket global, which Node has only from version 22; `ws`
// implements the same interface (addEventListener, send, close) for Node 20.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

export interface XmppElement {
  name: string;
  attrs: Record<string, string>;
  is(name: string, ns?: string): boolean;
  getChild(name: string, ns?: string): XmppElement | undefined;
  getChildren(name: string): XmppElement[];
  getChildText(name: string): string | null;
  toString(): string;
}

export interface XmppClient {
  jid?: { toString(): string };
  start(): Promise<unknown>;
  stop(): Promise<unknown>;
  send(element: XmppElement): Promise<void>;
  on(event: 'stanza' | 'error', fn: (x: XmppElement) => void): void;
  iqCaller: {
    get(element: XmppElement, to: string): Promise<XmppElement>;
    set(element: XmppElement, to: string): Promise<XmppElement>;
  };
}

const lib = (await import('@xmpp/client' as string)) as {
  client(options: object): XmppClient;
  xml(name: string, attrs?: Record<string, string>, ...children: (XmppElement | string)[]): XmppElement;
};
export const xml = lib.xml;

export interface ConnectOptions {
  /** `xmpp://host:port` (STARTTLS when offered), `xmpps://host:port` (direct TLS) or `ws://host:port/ws/`. */
  service: string;
  username: string;
  password?: string;
  resource: string;
  /**
   * The SASL mechanism (default PLAIN); null lets @xmpp/client pick among those offered (it
   * prefers SCRAM-SHA-1).
   */
  mechanism?: string | null;
}

/**
 * Connects and binds. PLAIN is chosen explicitly by default: @xmpp/client refuses it on an
 * unencrypted link unless the choice is ours, and on loopback test links it is.
 */
export async function connectXmpp(o: ConnectOptions): Promise<XmppClient> {
  const c = lib.client({
    service: o.service,
    domain: 'localhost',
    resource: o.resource,
    // Its 2 s default for each step (open, close, each request) fails on a loaded 2-core machine.
    timeout: 10_000,
    credentials:
      o.mechanism === null
        ? { username: o.username, password: o.password ?? o.username }
        : (authenticate: (c: object, mechanism: string) => Promise<void>) =>
            authenticate(
              { username: o.username, password: o.password ?? o.username },
              o.mechanism ?? 'PLAIN',
            ),
  });
  c.on('error', () => {});
  try {
    await c.start();
  } catch (err) {
    // Otherwise its reconnect module keeps trying, and keeps the test process alive.
    await c.stop().catch(() => {});
    throw err;
  }
  return c;
}

/** Collects the stanzas a client receives, with a wait for the first matching one. */
export function collect(c: XmppClient): {
  stanzas: XmppElement[];
  waitFor(pred: (s: XmppElement) => boolean, timeoutMs?: number): Promise<XmppElement>;
} {
  const stanzas: XmppElement[] = [];
  c.on('stanza', (s) => stanzas.push(s));
  return {
    stanzas,
    async waitFor(pred, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = stanzas.find(pred);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(`no matching stanza; got ${stanzas.map(String).join(' ')}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}
