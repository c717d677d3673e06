import { CtiStatus, ctiStatusName } from '../protocol/index.ts';

/**
 * Why a CTI request failed. Codes are stable API; `status` is always a GED-188 status code so that
 * callers which only understand the wire (core's `CtiPort`: "rejects with `{ status }`") can too.
 */
export const CTI_REQUEST_ERRORS = {
  CTI_FAILURE_CONF: { status: undefined, doc: 'the server answered FAILURE_CONF; status is its code' },
  CTI_CONTROL_FAILURE: {
    status: CtiStatus.E_CTI_UNSPECIFIED_FAILURE,
    doc: 'the server answered CONTROL_FAILURE_CONF; failureCode and peripheralErrorCode say why',
  },
  CTI_TIMEOUT: { status: CtiStatus.E_CTI_TIMEOUT, doc: 'no answer within requestTimeoutMs' },
  CTI_LINK_DOWN: {
    status: CtiStatus.E_CTI_CTI_SERVER_OFFLINE,
    doc: 'no open session, or it was lost before the answer',
  },
  CTI_STOPPED: {
    status: CtiStatus.E_CTI_CTI_SERVER_OFFLINE,
    doc: 'the client was stopped before the answer',
  },
  CTI_BAD_REQUEST: {
    status: CtiStatus.E_CTI_BAD_MESSAGE_FORMAT,
    doc: 'a value cannot be encoded (too long, out of range)',
  },
  CTI_UNEXPECTED_REPLY: {
    status: CtiStatus.E_CTI_BAD_MESSAGE_FORMAT,
    doc: 'the invoke id came back on another message type',
  },
} as const;

export type CtiRequestErrorCode = keyof typeof CTI_REQUEST_ERRORS;

export class CtiRequestError extends Error {
  override readonly name = 'CtiRequestError';
  readonly code: CtiRequestErrorCode;
  /** GED-188 status code (CtiStatus). */
  readonly status: number;
  readonly invokeId: number | undefined;
  /**
   * CONTROL_FAILURE_CONF's FailureCode (a CF_ constant): what the peripheral refused, which core
   * shows the desktop as the Finesse error (finesse-api.md §0, "Call Operation Failure").
   */
  readonly failureCode: number | undefined;
  /** CONTROL_FAILURE_CONF's PeripheralErrorCode: the switch's own code, for the logs. */
  readonly peripheralErrorCode: number | undefined;

  constructor(
    code: CtiRequestErrorCode,
    request: string,
    detail: {
      status?: number;
      invokeId?: number;
      text?: string;
      failureCode?: number;
      peripheralErrorCode?: number;
    } = {},
  ) {
    const status = detail.status ?? CTI_REQUEST_ERRORS[code].status ?? CtiStatus.E_CTI_UNSPECIFIED_FAILURE;
    super(`${request} failed: ${code} (${ctiStatusName(status)})${detail.text ? `: ${detail.text}` : ''}`);
    this.code = code;
    this.status = status;
    this.invokeId = detail.invokeId;
    this.failureCode = detail.failureCode;
    this.peripheralErrorCode = detail.peripheralErrorCode;
  }
}
