/**
 * The notification service's error registry (STYLE rule 8): every short code we answer with, and
 * its wire form. Codes are public API; each carries a `doc` line (a test checks none is missing).
 */
import { el, type XmlElement } from '../xml/index.ts';
import { NS } from './namespaces.ts';

/** RFC 6120 §8.3.2: the error `type` attribute. */
export type StanzaErrorType = 'auth' | 'cancel' | 'continue' | 'modify' | 'wait';

interface StanzaErrorSpec {
  type: StanzaErrorType;
  /** RFC 6120 §8.3.3 defined condition. */
  condition: string;
  /** XEP-0060 §7/§6 application-specific condition in `pubsub#errors`. */
  pubsub?: string;
  doc: string;
}

/** Stanza errors (`<iq type='error'>`, `<message type='error'>`), by short code. */
export const STANZA_ERRORS = {
  'bad-request': {
    type: 'modify',
    condition: 'bad-request',
    doc: 'The request is malformed (RFC 6120 §8.3.3.1).',
  },
  forbidden: {
    type: 'auth',
    condition: 'forbidden',
    doc: 'The requester may not do this (pubsub: mayRead said no, or not a system user).',
  },
  'internal-server-error': {
    type: 'cancel',
    condition: 'internal-server-error',
    doc: 'A collaborator (authenticate, mayRead) failed; the cause is in info.log.',
  },
  'item-not-found': { type: 'cancel', condition: 'item-not-found', doc: 'No such pubsub node or item.' },
  'resource-constraint': {
    type: 'wait',
    condition: 'resource-constraint',
    doc: 'The account already has maxResourcesPerUser resources bound (RFC 6120 §7.6.2.1).',
  },
  'jid-malformed': {
    type: 'modify',
    condition: 'jid-malformed',
    doc: "A 'to' or 'jid' attribute is not a JID.",
  },
  'not-allowed': {
    type: 'cancel',
    condition: 'not-allowed',
    doc: 'The action is never allowed here: a second resource bind on one stream, or a stanza to another user while chat is off.',
  },
  'remote-server-not-found': {
    type: 'cancel',
    condition: 'remote-server-not-found',
    doc: 'Addressed to another domain; there is no server-to-server link.',
  },
  'service-unavailable': {
    type: 'cancel',
    condition: 'service-unavailable',
    doc: 'Nobody here handles this request, or the recipient has no session (RFC 6120 §8.3.3.19).',
  },
  'invalid-jid': {
    type: 'modify',
    condition: 'bad-request',
    pubsub: 'invalid-jid',
    doc: 'XEP-0060 §6.1.3.1: the subscriber JID is not the bare JID of the requester.',
  },
  'jid-required': {
    type: 'modify',
    condition: 'bad-request',
    pubsub: 'jid-required',
    doc: "XEP-0060 §6.2.3.3: the 'jid' attribute is missing.",
  },
  'nodeid-required': {
    type: 'modify',
    condition: 'bad-request',
    pubsub: 'nodeid-required',
    doc: "XEP-0060 §6.1.3.3: the 'node' attribute is missing (no instant or collection nodes here).",
  },
  'node-exists': {
    type: 'cancel',
    condition: 'conflict',
    doc: 'XEP-0060 §8.1.3: a node with that name already exists.',
  },
  'not-subscribed': {
    type: 'cancel',
    condition: 'unexpected-request',
    pubsub: 'not-subscribed',
    doc: 'XEP-0060 §6.2.3.2: unsubscribe from a node the JID is not subscribed to.',
  },
  'payload-required': {
    type: 'modify',
    condition: 'bad-request',
    pubsub: 'payload-required',
    doc: 'XEP-0060 §7.1.3.6: publish without a payload.',
  },
  'pubsub-unsupported': {
    type: 'cancel',
    condition: 'feature-not-implemented',
    pubsub: 'unsupported',
    doc: 'XEP-0060 §5.4: a pubsub request this service does not implement (configure, purge, …).',
  },
} as const satisfies Record<string, StanzaErrorSpec>;

export type StanzaErrorCode = keyof typeof STANZA_ERRORS;

/**
 * Builds `<error type='…'><condition xmlns='…stanzas'/>[<app xmlns='…pubsub#errors'/>]</error>`.
 * For `pubsub-unsupported`, `text` names the unsupported feature (XEP-0060 §5.4 `feature`).
 */
export function buildStanzaError(code: StanzaErrorCode, text?: string): XmlElement {
  const spec: StanzaErrorSpec = STANZA_ERRORS[code];
  return el(
    'error',
    { type: spec.type },
    el(spec.condition, { xmlns: NS.stanzas }),
    text !== undefined && spec.pubsub !== 'unsupported' && el('text', { xmlns: NS.stanzas }, text),
    spec.pubsub !== undefined &&
      el(
        spec.pubsub,
        spec.pubsub === 'unsupported'
          ? { xmlns: NS.pubsubErrors, feature: text ?? '' }
          : { xmlns: NS.pubsubErrors },
      ),
  );
}

