/**
 * The BOSH session table (Openfire's HttpSessionManager): creates sessions (XEP-0124 §7.1,
 * XEP-0206 §3), routes requests by sid, answers unknown sids and malformed bodies, and runs the
 * one shared timer for the debug log's "was last active" lines.
 */
import type { Timers } from '../../../clock/index.ts';
import type { TextLog } from '../../../logs/index.ts';
import { BOSH_CONDITIONS, type BoshCondition } from '../../errors.ts';
import { newSid } from '../../ids.ts';
import { NS } from '../../namespaces.ts';
import type { XmppSession } from '../../session.ts';
import type { SessionTransport } from '../../session-transport.ts';
import { redactSasl } from '../../traffic-log.ts';
import { type BoshRequest, buildTerminate, negotiateVersion, parseBody } from './body.ts';
import type { BoshConnection } from './connection.ts';
import { BoshSession } from './session.ts';

/** The protocol version we speak (XEP-0124 1.11). */
const SERVER_VERSION = '1.11';
/** Openfire logs every session's last activity on a 30 s cycle. */
const ACTIVITY_LOG_INTERVAL_MS = 30_000;

export interface BoshSettings {
  /** Longest `wait` granted, in seconds (the client's, if lower). */
  wait: number;
  /** Seconds without a held request before a session is closed. */
  inactivity: number;
  /** Most requests held at once (the client's, if lower). */
  hold: number;
  /** `requests` advertised; at least hold + 1 (§7.1). */
  requests: number;
  /** Shortest polling interval, in seconds, for polling sessions (hold or wait 0). */
  polling: number;
  /** Longest `pause` allowed, in seconds. */
  maxpause: number;
}

export interface BoshManagerOptions {
  domain: string;
  settings: BoshSettings;
  /** Largest request body, in characters, that is parsed at all. */
  maxBodyLength: number;
  maxQueuedBytes: number;
  timers: Timers;
  infoLog: TextLog;
  debugLog: TextLog;
  createXmpp(transport: SessionTransport, id: string): XmppSession;
}

export interface ClientInfo {
  remoteAddress: string;
  isSecure: boolean;
  /** The body's bytes are not UTF-8 (XEP-0124 §3 and XEP-0206 require it): bad-request. */
  isBadEncoding?: boolean;
}

export class BoshManager {
  readonly #o: BoshManagerOptions;
  readonly #sessions = new Map<string, BoshSession>();
  #activityTimer: unknown;
  #isShutDown = false;

  constructor(options: BoshManagerOptions) {
    this.#o = options;
  }

  get size(): number {
    return this.#sessions.size;
  }

