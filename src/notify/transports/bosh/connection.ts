/**
 * What a BOSH session is made of and answers through: the HTTP request/response pair as the
 * session sees it (`http-handler.ts` makes them), and the session's settings (`manager.ts` makes them).
 */
import type { Timers } from '../../../clock/index.ts';
import type { TextLog } from '../../../logs/index.ts';
import type { BoshSession } from './session.ts';

/** One HTTP request/response pair, as the session sees it. */
export interface BoshConnection {
  /** Writes the one response; later calls do nothing. */
  respond(status: number, body: string): void;
  /** The client went away before we answered. */
  onClose(fn: () => void): void;
}

export interface BoshSessionOptions {
  sid: string;
  /** The rid of the session creation request. */
  firstRid: number;
  remoteAddress: string;
  isSecure: boolean;
  wait: number;
  hold: number;
  requests: number;
  inactivity: number;
  polling: number;
  maxpause: number;
  /** Negotiated `ver`; undefined for a pre-1.6 client (legacy HTTP error codes, §17.1). */
  ver: string | undefined;
  /** XEP-0124 §9: the client asked for acknowledgements (`ack='1'` at creation). */
  acks: boolean;
  /** A session whose unsent output passes this is closed: nobody is reading it. */
  maxQueuedBytes: number;
  timers: Timers;
  infoLog: TextLog;
  debugLog: TextLog;
  onClosed(session: BoshSession): void;
}
