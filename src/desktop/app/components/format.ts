/**
 * How states and times read on screen. Time-in-state is one shared clock: any element with
 * `data-since="<ISO time>"` shows the elapsed time, corrected by the server drift, updated every
 * second without re-rendering its component (so focus and menus stay put).
 */

const LABELS: Record<string, string> = {
  LOGIN: 'Signing in',
  LOGOUT: 'Signed out',
  NOT_READY: 'Not Ready',
  READY: 'Ready',
  RESERVED: 'Reserved',
  RESERVED_OUTBOUND: 'Reserved (outbound)',
  RESERVED_OUTBOUND_PREVIEW: 'Reserved (preview)',
  TALKING: 'Talking',
  HOLD: 'Hold',
  WORK: 'Wrap-Up',
  WORK_READY: 'Wrap-Up',
  UNKNOWN: 'Unknown',
};

export const stateLabel = (s: string) => LABELS[s] ?? s;

/** The CSS class carrying the state's colour (styles.css). */
export const stateClass = (s: string) => `state state-${(s || 'UNKNOWN').toLowerCase()}`;

/** Participant states as the Finesse desktop labels them (finesse-api.md §1.4). */
const PARTICIPANT: Record<string, string> = {
  INITIATING: 'Off Hook',
  INITIATED: 'Dialing',
  ALERTING: 'Incoming',
  ACTIVE: 'Active',
  HELD: 'Hold',
  FAILED: 'Busy / Error',
  WRAP_UP: 'Wrap-Up',
  DROPPED: 'Ended',
};
export const participantLabel = (s: string) => PARTICIPANT[s] ?? s;

export function formatElapsed(ms: number): string {
  const t = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = t % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

let drift = 0;
let clock: ReturnType<typeof setInterval> | undefined;

function tick(root: ParentNode = document): void {
  const now = Date.now() + drift;
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('[data-since]'))) {
    const since = Date.parse(el.dataset.since ?? '');
    const text = Number.isNaN(since) ? '--:--' : formatElapsed(now - since);
    if (el.textContent !== text) el.textContent = text;
  }
}

/** The server's time now (epoch ms), by the drift the shared clock was started with. */
export const serverNow = () => Date.now() + drift;

/** Starts the shared clock (idempotent); `driftMs` is server minus client time. */
export function startClock(driftMs = 0): void {
  drift = driftMs;
  if (clock === undefined) clock = setInterval(() => tick(), 1000);
  tick();
}

/** The first text of a timer, so it is right before the next tick too. */
export function elapsedText(since: string): string {
  const t = Date.parse(since);
  return Number.isNaN(t) ? '--:--' : formatElapsed(Date.now() + drift - t);
}
