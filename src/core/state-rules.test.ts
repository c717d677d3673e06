import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_DESK_SETTINGS, type DeskSettings, deskSettings } from '../resources/index.ts';
import type { Store } from '../store/types.ts';
import type { CtiSetAgentState } from './core.ts';
import { createTestCore, principal, settle, USERS } from './dialogs/test-support.ts';
import type { ReasonCode, UserState } from './model.ts';
import { checkFromState, planStateRequest, type StateRequest } from './state-rules.ts';

const NR: ReasonCode = {
  id: 1,
  category: 'NOT_READY',
  code: 11,
  label: 'Break',
  forAll: true,
  systemCode: false,
};
const OUT: ReasonCode = {
  id: 2,
  category: 'LOGOUT',
  code: 21,
  label: 'End of shift',
  forAll: true,
  systemCode: false,
};
const desk = DEFAULT_DESK_SETTINGS;
const request = (r: Partial<StateRequest> & Pick<StateRequest, 'requester' | 'state'>): StateRequest => ({
  codes: r.state === 'NOT_READY' ? [NR] : r.state === 'LOGOUT' ? [OUT] : [],
  desk,
  ...r,
});
const refusal = (r: ReturnType<typeof planStateRequest>) =>
  r.ok ? undefined : [r.error.status, r.error.errorType, r.error.errorData];

// Quotes from the Finesse Web Services Developer Guide 12.5(1), User—Change Agent State (CCE).
describe('agent state rules (developer guide 12.5, User—Change Agent State)', () => {
  it('"An agent can set the state to LOGOUT only if that agent is in NOT_READY state": 400 Invalid State otherwise', () => {
    for (const from of ['READY', 'TALKING', 'HOLD', 'RESERVED', 'WORK', 'WORK_READY'] as UserState[]) {
      const e = checkFromState('self', 'LOGOUT', from);
      assert.deepEqual([e?.status, e?.errorType, e?.errorData], [400, 'Invalid State', from], from);
      assert.equal(
        e?.errorMessage,
        'An agent can set the state to LOGOUT only if that agent is in NOT_READY state',
      );
    }
    assert.equal(checkFromState('self', 'LOGOUT', 'NOT_READY'), undefined);
  });

  it('"A supervisor can only set the state of another user to NOT_READY, READY, or LOGOUT"', () => {
    assert.deepEqual(refusal(planStateRequest(request({ requester: 'supervisor', state: 'LOGIN' }))), [
      400,
      'Invalid State',
      'LOGIN',
    ]);
  });

  it('"A supervisor can set the state of a user to NOT_READY only if that user is in READY, WORK, or WORK_READY state"', () => {
    const allowed: UserState[] = ['READY', 'WORK', 'WORK_READY'];
    for (const from of [
      'READY',
      'WORK',
      'WORK_READY',
      'NOT_READY',
      'TALKING',
      'HOLD',
      'RESERVED',
    ] as UserState[]) {
      const e = checkFromState('supervisor', 'NOT_READY', from);
      assert.equal(e === undefined, allowed.includes(from), from);
      if (e) assert.equal(e.errorType, 'Invalid State');
    }
  });

  it('"A supervisor can set the state of a user to LOGOUT only if that user is in READY, NOT_READY, RESERVED, …, TALKING, HOLD, WORK, or WORK_READY state"', () => {
    const allowed: UserState[] = [
      'READY',
      'NOT_READY',
      'RESERVED',
      'RESERVED_OUTBOUND',
      'RESERVED_OUTBOUND_PREVIEW',
      'TALKING',
      'HOLD',
      'WORK',
      'WORK_READY',
    ];
    for (const from of [...allowed, 'UNKNOWN', 'LOGOUT'] as UserState[])
      assert.equal(checkFromState('supervisor', 'LOGOUT', from) === undefined, allowed.includes(from), from);
  });

  it('"a reason code must not be used … Finesse rejects it and returns a 400 Invalid Input error. Finesse sends a hard-coded reason code" (999 on CCE)', () => {
    assert.deepEqual(
      refusal(planStateRequest(request({ requester: 'supervisor', state: 'NOT_READY', reasonCodeId: 1 }))),
      [400, 'Invalid Input', '1'],
    );
    const planned = planStateRequest(request({ requester: 'supervisor', state: 'NOT_READY' }));
    assert.deepEqual(planned.ok && planned.value, { reason: undefined, reasonCode: 999, forced: false });
  });

  it('forces the CTI request only where Finesse forces: sign-in, and a supervisor signing a user out', () => {
    const forced = (requester: 'self' | 'supervisor', state: StateRequest['state']) => {
      const r = planStateRequest(
        request({ requester, state, reasonCodeId: state === 'LOGOUT' ? 2 : undefined }),
      );
      return r.ok && r.value.forced;
    };
    assert.deepEqual(
      [
        forced('self', 'LOGIN'),
        forced('supervisor', 'LOGOUT'),
        forced('self', 'LOGOUT'),
        forced('self', 'READY'),
        forced('supervisor', 'READY'),
      ],
      [true, true, false, false, false],
    );
  });

  it("asks for a reason code as the agent desk settings say (CCE's Idle reason required, Logout reason required)", () => {
    const relaxed: DeskSettings = { ...desk, idleReasonRequired: false, logoutReasonRequired: false };
    for (const state of ['NOT_READY', 'LOGOUT'] as const) {
      assert.deepEqual(refusal(planStateRequest(request({ requester: 'self', state }))), [
        400,
        'Parameter Missing',
        'finesse.api.reasoncode.require_reasoncode',
      ]);
      assert.equal(planStateRequest(request({ requester: 'self', state, desk: relaxed })).ok, true, state);
      // Required, but no code to choose from: the agent is never stuck.
      assert.equal(planStateRequest(request({ requester: 'self', state, codes: [] })).ok, true, state);
    }
  });
});

