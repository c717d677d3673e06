/**
 * Readers for the timestamps our writers print (format.ts). Webservices, access and client lines
 * carry their UTC offset; Openfire-style lines (notification, CTI, CTI server) carry local time
 * only, so they are read in the local time zone of the machine running the tool — run it with
 * `TZ=` set to the server's zone when reading logs collected elsewhere.
 */

const MONTHS: Partial<Record<string, number>> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

function offsetMs(sign: string, hh: string, mm: string): number {
  const m = Number(hh) * 60 + Number(mm);
  return (sign === '-' ? -m : m) * 60_000;
}

function msPart(s: string | undefined): number {
  return s ? Number(s.padEnd(3, '0').slice(0, 3)) : 0;
}

const CCBU_TIME =
  /^([A-Z][a-z]{2}) (\d{1,2}) (\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))? ([+-])(\d{2}):?(\d{2})$/;

/** `Jun 17 2017 00:16:04.630 +0530` (webservices lines, client logs' server-time field). */
export function parseCcbuTime(s: string): number | undefined {
  const m = CCBU_TIME.exec(s);
  const month = m ? MONTHS[m[1]] : undefined;
  if (!m || month === undefined) return undefined;
  const utc = Date.UTC(+m[3], month, +m[2], +m[4], +m[5], +m[6], msPart(m[7]));
  return utc - offsetMs(m[8], m[9], m[10]);
}

const OPENFIRE_TIME = /^(\d{4})\.(\d{2})\.(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(?= |$)/;

/**
 * `2017.06.17 00:16:04.123 text` (or the seed's `2017.06.17 00:16:04 text`) → the time and the
 * text after it.
 */
export function splitOpenfireTime(line: string): { time: number; text: string } | undefined {
  const m = OPENFIRE_TIME.exec(line);
  if (!m) return undefined;
  const time = new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], msPart(m[7])).getTime();
  return { time, text: line.slice(m[0].length + 1) };
}

const ACCESS_TIME =
  /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))? ([+-])(\d{2})(\d{2})$/;

/** Tomcat's `%t` without brackets: `22/Nov/2026:10:00:00.123 +0000`. */
export function parseAccessTime(s: string): number | undefined {
  const m = ACCESS_TIME.exec(s);
  const month = m ? MONTHS[m[2]] : undefined;
  if (!m || month === undefined) return undefined;
  const utc = Date.UTC(+m[3], month, +m[1], +m[4], +m[5], +m[6], msPart(m[7]));
  return utc - offsetMs(m[8], m[9], m[10]);
}

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))? ?(?:(Z)|([+-])(\d{2}):?(\d{2}))?$/;

/** The client logger's `2017-11-15T09:57:27.274 +00:00`; without an offset it is local time. */
export function parseIsoTime(s: string): number | undefined {
  const m = ISO_TIME.exec(s);
  if (!m) return undefined;
  const parts = [+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], msPart(m[7])] as const;
  if (m[8]) return Date.UTC(...parts);
  if (m[9]) return Date.UTC(...parts) - offsetMs(m[9], m[10], m[11]);
  return new Date(...parts).getTime();
}

const FILE_STAMP = /(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})-(\d{2})-(\d{2})\.(\d{3}))?/;

/** The local-time stamp in our file names (`Desktop-webservices.2026-11-22T10-00-00.000.log`). */
export function parseFileStamp(name: string): number | undefined {
  const m = FILE_STAMP.exec(name);
  if (!m) return undefined;
  return new Date(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), +(m[7] ?? 0)).getTime();
}

/** `10:01:02.123` in local time, for terminal output. */
export function clock(ms: number | undefined): string {
  if (ms === undefined) return '??:??:??.???';
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/** `2026-11-22 10:01:02.123` in local time, for terminal output. */
export function dateTime(ms: number | undefined): string {
  if (ms === undefined) return '????-??-?? ' + clock(ms);
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${clock(ms)}`;
}

/** `8 ms`, `1.25 s`, `3 min 20 s`. */
export function duration(ms: number): string {
  const a = Math.abs(ms);
  if (a < 1000) return `${Math.round(ms)} ms`;
  if (a < 120_000) return `${(ms / 1000).toFixed(a < 10_000 ? 2 : 1)} s`;
  const s = Math.round(a / 1000);
  return `${ms < 0 ? '-' : ''}${Math.floor(s / 60)} min ${s % 60} s`;
}
