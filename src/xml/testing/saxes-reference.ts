/** saxes as a reference parser, for tests only. */
import { type SaxesAttributeNS, SaxesParser, type SaxesTagNS } from 'saxes';
import { XmlElement } from '../element.ts';

import type { ParseResult } from '../parse.ts';

function toElement(tag: SaxesTagNS): XmlElement {
  const attrs: Record<string, string> = {};
  for (const a of Object.values(tag.attributes) as SaxesAttributeNS[]) attrs[a.name] = a.value;
  return new XmlElement(tag.name, attrs, [], tag.uri ?? '');
}

/**
 * The reference the tokenizer is tested against: the same document model built by saxes, a
 * conforming XML 1.0 + namespaces parser nobody here wrote (the parser Switchboard used before
 * its own). DTDs and processing instructions are refused as in `parseXml`.
 */
export function parseWithSaxes(text: string): ParseResult {
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
