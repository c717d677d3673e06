/**
 * The seed's classification of BOSH drops: server-side incidents first (notification-service
 * stop or crash, CTI link down, many desktops within a few seconds); whatever is left dropped at
 * its own time and is client side.
 */
import type { DiagnoseOptions, Disconnect, Evidence, Incident } from './diagnose.ts';
import type { Entry } from './scan.ts';
import { cut } from './summary.ts';

export interface Drop extends Omit<Disconnect, 'side' | 'incident' | 'cameBackWithinWindow'> {
  /** Reaped for inactivity, or the agent was signed in (presence monitoring): not a sign-out. */
  isUnexpected: boolean;
}

export function evidence(e: Entry): Evidence {
  return { file: e.file, line: e.line, time: e.record.time, text: cut(e.raw, 400) };
}

export type Marker = {
  kind: 'stop' | 'start' | 'cti-down' | 'cti-up';
  e: Entry;
  time: number;
  prev?: number;
};

/** Server incidents first (service stops, CTI down, simultaneous drops); what is left is client side. */
export function classify(drops: Drop[], markers: Marker[], opts: DiagnoseOptions) {
  const clusterAgents = opts.clusterAgents ?? 3;
  const clusterMs = opts.clusterWindowMs ?? 5000;
  const incidents: Incident[] = [];
  const owner = new Map<Drop, number>();
  const claim = (from: number, to: number, i: number) => {
    for (const d of drops)
      if (!owner.has(d) && d.start >= from - clusterMs && d.start <= to + clusterMs) owner.set(d, i);
  };
  const addServer = (inc: Omit<Incident, 'agents' | 'side'>) =>
    incidents.push({ ...inc, side: 'server', agents: [] }) - 1;

  markers.forEach((m, k) => {
    if (m.kind === 'stop') {
      const start = markers.slice(k + 1).find((n) => n.kind === 'start');
      const i = addServer({
        cause: 'notification-service',
        start: m.time,
        end: start?.time,
        summary: 'notification service stopped' + (start ? ' and started again' : ''),
        evidence: [evidence(m.e), ...(start ? [evidence(start.e)] : [])],
      });
      claim(m.time, start?.time ?? m.time, i);
    } else if (m.kind === 'start' && m.prev !== undefined && lastLifecycle(markers, k) !== 'stop') {
      // Started while it had been logging, with no stop logged in between: it died (crash, kill).
      const i = addServer({
        cause: 'notification-service',
        start: m.prev,
        end: m.time,
        summary: 'notification service restarted without a logged stop (crash or kill?)',
        evidence: [evidence(m.e)],
      });
      claim(m.prev, m.time, i);
    } else if (m.kind === 'cti-down') {
      const back = markers.slice(k + 1).find((n) => n.kind === 'cti-up');
      const i = addServer({
        cause: 'cti',
        start: m.time,
        end: back?.time,
        summary: 'CTI link down' + (back ? ' and up again' : ''),
        evidence: [evidence(m.e), ...(back ? [evidence(back.e)] : [])],
      });
      claim(m.time, back?.time ?? m.time, i);
    }
  });

  const free = drops.filter((d) => !owner.has(d));
  for (let a = 0; a < free.length; ) {
    let b = a;
    while (b + 1 < free.length && free[b + 1].start - free[a].start <= clusterMs) b++;
    const group = free.slice(a, b + 1);
    if (new Set(group.map((d) => d.agentId)).size >= clusterAgents) {
      const i = addServer({
        cause: 'simultaneous-drop',
        start: group[0].start,
        end: group[group.length - 1].start,
        summary: `${group.length} desktops dropped within ${((group[group.length - 1].start - group[0].start) / 1000).toFixed(1)} s`,
        evidence: group.slice(0, 10).map((d) => d.evidence[0]),
      });
      for (const d of group) owner.set(d, i);
      a = b + 1;
    } else a++;
  }
  const rest = drops.filter((d) => !owner.has(d));
  if (rest.length > 0) {
    const i =
      incidents.push({
        side: 'client',
        cause: 'desktop',
        start: rest[0].start,
        end: rest[rest.length - 1].start,
        agents: [],
        summary: `${rest.length} disconnect(s) at different times`,
        evidence: rest.slice(0, 10).map((d) => d.evidence[0]),
      }) - 1;
    for (const d of rest) owner.set(d, i);
  }

  // Incidents in time order; disconnects point into that order.
  const order = incidents.map((_, i) => i).sort((a, b) => incidents[a].start - incidents[b].start);
  const rank = new Map(order.map((i, k) => [i, k]));
  const sorted = order.map((i) => incidents[i]);
  const disconnects: Disconnect[] = drops.map(({ isUnexpected: _u, ...d }, k) => {
    const incident = rank.get(owner.get(drops[k]) ?? 0) ?? 0;
    sorted[incident].agents.push(d.agentId);
    return {
      ...d,
      side: sorted[incident].side,
      incident,
      cameBackWithinWindow: d.end !== undefined && d.end - d.start <= d.presenceWindowMs,
    };
  });
  for (const inc of sorted) inc.agents = [...new Set(inc.agents)].sort();
  return { incidents: sorted, disconnects };
}

/** The stop/start marker before `k`: a start preceded by a start (or by nothing) had no clean stop. */
function lastLifecycle(markers: Marker[], k: number): Marker['kind'] | undefined {
  for (let i = k - 1; i >= 0; i--)
    if (markers[i].kind === 'stop' || markers[i].kind === 'start') return markers[i].kind;
  return undefined;
}
