/**
 * What a bound session's stanzas do (RFC 6120 §8, RFC 6121 §4 and §8): iqs go to the registered
 * handlers or to another resource, messages and directed presence are routed, broadcast presence
 * sets the session's availability. Stateless; one instance serves every session.
 */
import type { TextLog } from '../logs/index.ts';
import { el, XmlElement } from '../xml/index.ts';
import type { StanzaErrorCode } from './errors.ts';
import type { IqRegistry, IqReply } from './iq-registry.ts';
import { type Jid, parseJid } from './jid.ts';
import { NS } from './namespaces.ts';
import { buildIqResult, buildStanzaErrorReply, iqPayload } from './stanza.ts';
import type { StanzaRouter } from './stanza-router.ts';

/** The session as the handler sees it. */
export interface BoundStream {
  readonly jid: Jid;
  readonly isAvailable: boolean;
  send(element: XmlElement): void;
  /** Records broadcast presence; returns whether availability changed. */
  setAvailability(available: boolean, priority: number): boolean;
}

export interface StanzaHandlerContext {
  readonly domain: string;
  readonly pubsubDomain: string;
  /**
   * Route messages, iqs and directed presence from one user to another (an administrator's choice,
   * `NotifyOptions.chat`). Off, a user reaches only its own resources, the server and pubsub.
   */
  readonly isChatAllowed: boolean;
  readonly router: StanzaRouter;
  readonly iq: IqRegistry;
  readonly infoLog: TextLog;
}

const CHAT_OFF = 'messages between users are not routed on this server';

type Target = { kind: 'server' | 'pubsub' | 'remote' | 'malformed' } | { kind: 'user'; jid: Jid };

function stamp(stanza: XmlElement, me: Jid): XmlElement {
  return new XmlElement(stanza.name, { ...stanza.attrs, from: me.full }, stanza.children, stanza.ns);
}

/** RFC 6121 §4.2.2/§4.5.2: the account's available resources (the sender included) see it. */
export function broadcastPresence(router: StanzaRouter, presence: XmlElement, me: Jid): void {
  const attrs: Record<string, string> = { from: me.full };
  const type = presence.attr('type');
  if (type) attrs.type = type;
  for (const s of router.resourcesOf(me.bare)) {
    if (s.isAvailable && s.jid) {
      s.deliver(new XmlElement('presence', { ...attrs, to: s.jid.full }, presence.children, NS.client));
    }
  }
}

export class StanzaHandler {
  readonly #ctx: StanzaHandlerContext;

  constructor(ctx: StanzaHandlerContext) {
    this.#ctx = ctx;
  }

  handle(stream: BoundStream, stanza: XmlElement): void | Promise<void> {
    if (stanza.local === 'iq') return this.#onIq(stream, stanza);
    if (stanza.local === 'message') return this.#onMessage(stream, stanza);
    return this.#onPresence(stream, stanza);
  }

