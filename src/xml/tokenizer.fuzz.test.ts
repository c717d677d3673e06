/**
 * The tokenizer against saxes, a conforming parser nobody here wrote: thousands of generated
 * documents — valid ones with every construct we accept, and the same mutated byte by byte — must
 * get the same verdict (accepted or refused) and, when accepted, the same tree with the same
 * namespaces. Then the stream parser must build the same stanzas whatever the chunking.
 * Seeded, so a failure names its case and replays.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuTimeOf } from '../../test/support/cpu-time.ts';
import { mulberry32 } from '../../test/support/random.ts';
import type { XmlElement, XmlNode } from './element.ts';
import { parseXml, StreamParser } from './parse.ts';
import { parseWithSaxes } from './testing/saxes-reference.ts';

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const NAMES = ['a', 'b', 'iq', 'body', 'x-y', 'n.1', '_u', 'é', 'Update', 'ü名'];
const PREFIXES = ['p', 'q', 'stream'];
const URIS = ['urn:a', 'urn:b', 'jabber:client', 'http://jabber.org/protocol/pubsub'];
const TEXT_PARTS = [
  'hello',
  ' ',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '&lt;Update&gt;',
  '&amp;',
  '&quot;',
  '&apos;',
  '&#65;',
  '&#x1F600;',
  '>',
  ']]',
  'ünï',
  '😀',
  '"',
  "'",
];

function text(r: Rand): string {
  let s = '';
  for (let i = Math.floor(r() * 5); i > 0; i--) s += pick(r, TEXT_PARTS);
  return s;
}

function attrValue(r: Rand, quote: string): string {
  return text(r)
    .replaceAll(quote, quote === '"' ? '&quot;' : '&apos;')
    .replaceAll(']]', ']');
}

/** A random well-formed element; `declared` are the prefixes in scope. */
function element(r: Rand, depth: number, declared: string[]): string {
  const scope = [...declared];
  const attrs: string[] = [];
  if (r() < 0.3) attrs.push(`xmlns="${pick(r, URIS)}"`);
  if (r() < 0.3) {
    const p = pick(r, PREFIXES);
    if (!scope.includes(p)) scope.push(p);
    attrs.push(`xmlns:${p}="${pick(r, URIS)}"`);
  }
  const prefix = scope.length > 0 && r() < 0.3 ? `${pick(r, scope)}:` : '';
  const name = prefix + pick(r, NAMES);
  const used = new Set<string>();
  for (let i = Math.floor(r() * 3); i > 0; i--) {
    const attr =
      (scope.length > 0 && r() < 0.2 ? `${pick(r, scope)}:` : '') + pick(r, ['id', 'to', 'type', 'k']);
    if (used.has(attr)) continue;
    used.add(attr);
    const q = r() < 0.5 ? '"' : "'";
    attrs.push(`${attr}${r() < 0.2 ? ' = ' : '='}${q}${attrValue(r, q)}${q}`);
  }
  const open = `<${name}${attrs.map((a) => (r() < 0.2 ? '\n  ' : ' ') + a).join('')}${r() < 0.2 ? ' ' : ''}`;
  if (depth > 3 || r() < 0.25) return `${open}/>`;
  let inner = '';
  for (let i = Math.floor(r() * 4); i > 0; i--) {
    const k = r();
    if (k < 0.45) inner += element(r, depth + 1, scope);
    else if (k < 0.85) inner += text(r).replaceAll(']]', ']');
    else if (k < 0.93) inner += `<![CDATA[${text(r).replaceAll(']]', ']')}<&]]>`;
    else inner += `<!-- ${pick(r, ['note', 'a-b', ''])} -->`;
  }
  return `${open}>${inner}</${name}${r() < 0.1 ? ' ' : ''}>`;
}

function document(r: Rand): string {
  const decl = r() < 0.2 ? pick(r, ['<?xml version="1.0"?>', "<?xml version='1.0' encoding='UTF-8'?>"]) : '';
  return `${decl}${r() < 0.2 ? '\n' : ''}${element(r, 0, [])}${r() < 0.2 ? '\n' : ''}`;
}

// Characters that matter to XML, plus ones it forbids.
const MUTANTS = [
  '<',
  '>',
  '&',
  ';',
  '"',
  "'",
  '=',
  '/',
  '!',
  '?',
  '[',
  ']',
  '-',
  ':',
  '#',
  'x',
  ' ',
  '\r',
  '\u0000',
  '\u0008',
  '\uFFFE',
  '\uD800',
  '\uDC00',
  'é',
  'a',
];

function mutate(r: Rand, doc: string): string {
  let s = doc;
  for (let n = 1 + Math.floor(r() * 3); n > 0; n--) {
    const i = Math.floor(r() * (s.length + 1));
    const k = r();
    if (k < 0.33) s = s.slice(0, i) + s.slice(i + 1);
    else if (k < 0.66) s = s.slice(0, i) + pick(r, MUTANTS) + s.slice(i);
    else s = s.slice(0, i) + pick(r, MUTANTS) + s.slice(i + 1);
  }
  return s;
}