  handle(text: string, conn: BoshConnection, client: ClientInfo) {
    // Mounted on someone else's HTTP server, requests may still come after close().
    if (this.#isShutDown) return this.#reject(conn, 'system-shutdown', true);
    const parsed = parseBody(text, this.#o.maxBodyLength);
    if (!parsed.ok || client.isBadEncoding) {
      const sid = parsed.ok ? parsed.request.sid : parsed.sid;
      this.#logReceived(sid ?? 'null', text);
      const session = sid === undefined ? undefined : this.#sessions.get(sid);
      // XEP-0124 §17.2: bad-request is terminal, for the session it was meant for too.
      if (session) return session.terminateWith('bad-request', conn);
      return this.#reject(conn, 'bad-request', parsed.ok ? parsed.request.ver !== undefined : parsed.hasVer);
    }
    const request = parsed.request;
    if (request.sid === undefined) return this.#create(request, conn, client, text);
    this.#logReceived(request.sid, text);
    const session = this.#sessions.get(request.sid);
    // §7.1 (inactivity): after the session is gone, its sid is simply unknown.
    if (!session) return this.#reject(conn, 'item-not-found', request.ver !== undefined);
    session.handle(request, conn);
  }

  /** Ends every session with `system-shutdown`. */
  closeAll(): void {
    this.#isShutDown = true;
    for (const s of [...this.#sessions.values()]) s.xmpp.terminate('shutdown', 'system-shutdown');
    this.#stopActivityLog();
  }

  #create(request: BoshRequest, conn: BoshConnection, client: ClientInfo, text: string) {
    const legacy = request.ver === undefined;
    if (request.to === undefined) return this.#reject(conn, 'improper-addressing', !legacy);
    if (request.to.toLowerCase() !== this.#o.domain) return this.#reject(conn, 'host-unknown', !legacy);
    const s = this.#o.settings;
    // §7.1: hold and wait never exceed what the client asked for.
    const hold = Math.min(request.hold ?? 1, s.hold);
    const wait = Math.min(request.wait ?? s.wait, s.wait);
    const requests = Math.max(hold + 1, s.requests);
    const ver = negotiateVersion(request.ver, SERVER_VERSION);
    const sid = newSid();
    this.#logReceived(sid, text);
    const session = new BoshSession({
      sid,
      firstRid: request.rid,
      remoteAddress: client.remoteAddress,
      isSecure: client.isSecure,
      wait,
      hold,
      requests,
      inactivity: s.inactivity,
      polling: s.polling,
      maxpause: s.maxpause,
      ver,
      acks: request.ack === 1,
      maxQueuedBytes: this.#o.maxQueuedBytes,
      timers: this.#o.timers,
      infoLog: this.#o.infoLog,
      debugLog: this.#o.debugLog,
      onClosed: (closed) => {
        if (this.#sessions.get(closed.sid) === closed) this.#sessions.delete(closed.sid);
        if (this.#sessions.size === 0) this.#stopActivityLog();
      },
    });
    session.xmpp = this.#o.createXmpp(session, sid);
    this.#sessions.set(sid, session);
    this.#startActivityLog();
    session.start(request, conn, {
      sid,
      wait,
      requests,
      hold,
      polling: s.polling,
      inactivity: s.inactivity,
      maxpause: s.maxpause,
      ver,
      from: this.#o.domain,
      'xmlns:xmpp': NS.xbosh,
      'xmpp:version': '1.0',
      // XEP-0206 §5: a server that supports restarts MUST say so.
      'xmpp:restartlogic': 'true',
      // XEP-0124 §9.1: acknowledgements are on when both sides say so; ours is the creation rid.
      ack: request.ack === 1 ? request.rid : undefined,
    });
  }

  #reject(conn: BoshConnection, condition: BoshCondition, hasVer: boolean): void {
    // §17.1: pre-1.6 clients (no `ver`) understand HTTP error codes only.
    conn.respond(hasVer ? 200 : BOSH_CONDITIONS[condition].legacyStatus, buildTerminate(condition));
  }

  #logReceived(sid: string, text: string): void {
    if (this.#o.debugLog.enabled)
      this.#o.debugLog.write(`HTTPBindLog: HTTP RECV(${sid}): ${redactSasl(text)}`);
  }

  #startActivityLog(): void {
    if (this.#activityTimer !== undefined) return;
    const tick = () => {
      const { debugLog, timers } = this.#o;
      if (debugLog.enabled) {
        const now = timers.now();
        for (const s of this.#sessions.values()) {
          debugLog.write(`Session (id=${s.sid}) was last active ${s.idleMs(now)} ms ago: ${s.xmpp.label}`);
        }
      }
      this.#activityTimer =
        this.#sessions.size > 0 ? timers.setTimeout(tick, ACTIVITY_LOG_INTERVAL_MS) : undefined;
    };
    this.#activityTimer = this.#o.timers.setTimeout(tick, ACTIVITY_LOG_INTERVAL_MS);
  }

  #stopActivityLog(): void {
    if (this.#activityTimer !== undefined) this.#o.timers.clearTimeout(this.#activityTimer);
    this.#activityTimer = undefined;
  }
}
