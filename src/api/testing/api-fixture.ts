import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import {
  type ApiError,
  type CoreApi,
  CoreErrors,
  type Dialog,
  type DialogActionRequest,
  type NewDialogRequest,
  type Principal,
  type Queue,
  type ReasonCode,
  type ReasonCodeCategory,
  type Result,
  type StateChange,
  type SystemInfo,
  UNKNOWN_STATISTICS,
  type User,
  type UserConfig,
} from '../../core/index.ts';
import { createLogs, type Logs } from '../../logs/index.ts';
import { type ConfigStore, createSqliteStore, DEMO, seedDemoData } from '../../store/index.ts';
import { TEST_HASHING } from '../../store/testing/hashing.ts';
import { type ApiOptions, createApi } from '../api.ts';
import { inboundDialog } from './dialog-fixture.ts';

/**
 * A `CoreApi` over a fixed map of users: the REST layer's collaborator in these tests, not the
 * product (the end-to-end test in `test/` runs the real core). It records the state changes the
 * API hands it and answers as told.
 */
export class FakeCore implements CoreApi {
  inService = true;
  readonly changes: { actor: string; userId: string; change: StateChange; requestId: string }[] = [];
  /** Answer the next state change with this error instead of accepting it. */
  refuseNext: ApiError | undefined;
  readonly users = new Map<string, User>(
    DEMO.users.map((u) => [
      u.id,
      {
        id: u.id,
        loginName: u.loginName,
        firstName: u.firstName,
        lastName: u.lastName,
        roles: [...u.roles],
        teamId: u.teamId,
        teamName: DEMO.teams.find((t) => t.id === u.teamId)?.name ?? '',
        supervisedTeams: DEMO.teams.filter((t) => u.supervisedTeamIds.includes(t.id)),
        state: 'LOGOUT',
        stateChangeTime: '',
        reasonCodeId: -1,
        pendingState: '',
        extension: '',
      },
    ]),
  );
  /** Users the store knows but the map does not (created through the API) show as LOGOUT. */
  store: ConfigStore | undefined;
  readonly codes: ReasonCode[] = [
    { id: 1, category: 'NOT_READY', code: 1, label: 'Break', forAll: true, systemCode: false },
    { id: 11, category: 'LOGOUT', code: 11, label: 'End of shift', forAll: true, systemCode: false },
  ];

  systemInfo(): SystemInfo {
    return {
      currentTimestamp: '2026-11-22T10:00:00.000Z',
      deploymentType: 'UCCE',
      status: this.inService ? 'IN_SERVICE' : 'OUT_OF_SERVICE',
      lastCTIHeartbeatStatus: this.inService ? 'success' : 'failure',
      ctiVersion: 24,
      ctiHeartbeatInterval: 5,
      peripheralId: 5000,
      primaryNode: { host: 'sb1.example.com' },
      timezoneOffset: 0,
      xmppDomain: 'sb1.example.com',
      xmppPubSubDomain: 'pubsub.sb1.example.com',
    };
  }

  isInService(): boolean {
    return this.inService;
  }

  async getUser(idOrLoginName: string): Promise<User | undefined> {
    const known =
      this.users.get(idOrLoginName) ?? [...this.users.values()].find((u) => u.loginName === idOrLoginName);
    if (known || !this.store) return known;
    const config = await this.store.getUser(idOrLoginName);
    return (
      config && {
        ...config,
        state: 'LOGOUT',
        stateChangeTime: '',
        reasonCodeId: -1,
        pendingState: '',
        extension: '',
      }
    );
  }

  async changeUserState(
    actor: Principal,
    userId: string,
    change: StateChange,
    requestId: string,
  ): Promise<Result<void>> {
    if (change.state === 'EXPLODE') throw new Error('core exploded');
    const refusal = this.refuseNext;
    this.refuseNext = undefined;
    if (refusal) return { ok: false, error: refusal };
    this.changes.push({ actor: actor.id, userId, change, requestId });
    return { ok: true, value: undefined };
  }

  async reasonCodes(_userId: string, category: ReasonCodeCategory): Promise<ReasonCode[]> {
    return this.codes.filter((c) => c.category === category);
  }

  /** Queue 85881 has been polled (two calls waiting); 85882 has not, so it shows -1. */
  readonly queues: Queue[] = [
    {
      id: '85881',
      name: 'Sales',
      statistics: {
        callsInQueue: 2,
        startTimeOfLongestCallInQueue: '2026-11-22T09:59:18Z',
        agentsReady: 0,
        agentsNotReady: 1,
        agentsBusyOther: 0,
        agentsLoggedOn: 3,
        agentsTalkingInbound: 1,
        agentsTalkingOutbound: 0,
        agentsTalkingInternal: 0,
        agentsWrapUpNotReady: 1,
        agentsWrapUpReady: 0,
      },
    },
    { id: '85882', name: 'Support', statistics: UNKNOWN_STATISTICS },
  ];
  /** Which users `userQueues` was asked about. */
  readonly queueLookups: string[] = [];

