import {
  type FixedKind,
  type FloatingSpec,
  KIND_SIZE,
  type Layout,
  type NamedArrayItem,
  type NamedVariable,
} from './fields.ts';
import { LAYOUTS, type Message } from './layouts.ts';
import { MessageType } from './messages.ts';
import { type CodecOptions, versionOf } from './version.ts';

/** MHDR: MessageLength (UINT, body only — the header is NOT counted) + MessageType (UINT), A.2. */
export const HEADER_LENGTH = 8;

/**
 * Encodes a message as one frame (header, fixed part, floating part; big-endian, A.2). Bad values
 * (a missing fixed field, a number out of its type's range, a string over its max) are our own
 * misuse and throw; parse, by contrast, never throws.
 */
export function serializeMessage(msg: Message, options: CodecOptions): Buffer {
  if (msg.type === 'UNKNOWN') return withHeader(msg.messageType, [msg.body]);
  const layout: Layout = LAYOUTS[msg.type];
  const values = msg as unknown as Record<string, unknown>;
  const version = versionOf(options);

  const fixedFields = layout.fixed.filter((spec) => spec.since === undefined || version >= spec.since);
  const fixedPart = Buffer.alloc(fixedFields.reduce((n, spec) => n + KIND_SIZE[spec.kind], 0));
  let offset = 0;
  for (const spec of fixedFields) {
    const value = values[spec.name] ?? (spec.since !== undefined ? 0 : undefined);
    if (value === undefined) throw new TypeError(`${msg.type}.${spec.name} is required`);
    offset = writeNumber(fixedPart, offset, spec.kind, spec.kind === 'bool' ? Number(Boolean(value)) : value);
  }

  const floatingParts: Buffer[] = [];
  const put = (spec: FloatingSpec, value: unknown) =>
    floatingParts.push(encodeFloating(msg.type, spec, value, options.tagWidth));
  const writtenGroups = new Set<string>();
  for (const spec of layout.floating) {
    const value = values[spec.name];
    if (spec.list && spec.group !== undefined) {
      if (writtenGroups.has(spec.group)) continue;
      writtenGroups.add(spec.group);
      const members = layout.floating.filter((s) => s.group === spec.group);
      const lists = members.map((s) => listOf(msg.type, s, values[s.name]));
      const count = Math.max(...lists.map((l) => l.length));
      for (let i = 0; i < count; i++) {
        members.forEach((s, m) => {
          if (lists[m][i] !== undefined) put(s, lists[m][i]);
        });
      }
    } else if (spec.list) {
      for (const item of listOf(msg.type, spec, value)) put(spec, item);
    } else if (value !== undefined) {
      put(spec, value);
    }
  }
  return withHeader(MessageType[msg.type], [fixedPart, ...floatingParts]);
}

function withHeader(messageType: number, parts: Buffer[]): Buffer {
  const header = Buffer.alloc(HEADER_LENGTH);
  const body = Buffer.concat(parts);
  header.writeUInt32BE(body.length, 0);
  header.writeUInt32BE(messageType, 4);
  return Buffer.concat([header, body]);
}

function listOf(type: string, spec: FloatingSpec, value: unknown): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TypeError(`${type}.${spec.name} must be a list`);
  return value;
}

function writeNumber(buf: Buffer, offset: number, kind: FixedKind, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`expected a number, got ${typeof value}`);
  switch (kind) {
    case 'uchar':
      return buf.writeUInt8(value, offset);
    case 'ushort':
    case 'bool':
      return buf.writeUInt16BE(value, offset);
    case 'short':
      return buf.writeInt16BE(value, offset);
    case 'uint':
    case 'time':
      return buf.writeUInt32BE(value, offset);
    case 'int':
      return buf.writeInt32BE(value, offset);
  }
}

function encodeFloating(type: string, spec: FloatingSpec, value: unknown, tagWidth: 1 | 2): Buffer {
  const data = encodeData(spec, value);
  const limit = Math.min(spec.max, tagWidth === 1 ? 0xff : 0xffff);
  if (data.length > limit) {
    throw new RangeError(
      `${type}.${spec.name} is ${data.length} bytes on the wire, at most ${limit} allowed`,
    );
  }
  const field = Buffer.alloc(2 * tagWidth + data.length);
  if (tagWidth === 1) {
    field.writeUInt8(spec.tag, 0);
    field.writeUInt8(data.length, 1);
  } else {
    field.writeUInt16BE(spec.tag, 0);
    field.writeUInt16BE(data.length, 2);
  }
  data.copy(field, 2 * tagWidth);
  return field;
}

function encodeData(spec: FloatingSpec, value: unknown): Buffer {
  switch (spec.kind) {
    case 'string':
      if (typeof value !== 'string') throw new TypeError(`${spec.name} must be a string`);
      return Buffer.from(`${value}\0`, 'utf8');
    case 'unspec':
      if (!Buffer.isBuffer(value)) throw new TypeError(`${spec.name} must be a Buffer`);
      return value;
    case 'namedVariable': {
      const v = value as NamedVariable;
      return Buffer.from(`${v.name}\0${v.value}\0`, 'utf8');
    }
    case 'namedArray': {
      const v = value as NamedArrayItem;
      return Buffer.concat([Buffer.of(v.index), Buffer.from(`${v.name}\0${v.value}\0`, 'utf8')]);
    }
    default: {
      const data = Buffer.alloc(KIND_SIZE[spec.kind]);
      writeNumber(data, 0, spec.kind, value);
      return data;
    }
  }
}
