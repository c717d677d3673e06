/**
 * Desktop runtime options. Defaults are Finesse's; each can be overridden by a URL query
 * parameter (`/desktop/?transport=websocket`) or by localStorage `switchboard.desktop.<name>`,
 * which is how an administrator tries a setting and how the browser tests shorten the timers.
 */

export interface DesktopConfig {
  /** `bosh` (default, `/http-bind`) or `websocket` (`/ws/`). */
  transport: 'bosh' | 'websocket';
  /** Full notification URL, overriding the one derived from the origin and transport. */
  notifyUrl: string;
  /** SystemInfo `timestamponly` drift poll period — every minute (seed 003). */
  pollMs: number;
  /** XMPP ping period; Finesse desktops ping every 10 s with 2 retries (xmpp-bosh.md §2). */
  pingMs: number;
  pingTimeoutMs: number;
  /** Reconnect backoff: first delay, doubled per failure up to the maximum. */
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** REST request timeout. */
  requestTimeoutMs: number;
  /** How long a node may take to answer SystemInfo when the desktop looks for a usable one. */
  probeTimeoutMs: number;
  /** The first look for another node waits a random time up to this (a lost node's desktops spread out). */
  reconnectJitterMs: number;
  /** How long a PUT waits for its notification before the desktop reports it as lost. */
  notificationTimeoutMs: number;
  /** BOSH `wait` the desktop asks for, seconds. */
  boshWait: number;
  /** Client log entries kept in the browser. */
  logEntries: number;
}

const DEFAULTS: DesktopConfig = {
  transport: 'bosh',
  notifyUrl: '',
  pollMs: 60_000,
  pingMs: 10_000,
  pingTimeoutMs: 5000,
  reconnectMinMs: 1000,
  reconnectMaxMs: 30_000,
  requestTimeoutMs: 10_000,
  probeTimeoutMs: 3000,
  reconnectJitterMs: 2000,
  notificationTimeoutMs: 10_000,
  boshWait: 30,
  logEntries: 5000,
};

export function loadConfig(search: string, storage?: Pick<Storage, 'getItem'>): DesktopConfig {
  const q = new URLSearchParams(search);
  const out: DesktopConfig = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as (keyof DesktopConfig)[]) {
    const raw = q.get(key) ?? storage?.getItem(`switchboard.desktop.${key}`) ?? null;
    if (raw === null || raw === '') continue;
    const dflt = DEFAULTS[key];
    if (typeof dflt === 'number') {
      const n = Number(raw);
      if (Number.isFinite(n) && n >= 0) (out as unknown as Record<string, number>)[key] = n;
    } else if (key === 'transport') {
      if (raw === 'bosh' || raw === 'websocket') out.transport = raw;
    } else {
      (out as unknown as Record<string, string>)[key] = raw;
    }
  }
  return out;
}

/** The notification URL of a node: same origin as its REST API (Switchboard serves both on one port). */
export function notifyUrlFor(origin: string, cfg: DesktopConfig): string {
  if (cfg.notifyUrl) return cfg.notifyUrl;
  if (cfg.transport === 'websocket') return `${origin.replace(/^http/, 'ws')}/ws/`;
  return `${origin}/http-bind`;
}
