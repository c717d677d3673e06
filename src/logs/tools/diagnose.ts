/**
 * `switchboard diagnose`: the second seed's BOSH-disconnect analysis. Reads the presence lines of
 * the webservices log and the session lines of the notification logs, rebuilds each agent's
 * drop (unavailable → available again) and classifies it as the seed does: agents dropping at
 * different times is a CLIENT-side problem (network, browser, sleep, CPU); many agents within a
 * few seconds, a notification-service stop or the CTI link going down is SERVER-side.
 */
import { type Check, CLIENT_CHECKS, SERVER_CHECKS } from './diagnose-checks.ts';
import { classify, type Drop, evidence, type Marker } from './diagnose-classify.ts';
import { listLogFiles, type Window } from './files.ts';
import { agentOf, reasonCodeIn } from './keys.ts';
import type { Source } from './parse.ts';
import { localPart } from './parse-notify.ts';
import { type Entry, readRecords, type ScanStats } from './scan.ts';

export interface DiagnoseOptions extends Window {
  /** This many agents dropping within `clusterWindowMs` is one server-side event (default 3). */
  clusterAgents?: number;
  /** Default 5000 ms: "all at once" in the seed's sense. */
  clusterWindowMs?: number;
}

export interface Evidence {
  file: string;
  line: number;
  time: number | undefined;
  text: string;
}

export type Side = 'client' | 'server';

export interface Disconnect {
  agentId: string;
  jid?: string;
  sid?: string;
  /** When the server noticed: the session was reaped or closed, or presence went unavailable. */
  start: number;
  /** The session's last BOSH request, when the debug log shows it. */
  lastRequest?: number;
  /** When the desktop was available again; absent if it never came back in the logs. */
  end?: number;
  durationMs?: number;
  /** The presence-driven logout delay (AGENT_PRESENCE_MONITORING), default 60 s. */
  presenceWindowMs: number;
  cameBackWithinWindow: boolean;
  loggedOutByPresence: boolean;
  logoutAt?: number;
  reasonCode?: number;
  side: Side;
  /** Index into `incidents`. */
  incident: number;
  evidence: Evidence[];
}

export interface Incident {
  side: Side;
  cause: 'desktop' | 'simultaneous-drop' | 'notification-service' | 'cti';
  start: number;
  end?: number;
  agents: string[];
  summary: string;
  evidence: Evidence[];
}

export interface DiagnoseResult {
  window: Window;
  classification: 'none' | Side | 'mixed';
  agentsSeen: number;
  disconnects: Disconnect[];
  incidents: Incident[];
  presenceLogouts: { agentId: string; time: number | undefined; reasonCode?: number; evidence: Evidence }[];
  checks: { side: Side; title: string; checks: readonly Check[] }[];
  scanned: ScanStats;
}

const SOURCES: Source[] = ['webservices', 'notify-info', 'notify-debug'];
const NEEDLES: Partial<Record<Source, string[]>> = {
  webservices: ['PRESEN', 'UNSUBSCRIBED', 'CTI_CONNECTION_STATUS', 'reason code: 255'],
  'notify-info': ['ession', 'Openfire', 'HTTP bind', 'otification service', 'store offline'],
  'notify-debug': ['HTTP RECV(', 'ession', 'store offline'],
};
const MAX_EVIDENCE = 8;

