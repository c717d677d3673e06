import type { Timers } from '../../clock/index.ts';
import { CtiStatus, type Message } from '../protocol/index.ts';
import type { ServerSession } from './session.ts';

/** A.1: the client answers ACTIVE_MAINTENANCE_REQ within 5 s; the same grace for each later step. */
export const MAINTENANCE_STEP_MS = 5000;

type Step = 'asked' | 'begun' | 'stopping';

/**
 * The simulated side going into maintenance (protocol v24, cti/protocol/maintenance-layouts.ts):
 * each v24 client is asked (ACTIVE_MAINTENANCE_REQ), told once it accepted (ACTIVE_MAINTENANCE_EVENT),
 * and left to close after its STOPPING_REQUESTS_TO_THIS_SIDE_IND. A client that skips a step within
 * 5 s, declines, or speaks an older version, is ended as a restart ends it (FAILURE_EVENT, here
 * E_CTI_SERVER_IN_MAINTENANCE_MODE). Until `downMs` is over the side refuses OPEN_REQ with that
 * status, so a client with one side keeps retrying, one with two moves to the other.
 */
export class MaintenanceHandshake {
  readonly #timers: Timers;
  readonly #trace: (line: string) => void;
  readonly #steps = new Map<ServerSession, { step: Step; timer: unknown }>();
  #nextInvokeId = 0x80000000;
  #downTimer: unknown;
  #isActive = false;

  constructor(timers: Timers, trace: (line: string) => void) {
    this.#timers = timers;
    this.#trace = trace;
  }

  /** OPEN_REQ is refused while this holds. */
  get isActive(): boolean {
    return this.#isActive;
  }

  begin(sessions: readonly ServerSession[], downMs: number): { sessionsAsked: number } {
    this.#isActive = true;
    this.#timers.clearTimeout(this.#downTimer);
    this.#downTimer = this.#timers.setTimeout(() => {
      this.#isActive = false;
      this.#trace('Trace: CTI maintenance over: accepting sessions');
    }, downMs);
    let sessionsAsked = 0;
    for (const session of sessions) {
      if (!session.isOpen || this.#steps.has(session)) continue;
      if (session.version < 24) {
        this.#end(session, `protocol version ${session.version} has no maintenance handshake`);
        continue;
      }
      sessionsAsked += 1;
      this.#nextInvokeId = this.#nextInvokeId >= 0xffffffff ? 0x80000000 : this.#nextInvokeId + 1;
      session.send({ type: 'ACTIVE_MAINTENANCE_REQ', invokeId: this.#nextInvokeId });
      this.#step(session, 'asked');
    }
    this.#trace(
      `Trace: CTI maintenance: ${sessionsAsked} session(s) asked, OPEN_REQ refused for ${downMs} ms`,
    );
    return { sessionsAsked };
  }

  /** A client's part of the handshake; false for any other message. */
  handle(session: ServerSession, msg: Message): boolean {
    if (msg.type !== 'ACTIVE_MAINTENANCE_RESP' && msg.type !== 'STOPPING_REQUESTS_TO_THIS_SIDE_IND')
      return false;
    const step = this.#steps.get(session)?.step;
    if (msg.type === 'ACTIVE_MAINTENANCE_RESP') {
      if (step !== 'asked')
        this.#trace(`Trace: Session ${session.id} ACTIVE_MAINTENANCE_RESP out of turn: ignored`);
      else if (!msg.accept) this.#end(session, 'the client declined the maintenance');
      else {
        session.send({ type: 'ACTIVE_MAINTENANCE_EVENT' });
        this.#step(session, 'begun');
      }
    } else if (step === 'begun') {
      // Its CLOSE_REQ follows; the usual handler answers it and ends the session.
      this.#step(session, 'stopping');
    }
    return true;
  }

  /** The session ended (by the handshake or otherwise). */
  forget(session: ServerSession): void {
    this.#timers.clearTimeout(this.#steps.get(session)?.timer);
    this.#steps.delete(session);
  }

  stop(): void {
    this.#timers.clearTimeout(this.#downTimer);
    for (const session of [...this.#steps.keys()]) this.forget(session);
  }

  #step(session: ServerSession, step: Step): void {
    this.#timers.clearTimeout(this.#steps.get(session)?.timer);
    const timer = this.#timers.setTimeout(
      () => this.#end(session, `no ${NEXT[step]} within ${MAINTENANCE_STEP_MS} ms`),
      MAINTENANCE_STEP_MS,
    );
    this.#steps.set(session, { step, timer });
  }

  #end(session: ServerSession, why: string): void {
    this.forget(session);
    session.close(`CTI maintenance: ${why}`, {
      type: 'FAILURE_EVENT',
      status: CtiStatus.E_CTI_SERVER_IN_MAINTENANCE_MODE,
    });
  }
}

const NEXT: Record<Step, string> = {
  asked: 'ACTIVE_MAINTENANCE_RESP',
  begun: 'STOPPING_REQUESTS_TO_THIS_SIDE_IND',
  stopping: 'CLOSE_REQ',
};
