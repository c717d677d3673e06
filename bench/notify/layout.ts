/**
 * What the benchmark's processes agree on: user names, nodes, who is subscribed where, the
 * published payload and the messages between the conductor and a load process.
 *
 * Sessions are agents `10000 + i`, each subscribed to its own user node and to its team's node
 * (`teamSize` agents per team: the fan-out of a supervisor's team view).
 */

export const DOMAIN = 'localhost';
export const SYSTEM_USER = 'bench-core';
export const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
/** The namespaces a raw BOSH desktop writes (XEP-0124/0206, RFC 6120). */
export const NS = {
  httpbind: 'http://jabber.org/protocol/httpbind',
  xbosh: 'urn:xmpp:xbosh',
  sasl: 'urn:ietf:params:xml:ns:xmpp-sasl',
  bind: 'urn:ietf:params:xml:ns:xmpp-bind',
  client: 'jabber:client',
};

export const userId = (i: number) => String(10_000 + i);
export const userNode = (i: number) => `/finesse/api/User/${userId(i)}`;
export const teamNode = (t: number) => `/finesse/api/Team/${t}/Users`;
export const teamOf = (i: number, teamSize: number) => Math.floor(i / teamSize);
export const teamCount = (sessions: number, teamSize: number) => Math.ceil(sessions / teamSize);

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

/** Messages between the conductor and a load process. */
export type ToLoad =
  | { type: 'nodes'; tcpPort: number; password: string; sessions: number; teamSize: number }
  | { type: 'login'; boshPort: number; from: number; to: number; teamSize: number; concurrency: number }
  | { type: 'phase'; active: number; held: number; teamSize: number; seconds: number }
  | {
      type: 'sign-ins';
      boshPort: number;
      /** Signs in `count` times, cycling over `users` with their `secrets`, then leaves each time. */
      users: string[];
      secrets: string[];
      mechanism: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-1' | 'OAUTHBEARER';
      count: number;
      concurrency: number;
    }
  | { type: 'stop' };

export type FromLoad =
  | { type: 'nodes-created'; nodes: number; errors: number; seconds: number }
  | { type: 'logged-in'; ok: number; failed: number; seconds: number; firstError?: string }
  | { type: 'signed-in'; ok: number; failed: number; seconds: number; firstError?: string }
  | {
      type: 'phase-done';
      publishes: number;
      expected: number;
      deliveries: number;
      seconds: number;
      publishErrors: number;
      p50: number;
      p99: number;
      max: number;
      /** The load process's own CPU, in cores: near 1 it, not the server, would set the pace. */
      loadCpu: number;
    };