export async function diagnose(logDir: string, opts: DiagnoseOptions = {}): Promise<DiagnoseResult> {
  const window: Window = { from: opts.from, to: opts.to };
  const files = await listLogFiles(logDir, window, SOURCES);
  const entries: Entry[] = [];
  // BOSH requests are most of a debug log: keep only each session's latest and a sorted list of
  // times (8 bytes each), not the lines.
  const lastRecv = new Map<string, number>();
  const recvTimes: number[] = [];
  const scanned = await readRecords(
    files,
    (f) => (f.source ? NEEDLES[f.source] : []),
    window,
    (e) => {
      const r = e.record;
      if (r.time === undefined) return;
      if (r.source === 'notify-debug' && r.event.kind === 'bosh-recv') {
        lastRecv.set(r.event.sid, Math.max(lastRecv.get(r.event.sid) ?? 0, r.time));
        recvTimes.push(r.time);
      } else entries.push(e);
    },
  );
  entries.sort((a, b) => (a.record.time ?? 0) - (b.record.time ?? 0));
  recvTimes.sort((a, b) => a - b);

  const agents = new Set<string>();
  const open = new Map<string, Drop>();
  const done: Drop[] = [];
  const markers: Marker[] = [];
  const presenceLogouts: DiagnoseResult['presenceLogouts'] = [];
  let lastNotify: number | undefined;
  let notifyBefore: number | undefined;

  const down = (
    agent: string,
    e: Entry,
    time: number,
    how: { sid?: string; jid?: string; idle?: boolean },
  ) => {
    // A drop stays open until the desktop is back: later closes and unavailables only add evidence.
    let d = open.get(agent);
    if (!d) {
      d = {
        agentId: agent,
        start: time,
        presenceWindowMs: 60_000,
        loggedOutByPresence: false,
        isUnexpected: false,
        evidence: [],
      };
      open.set(agent, d);
    }
    d.sid ??= how.sid;
    d.jid ??= how.jid;
    if (how.idle) d.isUnexpected = true;
    // Only the session's latest request is kept, so it counts only if it precedes the drop.
    const recv = how.sid ? lastRecv.get(how.sid) : undefined;
    if (recv !== undefined && recv <= d.start) d.lastRequest ??= recv;
    cite(d, e);
  };
  const up = (agent: string, e: Entry, time: number) => {
    const d = open.get(agent);
    if (!d) return;
    d.end = time;
    d.durationMs = time - d.start;
    cite(d, e);
    open.delete(agent);
    done.push(d);
  };

  for (const e of entries) {
    const r = e.record;
    const time = r.time ?? 0;
    if (r.source === 'webservices') {
      const agent = agentOf(r);
      if (agent) agents.add(agent);
      const f = r.fields;
      if (r.mnemonic === 'PRESENCE_NOTIFICATION_RECIEVED' && agent) {
        if (f.PRESENCE_TYPE === 'unavailable') down(agent, e, time, { jid: f['FROM JID'] });
        else if (f.PRESENCE_TYPE === 'available') up(agent, e, time);
      } else if (r.mnemonic === 'UNSUBSCRIBED' && agent) down(agent, e, time, { jid: f['FROM JID'] });
      else if (r.mnemonic === 'AGENT_PRESENT' && agent) up(agent, e, time);
      else if (r.mnemonic === 'AGENT_PRESENCE_MONITORING' && agent) {
        const d = open.get(agent);
        if (d) {
          d.presenceWindowMs = Number(f.delay_ms) || d.presenceWindowMs;
          d.isUnexpected = true;
          cite(d, e);
        }
      } else if (r.mnemonic === 'PRESENCE DRIVEN LOGOUT' && agent) {
        const reasonCode = f.reason_code ? Number(f.reason_code) : undefined;
        presenceLogouts.push({ agentId: agent, time, reasonCode, evidence: evidence(e) });
        const d = open.get(agent);
        if (d)
          Object.assign(d, { loggedOutByPresence: true, logoutAt: time, reasonCode, isUnexpected: true });
        if (d) cite(d, e);
      } else if (
        r.mnemonic === 'MESSAGE_TO_CTI_SERVER' &&
        agent &&
        reasonCodeIn(f.cti_message ?? '') === 255
      ) {
        const d = open.get(agent);
        if (d) cite(d, e);
      } else if (r.mnemonic === 'CTI_CONNECTION_STATUS') {
        markers.push({ kind: f.status === 'DOWN' ? 'cti-down' : 'cti-up', e, time });
      }
      continue;
    }
    if (r.source !== 'notify-info' && r.source !== 'notify-debug') continue;
    const ev = r.event;
    // Session traffic before a start line means the service had been running: see lastLifecycle.
    const prevNotify = lastNotify !== undefined && lastNotify < time ? lastNotify : notifyBefore;
    if (
      ev.kind !== 'other' &&
      ev.kind !== 'service-start' &&
      ev.kind !== 'service-stop' &&
      time !== lastNotify
    ) {
      notifyBefore = lastNotify;
      lastNotify = time;
    }
    if (ev.kind === 'idle-close' || ev.kind === 'forced-close')
      down(localPart(ev.jid), e, time, { sid: ev.sid, jid: ev.jid, idle: true });
    else if (ev.kind === 'session-closed') down(localPart(ev.jid), e, time, { sid: ev.sid, jid: ev.jid });
    else if (ev.kind === 'last-active') {
      const d = open.get(localPart(ev.jid));
      if (d && d.sid === ev.sid) d.lastRequest ??= time - ev.ms;
      if (d && d.sid === ev.sid) cite(d, e);
      else lastRecv.set(ev.sid, Math.max(lastRecv.get(ev.sid) ?? 0, time - ev.ms));
    } else if (ev.kind === 'session-created' && ev.jid) {
      agents.add(localPart(ev.jid));
      up(localPart(ev.jid), e, time);
    } else if (ev.kind === 'store-offline' && ev.jid) {
      const d = open.get(localPart(ev.jid));
      if (d) cite(d, e);
    } else if (ev.kind === 'service-stop') markers.push({ kind: 'stop', e, time });
    else if (ev.kind === 'service-start') {
      const recv = lastBefore(recvTimes, time);
      const prev = recv === undefined ? prevNotify : Math.max(recv, prevNotify ?? -Infinity);
      markers.push({ kind: 'start', e, time, prev });
    }
  }
  for (const d of open.values()) done.push(d);

  const drops = done.filter((d) => d.isUnexpected).sort((a, b) => a.start - b.start);
  const { incidents, disconnects } = classify(drops, markers, opts);
  const sides = new Set(incidents.map((i) => i.side));
  return {
    window,
    classification: sides.size === 0 ? 'none' : sides.size === 2 ? 'mixed' : [...sides][0],
    agentsSeen: agents.size,
    disconnects,
    incidents,
    presenceLogouts,
    checks: [
      ...(sides.has('client')
        ? [
            {
              side: 'client' as const,
              title: 'Agents disconnected at different times (client-side problem)',
              checks: CLIENT_CHECKS,
            },
          ]
        : []),
      ...(sides.has('server')
        ? [
            {
              side: 'server' as const,
              title: 'All agents disconnected at the same time (server-side problem)',
              checks: SERVER_CHECKS,
            },
          ]
        : []),
    ],
    scanned,
  };
}

/** The last of the sorted `times` strictly before `t`. */
function lastBefore(times: number[], t: number): number | undefined {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? times[lo - 1] : undefined;
}

function cite(d: { evidence: Evidence[] }, e: Entry): void {
  if (d.evidence.length < MAX_EVIDENCE) d.evidence.push(evidence(e));
}
