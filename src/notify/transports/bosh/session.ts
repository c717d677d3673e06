/**
 * One BOSH session (XEP-0124 + XEP-0206): request processing in rid order over the rid window
 * (`rid-window.ts`), held requests and their wait timers (`held-requests.ts`), the outbound queue
 * (`outbound-queue.ts`), retransmission, and the inactivity clock (`inactivity-clock.ts`). It is
 * the `SessionTransport` of one `XmppSession`, and never touches HTTP: requests arrive as parsed
 * bodies plus a `BoshConnection`.
 */
import { serialize, type XmlElement } from '../../../xml/index.ts';
import { BOSH_CONDITIONS, type BoshCondition } from '../../errors.ts';
import type { XmppSession } from '../../session.ts';
import type { SessionTransport, StreamHeader } from '../../session-transport.ts';
import { type BoshRequest, buildBody, buildTerminate, type Payload } from './body.ts';
import type { BoshConnection, BoshSessionOptions } from './connection.ts';
import { type Held, HeldRequests } from './held-requests.ts';
import { InactivityClock } from './inactivity-clock.ts';
import { OutboundQueue } from './outbound-queue.ts';
import { RidWindow } from './rid-window.ts';

/** How long a response may go unacknowledged before the client is told it missed it (§9.2). */
export const REPORT_AFTER_MS = 2000;

export class BoshSession implements SessionTransport {
  readonly kind = 'BOSH';
  readonly #o: BoshSessionOptions;
  xmpp!: XmppSession;
  readonly #rids: RidWindow<{ request: BoshRequest; conn: BoshConnection }>;
  readonly #held: HeldRequests<BoshConnection>;
  /** The request whose payloads are being processed; its response carries what they produce. */
  #current: { rid: number; conn: BoshConnection } | undefined;
  readonly #queue = new OutboundQueue();
  #work: Promise<void> = Promise.resolve();
  readonly #clock: InactivityClock;
  #lastEmptyPoll = -Infinity;
  #closed = false;
  /** XEP-0124 §9: a report owed to a client that missed a response. */
  #report: { rid: number; time: number } | undefined;

  constructor(options: BoshSessionOptions) {
    this.#o = options;
    this.#rids = new RidWindow(options.firstRid, options.requests);
    // §7.1 (wait): an empty response after `wait` seconds, unless output comes first.
    this.#held = new HeldRequests(options.timers, options.wait * 1000, (h) => this.#release(h));
    this.#clock = new InactivityClock(options.timers, (seconds) => this.#onInactive(seconds));
  }

  get sid(): string {
    return this.#o.sid;
  }
  get remoteAddress(): string {
    return this.#o.remoteAddress;
  }
  get isSecure(): boolean {
    return this.#o.isSecure;
  }
  get isClosed(): boolean {
    return this.#closed;
  }
  /** For the debug log's "was last active N ms ago": 0 while a request is held. */
  idleMs(now: number): number {
    return this.#held.size > 0 || this.#current ? 0 : this.#clock.idleMs(now);
  }

  /** The session creation request (§7.1): its response carries the stream features (XEP-0206 §3). */
  start(
    request: BoshRequest,
    conn: BoshConnection,
    attrs: Record<string, string | number | undefined>,
  ): void {
    this.#work = this.#create(request, conn, attrs).catch((err: unknown) => this.#crashed(err, conn));
  }

