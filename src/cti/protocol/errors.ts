import { CtiStatus } from './status-codes.ts';

/**
 * Why bytes could not become a message. The codes are stable API (log lines and tests match on
 * them, never on the text); each maps to the status a CTI server answers with.
 */
export const PROTOCOL_ERRORS = {
  CTI_ERR_SHORT_FRAME: {
    status: CtiStatus.E_CTI_BAD_MESSAGE_FORMAT,
    doc: 'fewer bytes than the 8-byte header',
  },
  CTI_ERR_BAD_LENGTH: {
    status: CtiStatus.E_CTI_BAD_MESSAGE_FORMAT,
    doc: 'MessageLength disagrees with the frame',
  },
  CTI_ERR_TRUNCATED: {
    status: CtiStatus.E_CTI_BAD_MESSAGE_FORMAT,
    doc: 'a field runs past the end of the message',
  },
  CTI_ERR_BAD_FIELD: {
    status: CtiStatus.E_CTI_INVALID_FIELD_LENGTH,
    doc: 'a floating field too long or of the wrong size',
  },
  CTI_ERR_FRAME_TOO_LARGE: {
    status: CtiStatus.E_CTI_BAD_MESSAGE_FORMAT,
    doc: 'MessageLength above the largest message',
  },
} as const;

export type ProtocolErrorCode = keyof typeof PROTOCOL_ERRORS;

export interface ProtocolError {
  code: ProtocolErrorCode;
  /** Human-readable detail for the log line. */
  message: string;
  /** MHDR MessageType when the header could be read. */
  messageType?: number;
}

export function protocolError(code: ProtocolErrorCode, message: string, messageType?: number): ProtocolError {
  return messageType === undefined ? { code, message } : { code, message, messageType };
}
