/**
 * What the benchmark's two processes agree on: user names, nodes, who is subscribed where, which
 * node the k-th publish goes to and how many deliveries it makes, and the published payload.
 *
 * Sessions are agents `10000 + i`, each subscribed to its own user node and to its team's node
 * (`teamSize` agents per team). Publishes alternate: even k → a user node (1 delivery), odd k →
 * a team node (every member: the fan-out of a supervisor's team view).
 */

export const DOMAIN = 'localhost';
export const SYSTEM_USER = 'bench-core';
export const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';

export const userId = (i: number) => String(10_000 + i);
export const userNode = (i: number) => `/finesse/api/User/${userId(i)}`;
export const teamNode = (t: number) => `/finesse/api/Team/${t}/Users`;
export const teamOf = (i: number, teamSize: number) => Math.floor(i / teamSize);
export const teamCount = (sessions: number, teamSize: number) => Math.ceil(sessions / teamSize);

/** The node of the k-th publish and the number of sessions it reaches. */
export function target(k: number, sessions: number, teamSize: number): { node: string; deliveries: number } {
  if (k % 2 === 0) return { node: userNode((k / 2) % sessions), deliveries: 1 };
  const teams = teamCount(sessions, teamSize);
  const t = ((k - 1) / 2) % teams;
  return { node: teamNode(t), deliveries: Math.min(teamSize, sessions - t * teamSize) };
}

export function expectedDeliveries(publishes: number, sessions: number, teamSize: number): number {
  let total = 0;
  for (let k = 0; k < publishes; k++) total += target(k, sessions, teamSize).deliveries;
  return total;
}

/** Milliseconds on a clock both processes share (the system clock, sub-millisecond). */
export const clock = () => performance.timeOrigin + performance.now();

/**
 * A user `<Update>` the size of the seed's (about 1 KB), carrying its send time in `<t>`; it is
 * published as the text of `<notification>`, so it travels escaped, as in Finesse.
 */
export function update(k: number, sentAt: number): string {
  return (
    '<Update><data><user><dialogs>/finesse/api/User/10000/Dialogs</dialogs><extension>10005</extension>' +
    '<firstName>Isaac</firstName><lastName>Newton</lastName><loginId>10000</loginId><loginName>isaac</loginName>' +
    '<mediaType>1</mediaType><pendingState></pendingState><roles><role>Agent</role></roles><settings>' +
    '<wrapUpOnIncoming>OPTIONAL</wrapUpOnIncoming></settings><state>READY</state>' +
    '<stateChangeTime>2019-01-11T23:56:54.783Z</stateChangeTime><teamId>5000</teamId><teamName>Maths</teamName>' +
    `<uri>/finesse/api/User/10000</uri></user></data><event>PUT</event><requestId>bench-${k}</requestId>` +
    `<source>/finesse/api/User/10000</source><t>${sentAt.toFixed(3)}</t></Update>`
  );
}

/** The send times of every delivery in a BOSH response body (the payload arrives escaped). */
export function sendTimesIn(body: string): number[] {
  const out: number[] = [];
  for (const m of body.matchAll(/&lt;t&gt;([\d.]+)&lt;\/t&gt;/g)) out.push(Number(m[1]));
  return out;
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Messages between the conductor and the load process. */
export type ToLoad =
  | {
      type: 'login';
      boshUrl: string;
      tcpPort: number;
      sessions: number;
      teamSize: number;
      concurrency: number;
      password: string;
    }
  | { type: 'phase'; name: string; publishes: number; rate: number; window: number; publishHere: boolean }
  | { type: 'stop' };

export type FromLoad =
  | { type: 'logged-in'; ok: number; failed: number; seconds: number; firstError?: string }
  | { type: 'ready' }
  | {
      type: 'phase-done';
      name: string;
      expected: number;
      deliveries: number;
      seconds: number;
      publishErrors: number;
      p50: number;
      p99: number;
      max: number;
    };
