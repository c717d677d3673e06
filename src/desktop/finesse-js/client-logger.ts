// biome-ignore-all lint/suspicious/noExplicitAny: config is the plain finesse.gadget.Config
/**
 * `finesse.cslogger.ClientLogger` (gadgets.md §C.3): exists as soon as finesse.js loads (samples
 * keep a reference before `init`), a no-op until `init(hub, gadgetId[, config])`, then each
 * `log(msg)` goes to the console and, on `finesse.clientLogging.<gadgetId>`, to the desktop's client
 * log (which "Send Error Report" uploads to `POST /User/{id}/ClientLog`).
 */
import { Utilities } from './utilities.ts';

let theHub: any;
let gadgetId = '';
let host = '';
const sessionKey = Math.random().toString(36).slice(2, 8);

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function localIso(ms: number): string {
  const d = new Date(ms);
  const off = -d.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:` +
    `${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)} ${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`
  );
}

export const ClientLogger = {
  init(hub: any, id: string, config?: any) {
    theHub = hub;
    gadgetId = String(id ?? '');
    let containerHost = '';
    try {
      containerHost = (parent as any)?.finesse?.container?.Config?.host ?? '';
    } catch {
      containerHost = '';
    }
    host = config?.host || containerHost || '?.?.?.?';
    return this;
  },

  log(msg: unknown) {
    if (!theHub) return;
    const now = Date.now();
    const line = `${localIso(now)} : ${sessionKey} : ${host} : ${new Date(Utilities.currentServerTimeMillis()).toISOString()} : ${gadgetId} : ${String(msg)}`;
    console.log(line);
    try {
      theHub.publish(`finesse.clientLogging.${gadgetId}`, line);
    } catch {
      // a gadget id the hub cannot take as a topic (empty tokens): the console has the line
    }
  },

  error(msg: unknown) {
    this.log(`ERROR: ${String(msg)}`);
  },
};
