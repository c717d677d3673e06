import { el, type XmlElement } from '../../xml/index.ts';

/**
 * A leaf element that always has an opening and a closing tag, even when empty: Finesse writes
 * `<extension></extension>`, never `<extension/>` (seed 000, GET User), and the wire tests compare
 * verbatim.
 */
export function field(name: string, value: string | number | boolean): XmlElement {
  return el(name, {}, String(value));
}
