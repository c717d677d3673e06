import type { Timers } from '../../clock/index.ts';
import { controlFailureCodeName, ctiStatusName, type Message } from '../protocol/index.ts';
import { CtiRequestError, type CtiRequestErrorCode } from './errors.ts';

interface Pending {
  name: string;
  /** The CONF type that answers the request. */
  expect: string;
  /** Runs in the frame loop, before later frames: keeps results ordered with events. */
  onConf: ((msg: Message) => void) | undefined;
  resolve(msg: Message): void;
  reject(error: CtiRequestError): void;
  timer: unknown;
}

/**
 * Requests waiting for their answer, by InvokeID (A.2: the client's counter, echoed in the CONF,
 * FAILURE_CONF or CONTROL_FAILURE_CONF). A CONF of another type than expected still settles the
 * request, as an error: the server and we disagree about what that invoke id was.
 */
export class PendingRequests {
  readonly #timers: Timers;
  readonly #timeoutMs: number;
  readonly #event: (text: string) => void;
  readonly #byInvokeId = new Map<number, Pending>();

  constructor(timers: Timers, timeoutMs: number, event: (text: string) => void) {
    this.#timers = timers;
    this.#timeoutMs = timeoutMs;
    this.#event = event;
  }

  /** Resolves with the expected CONF; rejects on failure, timeout or link loss. */
  add(invokeId: number, name: string, expect: string, onConf?: (msg: Message) => void): Promise<Message> {
    return new Promise((resolve, reject) => {
      const timer = this.#timers.setTimeout(() => {
        this.#byInvokeId.delete(invokeId);
        reject(
          new CtiRequestError('CTI_TIMEOUT', name, { invokeId, text: `no answer in ${this.#timeoutMs} ms` }),
        );
      }, this.#timeoutMs);
      this.#byInvokeId.set(invokeId, { name, expect, onConf, resolve, reject, timer });
    });
  }

  /** Settles the request a reply answers; false when the message is no reply we wait for. */
  settle(msg: Message): boolean {
    if (!('invokeId' in msg)) return false;
    const { invokeId } = msg;
    if (msg.type === 'FAILURE_CONF' && !this.#byInvokeId.has(invokeId)) {
      this.#event(
        `FAILURE_CONF ${ctiStatusName(msg.status)} for invoke id ${invokeId}: nothing waits for it`,
      );
    }
    const p = this.#byInvokeId.get(invokeId);
    if (!p || !msg.type.endsWith('_CONF')) return false;
    this.#byInvokeId.delete(invokeId);
    this.#timers.clearTimeout(p.timer);
    const error = (
      code: CtiRequestErrorCode,
      detail: ConstructorParameters<typeof CtiRequestError>[2] = {},
    ) => p.reject(new CtiRequestError(code, p.name, { invokeId, ...detail }));
    if (msg.type === 'FAILURE_CONF') {
      error('CTI_FAILURE_CONF', { status: msg.status });
    } else if (msg.type === 'CONTROL_FAILURE_CONF') {
      error('CTI_CONTROL_FAILURE', {
        failureCode: msg.failureCode,
        peripheralErrorCode: msg.peripheralErrorCode,
        text: `FailureCode ${controlFailureCodeName(msg.failureCode)} (${msg.failureCode}), PeripheralErrorCode ${msg.peripheralErrorCode}${msg.text ? `: ${msg.text}` : ''}`,
      });
    } else if (msg.type !== p.expect) {
      error('CTI_UNEXPECTED_REPLY', { text: msg.type });
    } else {
      p.onConf?.(msg);
      p.resolve(msg);
    }
    return true;
  }

  /** Fails everything still waiting (the link went down, or the client stopped). */
  failAll(code: 'CTI_LINK_DOWN' | 'CTI_STOPPED', reason: string): void {
    for (const [invokeId, p] of this.#byInvokeId) {
      this.#timers.clearTimeout(p.timer);
      p.reject(new CtiRequestError(code, p.name, { invokeId, text: reason }));
    }
    this.#byInvokeId.clear();
  }
}
