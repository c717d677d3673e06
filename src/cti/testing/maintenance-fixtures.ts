import type { CodecOptions } from '../protocol/index.ts';
import type { WireFixture } from './fixtures.ts';
import { WireBuilder } from './wire-builder.ts';

/**
 * The v24 maintenance handshake, byte by byte: message types 278–281 spelled as numbers (A.1's
 * table), never taken from our tables; BOOL is two bytes (A.2).
 */

const V24: CodecOptions = { tagWidth: 2, version: 24 };

export const MAINTENANCE_FIXTURES: WireFixture[] = [
  {
    name: 'ACTIVE_MAINTENANCE_REQ from the CTI server',
    options: V24,
    message: { type: 'ACTIVE_MAINTENANCE_REQ', invokeId: 0x80000001 },
    bytes: new WireBuilder(2).u32(0x80000001).frame(278),
  },
  {
    name: 'ACTIVE_MAINTENANCE_RESP: the client accepts',
    options: V24,
    message: { type: 'ACTIVE_MAINTENANCE_RESP', invokeId: 0x80000001, accept: true },
    bytes: new WireBuilder(2).u32(0x80000001).u16(1).frame(279),
  },
  {
    name: 'ACTIVE_MAINTENANCE_EVENT: an empty body',
    options: V24,
    message: { type: 'ACTIVE_MAINTENANCE_EVENT' },
    bytes: new WireBuilder(2).frame(280),
  },
  {
    name: 'STOPPING_REQUESTS_TO_THIS_SIDE_IND: an empty body',
    options: V24,
    message: { type: 'STOPPING_REQUESTS_TO_THIS_SIDE_IND' },
    bytes: new WireBuilder(2).frame(281),
  },
];
