/**
 * Strophe.js — the XMPP library of the Finesse desktop — as a real BOSH/WebSocket client in Node.
 * Its Node build brings DOMParser (xmldom) and WebSocket (ws) itself; BOSH also needs an
 * XMLHttpRequest with `responseXML`, which xhr2 lacks, so we parse `responseText` on demand
 * (xmpp-bosh.md §6).
 */
import { DOMParser } from '@xmldom/xmldom';
import XHR2 from 'xhr2';

class XMLHttpRequestWithXml extends (XHR2 as unknown as typeof XMLHttpRequest) {
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

const strophe = await import('strophe.js');
export const { Strophe, $pres, $iq } = strophe;
type Connection = InstanceType<typeof strophe.Strophe.Connection>;

export interface PubsubEvent {
  node: string;
  itemId: string;
  /** The unescaped text of `<notification>`: the Finesse `<Update>` document. */
  payload: string;
  from: string;
}

export interface StropheSession {
  conn: Connection;
  jid: string;
  events: PubsubEvent[];
  /** Resolves with the first event (past or future) matching the predicate. */
  waitForEvent(pred: (e: PubsubEvent) => boolean, timeoutMs?: number): Promise<PubsubEvent>;
  disconnect(): Promise<void>;
}

/** Connects (SASL PLAIN, bind), sends initial presence with priority 0, and collects pubsub events. */
export async function connectStrophe(
  service: string,
  jid: string,
  password: string,
  options: { timeoutMs?: number } = {},
): Promise<StropheSession> {
  const conn = new strophe.Strophe.Connection(service, {});
  const events: PubsubEvent[] = [];
  const waiters: { pred: (e: PubsubEvent) => boolean; resolve: (e: PubsubEvent) => void }[] = [];
  conn.addHandler(
    (msg: Element) => {
      for (const items of Array.from(msg.getElementsByTagName('items'))) {
        for (const item of Array.from(items.getElementsByTagName('item'))) {
          const n = item.getElementsByTagName('notification')[0];
          const ev: PubsubEvent = {
            node: items.getAttribute('node') ?? '',
            itemId: item.getAttribute('id') ?? '',
            payload: n?.textContent ?? '',
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
    const timer = setTimeout(() => reject(new Error(`Strophe did not connect within ${options.timeoutMs ?? 5000} ms`)), options.timeoutMs ?? 5000);
    conn.connect(jid, password, (status: number, condition?: string) => {
      const S = strophe.Strophe.Status;
      if (status === S.CONNECTED) {
        clearTimeout(timer);
        conn.send(strophe.$pres().c('priority').t('0'));
        resolve();
      } else if (status === S.AUTHFAIL || status === S.CONNFAIL || status === S.ERROR) {
        clearTimeout(timer);
        reject(Object.assign(new Error(`Strophe status ${status} ${condition ?? ''}`), { status, condition }));
      }
    });
  });
  return {
    conn,
    jid: conn.jid,
    events,
    waitForEvent(pred, timeoutMs = 5000) {
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
          reject(new Error(`no matching pubsub event within ${timeoutMs} ms; got ${events.length}: ${events.map((e) => e.payload.slice(0, 200)).join(' | ')}`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    disconnect() {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2000);
        conn.addHandler(() => true, null, 'presence');
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
