/**
 * One client stream, whatever carries it (xmpp.js's `connection` vs `tcp`/`websocket`): stream
 * features, SASL (via `SaslNegotiation`), resource binding, presence bookkeeping, and dispatch of
 * stanzas to `StanzaHandler`. Transports feed it parsed
 * elements and give it a `SessionTransport` to write to. All input runs through one promise chain,
 * so stanzas are handled in order even when a step awaits (authenticate, mayRead) — and a transport
 * (BOSH) can await the chain to answer a request with whatever its stanzas produced. A stream that
 * has not bound a resource within `preAuthTimeoutMs` is closed (Prosody's c2s_timeout).
 */
import type { Timers } from '../clock/index.ts';
import type { TextLog } from '../logs/index.ts';
import { el, type XmlElement } from '../xml/index.ts';
import { buildStreamError, type StreamErrorCondition } from './errors.ts';
import { newResource, newStreamId } from './ids.ts';
import { isValidResource, type Jid, makeJid, parseJid } from './jid.ts';
import { addressOf, type LimitedStream, type SessionLimits } from './limits.ts';
import { NS } from './namespaces.ts';
import { describeSaslFailure, offeredMechanisms, SaslNegotiation } from './sasl.ts';
import type { SaslAuthority } from './sasl-authority.ts';
import type { SessionTransport, StreamOpen } from './session-transport.ts';
import { buildIqResult, buildStanzaErrorReply, iqPayload, isStanza } from './stanza.ts';
import {
  type BoundStream,
  broadcastPresence,
  buildUnavailable,
  type StanzaHandler,
} from './stanza-handler.ts';
import type { RoutedSession, StanzaRouter } from './stanza-router.ts';
import { buildFeatures, mayUsePlain, type PlainAuthPolicy } from './stream-features.ts';

export interface SessionContext {
  readonly domain: string;
  readonly pubsubDomain: string;
  readonly allowPlainOnInsecure: PlainAuthPolicy;
  /** Who may sign in, and with which SASL mechanisms. */
  readonly authority: SaslAuthority;
  readonly timers: Timers;
  /** A stream with no resource bound after this many ms is closed; 0 never. */
  readonly preAuthTimeoutMs: number;
  readonly router: StanzaRouter;
  readonly stanzas: StanzaHandler;
  readonly infoLog: TextLog;
  /** Sessions per address and resources per account. */
  readonly limits: SessionLimits;
  isSystemUser(bareJid: string): boolean;
  /** Called exactly once when the session has ended, whatever the cause. */
  sessionEnded(session: XmppSession): void;
}

export class XmppSession implements RoutedSession, LimitedStream {
  readonly id: string;
  readonly #ctx: SessionContext;
  readonly #transport: SessionTransport;
  /** What the per-address limits count this stream by (limits.ts). */
  readonly #address: string;
  #authenticating = false;
  #chain: Promise<void> = Promise.resolve();
  #streams = 0;
  #user: Jid | undefined;
  #jid: Jid | undefined;
  #available = false;
  #priority = 0;
  readonly #sasl: SaslNegotiation;
  #closed = false;
  #linkDown = false;
  #preAuthTimer: unknown;