/** A canonical form of a tree: names, namespaces, sorted attributes, merged text. */
function canon(node: XmlNode): string {
  if (typeof node === 'string') return JSON.stringify(node);
  const e = node as XmlElement;
  const attrs = Object.entries(e.attrs)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  const children: string[] = [];
  let pendingText = '';
  for (const c of e.children) {
    if (typeof c === 'string') pendingText += c;
    else {
      if (pendingText) children.push(canon(pendingText));
      pendingText = '';
      children.push(canon(c));
    }
  }
  if (pendingText) children.push(canon(pendingText));
  return `(${e.name}{${e.ns}}[${attrs.join(' ')}] ${children.join(' ')})`;
}

function verdict(text: string): string {
  const r = parseXml(text);
  return r.ok ? canon(r.root) : 'refused';
}

// saxes lets a lone surrogate through in attribute values; it is no XML character (§2.2), and
// input decoded from UTF-8 cannot even hold one. Such documents must be refused, whatever saxes says.
const LONE_SURROGATE = /\p{Surrogate}/u;

function reference(text: string): string {
  if (LONE_SURROGATE.test(text)) return 'refused';
  const r = parseWithSaxes(text);
  return r.ok ? canon(r.root) : 'refused';
}

describe('the XML tokenizer against saxes', () => {
  it('agrees on 3,000 generated documents and 6,000 mutations of them', () => {
    const r = mulberry32(Number(process.env.FUZZ_SEED ?? 0x5eed));
    let accepted = 0;
    let refused = 0;
    for (let n = 0; n < 3000; n++) {
      const doc = document(r);
      assert.equal(verdict(doc), reference(doc), `generated case ${n}: ${JSON.stringify(doc)}`);
      accepted++;
      for (let m = 0; m < 2; m++) {
        const bad = mutate(r, doc);
        const ours = verdict(bad);
        assert.equal(ours, reference(bad), `mutation ${m} of case ${n}: ${JSON.stringify(bad)}`);
        if (ours === 'refused') refused++;
      }
    }
    // Both kinds of verdict were exercised.
    assert.ok(accepted === 3000 && refused > 1000, `refused ${refused}`);
  });

  it('refuses what XMPP and the REST API never accept, with the condition a stream reports', () => {
    const conditions: [string, string][] = [
      ['<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', 'restricted-xml'],
      ['<a><?php x?></a>', 'restricted-xml'],
      ['<a><!-- c --></a>', 'restricted-xml'],
      ['<a>\u0000</a>', 'not-well-formed'],
      ['<a>&bogus;</a>', 'not-well-formed'],
      ['<a>&#0;</a>', 'not-well-formed'],
      ['<p:a/>', 'not-well-formed'],
    ];
    for (const [stanza, condition] of conditions) {
      const got: string[] = [];
      const p = new StreamParser({
        streamStart() {},
        stanza() {},
        streamEnd() {},
        error: (_m, c) => got.push(c),
      });
      p.write(
        `<stream:stream xmlns:stream="http://etherx.jabber.org/streams" xmlns="jabber:client">${stanza}`,
      );
      assert.deepEqual(got, [condition], stanza);
    }
  });

  it('builds the same stanzas from a stream however it is cut into chunks', () => {
    const r = mulberry32(42);
    for (let n = 0; n < 300; n++) {
      const stanzas = Array.from({ length: 1 + Math.floor(r() * 4) }, () =>
        element(r, 1, []).replace(/<!--[\s\S]*?-->/g, ''),
      );
      const stream = `<stream:stream xmlns:stream="http://etherx.jabber.org/streams" xmlns="jabber:client">${stanzas.join(' ')}</stream:stream>`;
      const whole = parseXml(stream);
      assert.ok(whole.ok, stream);
      const expected = whole.root.elements().map(canon);
      const got: string[] = [];
      let ended = false;
      const p = new StreamParser({
        streamStart() {},
        stanza: (s) => got.push(canon(s)),
        streamEnd: () => {
          ended = true;
        },
        error: (m) => assert.fail(`${m} in ${stream}`),
      });
      for (let i = 0; i < stream.length; ) {
        const size = 1 + Math.floor(r() * 12);
        p.write(stream.slice(i, i + size));
        i += size;
      }
      assert.deepEqual(got, expected, stream);
      assert.ok(ended);
    }
  });
});

describe('the stream parser on a large stanza sent one character at a time', () => {
  // Each write must cost what it brings, not what already waits: rescanning the waiting token on
  // every write took 20 s for this case; linear, it takes tens of milliseconds.
  for (const [kind, body] of [
    ['text', `<message><body>${'a&lt;'.repeat(50_000)}</body></message>`],
    ['a quoted value full of >', `<message id="${'a>'.repeat(125_000)}"/>`],
    ['a CDATA section', `<message><body><![CDATA[${']>'.repeat(125_000)}]]></body></message>`],
  ] as const) {
    it(`parses ${kind} (250 KB) in linear time`, () => {
      const got: XmlElement[] = [];
      const p = new StreamParser(
        {
          streamStart() {},
          stanza: (s) => got.push(s),
          streamEnd() {},
          error: (m) => assert.fail(m),
        },
        { maxStanzaLength: 300_000 },
      );
      const stream = `<stream:stream xmlns:stream="http://etherx.jabber.org/streams" xmlns="jabber:client">${body}`;
      // CPU time, not elapsed: a loaded machine must not fail this (test/support/cpu-time.ts).
      const ms = cpuTimeOf(() => {
        for (const ch of stream) p.write(ch);
      });
      assert.equal(got.length, 1);
      assert.ok(ms < 5000, `${Math.round(ms)} ms of CPU`);
    });
  }
});
