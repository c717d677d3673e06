import { ManualTimers } from '../../clock/testing/manual-timers.ts';
import { createLogs } from '../../logs/index.ts';
import type { Store } from '../../store/types.ts';
import { Core, type CoreOptions, type CtiPort, type CtiSetAgentState } from '../core.ts';
import type { Dialog, Principal, ReasonCode, Update, UserConfig } from '../model.ts';
import type { CallEvent, CallRef } from './call-events.ts';
import type { CtiCallRequest } from './cti-call-control.ts';
import { type DialogChange, DialogTracker } from './tracker.ts';

/** The instant the core tests start at and assert on. */
const CORE_TEST_START = Date.UTC(2026, 10, 22, 10, 0, 0);

/**
 * A Core for tests: the manual clock, a webservices log under /tmp, a publisher that records what
 * it is given, and the SystemInfo of node sb1; `options` names the store and the CTI port and
 * overrides the rest.
 */
export function createTestCore(options: Pick<CoreOptions, 'store' | 'cti'> & Partial<CoreOptions>) {
  const timers = new ManualTimers(CORE_TEST_START);
  const published: { node: string; update: Update }[] = [];
  const core = new Core({
    timers,
    log: createLogs({ dir: `/tmp/sb-core-test-${process.pid}`, now: () => timers.now() }).webservices,
    publisher: { publish: (node, update) => published.push({ node, update }) },
    system: {
      xmppDomain: 'localhost',
      primaryHost: 'sb1',
      peripheralId: 5000,
      ctiVersion: 24,
      ctiHeartbeatInterval: 5,
    },
    ...options,
  });
  return { core, timers, published };
}

const team = { id: '5000', name: 'Minnies_Team' };
const agent = (id: string, loginName: string, teamId = '5000'): UserConfig => ({
  id,
  loginName,
  firstName: loginName,
  lastName: '',
  roles: ['Agent'],
  teamId,
  teamName: '',
  supervisedTeams: [],
});
/** Mickey 2001 (ext 2003) and Minnie 2002 (ext 3002) of team 5000, Donald 2004 (ext 3004) of 5001, Walt 2010 (ext 3010) supervising 5000. */
export const USERS: UserConfig[] = [
  agent('2001', 'mmouse'),
  agent('2002', 'mminnie'),
  agent('2004', 'dduck', '5001'),
  { ...agent('2010', 'wdisney'), roles: ['Agent', 'Supervisor'], supervisedTeams: [team] },
];
export const EXTENSIONS: Record<string, string> = {
  '2001': '2003',
  '2002': '3002',
  '2004': '3004',
  '2010': '3010',
};
const CODES: ReasonCode[] = [
  { id: 1, category: 'NOT_READY', code: 11, label: 'Break', forAll: true, systemCode: false },
];

const store: Store = {
  getUser: async (id) => USERS.find((u) => u.id === id || u.loginName === id),
  listUsers: async () => USERS,
  verifyPassword: async () => undefined,
  listReasonCodes: async (category) => CODES.filter((c) => !category || c.category === category),
  getReasonCode: async (id) => CODES.find((c) => c.id === id),
  close: async () => {},
};

export const principal = (id: string): Principal => {
  const u = USERS.find((x) => x.id === id)!;
  return { id: u.id, roles: u.roles, supervisedTeams: u.supervisedTeams };
};

/** Lets queued requests and store look-ups run. */
export const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

export type Sent = CtiCallRequest | { method: 'setAgentState'; args: CtiSetAgentState };

/** A Core over a recording CTI port; `fail` makes the named call-control method reject with it. */
export function startCore(options: { withoutCallControl?: boolean } = {}) {
  const sent: Sent[] = [];
  const fail = new Map<string, unknown>();
  const record =
    (method: CtiCallRequest['method']) =>
    async (args: unknown): Promise<unknown> => {
      sent.push({ method, args } as CtiCallRequest);
      if (fail.has(method)) throw fail.get(method);
      return {};
    };
  const cti: CtiPort = {
    isUp: true,
    async setAgentState(args) {
      sent.push({ method: 'setAgentState', args });
      return { invokeId: sent.length };
    },
  };
  if (!options.withoutCallControl) {
    for (const m of [
      'answerCall',
      'clearConnection',
      'holdCall',
      'retrieveCall',
      'consultationCall',
      'transferCall',
      'conferenceCall',
      'setCallData',
      'sendDtmf',
      'superviseCall',
      'makeCall',
    ] as const) {
      (cti as unknown as Record<string, unknown>)[m] = record(m);
    }
  }
  const { core, timers, published } = createTestCore({ store, cti });
  core.onCtiStatus(true);
  published.length = 0;
  /** The agent as the CTI server reports it: signed in on its extension, in `state` (GED-188 code). */
  const agentState = (id: string, state: number, reasonCode = 0) =>
    core.onAgentState({ agentId: id, agentState: state, reasonCode, extension: EXTENSIONS[id] });
  return { core, timers, sent, published, fail, agentState };
}

/** The example call: what UCCE prints as 16777217, reported on Mickey's extension. */
export const CALL: CallRef = { callId: 16777217, deviceIdType: 0, deviceId: '2003' };

// Mickey (2001) on extension 2003, Minnie (2002) on 2004; the caller is 5551234 via DNIS 8000.
/** A tracker with Mickey and Minnie READY; `run` advances the clock a second per batch. */
export function trackerSetup() {
  let t = CORE_TEST_START;
  const logged: string[] = [];
  const tracker = new DialogTracker({ now: () => t, log: (s) => logged.push(s) });
  tracker.onAgent('2001', { extension: '2003', state: 'READY' });
  tracker.onAgent('2002', { extension: '2004', state: 'READY' });
  const run = (...events: CallEvent[]): DialogChange[] => {
    t += 1000;
    return events.flatMap((e) => tracker.apply(e));
  };
  return { tracker, run, logged };
}

/** `POST 2001 ALERTING` per change: node owner, event, dialog state. */
export const summary = (changes: DialogChange[]) =>
  changes.map((c) => `${c.event} ${c.agentId} ${c.dialog.state}`);
export const party = (d: Dialog, device: string) => d.participants.find((p) => p.mediaAddress === device);

export const begin = (call = CALL): CallEvent => ({
  type: 'BEGIN_CALL',
  call,
  callType: 2,
  ani: '5551234',
  dnis: '8000',
  dialedNumber: '8000',
  callVariables: [
    { name: 'callVariable2', value: 'gold' },
    { name: 'callVariable1', value: 'acct=42' },
  ],
  routerCallKeyDay: 150000,
  routerCallKeyCallId: 7,
});
export const delivered = (to = '2003', call = CALL): CallEvent => ({
  type: 'DELIVERED',
  call,
  alertingDevice: to,
  callingDevice: '5551234',
  calledDevice: '8000',
  skillGroupNumber: 85881,
});
export const established = (to = '2003', call = CALL): CallEvent => ({
  type: 'ESTABLISHED',
  call,
  answeringDevice: to,
  callingDevice: '5551234',
});
export const cleared = (call = CALL): CallEvent => ({ type: 'CLEARED', call });
export const endCall = (call = CALL): CallEvent => ({ type: 'END_CALL', call });
export const released = (device: string, call = CALL): CallEvent => ({
  type: 'CONNECTION_CLEARED',
  call,
  releasingDevice: device,
});
