import { XmlElement } from './element.ts';
import { type TokenSink, type XmlFaultCondition, XmlSyntaxError, XmlTokenizer } from './tokenizer.ts';

export type ParseResult =
  | { ok: true; root: XmlElement }
  /** `offset`: where the token that failed begins (character offset), when known. */
  | { ok: false; error: string; offset?: number };

export interface ParseOptions {
  /** Refuse documents longer than this many characters (default 1 MiB). */
  maxLength?: number;
  /**
   * Filled with each element's start-tag offset (characters from the document's start), for
   * error messages that name a line (the desktop layout validator).
   */
  positions?: Map<XmlElement, number>;
  /** Refuse elements nested deeper than this (default MAX_DEPTH). */
  maxDepth?: number;
}

/**
 * How deep elements may nest (#12: a stanza 5,000 levels deep overflowed the stack of the
 * recursive walks over the tree, and was caught only as an internal error). The deepest thing
 * XMPP or the Finesse API carries is about ten levels; the bound costs one comparison per element.
 */
export const MAX_DEPTH = 100;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/**
 * Namespaces in XML 1.0 over the tokenizer's qualified names: each element's namespace is resolved
 * when it opens (`XmlElement.ns`), so `getChild('bind', NS_BIND)` works whatever prefix the peer
 * chose. Scopes are shared until an element declares something, which XMPP stanzas rarely do
 * beyond a default namespace.
 */
class Namespaces {
  #defaults: string[] = [''];
  #prefixes: Map<string, string>[] = [new Map([['xml', XML_NS]])];

  /** Enters `name`'s scope and returns its namespace URI. */
  enter(name: string, attrs: Record<string, string>): string {
    let def = this.#defaults[this.#defaults.length - 1];
    let prefixes = this.#prefixes[this.#prefixes.length - 1];
    let copied = false;
    let prefixedAttrs = 0;
    for (const key in attrs) {
      // Like saxes, white space around a namespace name is dropped: a URI never holds any.
      if (key === 'xmlns') def = attrs[key].trim();
      else if (key.startsWith('xmlns:')) {
        const prefix = key.slice(6);
        const uri = attrs[key].trim();
        if (uri === '') throw new XmlSyntaxError(`namespace prefix ${prefix} bound to an empty URI`);
        if (prefix === 'xmlns' || uri === XMLNS_NS)
          throw new XmlSyntaxError('the xmlns prefix cannot be declared');
        if ((prefix === 'xml') !== (uri === XML_NS))
          throw new XmlSyntaxError('the xml prefix is bound to its own URI only');
        if (prefix === '' || prefix.includes(':')) throw new XmlSyntaxError(`malformed prefix in ${key}`);
        if (!copied) {
          prefixes = new Map(prefixes);
          copied = true;
        }
        prefixes.set(prefix, uri);
      } else if (key.includes(':')) prefixedAttrs++;
    }
    this.#defaults.push(def);
    this.#prefixes.push(prefixes);
    if (prefixedAttrs > 0) this.#checkAttributes(attrs, prefixes, prefixedAttrs);
    const colon = name.indexOf(':');
    if (colon < 0) return def;
    return this.#lookup(name, colon, prefixes);
  }

  leave(): void {
    this.#defaults.pop();
    this.#prefixes.pop();
  }

  #lookup(qname: string, colon: number, prefixes: Map<string, string>): string {
    const prefix = qname.slice(0, colon);
    if (colon === 0 || colon === qname.length - 1 || qname.indexOf(':', colon + 1) >= 0)
      throw new XmlSyntaxError(`malformed qualified name ${qname}`);
    const uri = prefixes.get(prefix);
    if (uri === undefined) throw new XmlSyntaxError(`unbound namespace prefix ${prefix}`);
    return uri;
  }

  /** Prefixes are bound, and no two attributes share an expanded name. */
  #checkAttributes(attrs: Record<string, string>, prefixes: Map<string, string>, count: number): void {
    const seen = new Set<string>();
    for (const key in attrs) {
      const colon = key.indexOf(':');
      if (colon < 0 || key.startsWith('xmlns:')) continue;
      const expanded = `${this.#lookup(key, colon, prefixes)} ${key.slice(colon + 1)}`;
      if (count > 1 && seen.has(expanded)) throw new XmlSyntaxError(`duplicate attribute ${key}`);
      seen.add(expanded);
    }
  }
}

/**
 * Parses one whole document strictly (XML 1.0 + namespaces). DTDs, processing instructions and
 * invalid characters are refused: none of them has a place in XMPP or the Finesse REST API, and a
 * DTD is the door to entity-expansion attacks. Comments are skipped. Never throws.
 */
