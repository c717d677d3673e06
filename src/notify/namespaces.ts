/** Every XML namespace the notification service speaks, in one table (STYLE rule 4). */
export const NS = {
  /** RFC 6120 §4.8.3: content namespace of client-to-server streams. */
  client: 'jabber:client',
  /** RFC 6120 §4.8.1: the `stream:` prefix. */
  stream: 'http://etherx.jabber.org/streams',
  /** RFC 6120 §4.9.2: stream error conditions. */
  streams: 'urn:ietf:params:xml:ns:xmpp-streams',
  /** RFC 6120 §8.3.2: stanza error conditions. */
  stanzas: 'urn:ietf:params:xml:ns:xmpp-stanzas',
  /** RFC 6120 §6.4: SASL negotiation. */
  sasl: 'urn:ietf:params:xml:ns:xmpp-sasl',
  /** RFC 6120 §5: STARTTLS, offered on TCP when a certificate is configured. */
  tls: 'urn:ietf:params:xml:ns:xmpp-tls',
  /** RFC 6120 §7: resource binding. */
  bind: 'urn:ietf:params:xml:ns:xmpp-bind',
  /** RFC 3921 §3 session establishment, kept as an optional no-op (RFC 6121 dropped it). */
  session: 'urn:ietf:params:xml:ns:xmpp-session',
  /** XEP-0199 XMPP Ping. */
  ping: 'urn:xmpp:ping',
  /** XEP-0030 Service Discovery. */
  discoInfo: 'http://jabber.org/protocol/disco#info',
  discoItems: 'http://jabber.org/protocol/disco#items',
  /** RFC 6121 §2 roster; we answer an empty one so desktop clients such as Pidgin settle down. */
  roster: 'jabber:iq:roster',
  /** XEP-0060 Publish-Subscribe. */
  pubsub: 'http://jabber.org/protocol/pubsub',
  pubsubEvent: 'http://jabber.org/protocol/pubsub#event',
  pubsubErrors: 'http://jabber.org/protocol/pubsub#errors',
  pubsubOwner: 'http://jabber.org/protocol/pubsub#owner',
  /** XEP-0124 BOSH wrapper `<body/>`. */
  httpbind: 'http://jabber.org/protocol/httpbind',
  /** XEP-0206 §3: the `xmpp:` attributes on `<body/>`. */
  xbosh: 'urn:xmpp:xbosh',
  /** RFC 7395 §3.3: WebSocket framing `<open/>` and `<close/>`. */
  framing: 'urn:ietf:params:xml:ns:xmpp-framing',
} as const;
