/**
 * Strophe.js — the Finesse desktop's XMPP library — as a real client in Node (xmpp-bosh.md §6).
 * Its Node build brings an xmldom DOMParser/document and `ws`; BOSH also needs an XMLHttpRequest
 * whose `responseXML` works, which xhr2 lacks, so a subclass parses `responseText` on demand. It
 * must be installed before strophe.js is imported, hence the dynamic imports.
 */
import https from 'node:https';
import { DOMParser } from '@xmldom/xmldom';

// xhr2 ships no types; the import specifier is widened so TypeScript does not look for them.
const XHR2 = ((await import('xhr2' as string)) as { default: typeof XMLHttpRequest }).default;

class XMLHttpRequestWithXml extends XHR2 {
  override get responseXML(): Document | null {
    const text = this.responseText;
    if (!text) return null;
    try {
      return new DOMParser().parseFromString(text, 'text/xml') as unknown as Document;
    } catch {
      return null;
    }
  }
}
(globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = XMLHttpRequestWithXml;

/** BOSH over https (7443) trusting `ca`, as a desktop trusts the notification certificate. */
export function trustInBosh(ca: string): void {
  // xhr2's own hook for the agent it uses on https URLs.
  (XHR2 as unknown as { nodejsSet(o: { httpsAgent: https.Agent }): void }).nodejsSet({
    httpsAgent: new https.Agent({ ca }),
  });
}

const strophe = await import('strophe.js');
export const { Strophe, $pres, $iq } = strophe;
// Its DEBUG default prints every request; failures show up in assertions instead.
Strophe.setLogLevel(Strophe.LogLevel.FATAL);
export type Connection = InstanceType<typeof strophe.Strophe.Connection>;

export interface PubsubEvent {
  node: string;
  itemId: string;
  messageId: string;
  to: string;
  /** The unescaped text of `<notification>`. */
  payload: string;
  from: string;
}

export interface StropheClient {
  conn: Connection;
  events: PubsubEvent[];
  waitForEvent(pred: (e: PubsubEvent) => boolean, timeoutMs?: number): Promise<PubsubEvent>;
  /** Sends an iq and resolves with the reply (result or error). */
  iq(stanza: ReturnType<typeof $iq>): Promise<Element>;
  disconnect(): Promise<void>;
}

/** Connects and resolves when CONNECTED, or rejects with `{ status, condition }`. */
export async function connectStrophe(
  service: string,
  jid: string,
  password: string,
  timeoutMs = 30_000,
  /** Strophe's connection options, e.g. `{ mechanisms: [Strophe.SASLOAuthBearer] }`. */
  options: object = {},
): Promise<StropheClient> {
  const conn = new strophe.Strophe.Connection(service, options);
  const events: PubsubEvent[] = [];
  const waiters: { pred: (e: PubsubEvent) => boolean; resolve: (e: PubsubEvent) => void }[] = [];
  conn.addHandler(
    (msg: Element) => {
      for (const items of Array.from(msg.getElementsByTagName('items'))) {
        for (const item of Array.from(items.getElementsByTagName('item'))) {
          const ev: PubsubEvent = {
            node: items.getAttribute('node') ?? '',
            itemId: item.getAttribute('id') ?? '',
            messageId: msg.getAttribute('id') ?? '',
            to: msg.getAttribute('to') ?? '',
            payload: item.getElementsByTagName('notification')[0]?.textContent ?? '',
            from: msg.getAttribute('from') ?? '',
          };
          events.push(ev);
          for (const w of [...waiters]) {
            if (w.pred(ev)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(ev);
            }
          }
        }
      }
      return true;
    },
    'http://jabber.org/protocol/pubsub#event',
    'message',
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Strophe did not connect within ${timeoutMs} ms`)),
      timeoutMs,
    );
    conn.connect(jid, password, (status: number, condition?: string) => {
      const S = strophe.Strophe.Status;
      if (status === S.CONNECTED) {
        clearTimeout(timer);
        resolve();
      } else if (status === S.AUTHFAIL || status === S.CONNFAIL || status === S.ERROR) {
        clearTimeout(timer);
        // Strophe stays "connected" after AUTHFAIL (its idle timer keeps running); the desktop
        // disconnects at this point, and so do we.
        conn.connect_callback = () => {};
        conn.disconnect('failed');
        reject(
          Object.assign(new Error(`Strophe status ${status} ${condition ?? ''}`), { status, condition }),
        );
      }
    });
  });
  return {
    conn,
    events,
    waitForEvent(pred, ms = 30_000) {
      const found = events.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = {
          pred,
          resolve: (e: PubsubEvent) => {
            clearTimeout(timer);
            resolve(e);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`no matching pubsub event within ${ms} ms; got ${events.length}`));
        }, ms);
        waiters.push(w);
      });
    },
    iq(stanza) {
      return new Promise((resolve) => {
        conn.sendIQ(stanza, resolve, (e: Element | null) => resolve(e as Element), 5000);
      });
    },
    disconnect() {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2000);
        conn.connect_callback = (status: number) => {
          if (status === strophe.Strophe.Status.DISCONNECTED) {
            clearTimeout(timer);
            resolve();
          }
        };
        conn.disconnect('test done');
      });
    },
  };
}
