/**
 * What a notification-service (Openfire-style info.log/debug.log) line says, after its timestamp.
 * Tolerant by design: the notification service is free to add lines, and any line not
 * recognised here is `other` and skipped by the tools.
 */

export type NotifyEvent =
  | { kind: 'session-created'; sid?: string; jid?: string }
  | { kind: 'idle-close'; sid: string; jid: string }
  /** The server closed a session whose desktop does not read its notifications. */
  | { kind: 'forced-close'; sid: string; jid: string }
  | { kind: 'session-closed'; sid?: string; jid: string }
  | { kind: 'last-active'; sid: string; ms: number; jid: string }
  | { kind: 'bosh-recv'; sid: string }
  /**
   * A BOSH response body (debug): for a pubsub event, the delivery itself. `node` and `requestId`
   * are its first item's; `nodes` every item's (a desktop between two requests gets several).
   */
  | { kind: 'bosh-sent'; sid: string; jid?: string; node?: string; nodes: string[]; requestId?: string }
  | { kind: 'delivered'; item?: string; node: string; jid: string; sid?: string }
  | { kind: 'store-offline'; jid?: string; node?: string; requestId?: string }
  | { kind: 'route-failed'; jid?: string; node?: string; requestId?: string }
  | { kind: 'service-stop' }
  | { kind: 'service-start' }
  | { kind: 'other' };

/**
 * Every rule is anchored at the start of the text, after at most one Openfire logger name
 * (`HTTPBindLog: `, `RoutingTableImpl: `): the lines quote what clients sent (a SASL user name, a
 * BOSH body), and a quoted "Closing idle session …" inside another line must not read as one.
 */
const at = (pattern: string, flags = '') => new RegExp(`^(?:[\\w.$]+: )?${pattern}`, flags);
const IDLE_CLOSE = at('Closing idle session \\(id=([^)]+)\\): (\\S+)');
const SESSION_CLOSED = at('A session is closed for (\\S+)');
const LAST_ACTIVE = at('Session \\(id=([^)]+)\\) was last active (\\d+) ms ago: (\\S+)');
const BOSH_RECV = at('HTTP RECV\\(([^)]+)\\)');
// src/notify's debug lines for c2s traffic (`TCP RECV(<id>): …`, `WebSocket SENT(<id>): …`): the
// stanzas they quote must not be mistaken for the lines below, so they are matched first.
const STREAM_TRAFFIC = /^(?:TCP|WebSocket) (?:RECV|SENT)\(/;
const BOSH_SENT = at('HTTP SENT\\(([^)]+)\\)');
const FORCED_CLOSE = at('Closing BOSH session \\(id=([^)]+)\\): (\\S+)');
// src/notify: `New bosh session (id=<sid>) from <ip>`, then `Session (id=<sid>) bound to <jid> over bosh`.
const SESSION_BOUND = at('Session \\(id=([^)]+)\\) bound to (\\S+)');
const DELIVERED = at('Delivered item (\\S+) of node (\\S+) to (\\S+?)(?: \\(sid=([^)]+)\\))?$');
const STORE_OFFLINE = at('(?:Unable to route packet\\. )?No session is available so store offline');
const ROUTE_FAILED = at('Failed to route packet to JID: (\\S+)');
// Openfire's own start/stop lines, which the seed's recipes search for, and src/notify's
// `Notification service stopped (Openfire stopped)` / `HTTP bind service started on <host>:<port>`
// (written once per start; further listeners say `HTTP bind service also listening on …`).
const SERVICE_STOP = at('(?:Openfire stop|notification service (?:is )?stop)', 'i');
const SERVICE_START = at('(?:HTTP bind service started|notification service (?:is )?started)', 'i');
// Openfire's and other servers' wordings: `Session … created`, `New … session …`.
const SESSION_CREATED = at(
  '(?:\\S*\\s?session\\b.*\\b(?:created|opened|started|bound)\\b|(?:created|opened|new)\\b.*\\bsession\\b)',
  'i',
);
const SID = /\((?:id|sid)=([^)\s]+)\)|\bsid[=:]\s*"?([\w-]+)/;
const JID = /([^\s@()<>"'=]+@[^\s/()<>"']+(?:\/[^\s()<>"']*)?)/;
const TO_ATTR = /\bto=["']([^"']+)["']/;
const NODE_ATTR = /\bnode=["']([^"']+)["']/;
const NODE_ATTRS = new RegExp(NODE_ATTR.source, 'g');
const ESCAPED_REQUEST_ID = /(?:&lt;|<)requestId(?:&gt;|>)([^&<]*)(?:&lt;|<)\/requestId/;

/** First match wins: the specific Openfire texts before the loose "session created" pattern. */
const RULES: [RegExp, (m: RegExpExecArray, text: string) => NotifyEvent][] = [
  [STREAM_TRAFFIC, () => ({ kind: 'other' })],
  [IDLE_CLOSE, (m) => ({ kind: 'idle-close', sid: m[1], jid: m[2] })],
  [LAST_ACTIVE, (m) => ({ kind: 'last-active', sid: m[1], ms: Number(m[2]), jid: m[3] })],
  [BOSH_RECV, (m) => ({ kind: 'bosh-recv', sid: m[1] })],
  [
    BOSH_SENT,
    (m, text) => ({
      kind: 'bosh-sent',
      sid: m[1],
      ...stanzaKeys(text),
      nodes: [...new Set(Array.from(text.matchAll(NODE_ATTRS), (n) => n[1]))],
    }),
  ],
  [FORCED_CLOSE, (m) => ({ kind: 'forced-close', sid: m[1], jid: m[2] })],
  [SESSION_BOUND, (m) => ({ kind: 'session-created', sid: m[1], jid: m[2] })],
  [DELIVERED, (m) => ({ kind: 'delivered', item: m[1], node: m[2], jid: m[3], sid: m[4] })],
  [SESSION_CLOSED, (m, text) => ({ kind: 'session-closed', jid: m[1], sid: sidOf(text) })],
  [STORE_OFFLINE, (_m, text) => ({ kind: 'store-offline', ...stanzaKeys(text) })],
  [ROUTE_FAILED, (m, text) => ({ kind: 'route-failed', ...stanzaKeys(text), jid: m[1] })],
  [SERVICE_STOP, () => ({ kind: 'service-stop' })],
  [SERVICE_START, () => ({ kind: 'service-start' })],
  [SESSION_CREATED, (_m, text) => ({ kind: 'session-created', sid: sidOf(text), jid: JID.exec(text)?.[1] })],
];

export function parseNotifyText(text: string): NotifyEvent {
  for (const [re, make] of RULES) {
    const m = re.exec(text);
    if (m) return make(m, text);
  }
  return { kind: 'other' };
}

function sidOf(text: string): string | undefined {
  const m = SID.exec(text);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** The addressee, node and requestId of a `<message>` quoted in a routing line. */
function stanzaKeys(text: string): { jid?: string; node?: string; requestId?: string } {
  return {
    jid: TO_ATTR.exec(text)?.[1],
    node: NODE_ATTR.exec(text)?.[1],
    requestId: ESCAPED_REQUEST_ID.exec(text)?.[1] || undefined,
  };
}

/** `2001@host/desktop` → `2001`. */
export function localPart(jid: string): string {
  const at = jid.indexOf('@');
  return at < 0 ? jid : jid.slice(0, at);
}