  constructor(ctx: SessionContext, transport: SessionTransport, id = newStreamId()) {
    this.#ctx = ctx;
    this.#transport = transport;
    this.id = id;
    this.#sasl = new SaslNegotiation({
      domain: ctx.domain,
      authority: ctx.authority,
      link: transport,
      mayUsePlain: () => this.#mayUsePlain(),
    });
    ctx.infoLog.write(`New ${transport.kind} session (id=${id}) from ${transport.remoteAddress}`);
    this.#address = addressOf(transport.remoteAddress);
    ctx.limits.opened(this.#address, this);
    if (ctx.preAuthTimeoutMs > 0) {
      this.#preAuthTimer = ctx.timers.setTimeout(() => this.#onPreAuthTimeout(), ctx.preAuthTimeoutMs);
    }
  }

  /** The link this session runs over. */
  get transportKind(): SessionTransport['kind'] {
    return this.#transport.kind;
  }

  /** How long its client has not been heard from (0 for a live connection). */
  idleMs(now: number): number {
    return this.#transport.idleMs?.(now) ?? 0;
  }

  get jid(): Jid | undefined {
    return this.#jid;
  }
  get isAvailable(): boolean {
    return this.#available;
  }
  get priority(): number {
    return this.#priority;
  }
  get isClosed(): boolean {
    return this.#closed;
  }
  get isAuthenticating(): boolean {
    return this.#authenticating;
  }
  /** How delivery lines name the link: the BOSH sid, else the transport (`TCP`, `WebSocket`). */
  get logId(): string {
    return this.#transport.kind === 'BOSH' ? this.id : this.#transport.kind;
  }
  /** The most specific name we have, for log lines. */
  get label(): string {
    return this.#jid?.full ?? this.#user?.bare ?? `unauthenticated (${this.#transport.remoteAddress})`;
  }

  streamStart(open: StreamOpen): Promise<void> {
    return this.#enqueue(() => this.#onStreamStart(open));
  }
  receive(element: XmlElement): Promise<void> {
    return this.#enqueue(() => this.#onElement(element));
  }
  /** The client closed its stream (`</stream:stream>`, `<close/>`, a BOSH terminate). */
  streamEnd(): Promise<void> {
    return this.#enqueue(() => this.#teardown('closed', { close: true }));
  }
  /** The transport found a framing error (bad XML, oversize stanza). */
  fail(condition: StreamErrorCondition, text?: string): Promise<void> {
    return this.#enqueue(() => this.#teardown('error', { error: condition, text }));
  }
  /** The link is gone; stanzas already received are still handled, then the session ends. */
  transportClosed(): void {
    this.#linkDown = true;
    void this.#enqueue(() => this.#teardown('connection-lost', {}));
  }
  /** Server-side end (conflict, idle, shutdown): immediate, queued input is dropped. */
  terminate(reason: string, condition?: StreamErrorCondition): void {
    this.#teardown(reason, condition ? { error: condition } : { close: true });
  }
  deliver(stanza: XmlElement): void {
    this.#send(stanza);
  }
  replace(): void {
    this.terminate('conflict', 'conflict');
  }
  /** The limits need this stream's place for a newer one (limits.ts): immediate, like terminate. */
  evict(why: string): void {
    this.#ctx.infoLog.write(`Closing ${this.#transport.kind} session (id=${this.id}) ${this.label}: ${why}`);
    this.#teardown('evicted', { error: 'policy-violation', text: why });
  }

  #enqueue(step: () => void | Promise<void>): Promise<void> {
    const run = async () => {
      if (this.#closed) return;
      try {
        await step();
      } catch (err) {
        this.#ctx.infoLog.write(
          `Internal error in session (id=${this.id}) ${this.label}: ${(err as Error).stack ?? err}`,
        );
        this.#teardown('error', { error: 'internal-server-error' });
      }
    };
    this.#chain = this.#chain.then(run);
    return this.#chain;
  }

  #send(element: XmlElement): void {
    if (!this.#closed && !this.#linkDown) this.#transport.send(element);
  }

  #onStreamStart(open: StreamOpen) {
    const isFirst = this.#streams === 0;
    this.#openStream();
    const refused = isFirst && this.#ctx.limits.refuseAddress(this.#address);
    if (refused) {
      this.#ctx.infoLog.write(`Refusing ${this.#transport.kind} session (id=${this.id}): ${refused}`);
      return this.#teardown('error', { error: 'policy-violation', text: refused });
    }
    if (open.to !== undefined && open.to.toLowerCase() !== this.#ctx.domain) {
      return this.#teardown('error', {
        error: 'host-unknown',
        text: `this server serves ${this.#ctx.domain}`,
      });
    }
    // RFC 6120 §4.7.5: no version means pre-1.0 (jabber:iq:auth), which we do not speak.
    if (!/^1\.\d+$/.test(open.version ?? ''))
      return this.#teardown('error', { error: 'unsupported-version' });
    this.#send(this.#features());
  }

  #openStream(): void {
    // RFC 6120 §4.7.3: a fresh stream id for every stream, restarts included.
    const id = this.#streams++ === 0 ? this.id : newStreamId();
    this.#transport.openStream({ id, from: this.#ctx.domain, version: '1.0', lang: 'en' });
  }

  #features(): XmlElement {
    return buildFeatures({
      isAuthenticated: this.#user !== undefined,
      isBound: this.#jid !== undefined,
      canStartTls: this.#canStartTls(),
      mechanisms: this.#mayUsePlain() ? offeredMechanisms(this.#ctx.authority) : [],
    });
  }

  #mayUsePlain(): boolean {
    return mayUsePlain(this.#ctx.allowPlainOnInsecure, this.#transport);
  }

  #canStartTls(): boolean {
    return !this.#transport.isSecure && this.#transport.startTls !== undefined;
  }

  async #onElement(node: XmlElement): Promise<void> {
    if (!this.#user) return this.#onPreAuth(node);
    if (!isStanza(node))
      return this.#teardown('error', { error: 'unsupported-stanza-type', text: `<${node.name}>` });
    if (node.ns !== NS.client) return this.#teardown('error', { error: 'invalid-namespace' });
    const from = node.attr('from');
    if (from !== undefined) {
      const j = parseJid(from);
      // RFC 6120 §8.1.2.1: the server checks 'from' against the stream's JID.
      if (!j || (j.full !== this.#jid?.full && j.full !== this.#user.bare)) {
        return this.#teardown('error', { error: 'invalid-from' });
      }
    }
    if (!this.#jid) {
      const payload = iqPayload(node);
      if (node.local === 'iq' && node.attr('type') === 'set' && payload?.is('bind', NS.bind)) {
        return this.#onBind(node, payload);
      }
      // RFC 6120 §7.1: nothing but binding until a resource is bound.
      return this.#teardown('error', { error: 'not-authorized', text: 'bind a resource first' });
    }
    return this.#ctx.stanzas.handle(this.#bound(this.#jid), node);
  }

  async #onPreAuth(node: XmlElement): Promise<void> {
    if (node.is('starttls', NS.tls)) {
      // RFC 6120 §5.4.2.2: not offered here (no certificate, not TCP, already encrypted): failure, close.
      if (!this.#canStartTls()) {
        this.#send(el('failure', { xmlns: NS.tls }));
        return this.#teardown('error', { close: true });
      }
      this.#send(el('proceed', { xmlns: NS.tls }));
      return this.#transport.startTls?.();
    }
    this.#authenticating = true;
    let outcome: Awaited<ReturnType<SaslNegotiation['step']>>;
    try {
      outcome = await this.#sasl.step(node);
    } finally {
      this.#authenticating = false;
    }
    // RFC 6120 §4.9.3.12: stanzas before authentication.
    if (!outcome) return this.#teardown('error', { error: 'not-authorized' });
    if (outcome.kind === 'challenge') return this.#send(el('challenge', { xmlns: NS.sasl }, outcome.data));
    if (outcome.kind === 'success') {
      this.#user = outcome.user;
      this.#ctx.infoLog.write(`Authenticated ${outcome.user.bare} with ${outcome.mechanism} (id=${this.id})`);
      this.#ctx.limits.authenticated(this.#address, this, this.#account());
      this.#send(el('success', { xmlns: NS.sasl }, outcome.data));
      return this.#transport.resetStream();
    }
    this.#send(
      el(
        'failure',
        { xmlns: NS.sasl },
        el(outcome.condition),
        outcome.text !== undefined && el('text', {}, outcome.text),
      ),
    );
    const line = describeSaslFailure(outcome, this.#transport);
    if (line) this.#ctx.infoLog.write(line);
    if (outcome.isFinal) {
      this.#teardown('error', { error: 'policy-violation', text: 'too many authentication attempts' });
    }
  }

  #onBind(iq: XmlElement, bind: XmlElement) {
    const user = this.#user!;
    const requested = bind.getChildText('resource')?.trim();
    if (requested && !isValidResource(requested)) {
      return this.#send(buildStanzaErrorReply(iq, undefined, undefined, 'bad-request'));
    }
    const jid = makeJid(user.local, user.domain, requested || newResource());
    const others = this.#ctx.router.resourcesOf(user.bare).filter((s) => s.jid?.full !== jid.full);
    if (!this.#ctx.isSystemUser(user.bare) && !this.#ctx.limits.mayBindAnother(others.length)) {
      // RFC 6120 §7.6.2.1: the account has reached its limit of connected resources.
      this.#ctx.infoLog.write(
        `Refusing to bind ${jid.full} (id=${this.id}): ${others.length} resources bound, the limit is ${this.#ctx.limits.maxResourcesPerUser}`,
      );
      return this.#send(buildStanzaErrorReply(iq, undefined, undefined, 'resource-constraint'));
    }
    this.#jid = jid;
    this.#ctx.limits.bound(this, this.#account());
    this.#clearPreAuthTimer();
    this.#ctx.router.bind(this, jid);
    const { kind, isSecure } = this.#transport;
    this.#ctx.infoLog.write(
      `Session (id=${this.id}) bound to ${jid.full} over ${kind}${isSecure ? ' (TLS)' : ''}`,
    );
    this.#send(
      buildIqResult(iq, undefined, jid.full, el('bind', { xmlns: NS.bind }, el('jid', {}, jid.full))),
    );
  }

  /** The view `StanzaHandler` gets: send, and availability bookkeeping. */
  #bound(jid: Jid): BoundStream {
    const session = this;
    return {
      jid,
      get isAvailable() {
        return session.#available;
      },
      send: (element) => this.#send(element),
      setAvailability: (available, priority) => {
        const changed = available !== this.#available;
        this.#available = available;
        this.#priority = priority;
        return changed;
      },
    };
  }

  /** The account the limits charge this stream to; system accounts are exempt. */
  #account(): string | undefined {
    const user = this.#user;
    return user && !this.#ctx.isSystemUser(user.bare) ? user.bare : undefined;
  }

  #onPreAuthTimeout(): void {
    this.#preAuthTimer = undefined;
    const { kind, remoteAddress } = this.#transport;
    const seconds = this.#ctx.preAuthTimeoutMs / 1000;
    this.#ctx.infoLog.write(
      `Closing unauthenticated ${kind} connection (id=${this.id}) from ${remoteAddress}: no resource bound within ${seconds} s`,
    );
    this.terminate('idle', 'connection-timeout');
  }

  #clearPreAuthTimer(): void {
    if (this.#preAuthTimer !== undefined) this.#ctx.timers.clearTimeout(this.#preAuthTimer);
    this.#preAuthTimer = undefined;
  }

  #teardown(reason: string, end: { error?: StreamErrorCondition; text?: string; close?: boolean }): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#clearPreAuthTimer();
    if (!this.#linkDown && (end.error || end.close)) {
      // RFC 6120 §4.9.1.1: an error before our stream header still goes inside a stream.
      if (end.error && this.#streams === 0) this.#openStream();
      this.#transport.closeStream(end.error ? buildStreamError(end.error, end.text) : undefined);
    }
    const me = this.#jid;
    this.#ctx.router.unbind(this);
    if (me && this.#available) {
      this.#available = false;
      broadcastPresence(this.#ctx.router, buildUnavailable(), me);
      this.#ctx.router.emitPresence({ jid: me.full, bareJid: me.bare, type: 'unavailable', reason });
    }
    this.#ctx.infoLog.write(`A session is closed for ${this.label}`);
    this.#ctx.limits.closed(this.#address, this, this.#account());
    this.#ctx.sessionEnded(this);
  }
}
