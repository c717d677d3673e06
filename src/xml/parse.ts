import { type SaxesAttributeNS, SaxesParser, type SaxesTagNS } from 'saxes';
import { XmlElement } from './element.ts';

export type ParseResult = { ok: true; root: XmlElement } | { ok: false; error: string };

export interface ParseOptions {
  /** Refuse documents longer than this many characters (default 1 MiB). */
  maxLength?: number;
}

function toElement(tag: SaxesTagNS): XmlElement {
  const attrs: Record<string, string> = {};
  for (const a of Object.values(tag.attributes) as SaxesAttributeNS[]) attrs[a.name] = a.value;
  return new XmlElement(tag.name, attrs, [], tag.uri ?? '');
}

/**
 * Parses one whole document strictly (XML 1.0 + namespaces, via saxes). DTDs, processing
 * instructions and invalid characters are refused: none of them has a place in XMPP or the Finesse
 * REST API, and a DTD is the door to entity-expansion attacks. Never throws.
 */
export function parseXml(text: string, options: ParseOptions = {}): ParseResult {
  const maxLength = options.maxLength ?? 1024 * 1024;
  if (text.length > maxLength) return { ok: false, error: `document larger than ${maxLength} characters` };
  const parser = new SaxesParser({ xmlns: true, position: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let error: string | undefined;
  const fail = (msg: string) => {
    error ??= msg;
  };
  parser.on('error', (e) => fail(e.message));
  parser.on('doctype', () => fail('DTD not allowed'));
  parser.on('processinginstruction', () => fail('processing instruction not allowed'));
  parser.on('opentag', (tag) => {
    const node = toElement(tag as SaxesTagNS);
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else root = node;
    stack.push(node);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const onText = (t: string) => {
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(t);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  try {
    parser.write(text).close();
  } catch (e) {
    fail((e as Error).message);
  }
  if (error) return { ok: false, error };
  if (!root) return { ok: false, error: 'no root element' };
  return { ok: true, root };
}

export interface StreamParserEvents {
  streamStart(root: XmlElement): void;
  stanza(stanza: XmlElement): void;
  streamEnd(): void;
  error(message: string, condition: 'not-well-formed' | 'policy-violation' | 'restricted-xml'): void;
}

/**
 * Incremental parser for an XMPP stream (RFC 6120 §4): `<stream:stream>` opens, each depth-1
 * element is a stanza, `</stream:stream>` closes. Feed it chunks as they come off the socket;
 * call `reset()` on stream restart (after STARTTLS or SASL success, RFC 6120 §6.4.6).
 */
export class StreamParser {
  readonly #events: StreamParserEvents;
  readonly #maxStanzaLength: number;
  #parser!: SaxesParser<{ xmlns: true; position: true }>;
  #stack: XmlElement[] = [];
  #stanzaStart = 0;
  #failed = false;
  // Stanzas closed during the current write(). saxes reports a mismatched close tag *after* emitting
  // closetag for the open element, so delivery waits until the chunk is parsed and the bogus one is dropped.
  #pending: { stanza: XmlElement | undefined; position: number }[] = [];
  #error:
    | { message: string; condition: 'not-well-formed' | 'policy-violation' | 'restricted-xml' }
    | undefined;

  constructor(events: StreamParserEvents, options: { maxStanzaLength?: number } = {}) {
    this.#events = events;
    // Prosody's c2s_stanza_size_limit default.
    this.#maxStanzaLength = options.maxStanzaLength ?? 256 * 1024;
    this.reset();
  }

  get failed(): boolean {
    return this.#failed;
  }

  reset(): void {
    const parser = new SaxesParser({ xmlns: true, position: true });
    this.#parser = parser;
    this.#stack = [];
    this.#failed = false;
    this.#pending = [];
    this.#error = undefined;
    parser.on('error', (e) => this.#fail(e.message, 'not-well-formed'));
    parser.on('doctype', () => this.#fail('DTD not allowed', 'restricted-xml'));
    parser.on('processinginstruction', () =>
      this.#fail('processing instruction not allowed', 'restricted-xml'),
    );
    parser.on('comment', () => this.#fail('comments not allowed', 'restricted-xml'));
    parser.on('opentag', (tag) => {
      if (this.#failed) return;
      const node = toElement(tag as SaxesTagNS);
      const depth = this.#stack.length;
      if (depth === 0) {
        this.#stack.push(node);
        this.#events.streamStart(node);
        return;
      }
      if (depth === 1) this.#stanzaStart = parser.position;
      this.#stack[depth - 1].children.push(node);
      this.#stack.push(node);
    });
    parser.on('closetag', () => {
      if (this.#failed) return;
      const node = this.#stack.pop();
      const depth = this.#stack.length;
      if (depth === 0) {
        this.#pending.push({ stanza: undefined, position: parser.position });
      } else if (depth === 1 && node) {
        // Detach from the stream root so a long-lived stream does not accumulate stanzas.
        this.#stack[0].children.length = 0;
        this.#pending.push({ stanza: node, position: parser.position });
      }
    });
    const onText = (t: string) => {
      if (this.#failed) return;
      const depth = this.#stack.length;
      // Whitespace between stanzas (keep-alives) is ignored; text at depth 1 is not allowed.
      if (depth >= 2) this.#stack[depth - 1].children.push(t);
      else if (depth === 1 && t.trim() !== '')
        this.#fail('character data at stream level', 'not-well-formed');
    };
    parser.on('text', onText);
    parser.on('cdata', onText);
  }

  write(chunk: string): void {
    if (this.#failed) return;
    try {
      this.#parser.write(chunk);
    } catch (e) {
      this.#fail((e as Error).message, 'not-well-formed');
    }
    if (
      !this.#failed &&
      this.#stack.length >= 2 &&
      this.#parser.position - this.#stanzaStart > this.#maxStanzaLength
    ) {
      this.#fail(`stanza larger than ${this.#maxStanzaLength} characters`, 'policy-violation');
    }
    const pending = this.#pending;
    this.#pending = [];
    for (const p of pending) {
      if (p.stanza) this.#events.stanza(p.stanza);
      else this.#events.streamEnd();
    }
    const error = this.#error;
    if (error) {
      this.#error = undefined;
      this.#events.error(error.message, error.condition);
    }
  }

  #fail(message: string, condition: 'not-well-formed' | 'policy-violation' | 'restricted-xml'): void {
    if (this.#failed) return;
    this.#failed = true;
    const last = this.#pending[this.#pending.length - 1];
    if (last && last.position === this.#parser.position) this.#pending.pop();
    this.#error = { message, condition };
  }
}
