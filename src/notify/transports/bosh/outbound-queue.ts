/**
 * What waits for the next response (XEP-0124 §8: the server sends when it has a request to answer),
 * serialized once, with the byte count that gives away a client that stopped reading.
 */
import { serialize, type XmlElement } from '../../../xml/index.ts';
import { qualifyStanza } from '../../stanza.ts';
import type { Payload } from './body.ts';

export class OutboundQueue {
  #items: Payload[] = [];
  #bytes = 0;

  get length(): number {
    return this.#items.length;
  }
  get bytes(): number {
    return this.#bytes;
  }

  push(element: XmlElement): void {
    const text = serialize(qualifyStanza(element));
    this.#items.push({ text, usesStreamPrefix: element.name.startsWith('stream:') });
    this.#bytes += text.length;
  }

  /** Everything queued, in order; the queue is empty afterwards. */
  drain(): Payload[] {
    const out = this.#items;
    this.#items = [];
    this.#bytes = 0;
    return out;
  }
}
