/** Builders for the replies every handler needs (RFC 6120 §8). */
import { el, XmlElement, type XmlNode } from '../xml/index.ts';
import { buildStanzaError, type StanzaErrorCode } from './errors.ts';

export type IqType = 'get' | 'set' | 'result' | 'error';

export function isStanza(node: XmlElement): boolean {
  return node.local === 'message' || node.local === 'presence' || node.local === 'iq';
}

/** RFC 6120 §8.2.3: a result goes back from the addressee to the requester, with the same id. */
export function buildIqResult(
  request: XmlElement,
  from: string | undefined,
  to: string | undefined,
  payload?: XmlNode,
): XmlElement {
  return el('iq', { type: 'result', id: request.attr('id') ?? '', from, to }, payload);
}

/** RFC 6120 §8.3.1: an error reply; the original child is not echoed (it MAY be, and is often big). */
export function buildStanzaErrorReply(
  request: XmlElement,
  from: string | undefined,
  to: string | undefined,
  code: StanzaErrorCode,
  text?: string,
): XmlElement {
  return el(request.local, { type: 'error', id: request.attr('id'), from, to }, buildStanzaError(code, text));
}

/** RFC 6120 §8.1.3: `<iq type='get|set'>` has exactly one payload element. */
export function iqPayload(iq: XmlElement): XmlElement | undefined {
  const children = iq.elements();
  return children.length === 1 ? children[0] : undefined;
}

/**
 * XEP-0206 §7 and RFC 7395 §3.3.3: outside a TCP stream a stanza carries its own
 * `xmlns='jabber:client'` (in BOSH the wrapper's default namespace is httpbind, in WebSocket each
 * frame stands alone).
 */
export function qualifyStanza(element: XmlElement): XmlElement {
  if (!isStanza(element) || element.attrs.xmlns !== undefined) return element;
  return new XmlElement(
    element.name,
    { xmlns: 'jabber:client', ...element.attrs },
    element.children,
    element.ns,
  );
}