  getQueue(id: string): Queue | undefined {
    return this.queues.find((q) => q.id === id);
  }

  userQueues(user: UserConfig): Queue[] {
    this.queueLookups.push(user.id);
    return this.queues;
  }

  /** Minnie (2002, extension 3002) is on call 16777217. */
  readonly dialogList = new Map<string, Dialog[]>([['2002', [inboundDialog('16777217', '3002')]]]);
  /** The Dialog API requests the routes handed over, and the answer to give the next one. */
  readonly dialogRequests: { actor: string; target: string; request: unknown; requestId: string }[] = [];
  refuseNextDialog: ApiError | undefined;

  dialogs(userId: string): Dialog[] {
    return this.dialogList.get(userId) ?? [];
  }

  async getDialog(_actor: Principal, dialogId: string): Promise<Result<Dialog>> {
    const dialog = [...this.dialogList.values()].flat().find((d) => d.id === dialogId);
    return dialog ? { ok: true, value: dialog } : { ok: false, error: CoreErrors.dialogNotFound(dialogId) };
  }

  async dialogAction(
    actor: Principal,
    dialogId: string,
    request: DialogActionRequest,
    requestId: string,
  ): Promise<Result<void>> {
    return this.#dialogRequest(actor, dialogId, request, requestId);
  }

  async makeCall(actor: Principal, userId: string, request: NewDialogRequest, requestId: string) {
    return this.#dialogRequest(actor, userId, request, requestId);
  }

  #dialogRequest(actor: Principal, target: string, request: unknown, requestId: string): Result<void> {
    const refusal = this.refuseNextDialog;
    this.refuseNextDialog = undefined;
    if (refusal) return { ok: false, error: refusal };
    this.dialogRequests.push({ actor: actor.id, target, request, requestId });
    return { ok: true, value: undefined };
  }
}

export interface ApiFixture {
  base: string;
  core: FakeCore;
  store: ConfigStore;
  logs: Logs;
  /** `fetch` below the server with optional Basic credentials `[user, password]`. */
  request(pathAndQuery: string, init?: RequestInit & { auth?: [string, string] }): Promise<Response>;
  /** Everything logged so far: webservices and Tomcat access log. */
  readLogs(): Promise<{ webservices: string; access: string }>;
  stop(): Promise<void>;
}

export interface ApiFixtureOptions extends Partial<Omit<ApiOptions, 'core' | 'store' | 'logs'>> {
  /** An empty store to seed with the demo data (default: SQLite in memory). */
  openStore?: () => Promise<ConfigStore>;
}

/** The API on a real `http.Server` on 127.0.0.1 (OS-chosen port), with the demo store in memory. */
export async function startApiFixture(options: ApiFixtureOptions = {}): Promise<ApiFixture> {
  const { openStore, ...apiOptions } = options;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-api-'));
  const logs = createLogs({ dir, nodeAddress: '127.0.0.1', now: apiOptions.now });
  const store = openStore
    ? await openStore()
    : createSqliteStore({ file: ':memory:', passwordHashing: TEST_HASHING });
  await seedDemoData(store);
  const core = new FakeCore();
  core.store = store;
  const api = createApi({ ...apiOptions, core, store, logs });
  const server = http.createServer((req, res) => {
    if (!api.handle(req, res)) res.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const read = (sub: string) => {
    const d = path.join(dir, sub);
    if (!fs.existsSync(d)) return '';
    return fs
      .readdirSync(d)
      .sort()
      .map((f) => fs.readFileSync(path.join(d, f), 'utf8'))
      .join('');
  };
  return {
    base,
    core,
    store,
    logs,
    request(p, init = {}) {
      const headers = new Headers(init.headers);
      if (init.auth)
        headers.set('Authorization', `Basic ${Buffer.from(init.auth.join(':')).toString('base64')}`);
      return fetch(base + p, { ...init, headers });
    },
    async readLogs() {
      await logs.flush();
      return { webservices: read('webservices'), access: read('tomcat') };
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      await logs.flush();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The demo administrator's credentials, as `send` and `request` take them. */
export const ADMIN: [string, string] = ['admin', 'admin'];

/**
 * One API fixture for a `describe` block, started before its tests and stopped after them, with
 * `send(method, path, auth?, body?)` below `/finesse/api` (the administrator's credentials unless
 * told).
 */
export function apiSuite(options: ApiFixtureOptions = {}) {
  let fixture: ApiFixture | undefined;
  before(async () => {
    fixture = await startApiFixture(options);
  });
  after(() => fixture?.stop());
  const api = () => fixture!;
  return {
    api,
    send: (method: string, path: string, auth: [string, string] = ADMIN, body?: string) =>
      api().request(`/finesse/api${path}`, { method, auth, body }),
  };
}