/** RFC 6120 §4.9.3 stream error conditions we send, each with why. */
export const STREAM_ERRORS = {
  conflict:
    'The same full JID was bound again; the newer session wins (RFC 6120 §7.7.2.2, policy "override").',
  'connection-timeout': 'No resource was bound within preAuthTimeoutMs of connecting (RFC 6120 §4.9.3.4).',
  'host-unknown': "The stream header's 'to' is not our domain.",
  'internal-server-error': 'A bug or a failed collaborator; the cause is in info.log.',
  'invalid-from': "A stanza's 'from' is not the JID bound to this stream (RFC 6120 §8.1.2.1).",
  'invalid-namespace': 'The stream or a stanza is not in jabber:client / the streams namespace.',
  'not-authorized': 'A stanza arrived before authentication or resource binding.',
  'not-well-formed': 'The input is not well-formed XML, or has characters XML 1.0 forbids.',
  'policy-violation':
    'A stanza exceeded maxStanzaBytes, the client overran a limit, or its address holds too many sessions (limits).',
  'restricted-xml': 'Comments, processing instructions, DTDs or entity references (RFC 6120 §11.1).',
  'system-shutdown': 'The server is shutting down.',
  'unsupported-stanza-type': 'A top-level element that is not message, presence or iq.',
  'unsupported-version': "The stream header's version is not 1.x.",
} as const;

export type StreamErrorCondition = keyof typeof STREAM_ERRORS;

/** `<stream:error>`; `declareStream` adds xmlns:stream for framings that send it standalone. */
export function buildStreamError(
  condition: StreamErrorCondition,
  text?: string,
  declareStream = false,
): XmlElement {
  return el(
    'stream:error',
    declareStream ? { 'xmlns:stream': NS.stream } : {},
    el(condition, { xmlns: NS.streams }),
    text !== undefined && el('text', { xmlns: NS.streams }, text),
  );
}

/** RFC 6120 §6.5 SASL failure conditions we send. */
export const SASL_FAILURES = {
  aborted: 'The client sent <abort/>.',
  'account-disabled':
    'Too many wrong passwords: the account is locked for new password sign-ins from this address (or from unfamiliar ones) for a while.',
  'incorrect-encoding': 'The SASL data is not valid base64.',
  'invalid-authzid': 'The authorization identity is not the authenticated user (no proxy authorization).',
  'invalid-mechanism': 'A mechanism that was not offered (PLAIN, SCRAM-SHA-256, SCRAM-SHA-1, OAUTHBEARER).',
  'malformed-request':
    'The PLAIN, SCRAM or OAUTHBEARER message is malformed, asks for channel binding, or its nonce does not match.',
  'encryption-required': 'Credentials over an unencrypted link are switched off (allowPlainOnInsecure).',
  'not-authorized': 'Wrong user name, password, SCRAM proof or session token.',
  'temporary-auth-failure':
    'Sign-ins from this address are slowed after failures (retry after the seconds in <text>), the SCRAM keys are not stored yet, or the credential store failed (cause in info.log).',
} as const;

export type SaslFailureCondition = keyof typeof SASL_FAILURES;

/** XEP-0124 §17.2 terminal binding conditions, with the HTTP status for pre-1.6 clients (§17.1). */
export const BOSH_CONDITIONS = {
  'bad-request': {
    legacyStatus: 400,
    doc: 'The body or an attribute is malformed, or has invalid characters.',
  },
  'host-unknown': { legacyStatus: 400, doc: "The session request's 'to' is not our domain." },
  'improper-addressing': { legacyStatus: 400, doc: "The session request has no 'to'." },
  'internal-server-error': { legacyStatus: 500, doc: 'A bug; the cause is in info.log.' },
  'item-not-found': {
    legacyStatus: 404,
    doc: 'Unknown sid, rid outside the window, or a repeated rid whose response is no longer buffered (§14).',
  },
  'other-request': { legacyStatus: 400, doc: 'Another request with the same rid replaced this one.' },
  'policy-violation': {
    legacyStatus: 403,
    doc: 'Too many simultaneous requests, polling too fast, pause > maxpause, or a body over the size limit.',
  },
  'remote-stream-error': {
    legacyStatus: 400,
    doc: 'The XMPP stream inside ended with a stream error (included in the body, e.g. conflict).',
  },
  'system-shutdown': { legacyStatus: 503, doc: 'The server is shutting down.' },
} as const;

export type BoshCondition = keyof typeof BOSH_CONDITIONS;
