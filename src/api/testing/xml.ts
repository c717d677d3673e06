import assert from 'node:assert/strict';
import { parseXml, type XmlElement } from '../../xml/index.ts';

/** Parses a response body, failing the test if it is not well-formed XML. */
export function xml(text: string): XmlElement {
  const r = parseXml(text);
  assert.ok(r.ok, `not XML: ${text}`);
  return r.root;
}

/** Element names and leaf texts, siblings in order, whitespace between elements dropped: the structure a client sees. */
export function shape(e: XmlElement): unknown {
  const kids = e.elements();
  return kids.length === 0 ? [e.name, e.text()] : [e.name, kids.map(shape)];
}

/** The single ApiError of an ApiErrors body, as [ErrorType, ErrorMessage, ErrorData]. */
export async function apiErrorOf(res: Response): Promise<[string, string, string]> {
  const root = xml(await res.text());
  assert.equal(root.name, 'ApiErrors');
  const e = root.getChild('ApiError');
  return [
    e?.getChildText('ErrorType') ?? '',
    e?.getChildText('ErrorMessage') ?? '',
    e?.getChildText('ErrorData') ?? '',
  ];
}

/** The headers every REST response carries. */
export function assertStandardHeaders(res: Response): void {
  assert.equal(res.headers.get('content-type'), 'application/xml');
  assert.equal(res.headers.get('cache-control'), 'no-cache');
  assert.equal(res.headers.get('pragma'), 'No-cache');
}
