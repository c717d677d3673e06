/**
 * Builds expected GED-188 bytes by hand, byte by byte, so codec tests never compare our serializer
 * with itself (STYLE.md rule 11). Deliberately knows nothing of layouts.ts or serialize.ts.
 */
export class WireBuilder {
  readonly #bytes: number[] = [];
  readonly #tagWidth: 1 | 2;

  constructor(tagWidth: 1 | 2) {
    this.#tagWidth = tagWidth;
  }

  u8(value: number): this {
    this.#bytes.push(value & 0xff);
    return this;
  }

  u16(value: number): this {
    return this.u8(value >> 8).u8(value);
  }

  u32(value: number): this {
    return this.u8(value >>> 24)
      .u8(value >>> 16)
      .u8(value >>> 8)
      .u8(value);
  }

  /** A floating field with raw data. */
  field(tag: number, data: readonly number[]): this {
    if (this.#tagWidth === 1) this.u8(tag).u8(data.length);
    else this.u16(tag).u16(data.length);
    this.#bytes.push(...data);
    return this;
  }

  /** A floating STRING: ASCII text plus its NUL. */
  string(tag: number, text: string): this {
    return this.field(tag, [...[...text].map((c) => c.charCodeAt(0)), 0]);
  }

  fieldU16(tag: number, value: number): this {
    return this.field(tag, [(value >> 8) & 0xff, value & 0xff]);
  }

  fieldU32(tag: number, value: number): this {
    return this.field(tag, [
      (value >>> 24) & 0xff,
      (value >>> 16) & 0xff,
      (value >>> 8) & 0xff,
      value & 0xff,
    ]);
  }

  /** The finished frame: MessageLength (body only) and MessageType, then the body. */
  frame(messageType: number): Buffer {
    const body = this.#bytes;
    const header = new WireBuilder(this.#tagWidth).u32(body.length).u32(messageType);
    return Buffer.from([...header.#bytes, ...body]);
  }
}
