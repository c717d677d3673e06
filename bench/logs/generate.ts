/**
 * Writes a realistic log directory of a given size, fast. Many agents sign in, change state
 * (the full PUT chain) or GET with a nocache every minute or so, and poll BOSH every 30 s; from
 * 20 % on, desktops drop one by one (client side, every third logged out by presence, reason
 * 255) and at 60 % fifty drop within two seconds (server side).
 */
import { createFlows } from './flows.ts';

export interface Generated {
  bytes: number;
  files: number;
  /** A PUT in the middle of the run whose chain is complete, client logs included. */
  requestId: string;
  agents: number;
}

export function generateLogs(
  dir: string,
  targetBytes: number,
  start = new Date(2026, 10, 21, 8, 0, 0).getTime(),
): Generated {
  const agents = Math.max(50, Math.min(2000, Math.round((targetBytes / 1e6) * 2)));
  const ids = Array.from({ length: agents }, (_, i) => String(10000 + i));
  const withClientLog = new Set(ids.slice(0, 20));
  const flows = createFlows(dir, [...withClientLog]);
  let later: { at: number; run: (t: number) => void }[] = [];
  let traced = '';
  let dropped = 0;
  let massDrop = false;

  for (let sec = 0; flows.bytes() < targetBytes; sec++) {
    const t = start + sec * 1000;
    const done = flows.bytes() / targetBytes;
    for (const job of later.filter((j) => j.at <= t)) job.run(t);
    later = later.filter((j) => j.at > t);
    flows.comeBack(t);
    if (done > 0.2 + dropped * 0.03 && dropped < 20) {
      const a = ids[20 + ((dropped * 7) % (agents - 20))];
      const isLoggedOut = dropped++ % 3 === 0;
      flows.drop(a, t, isLoggedOut ? Infinity : t + 30_000 + dropped * 1000);
      if (isLoggedOut) later.push({ at: t + 60_000, run: (when) => flows.presenceLogout(a, when) });
    }
    if (done > 0.6 && !massDrop) {
      massDrop = true;
      const first = agents >> 1;
      for (let i = 0; i < Math.min(50, agents >> 2); i++) flows.drop(ids[first + i], t + i * 40, t + 120_000);
    }
    for (let i = sec % 30; i < agents; i += 30) flows.poll(ids[i], t + ((i * 37) % 1000));
    if (sec % 5 === 0) flows.heartbeat(t);
    // Each agent acts about once a minute: 40 % state changes, 60 % GETs.
    const n = Math.max(1, Math.round(agents / 60));
    for (let k = 0; k < n; k++) {
      const a = ids[(sec * 7 + k * 13) % agents];
      const at = t + Math.floor((k * 1000) / n);
      if (!traced && done > 0.5 && withClientLog.has(a) && !flows.isDown(a))
        traced = flows.stateChange(a, at, 'READY', 3);
      else if (k % 5 < 2) flows.stateChange(a, at, k % 2 ? 'READY' : 'NOT_READY', k % 2 ? 3 : 2);
      else flows.request(a, at, 'GET', `/User/${a}`, { nocache: String(at) });
    }
  }
  const bytes = flows.bytes();
  return { bytes, files: flows.close(), requestId: traced, agents };
}