describe('core applies the state rules and the desk settings', () => {
  let docs: { id: string; body: unknown }[] = [];
  const store: Store = {
    getUser: async (id) => USERS.find((u) => u.id === id || u.loginName === id),
    listUsers: async () => USERS,
    verifyPassword: async () => undefined,
    listReasonCodes: async (category) => [NR, OUT].filter((c) => !category || c.category === category),
    getReasonCode: async (id) => [NR, OUT].find((c) => c.id === id),
    listDocuments: async (kind) => (kind === deskSettings.kind ? docs : []),
    close: async () => {},
  };
  const signedIn = async (state: number) => {
    const sent: CtiSetAgentState[] = [];
    const { core, published } = createTestCore({
      store,
      cti: {
        isUp: true,
        async setAgentState(req) {
          sent.push(req);
          return { invokeId: sent.length };
        },
      },
    });
    core.onCtiStatus(true);
    await core.onAgentState({
      agentId: '2001',
      agentState: state,
      reasonCode: 0,
      extension: '2003',
      skillTargetId: 5102,
    });
    return { core, sent, published };
  };

  it("refuses an agent LOGOUT from READY with 400 Invalid State (the issue's 2026-12-07 check: Finesse answers so, we answered 202)", async () => {
    const { core, sent } = await signedIn(3);
    const r = await core.changeUserState(
      principal('2001'),
      '2001',
      { state: 'LOGOUT', reasonCodeId: 2 },
      'r',
    );
    assert.deepEqual(!r.ok && [r.error.status, r.error.errorType, r.error.errorData], [
      400,
      'Invalid State',
      'READY',
    ]);
    assert.equal(sent.length, 0);
  });

  it("lets a supervisor sign out a TALKING agent, forced; the agent's own Not Ready is not forced", async () => {
    const { core, sent } = await signedIn(4);
    assert.ok((await core.changeUserState(principal('2010'), '2001', { state: 'LOGOUT' }, 's')).ok);
    await settle();
    assert.deepEqual(sent.at(-1), {
      agentId: '2001',
      instrument: '2003',
      agentState: 1,
      reasonCode: 0,
      forced: true,
    });
    const nr = await signedIn(3);
    assert.ok(
      (await nr.core.changeUserState(principal('2001'), '2001', { state: 'NOT_READY', reasonCodeId: 1 }, 'n'))
        .ok,
    );
    await settle();
    assert.equal(nr.sent.at(-1)?.forced, false);
  });

  it('reads the user\'s desk settings: without "Idle reason required" a Not Ready needs no code', async () => {
    docs = [];
    const required = await signedIn(3);
    const refused = await required.core.changeUserState(
      principal('2001'),
      '2001',
      { state: 'NOT_READY' },
      'a',
    );
    assert.equal(!refused.ok && refused.error.errorType, 'Parameter Missing');
    docs = [
      {
        id: '1',
        body: { ...DEFAULT_DESK_SETTINGS, name: 'Relaxed', idleReasonRequired: false, users: ['2001'] },
      },
    ];
    const relaxed = await signedIn(3);
    assert.ok(
      (await relaxed.core.changeUserState(principal('2001'), '2001', { state: 'NOT_READY' }, 'b')).ok,
    );
    docs = [];
  });

  it('shows the desk settings on the User (settings, wrapUpTimer), and the team node the GET Team summary', async () => {
    docs = [
      {
        id: '1',
        body: {
          ...DEFAULT_DESK_SETTINGS,
          name: 'Sales',
          wrapUpOnIncoming: 'REQUIRED',
          wrapUpTimer: 60,
          teams: ['5000'],
        },
      },
    ];
    const { published } = await signedIn(3);
    const own = published.find((p) => p.node === '/finesse/api/User/2001')?.update.data;
    assert.ok(own?.kind === 'user');
    assert.deepEqual(
      [own.user.mediaType, own.user.settings, own.user.wrapUpTimer, own.user.skillTargetId],
      ['1', { wrapUpOnIncoming: 'REQUIRED', wrapUpOnOutgoing: 'NOT_ALLOWED' }, 60, '5102'],
    );
    // Team Notification (developer guide): "Data: Summary version of the User object".
    const team = published.find((p) => p.node === '/finesse/api/Team/5000/Users')?.update;
    assert.equal(team?.data.kind, 'teamUser');
    assert.equal(team?.source, '/finesse/api/User/2001');
    docs = [];
  });
});
