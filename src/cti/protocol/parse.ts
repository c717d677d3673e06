import { type ProtocolError, protocolError } from './errors.ts';
import { type FixedKind, type FloatingSpec, KIND_SIZE, type Layout } from './fields.ts';
import { layoutOf, type Message } from './layouts.ts';
import { MessageType, messageTypeName } from './messages.ts';
import { HEADER_LENGTH } from './serialize.ts';
import { type CodecOptions, versionOf } from './version.ts';

export type ParseResult = { ok: true; message: Message } | { ok: false; error: ProtocolError };

/**
 * Decodes one complete frame (header included, as FrameReader hands it out). Never throws: every
 * malformation is a ProtocolError value. Unknown floating tags are skipped by their length, and
 * message types without a layout come back as `UNKNOWN` with their raw body.
 */
export function parseMessage(frame: Buffer, options: CodecOptions): ParseResult {
  if (frame.length < HEADER_LENGTH) {
    return fail('CTI_ERR_SHORT_FRAME', `frame of ${frame.length} bytes has no complete header`);
  }
  const length = frame.readUInt32BE(0);
  const messageType = frame.readUInt32BE(4);
  if (length !== frame.length - HEADER_LENGTH) {
    return fail(
      'CTI_ERR_BAD_LENGTH',
      `MessageLength ${length} but ${frame.length - HEADER_LENGTH} body bytes`,
      messageType,
    );
  }
  const name = messageTypeName(messageType);
  const layout = name === undefined ? undefined : layoutOf(name);
  if (name === undefined || layout === undefined) {
    return {
      ok: true,
      message: { type: 'UNKNOWN', messageType, body: Buffer.from(frame.subarray(HEADER_LENGTH)) },
    };
  }

  const out: Record<string, unknown> = { type: name };
  const version = versionOf(options);
  let offset = HEADER_LENGTH;
  for (const spec of layout.fixed) {
    if (spec.since !== undefined && version < spec.since) continue;
    const size = KIND_SIZE[spec.kind];
    if (offset + size > frame.length) {
      return fail(
        'CTI_ERR_TRUNCATED',
        `${name}: fixed field ${spec.name} cut off at byte ${offset}`,
        messageType,
      );
    }
    const value = readNumber(frame, offset, spec.kind);
    out[spec.name] = spec.kind === 'bool' ? value !== 0 : value;
    offset += size;
  }

  const w = options.tagWidth;
  const byTag = tagIndex(layout);
  while (offset < frame.length) {
    if (offset + 2 * w > frame.length) {
      return fail(
        'CTI_ERR_TRUNCATED',
        `${name}: floating field header cut off at byte ${offset}`,
        messageType,
      );
    }
    const tag = w === 1 ? frame.readUInt8(offset) : frame.readUInt16BE(offset);
    const size = w === 1 ? frame.readUInt8(offset + 1) : frame.readUInt16BE(offset + 2);
    const start = offset + 2 * w;
    if (start + size > frame.length) {
      return fail(
        'CTI_ERR_TRUNCATED',
        `${name}: floating tag ${tag} (${size} bytes) overruns the frame`,
        messageType,
      );
    }
    const spec = byTag.get(tag);
    if (spec) {
      const value = decodeData(spec, frame.subarray(start, start + size));
      if (value === undefined) {
        return fail('CTI_ERR_BAD_FIELD', `${name}: ${spec.name} (tag ${tag}) has ${size} bytes`, messageType);
      }
      if (!spec.list) out[spec.name] = value;
      else if (Array.isArray(out[spec.name])) (out[spec.name] as unknown[]).push(value);
      else out[spec.name] = [value];
    }
    offset = start + size;
  }
  return { ok: true, message: out as Message };
}

/** VersionNumber of an OPEN_REQ frame: a server needs it to pick the tag width before parsing. */
export function readOpenReqVersion(frame: Buffer): number | undefined {
  // OPEN_REQ fixed part starts InvokeID, VersionNumber (A.4).
  if (frame.length < HEADER_LENGTH + 8 || frame.readUInt32BE(4) !== MessageType.OPEN_REQ) return undefined;
  return frame.readUInt32BE(HEADER_LENGTH + 4);
}

function fail(code: ProtocolError['code'], message: string, messageType?: number): ParseResult {
  return { ok: false, error: protocolError(code, message, messageType) };
}

const TAG_INDEXES = new WeakMap<Layout, Map<number, FloatingSpec>>();

function tagIndex(layout: Layout): Map<number, FloatingSpec> {
  let index = TAG_INDEXES.get(layout);
  if (!index) {
    index = new Map(layout.floating.map((spec) => [spec.tag, spec]));
    TAG_INDEXES.set(layout, index);
  }
  return index;
}

function readNumber(buf: Buffer, offset: number, kind: FixedKind): number {
  switch (kind) {
    case 'uchar':
      return buf.readUInt8(offset);
    case 'ushort':
    case 'bool':
      return buf.readUInt16BE(offset);
    case 'short':
      return buf.readInt16BE(offset);
    case 'uint':
    case 'time':
      return buf.readUInt32BE(offset);
    case 'int':
      return buf.readInt32BE(offset);
  }
}

/** undefined = the data does not fit the field's type. */
function decodeData(spec: FloatingSpec, data: Buffer): unknown {
  switch (spec.kind) {
    case 'string':
      return cString(data, 0).text;
    case 'unspec':
      return Buffer.from(data);
    case 'namedVariable': {
      const name = cString(data, 0);
      return { name: name.text, value: cString(data, name.next).text };
    }
    case 'namedArray': {
      if (data.length < 1) return undefined;
      const name = cString(data, 1);
      return { name: name.text, index: data[0], value: cString(data, name.next).text };
    }
    default:
      return data.length === KIND_SIZE[spec.kind] ? readNumber(data, 0, spec.kind) : undefined;
  }
}

/** A STRING ends at its NUL; a missing NUL is tolerated (the field length bounds it anyway). */
function cString(data: Buffer, from: number): { text: string; next: number } {
  const nul = data.indexOf(0, from);
  const end = nul < 0 ? data.length : nul;
  return { text: data.toString('utf8', from, end), next: Math.min(end + 1, data.length) };
}
