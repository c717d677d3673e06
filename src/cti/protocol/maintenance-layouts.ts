import { invokeId } from './call-fields.ts';
import { fixed as f, layout } from './fields.ts';

/**
 * The CTI server's graceful maintenance handshake, protocol v24+ (UCCE 12.6; cti-and-peers.md A.1,
 * read in the 12.6 and 15.0 guides): the active side asks every client whether it may go into
 * maintenance (ACTIVE_MAINTENANCE_REQ, 278), the client accepts within 5 s (…_RESP, 279, a BOOL),
 * the server says it has begun (ACTIVE_MAINTENANCE_EVENT, 280), and the client answers that it
 * sends nothing more to this side (STOPPING_REQUESTS_TO_THIS_SIDE_IND, 281) before it moves to the
 * other side. The sequence and the BOOL are read; the field lists are (inferred): the REQ carries
 * an InvokeID as every request does and the RESP echoes it; the EVENT and the IND carry nothing.
 */
export const MAINTENANCE_LAYOUTS = {
  ACTIVE_MAINTENANCE_REQ: layout([invokeId], []),
  ACTIVE_MAINTENANCE_RESP: layout([invokeId, f('accept', 'bool')], []),
  ACTIVE_MAINTENANCE_EVENT: layout([], []),
  STOPPING_REQUESTS_TO_THIS_SIDE_IND: layout([], []),
} as const;
