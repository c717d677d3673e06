/**
 * Finesse's maintenance mode for one node: an administrator (PUT /finesse/api/MaintenanceMode) or
 * SIGTERM starts it; the node says OUT_OF_SERVICE (SystemInfo, and an update on the SystemInfo
 * node) so that its desktops move to the other node; it waits until no desktop is signed in here
 * (COMPLETED) or the deadline passes (FAILED), and then the node stops. The status has the shape
 * of Finesse's MaintenanceMode API (developer guide, "Finesse MaintenanceMode API Parameters").
 */
import type { Timers } from '../clock/index.ts';
import type { MaintenanceState } from '../core/index.ts';

/** How often the sessions are counted while desktops move. */
const POLL_MS = 250;

export interface MaintenanceStatus {
  status: MaintenanceState;
  /** Who was signed in when it began. */
  usersLoggedIn: { desktop: number; fippa: number; thirdpartyclients: number };
  /** Users still signed in here. */
  pendingUserDisconnections: number;
  /** Seconds until the deadline, at most. */
  estimatedCompletionTime: number;
  /** What started it: `SIGTERM`, or the administrator's id. */
  startedBy: string;
}

export interface MaintenanceOptions {
  /** Marks the node OUT_OF_SERVICE for its desktops (Core.setMaintenance). */
  setState(state: MaintenanceState): void;
  /** Users signed in here: desktops (BOSH, WebSocket) and other XMPP clients (TCP). */
  signedIn(): { desktop: number; thirdParty: number };
  /** Another node to move to: without one there is nothing to wait for. */
  hasOtherNode(): boolean;
  deadlineMs: number;
  timers: Timers;
  log(text: string): void;
}

export interface Maintenance {
  /** Begins, or returns the one under way. */
  start(startedBy: string): MaintenanceStatus;
  status(): MaintenanceStatus | undefined;
  /** Settles with COMPLETED or FAILED once the wait is over. */
  readonly done: Promise<MaintenanceState>;
  /** Stops waiting (the node is stopping anyway). */
  cancel(): void;
}

export function createMaintenance(o: MaintenanceOptions): Maintenance {
  let current:
    | { state: MaintenanceState; since: number; by: string; before: MaintenanceStatus['usersLoggedIn'] }
    | undefined;
  let timer: unknown;
  let settle: (state: MaintenanceState) => void = () => {};
  const done = new Promise<MaintenanceState>((resolve) => {
    settle = resolve;
  });

  const pending = () => {
    const s = o.signedIn();
    return s.desktop + s.thirdParty;
  };
  const finish = (state: MaintenanceState, why: string) => {
    if (current?.state !== 'IN_PROGRESS') return;
    current.state = state;
    o.setState(state);
    o.log(`Maintenance mode ${state}: ${why}`);
    settle(state);
  };
  const check = () => {
    if (current?.state !== 'IN_PROGRESS') return;
    const left = pending();
    const waited = o.timers.now() - current.since;
    if (left === 0) return finish('COMPLETED', `every desktop has left after ${Math.round(waited / 1000)} s`);
    if (waited >= o.deadlineMs)
      return finish('FAILED', `${left} user(s) still signed in at the deadline (${o.deadlineMs / 1000} s)`);
    timer = o.timers.setTimeout(check, POLL_MS);
  };

  const status = (): MaintenanceStatus | undefined =>
    current && {
      status: current.state,
      usersLoggedIn: current.before,
      pendingUserDisconnections: current.state === 'IN_PROGRESS' ? pending() : 0,
      estimatedCompletionTime:
        current.state === 'IN_PROGRESS'
          ? Math.max(0, Math.ceil((current.since + o.deadlineMs - o.timers.now()) / 1000))
          : 0,
      startedBy: current.by,
    };

  return {
    start(startedBy) {
      if (!current) {
        const s = o.signedIn();
        current = {
          state: 'IN_PROGRESS',
          since: o.timers.now(),
          by: startedBy,
          before: { desktop: s.desktop, fippa: 0, thirdpartyclients: s.thirdParty },
        };
        o.setState('IN_PROGRESS');
        o.log(`Maintenance mode started by ${startedBy}: ${s.desktop + s.thirdParty} user(s) signed in`);
        if (pending() > 0 && !o.hasOtherNode()) finish('FAILED', 'no other node to move to: not waiting');
        else check();
      }
      return status() as MaintenanceStatus;
    },
    status,
    done,
    cancel() {
      o.timers.clearTimeout(timer);
    },
  };
}
