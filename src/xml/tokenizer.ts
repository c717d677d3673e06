/**
 * A strict, incremental XML 1.0 tokenizer for what XMPP and the Finesse REST API carry: elements,
 * attributes, text, CDATA, the five predefined entities and character references, comments, and an
 * XML declaration at the very start. A DTD is refused (no entity can ever be declared, so there is
 * nothing to expand); other processing instructions and comments are reported so that the caller
 * decides (XMPP refuses them, RFC 6120 §11.1). Characters XML forbids are refused wherever they
 * appear. Pure: strings in, calls on a sink out; it throws `XmlSyntaxError` on the first fault.
 *
 * Why our own: it is the innermost loop of the notification service (every publish and every BOSH
 * request passes through it). It scans with indexOf and whole-string regular expressions instead
 * of a per-character state machine, which makes escaped payloads — a Finesse `<Update>` travels as
 * text full of `&lt;` — several times cheaper to parse. saxes stays as the reference it is tested
 * against (xml/tokenizer.fuzz.test.ts).
 */

export type XmlFaultCondition = 'not-well-formed' | 'restricted-xml';

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly condition: XmlFaultCondition = 'not-well-formed',
  ) {
    super(message);
  }
}

export interface TokenSink {
  /** `attrs` as written: qualified names, values with references decoded. */
  open(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close(name: string): void;
  /** Character data (CDATA included), line ends normalized, references decoded. */
  text(text: string): void;
  comment?(): void;
  processingInstruction?(target: string): void;
}

// XML 1.0 (5th ed.) §2.2 Char, and §2.3 NameStartChar / NameChar.
const INVALID_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NAME_START =
  ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME = new RegExp(`^[${NAME_START}][${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040]*$`, 'u');
const BAD_REFERENCE = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/;
const REFERENCE = /&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g;
const XML_DECL =
  /^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1(?:\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>$/;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// What a start tag's end is looked for among: a quote opens a value, '>' outside one ends the tag.
const TAG_STOP = /["'>]/g;
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

function checkChars(s: string): void {
  if (INVALID_CHAR.test(s)) {
    const bad = INVALID_CHAR.exec(s)?.[0].codePointAt(0) ?? 0;
    throw new XmlSyntaxError(`invalid XML character U+${bad.toString(16).toUpperCase().padStart(4, '0')}`);
  }
}

function decodeReference(_: string, ref: string): string {
  if (ref.charCodeAt(0) !== 0x23) return PREDEFINED[ref];
  const code =
    ref.charCodeAt(1) === 0x78 ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
  const ch = code <= 0x10ffff ? String.fromCodePoint(code) : '';
  if (ch === '' || INVALID_CHAR.test(ch))
    throw new XmlSyntaxError(`character reference &${ref}; is not a valid XML character`);
  return ch;
}

/** Checks and decodes character data or an attribute value (§2.4, §4.1, §3.3.3). */
function decode(raw: string, isAttribute: boolean): string {
  checkChars(raw);
  let s = raw;
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  if (isAttribute) {
    if (s.includes('<')) throw new XmlSyntaxError('< in an attribute value');
    // Attribute-value normalization: each white space character becomes a space.
    if (/[\t\n]/.test(s)) s = s.replace(/[\t\n]/g, ' ');
  } else if (s.includes(']]>')) throw new XmlSyntaxError(']]> in character data');
  if (!s.includes('&')) return s;
  if (BAD_REFERENCE.test(s)) {
    const ref = /&[^;\s<]{0,20};?/.exec(s.slice(s.search(BAD_REFERENCE)))?.[0] ?? '&';
    throw new XmlSyntaxError(`undefined entity or malformed reference ${ref}`);
  }
  // Escaped payloads hold hundreds of &lt; and &gt;: native replaceAll beats a callback per match.
  if (!s.includes('&#'))
    return s
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&apos;', "'")
      .replaceAll('&amp;', '&');
  return s.replace(REFERENCE, decodeReference);
}

function checkName(name: string): string {
  if (!NAME.test(name)) throw new XmlSyntaxError(`invalid name ${JSON.stringify(name.slice(0, 40))}`);
  return name;
}

export class XmlTokenizer {
  readonly #sink: TokenSink;
  /** The unfinished token's characters, as they came. */
  #chunks: string[] = [];
  #pendingLength = 0;
  /** What the unfinished token is and how far its end has been looked for. */
  #wait:
    | { kind: 'text' | 'end' | 'tag' | 'comment' | 'cdata' | 'pi'; quote: number; tail: string }
    | undefined;
  /** Characters before the unfinished token (consumed). */
  #consumed = 0;
  readonly #open: string[] = [];
  #sawRoot = false;
  #tokenStart = 0;
  #tokenEnd = 0;

  constructor(sink: TokenSink) {
    this.#sink = sink;
  }

  /** Characters received so far, consumed or waiting for the rest of their token. */
  get position(): number {
    return this.#consumed + this.#pendingLength;
  }

  /** Where the token being reported began (absolute character offset). */
  get tokenStart(): number {
    return this.#tokenStart;
  }

  /** Where the tag being reported ends (absolute offset just past its '>'). */
  get tokenEnd(): number {
    return this.#tokenEnd;
  }

  /** Characters waiting for the rest of their token. */
  get pending(): number {
    return this.#pendingLength;
  }

  /**
   * Takes the next chunk. Cost is linear in the chunk, not in what is waiting: an unfinished
   * token's chunks are only scanned for what can end it (`#wait`), and joined once it can end —
   * a 256 KB stanza sent one byte at a time must not cost 256 K × 256 KB.
   */
  write(chunk: string): void {
    if (this.#pendingLength > 0) {
      this.#chunks.push(chunk);
      this.#pendingLength += chunk.length;
      if (this.#wait && !this.#mayEnd(chunk)) return;
      chunk = this.#chunks.join('');
    }
    this.#run(chunk);
  }

  #run(buf: string): void {
    let i = 0;
    for (;;) {
      const next = this.#token(buf, i);
      if (next < 0) break;
      i = next;
    }
    this.#consumed += i;
    const rest = i === 0 ? buf : buf.slice(i);
    this.#chunks = rest.length > 0 ? [rest] : [];
    this.#pendingLength = rest.length;
    this.#wait = undefined;
    if (rest.length > 0) this.#mayEnd(rest);
  }

  /**
   * Whether the waiting token may have ended with `chunk` (then it is parsed), scanning only
   * `chunk`: for text the next '<', for a tag its '>' outside quoted values, for a comment, CDATA
   * section or processing instruction its terminator (which may straddle two chunks). A token
   * too short to tell what it is, or text outside the root (refused at once if not white space),
   * is always parsed again.
   */
  #mayEnd(chunk: string): boolean {
    let w = this.#wait;
    if (!w) {
      // Called with the waiting token's start (from #run): what kind of token it is. Until that
      // is known (#wait stays unset), every chunk has it parsed again.
      const head = chunk;
      if (head.charCodeAt(0) !== 0x3c) w = { kind: 'text', quote: 0, tail: '' };
      else if (head.length < 9) return true;
      else if (head.startsWith('</')) w = { kind: 'end', quote: 0, tail: '' };
      else if (head.startsWith('<!--')) w = { kind: 'comment', quote: 0, tail: '' };
      else if (head.startsWith('<![CDATA[')) w = { kind: 'cdata', quote: 0, tail: '' };
      else if (head.startsWith('<?')) w = { kind: 'pi', quote: 0, tail: '' };
      else if (head.startsWith('<!')) return true;
      else w = { kind: 'tag', quote: 0, tail: '' };
      this.#wait = w;
      if (w.kind !== 'text') chunk = chunk.slice(1);
    }
    switch (w.kind) {
      case 'text':
        return chunk.includes('<') || (this.#open.length === 0 && chunk.trim() !== '');
      case 'end':
        return chunk.includes('>');
      case 'tag': {
        // '>' ends the tag unless it is inside a quoted attribute value.
        for (let i = 0; i < chunk.length; ) {
          if (w.quote !== 0) {
            const close = chunk.indexOf(w.quote === 0x22 ? '"' : "'", i);
            if (close < 0) return false;
            w.quote = 0;
            i = close + 1;
            continue;
          }
          TAG_STOP.lastIndex = i;
          const m = TAG_STOP.exec(chunk);
          if (!m) return false;
          const c = chunk.charCodeAt(m.index);
          if (c === 0x3e) return true;
          w.quote = c;
          i = m.index + 1;
        }
        return false;
      }
      default: {
        const end = w.kind === 'comment' ? '-->' : w.kind === 'cdata' ? ']]>' : '?>';
        const text = w.tail + chunk;
        w.tail = text.slice(-(end.length - 1));
        return text.includes(end);
      }
    }
  }

  /** The document is complete: nothing may be left open or half-written. */
  end(): void {
    const rest = this.#chunks.join('');
    if (rest.trim() !== '') {
      if (this.#open.length === 0 && !rest.includes('<'))
        throw new XmlSyntaxError('text after the root element');
      throw new XmlSyntaxError('unexpected end of document');
    }
    if (this.#open.length > 0)
      throw new XmlSyntaxError(`unclosed element <${this.#open[this.#open.length - 1]}>`);
    if (!this.#sawRoot) throw new XmlSyntaxError('no root element');
  }

  /** Handles the token at `i`; returns where the next one starts, or -1 to wait for more input. */
  #token(buf: string, i: number): number {
    if (i >= buf.length) return -1;
    this.#tokenStart = this.#consumed + i;
    if (buf.charCodeAt(i) !== 0x3c) return this.#text(buf, i);
    if (i + 1 >= buf.length) return -1;
    const c = buf.charCodeAt(i + 1);
    if (c === 0x2f) return this.#endTag(buf, i);
    if (c === 0x21) return this.#bang(buf, i);
    if (c === 0x3f) return this.#pi(buf, i);
    return this.#startTag(buf, i);
  }

  #text(buf: string, start: number): number {
    // A byte order mark may open the document.
    const i = this.#consumed + start === 0 && buf.charCodeAt(0) === 0xfeff ? 1 : start;
    const lt = buf.indexOf('<', i);
    // Without the next '<' the text may go on (and a reference may be cut): wait.
    if (lt < 0) {
      if (this.#open.length === 0) {
        checkChars(buf.slice(i));
        if (buf.slice(i).trim() !== '') throw new XmlSyntaxError('text outside the root element');
      }
      return -1;
    }
    const raw = buf.slice(i, lt);
    if (this.#open.length === 0) {
      checkChars(raw);
      if (raw.trim() !== '') throw new XmlSyntaxError('text outside the root element');
      return lt;
    }
    this.#sink.text(decode(raw, false));
    return lt;
  }

  #startTag(buf: string, start: number): number {
    const n = buf.length;
    let i = start + 1;
    while (i < n) {
      const c = buf.charCodeAt(i);
      if (isSpace(c) || c === 0x2f || c === 0x3e) break;
      i++;
    }
    if (i >= n) return -1;
    const name = checkName(buf.slice(start + 1, i));
    if (this.#open.length === 0 && this.#sawRoot) throw new XmlSyntaxError('a second root element');
    const attrs: Record<string, string> = {};
    for (;;) {
      const afterName = i;
      while (i < n && isSpace(buf.charCodeAt(i))) i++;
      if (i >= n) return -1;
      const c = buf.charCodeAt(i);
      if (c === 0x3e || c === 0x2f) {
        if (c === 0x2f) {
          if (i + 1 >= n) return -1;
          if (buf.charCodeAt(i + 1) !== 0x3e) throw new XmlSyntaxError(`/ not followed by > in <${name}>`);
        }
        const selfClosing = c === 0x2f;
        this.#sawRoot = true;
        if (!selfClosing) this.#open.push(name);
        this.#tokenEnd = this.#consumed + i + (selfClosing ? 2 : 1);
        this.#sink.open(name, attrs, selfClosing);
        return i + (selfClosing ? 2 : 1);
      }
      if (i === afterName)
        throw new XmlSyntaxError(`attributes of <${name}> must be separated by white space`);
      const nameStart = i;
      while (i < n) {
        const d = buf.charCodeAt(i);
        if (d === 0x3d || isSpace(d) || d === 0x3e || d === 0x2f) break;
        i++;
      }
      if (i >= n) return -1;
      const attr = checkName(buf.slice(nameStart, i));
      while (i < n && isSpace(buf.charCodeAt(i))) i++;
      if (i >= n) return -1;
      if (buf.charCodeAt(i) !== 0x3d) throw new XmlSyntaxError(`attribute ${attr} of <${name}> has no value`);
      i++;
      while (i < n && isSpace(buf.charCodeAt(i))) i++;
      if (i >= n) return -1;
      const quote = buf.charCodeAt(i);
      if (quote !== 0x22 && quote !== 0x27)
        throw new XmlSyntaxError(`attribute ${attr} of <${name}> is not quoted`);
      const close = buf.indexOf(quote === 0x22 ? '"' : "'", i + 1);
      if (close < 0) return -1;
      if (Object.hasOwn(attrs, attr)) throw new XmlSyntaxError(`duplicate attribute ${attr} in <${name}>`);
      attrs[attr] = decode(buf.slice(i + 1, close), true);
      i = close + 1;
    }
  }

  #endTag(buf: string, start: number): number {
    const gt = buf.indexOf('>', start);
    if (gt < 0) return -1;
    const name = buf.slice(start + 2, gt).replace(/[ \t\r\n]+$/, '');
    const open = this.#open.pop();
    if (open === undefined) throw new XmlSyntaxError(`</${name.slice(0, 40)}> closes nothing`);
    if (name !== open) throw new XmlSyntaxError(`</${name.slice(0, 40)}> does not close <${open}>`);
    this.#tokenEnd = this.#consumed + gt + 1;
    this.#sink.close(name);
    return gt + 1;
  }

  #bang(buf: string, start: number): number {
    if (buf.startsWith('<!--', start)) {
      const end = buf.indexOf('-->', start + 4);
      if (end < 0) return buf.length - start < 4 ? -1 : this.#waitUnlessInvalid(buf, start);
      const body = buf.slice(start + 4, end);
      checkChars(body);
      if (body.includes('--') || body.endsWith('-')) throw new XmlSyntaxError('-- inside a comment');
      this.#sink.comment?.();
      return end + 3;
    }
    if (buf.startsWith('<![CDATA[', start)) {
      if (this.#open.length === 0) throw new XmlSyntaxError('CDATA outside the root element');
      const end = buf.indexOf(']]>', start + 9);
      if (end < 0) return -1;
      let text = buf.slice(start + 9, end);
      checkChars(text);
      if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
      this.#sink.text(text);
      return end + 3;
    }
    if (buf.startsWith('<!DOCTYPE', start)) throw new XmlSyntaxError('DTD not allowed', 'restricted-xml');
    // A prefix of one of the above still waiting for its next characters.
    const rest = buf.slice(start, start + 9);
    if (['<!--', '<![CDATA[', '<!DOCTYPE'].some((m) => m.startsWith(rest))) return -1;
    throw new XmlSyntaxError('unexpected <!');
  }

  /** An unfinished comment: wait, unless what has come cannot be part of one. */
  #waitUnlessInvalid(buf: string, start: number): number {
    checkChars(buf.slice(start));
    return -1;
  }

  #pi(buf: string, start: number): number {
    const end = buf.indexOf('?>', start + 2);
    if (end < 0) return -1;
    const text = buf.slice(start, end + 2);
    const target = /^<\?([^\s?]*)/.exec(text)?.[1] ?? '';
    if (target.toLowerCase() === 'xml') {
      if (this.#consumed + start !== 0 || !XML_DECL.test(text))
        throw new XmlSyntaxError('XML declaration not at the start, or malformed');
      return end + 2;
    }
    checkName(target);
    checkChars(text);
    this.#sink.processingInstruction?.(target);
    return end + 2;
  }
}