  async #create(
    request: BoshRequest,
    conn: BoshConnection,
    attrs: Record<string, string | number | undefined>,
  ) {
    this.#current = { rid: request.rid, conn };
    await this.xmpp.streamStart({ to: request.to, version: request.xmppVersion ?? '1.0' });
    if (this.#closed) return;
    this.#current = undefined;
    this.#reply(request.rid, conn, 200, buildBody(attrs, this.#queue.drain()));
    this.#idleCheck();
  }

  handle(request: BoshRequest, conn: BoshConnection) {
    if (this.#closed) return this.#error(conn, 'item-not-found');
    this.#clock.touch();
    const { rid } = request;
    const position = this.#rids.position(rid);
    if (position === 'repeat') return this.#repeat(rid, conn);
    if (position === 'beyond') return this.#terminate('item-not-found', conn);
    if (this.#o.acks) this.#checkAck(request.ack);
    const open = this.#held.size + this.#rids.waitingCount + (this.#current ? 1 : 0);
    // §11: more than `requests` at once is overactivity; one extra is allowed to pause or terminate.
    const limit = this.#o.requests + (request.isTerminate || request.pause !== undefined ? 1 : 0);
    if (open + 1 > limit) return this.#terminate('policy-violation', conn);
    const entry = { request, conn };
    this.#rids.park(rid, entry)?.conn.respond(200, buildBody({}));
    conn.onClose(() => {
      this.#rids.unpark(rid, entry);
      this.#connectionClosed(conn);
      this.#idleCheck();
    });
    // Each in-sequence request is processed after the one before it (§14.2: in rid order).
    let taken = false;
    for (const [, { request: r, conn: c }] of this.#rids.takeInSequence()) {
      taken = true;
      this.#work = this.#work.then(() => this.#process(r, c)).catch((err: unknown) => this.#crashed(err, c));
    }
    // A request parked ahead of a gap that never fills must not keep the session alive forever.
    if (!taken) this.#idleCheck();
  }

  /** Ends the session with a binding error answered on `conn` (e.g. a malformed body). */
  terminateWith(condition: BoshCondition, conn: BoshConnection): void {
    this.#terminate(condition, conn);
  }

  // ---- SessionTransport ----------------------------------------------------------------------

  openStream(_header: StreamHeader): void {}

  send(element: XmlElement): void {
    if (this.#closed) return;
    this.#queue.push(element);
    if (this.#queue.bytes > this.#o.maxQueuedBytes) {
      this.#o.infoLog.write(
        `Closing BOSH session (id=${this.sid}): ${this.xmpp.label} is not reading its notifications`,
      );
      this.xmpp.terminate('error', 'policy-violation');
      return;
    }
    this.#flush();
  }

  resetStream(): void {}

  closeStream(error?: XmlElement) {
    const condition = error?.elements()[0]?.local;
    // XEP-0206 §6: a stream error travels inside a remote-stream-error body (Strophe reads
    // <conflict/> there); shutdown has a binding condition of its own.
    if (condition === 'system-shutdown') return this.#terminate('system-shutdown');
    if (error)
      return this.#terminate('remote-stream-error', undefined, {
        text: serialize(error),
        usesStreamPrefix: true,
      });
    this.#terminate(undefined);
  }

  // ---- request processing --------------------------------------------------------------------

  #repeat(rid: number, conn: BoshConnection) {
    const cached = this.#rids.response(rid);
    // §14.3: a resent request gets the original response, byte for byte.
    if (cached) {
      conn.respond(cached.status, cached.body);
      return this.#idleCheck();
    }
    const held = this.#held.find(rid);
    if (held) {
      // The client gave up on the old connection; answer it empty and hold the new one instead.
      held.conn.respond(200, buildBody({}));
      held.conn = conn;
      conn.onClose(() => this.#connectionClosed(conn));
      return;
    }
    if (this.#current?.rid === rid) {
      this.#current.conn.respond(200, buildBody({}));
      this.#current.conn = conn;
      conn.onClose(() => this.#connectionClosed(conn));
      return;
    }
    if (this.#rids.takeUnanswered(rid)) {
      conn.onClose(() => this.#connectionClosed(conn));
      return this.#hold(rid, conn);
    }
    this.#terminate('item-not-found', conn);
  }

  async #process(request: BoshRequest, conn: BoshConnection): Promise<void> {
    if (this.#closed) return this.#error(conn, 'item-not-found');
    const { rid } = request;
    this.#clock.touch();
    // §12 (hold): with more than `hold` requests waiting, the oldest is answered now.
    for (let h = this.#held.oldest; h && this.#held.size >= this.#o.hold; h = this.#held.oldest)
      this.#release(h);
    if (request.pause !== undefined) return this.#pause(request.pause, rid, conn);
    const isEmpty = request.payloads.length === 0 && !request.isRestart && !request.isTerminate;
    if (isEmpty && (this.#o.hold === 0 || this.#o.wait === 0)) {
      // §12 (polling sessions): two empty requests closer than `polling` seconds.
      const now = this.#o.timers.now();
      if (now - this.#lastEmptyPoll < this.#o.polling * 1000)
        return this.#terminate('policy-violation', conn);
      this.#lastEmptyPoll = now;
    }
    this.#current = { rid, conn };
    if (request.isRestart) {
      // XEP-0206 §5: payloads of a restart request are ignored.
      await this.xmpp.streamStart({ to: request.to, version: '1.0' });
    } else {
      // The XMPP session handles input in order, so the last promise settles after all of it.
      let done = Promise.resolve();
      for (const stanza of request.payloads) done = this.xmpp.receive(stanza);
      // XEP-0124 §12: payloads of a terminate request (e.g. unavailable presence) are forwarded first.
      if (request.isTerminate) done = this.xmpp.streamEnd();
      await done;
    }
    if (this.#closed) return;
    const current = this.#current;
    this.#current = undefined;
    // A report (§9.2) goes out at once: the client is missing a response now.
    if (this.#queue.length > 0 || this.#o.hold === 0 || this.#o.wait === 0 || this.#report) {
      this.#reply(rid, current.conn, 200, this.#body(rid));
    } else {
      this.#hold(rid, current.conn);
    }
    this.#idleCheck();
  }

  #pause(seconds: number, rid: number, conn: BoshConnection) {
    if (seconds > this.#o.maxpause) return this.#terminate('policy-violation', conn);
    // §10: answer everything at once and stretch the inactivity limit to the pause.
    for (let h = this.#held.oldest; h; h = this.#held.oldest) this.#release(h);
    this.#reply(rid, conn, 200, this.#body(rid));
    this.#idleCheck(seconds);
  }

  #hold(rid: number, conn: BoshConnection): void {
    // A held request is activity: the inactivity clock stops (§7.1).
    this.#clock.touch();
    this.#held.hold(rid, conn);
  }

  #release(held: Held<BoshConnection>): void {
    if (!this.#held.remove(held)) return;
    this.#reply(held.rid, held.conn, 200, this.#body(held.rid));
    this.#idleCheck();
  }

  #flush(): void {
    const oldest = this.#held.oldest;
    if (!this.#current && oldest) this.#release(oldest);
  }

  /** A response body with what is queued, and with the §9 attributes when acks are on. */
  #body(rid: number): string {
    const payloads = this.#queue.drain();
    if (!this.#o.acks) return buildBody({}, payloads);
    const report = this.#report;
    this.#report = undefined;
    return buildBody(
      {
        // §9.3: answering an older request than the newest received, say which is the newest.
        ack: rid < this.#rids.highestRid ? this.#rids.highestRid : undefined,
        report: report?.rid,
        time: report?.time,
      },
      payloads,
    );
  }

  /**
   * §9.2: the client's `ack` is the highest rid whose response it has. A response sent after that
   * one and still unacknowledged REPORT_AFTER_MS later was lost on the way: say so in the next
   * response, so the client resends that rid (and gets the buffered response, §14.3). The grace
   * period keeps a response that merely crossed the request on the wire from counting as lost.
   */
  #checkAck(ack: number | undefined): void {
    if (ack === undefined) return;
    const missing = this.#rids.response(ack + 1);
    const now = this.#o.timers.now();
    if (missing?.sentAt !== undefined && now - missing.sentAt >= REPORT_AFTER_MS)
      this.#report = { rid: ack + 1, time: now - missing.sentAt };
  }

  #reply(rid: number, conn: BoshConnection, status: number, body: string): void {
    this.#rids.remember(rid, { status, body, sentAt: this.#o.timers.now() });
    if (this.#o.debugLog.enabled) this.#o.debugLog.write(`HTTPBindLog: HTTP SENT(${this.sid}): ${body}`);
    this.#clock.markActivity();
    conn.respond(status, body);
  }

  #connectionClosed(conn: BoshConnection): void {
    const held = this.#held.findConn(conn);
    if (!held || !this.#held.remove(held)) return;
    this.#rids.markUnanswered(held.rid);
    this.#idleCheck();
  }

  // ---- inactivity and termination ------------------------------------------------------------

  /** §7.1 (inactivity): the clock runs only while no request is held or being processed. */
  #idleCheck(seconds = this.#o.inactivity): void {
    if (this.#closed || this.#held.size > 0 || this.#current) return;
    this.#clock.start(seconds);
  }

  #onInactive(seconds: number): void {
    this.#o.infoLog.write(
      `Closing idle session (id=${this.sid}): ${this.xmpp.label} after inactivity for more than threshold value of ${seconds}`,
    );
    this.xmpp.terminate('idle');
  }

  /** A bug must end this session only, never the process (an unhandled rejection would). */
  #crashed(err: unknown, conn: BoshConnection): void {
    this.#o.infoLog.write(`Internal error in BOSH session (id=${this.sid}): ${(err as Error).stack ?? err}`);
    this.#terminate('internal-server-error', conn);
  }

  #error(conn: BoshConnection, condition: BoshCondition): void {
    const status = this.#o.ver === undefined ? BOSH_CONDITIONS[condition].legacyStatus : 200;
    conn.respond(status, buildTerminate(condition));
  }

  /**
   * Ends the BOSH session: the request in hand (or the oldest held one) gets the terminate body,
   * the others an empty body (§12); then the XMPP session ends too, if it has not already.
   */
  #terminate(condition: BoshCondition | undefined, conn?: BoshConnection, payload?: Payload): void {
    if (this.#closed) {
      if (conn) this.#error(conn, 'item-not-found');
      return;
    }
    this.#closed = true;
    this.#clock.stop();
    const legacy = this.#o.ver === undefined && condition !== undefined;
    const status = legacy ? BOSH_CONDITIONS[condition].legacyStatus : 200;
    const body = buildTerminate(condition, payload);
    const target = conn ?? this.#current?.conn ?? this.#held.oldest?.conn;
    target?.respond(status, body);
    const others = [this.#current, ...this.#held.removeAll(), ...this.#rids.drain()];
    for (const o of others) if (o && o.conn !== target) o.conn.respond(200, buildBody({}));
    this.#rids.clear();
    this.#current = undefined;
    this.#queue.drain();
    // Idempotent when the XMPP session is what asked for the end.
    this.xmpp.terminate(condition === undefined ? 'closed' : 'error');
    this.#o.onClosed(this);
  }
}