  #resolve(to: string | undefined): Target {
    if (to === undefined) return { kind: 'server' };
    const jid = parseJid(to);
    if (!jid) return { kind: 'malformed' };
    if (jid.local === '') {
      if (jid.domain === this.#ctx.domain) return { kind: 'server' };
      if (jid.domain === this.#ctx.pubsubDomain) return { kind: 'pubsub' };
      return { kind: 'remote' };
    }
    return jid.domain === this.#ctx.domain ? { kind: 'user', jid } : { kind: 'remote' };
  }

  async #onIq(stream: BoundStream, iq: XmlElement): Promise<void> {
    const me = stream.jid;
    const type = iq.attr('type');
    const to = iq.attr('to');
    const isRequest = type === 'get' || type === 'set';
    if (iq.attr('id') === undefined || (!isRequest && type !== 'result' && type !== 'error')) {
      if (isRequest) this.#replyError(stream, iq, 'bad-request');
      return;
    }
    const target = this.#resolve(to);
    if (target.kind === 'user' && this.#isRefusedPeer(me, target.jid, iq)) {
      // RFC 6120 §8.3.1: never an error in answer to an error (or a result).
      return isRequest ? this.#replyError(stream, iq, 'not-allowed', CHAT_OFF) : undefined;
    }
    if (!isRequest) {
      // Replies to the server are dropped (it asks nothing); replies to a user's request go on.
      if (target.kind === 'user' && target.jid.resource)
        this.#ctx.router.routeToUser(stamp(iq, me), target.jid);
      return;
    }
    const payload = iqPayload(iq);
    if (!payload) return this.#replyError(stream, iq, 'bad-request');
    if (target.kind === 'malformed') return this.#replyError(stream, iq, 'jid-malformed');
    if (target.kind === 'remote') return this.#replyError(stream, iq, 'remote-server-not-found');
    if (target.kind === 'user' && (target.jid.bare !== me.bare || target.jid.resource)) {
      if (target.jid.resource && this.#ctx.router.routeToUser(stamp(iq, me), target.jid) > 0) return;
      return this.#replyError(stream, iq, 'service-unavailable');
    }
    // RFC 6120 §10.3.3: an iq to one's own bare JID is answered by the server for the account.
    const scope = target.kind === 'pubsub' ? 'pubsub' : 'server';
    // RFC 6120 §7.7.2.1: one resource per stream.
    if (payload.is('bind', NS.bind)) return this.#replyError(stream, iq, 'not-allowed');
    let reply: IqReply;
    try {
      reply = await this.#ctx.iq.dispatch({ scope, iq, payload, from: me }, type);
    } catch (err) {
      this.#ctx.infoLog.write(`iq handler failed for ${me.full}: ${(err as Error).stack ?? err}`);
      reply = { ok: false, error: 'internal-server-error' };
    }
    if (reply.ok) stream.send(buildIqResult(iq, to, me.full, reply.payload));
    else this.#replyError(stream, iq, reply.error, reply.text);
  }

  #onMessage(stream: BoundStream, message: XmlElement) {
    const type = message.attr('type') ?? 'normal';
    // RFC 6121 §8.5.2: no offline storage, so chat/normal to nobody bounce; headlines vanish.
    const bounces = type !== 'error' && type !== 'headline' && type !== 'groupchat';
    const target = this.#resolve(message.attr('to'));
    if (target.kind === 'user' && this.#isRefusedPeer(stream.jid, target.jid, message)) {
      return type === 'error' ? undefined : this.#replyError(stream, message, 'not-allowed', CHAT_OFF);
    }
    if (target.kind === 'user') {
      if (this.#ctx.router.routeToUser(stamp(message, stream.jid), target.jid) > 0 || !bounces) return;
      return this.#replyError(stream, message, 'service-unavailable');
    }
    if (!bounces || target.kind === 'server' || target.kind === 'pubsub') return;
    this.#replyError(
      stream,
      message,
      target.kind === 'malformed' ? 'jid-malformed' : 'remote-server-not-found',
    );
  }

  #onPresence(stream: BoundStream, presence: XmlElement): void {
    const me = stream.jid;
    const type = presence.attr('type');
    const to = presence.attr('to');
    if (to !== undefined) {
      // Directed presence; subscription management would need a roster, which we do not keep.
      const target = this.#resolve(to);
      // RFC 6121 §4.6.1: presence is never answered with an error; a refused one is dropped.
      if (target.kind === 'user' && this.#isRefusedPeer(me, target.jid, presence)) return;
      if ((type === undefined || type === 'unavailable') && target.kind === 'user') {
        this.#ctx.router.routeToUser(stamp(presence, me), target.jid);
      }
      return;
    }
    if (type === undefined) {
      const n = Number.parseInt(presence.getChildText('priority') ?? '0', 10);
      // RFC 6121 §4.7.2.3: priority is -128..127.
      const changed = stream.setAvailability(true, Number.isNaN(n) ? 0 : Math.max(-128, Math.min(127, n)));
      broadcastPresence(this.#ctx.router, presence, me);
      if (changed) this.#ctx.router.emitPresence({ jid: me.full, bareJid: me.bare, type: 'available' });
    } else if (type === 'unavailable' && stream.isAvailable) {
      stream.setAvailability(false, 0);
      broadcastPresence(this.#ctx.router, presence, me);
      this.#ctx.router.emitPresence({
        jid: me.full,
        bareJid: me.bare,
        type: 'unavailable',
        reason: 'presence',
      });
    }
  }

  /**
   * Whether a stanza to another user's JID must be refused because chat is off (#12: a forged
   * pubsub event sent by one agent to another's desktop). One's own account is never another user.
   */
  #isRefusedPeer(me: Jid, to: Jid, stanza: XmlElement): boolean {
    if (this.#ctx.isChatAllowed || to.bare === me.bare) return false;
    this.#ctx.infoLog.write(
      `Refused ${stanza.local} from ${me.full} to ${to.full}: routing between users is off (chat)`,
    );
    return true;
  }

  #replyError(stream: BoundStream, stanza: XmlElement, code: StanzaErrorCode, text?: string): void {
    stream.send(buildStanzaErrorReply(stanza, stanza.attr('to'), stream.jid.full, code, text));
  }
}

/** An unavailable presence for sessions that end without sending one (RFC 6121 §4.6). */
export function buildUnavailable(): XmlElement {
  return el('presence', { type: 'unavailable' });
}