export function parseXml(text: string, options: ParseOptions = {}): ParseResult {
  const maxLength = options.maxLength ?? 1024 * 1024;
  if (text.length > maxLength) return { ok: false, error: `document larger than ${maxLength} characters` };
  const maxDepth = options.maxDepth ?? MAX_DEPTH;
  const stack: XmlElement[] = [];
  const ns = new Namespaces();
  let root: XmlElement | undefined;
  const tokenizer = new XmlTokenizer({
    open(name, attrs, selfClosing) {
      if (stack.length >= maxDepth)
        throw new XmlSyntaxError(`elements nested deeper than ${maxDepth} levels`);
      const node = new XmlElement(name, attrs, [], ns.enter(name, attrs));
      options.positions?.set(node, tokenizer.tokenStart);
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(node);
      else root = node;
      if (selfClosing) ns.leave();
      else stack.push(node);
    },
    close() {
      stack.pop();
      ns.leave();
    },
    text(t) {
      stack[stack.length - 1]?.children.push(t);
    },
    processingInstruction() {
      throw new XmlSyntaxError('processing instruction not allowed', 'restricted-xml');
    },
  });
  try {
    tokenizer.write(text);
    tokenizer.end();
  } catch (e) {
    return { ok: false, error: (e as Error).message, offset: tokenizer.tokenStart };
  }
  if (!root) return { ok: false, error: 'no root element' };
  return { ok: true, root };
}

export type StreamFaultCondition = XmlFaultCondition | 'policy-violation';

export interface StreamParserEvents {
  streamStart(root: XmlElement): void;
  stanza(stanza: XmlElement): void;
  streamEnd(): void;
  error(message: string, condition: StreamFaultCondition): void;
}

class StreamFault extends Error {
  constructor(
    message: string,
    readonly condition: StreamFaultCondition,
  ) {
    super(message);
  }
}

/**
 * Incremental parser for an XMPP stream (RFC 6120 §4): `<stream:stream>` opens, each depth-1
 * element is a stanza, `</stream:stream>` closes. Feed it chunks as they come off the socket;
 * call `reset()` on stream restart (after STARTTLS or SASL success, RFC 6120 §6.4.6). Comments
 * and processing instructions are restricted XML (RFC 6120 §11.1); a stanza, or any single token
 * (the stream header included), longer than `maxStanzaLength` is a policy violation.
 */
export class StreamParser {
  readonly #events: StreamParserEvents;
  readonly #maxStanzaLength: number;
  #tokenizer!: XmlTokenizer;
  #stack: XmlElement[] = [];
  #stanzaStart = 0;
  #failed = false;
  /** Stanzas completed in the current write(), delivered once the chunk is parsed. */
  #pending: (XmlElement | undefined)[] = [];

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
    this.#stack = [];
    this.#failed = false;
    this.#pending = [];
    const ns = new Namespaces();
    const sink: TokenSink = {
      open: (name, attrs, selfClosing) => {
        const depth = this.#stack.length;
        // The stream element is level 0: a stanza may nest MAX_DEPTH levels below it.
        if (depth > MAX_DEPTH)
          throw new StreamFault(`elements nested deeper than ${MAX_DEPTH} levels`, 'policy-violation');
        const node = new XmlElement(name, attrs, [], ns.enter(name, attrs));
        if (depth === 0) {
          this.#events.streamStart(node);
          if (selfClosing) this.#pending.push(undefined);
        } else {
          if (depth === 1) this.#stanzaStart = this.#tokenizer.tokenStart;
          this.#stack[depth - 1].children.push(node);
          if (selfClosing && depth === 1) this.#completed(node);
        }
        if (selfClosing) ns.leave();
        else this.#stack.push(node);
      },
      close: () => {
        ns.leave();
        const node = this.#stack.pop();
        const depth = this.#stack.length;
        if (depth === 0) this.#pending.push(undefined);
        else if (depth === 1 && node) this.#completed(node);
      },
      text: (t) => {
        const depth = this.#stack.length;
        // Whitespace between stanzas (keep-alives) is ignored; text at depth 1 is not allowed.
        if (depth >= 2) this.#stack[depth - 1].children.push(t);
        else if (t.trim() !== '') throw new StreamFault('character data at stream level', 'not-well-formed');
      },
      comment: () => {
        throw new StreamFault('comments not allowed', 'restricted-xml');
      },
      processingInstruction: () => {
        throw new StreamFault('processing instruction not allowed', 'restricted-xml');
      },
    };
    this.#tokenizer = new XmlTokenizer(sink);
  }

  write(chunk: string): void {
    if (this.#failed) return;
    let fault: StreamFault | XmlSyntaxError | undefined;
    try {
      this.#tokenizer.write(chunk);
      const t = this.#tokenizer;
      if (this.#stack.length >= 2 && t.position - this.#stanzaStart > this.#maxStanzaLength)
        throw new StreamFault(`stanza larger than ${this.#maxStanzaLength} characters`, 'policy-violation');
      if (t.pending > this.#maxStanzaLength)
        throw new StreamFault(`a token larger than ${this.#maxStanzaLength} characters`, 'policy-violation');
    } catch (e) {
      if (!(e instanceof StreamFault || e instanceof XmlSyntaxError)) throw e;
      fault = e;
      this.#failed = true;
    }
    const pending = this.#pending;
    this.#pending = [];
    for (const p of pending) {
      if (p) this.#events.stanza(p);
      else this.#events.streamEnd();
    }
    if (fault) this.#events.error(fault.message, fault.condition);
  }

  #completed(node: XmlElement): void {
    if (this.#tokenizer.tokenEnd - this.#stanzaStart > this.#maxStanzaLength)
      throw new StreamFault(`stanza larger than ${this.#maxStanzaLength} characters`, 'policy-violation');
    // Detach from the stream root so a long-lived stream does not accumulate stanzas.
    this.#stack[0].children.length = 0;
    this.#pending.push(node);
  }
}
