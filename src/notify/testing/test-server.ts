/** A notification server on 127.0.0.1 (ephemeral ports) with in-memory logs, for tests. */

import type { NotifyOptions, NotifyServer } from '../options.ts';
import { passwordAuthority } from '../sasl-authority.ts';
import { createNotifyServer } from '../server.ts';
import type { PresenceEvent } from '../stanza-router.ts';
import { type MemoryLog, memoryLog } from './memory-log.ts';

export const DOMAIN = 'localhost';
/** Every user's password is its name; `publisher` is a system user. */
export const USERS = ['2001', '2002', 'publisher'];

export interface TestServer {
  notify: NotifyServer;
  boshUrl: string;
  boshPort: number;
  tcpPort: number;
  /** With `tls`: direct-TLS c2s, and BOSH over https. */
  tlsPort?: number;
  boshTlsUrl?: string;
  infoLog: MemoryLog;
  debugLog: MemoryLog;
  presence: PresenceEvent[];
  /**
   * Resolves once the next BOSH request of session `sid` is taken in and has gone as far as it
   * goes without the network (held, parked, or answered): call it before sending, await it
   * instead of sleeping "until the request is held".
   */
  nextRequest(sid: string): Promise<void>;
  /** Resolves with the first presence event (past or future) matching. */
  waitForPresence(pred: (e: PresenceEvent) => boolean, timeoutMs?: number): Promise<PresenceEvent>;
  stop(): Promise<void>;
}

/** Everyone may read everything except nodes under /forbidden/. */
export async function startTestServer(overrides: Partial<NotifyOptions> = {}): Promise<TestServer> {
  const infoLog = memoryLog();
  const debugLog = memoryLog(true);
  const notify = createNotifyServer({
    domain: DOMAIN,
    authority: passwordAuthority(async (u, p) => USERS.includes(u) && u === p),
    mayRead: (_jid, node) => !node.startsWith('/forbidden/'),
    systemUsers: ['publisher'],
    infoLog,
    debugLog,
    ...overrides,
  });
  const presence: PresenceEvent[] = [];
  const waiters: { pred: (e: PresenceEvent) => boolean; resolve: (e: PresenceEvent) => void }[] = [];
  notify.on('presence', (ev) => {
    presence.push(ev);
    for (const w of [...waiters]) {
      if (w.pred(ev)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(ev);
      }
    }
  });
  const { port: boshPort } = await notify.listenBosh({ host: '127.0.0.1', port: 0 });
  const { port: tcpPort } = await notify.listenTcp({ host: '127.0.0.1', port: 0 });
  const tls = overrides.tls && {
    tlsPort: (await notify.listenTcp({ host: '127.0.0.1', port: 0, directTls: true })).port,
    boshTlsPort: (await notify.listenBosh({ host: '127.0.0.1', port: 0, secure: true })).port,
  };
  return {
    notify,
    boshUrl: `http://127.0.0.1:${boshPort}/http-bind/`,
    boshPort,
    tcpPort,
    tlsPort: tls?.tlsPort,
    boshTlsUrl: tls && `https://localhost:${tls.boshTlsPort}/http-bind/`,
    infoLog,
    debugLog,
    presence,
    // The server writes `HTTP RECV(<sid>)` as it takes a request in; what follows runs in
    // promise jobs (rid order), all done by the next turn of the event loop.
    nextRequest: (sid) =>
      debugLog.next(`HTTP RECV(${sid})`).then(() => new Promise<void>((r) => setImmediate(r))),
    waitForPresence(pred, timeoutMs = 30_000) {
      const found = presence.find(pred);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching presence event; got ${JSON.stringify(presence)}`)),
          timeoutMs,
        );
        waiters.push({
          pred,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      });
    },
    stop: () => notify.close(),
  };
}
