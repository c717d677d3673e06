/**
 * One signed-in desktop: its data (desktop-data.ts), the sign-in sequence of seed 000,
 * notification handling, and the reload of every object after a reconnect. Components never
 * see this class; the composition root (main.ts) hands them `data` snapshots and turns their
 * events into calls here or in actions.ts.
 */

import { userStateBody } from './client/bodies.ts';
import type { ClientLog } from './client/client-log.ts';
import type { Update } from './client/models.ts';
import { parseSystemInfo, parseUser } from './client/parse.ts';
import { type RestClient, type RestResponse, uuid } from './client/rest.ts';
import type { DesktopConfig } from './config.ts';
import { Connection } from './connection.ts';
import { DesktopCredentials } from './credentials.ts';
import {
  type DesktopData,
  describeErrors,
  EMPTY,
  isAgent,
  isSupervisor,
  type Notice,
} from './desktop-data.ts';
import { loadAgentObjects, loadQueues, loadSupervisorObjects, loadTeam } from './loaders.ts';
import { applyUpdate } from './updates.ts';

export interface SessionOptions {
  config: DesktopConfig;
  rest: RestClient;
  log: ClientLog;
  origin: string;
  onChange: (data: DesktopData) => void;
  /** Every notification, as it arrives (the gadget container fans them out to gadgets). */
  onUpdate?: (u: Update) => void;
  /** Failover to a node this page cannot script: load the desktop from there (see Connection). */
  onRelocate: (origin: string, user: { loginId: string; extension: string } | undefined) => void;
  /** A session token was issued or renewed: a page reload may resume with it (never the password). */
  onToken?: (token: string) => void;
}

/** How a sign-in proves who it is: the password typed, or the session token of an earlier one. */
export type SignInSecret = { password: string } | { token: string };

export class Session {
  data: DesktopData = EMPTY;
  readonly rest: RestClient;
  readonly log: ClientLog;
  readonly conn: Connection;
  readonly #credentials: DesktopCredentials;
  readonly #o: SessionOptions;
  readonly #waiters = new Map<string, (u: Update) => void>();
  /** requestId → what was asked, so a later apiErrors notification can be explained. */
  readonly #issued = new Map<string, string>();
  #noticeId = 0;
  /** Who is signing in, until the user is loaded: a failover during sign-in carries it along. */
  #signingIn: { loginId: string; extension: string } | undefined;

  constructor(opts: SessionOptions) {
    this.#o = opts;
    this.rest = opts.rest;
    this.log = opts.log;
    this.#credentials = new DesktopCredentials({ rest: opts.rest, log: opts.log, onToken: opts.onToken });
    this.conn = new Connection({
      credentials: () => this.#credentials.refresh(),
      config: opts.config,
      rest: opts.rest,
      log: opts.log,
      origin: opts.origin,
      onUpdate: (u) => this.#onUpdate(u),
      onStatus: (connection, server) => this.set({ connection, server }),
      onRecovered: () => this.reload(),
      onRelocate: (origin) => opts.onRelocate(origin, this.data.user ?? this.#signingIn),
      onDrift: (driftMs) => {
        this.log.driftMs = driftMs;
        this.set({ driftMs });
      },
    });
  }

  set(patch: Partial<DesktopData>): void {
    this.data = { ...this.data, ...patch };
    this.#o.onChange(this.data);
  }

  notice(kind: Notice['kind'], text: string): void {
    const id = ++this.#noticeId;
    this.log.log('Container', `${kind === 'error' ? 'ERROR' : 'INFO'}: ${text}`);
    this.set({ notices: [...this.data.notices.slice(-4), { id, kind, text }] });
  }

  dismissNotice(id: number): void {
    this.set({ notices: this.data.notices.filter((n) => n.id !== id) });
  }

  /** A PUT/POST/DELETE whose outcome arrives as a notification; synchronous failures become notices. */
  async act(
    method: 'PUT' | 'POST' | 'DELETE',
    path: string,
    body: string | undefined,
    what: string,
  ): Promise<RestResponse> {
    const requestId = uuid();
    this.#issued.set(requestId, what);
    if (this.#issued.size > 100) this.#issued.delete(this.#issued.keys().next().value as string);
    const res = await this.rest.send(method, path, body, requestId);
    if (!res.ok) this.notice('error', `${what} failed: ${describeErrors(res.errors, res.status)}`);
    return res;
  }

  /** PUT and wait for the notification carrying the same requestId (the seed's LOGIN round trip). */
  async putAndWait(path: string, body: string, what: string): Promise<Update> {
    const requestId = uuid();
    const arrived = new Promise<Update>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(requestId);
        reject(new Error(`${what}: no notification within ${this.#o.config.notificationTimeoutMs} ms`));
      }, this.#o.config.notificationTimeoutMs);
      this.#waiters.set(requestId, (u) => {
        clearTimeout(timer);
        this.#waiters.delete(requestId);
        resolve(u);
      });
    });
    arrived.catch(() => {}); // observed below; avoid an unhandled rejection if the PUT fails first
    const res = await this.rest.send('PUT', path, body, requestId);
    if (!res.ok) {
      this.#waiters.delete(requestId);
      throw new Error(`${what} failed: ${describeErrors(res.errors, res.status)}`);
    }
    const u = await arrived;
    if (u.data.kind === 'apiErrors') throw new Error(`${what} failed: ${describeErrors(u.data.errors, 400)}`);
    return u;
  }

  /**
   * Seed 000, in order: SystemInfo → XMPP (BOSH) → GET User → PUT LOGIN with requestId → the
   * Update → Dialogs, ReasonCodes LOGOUT and NOT_READY, PhoneBooks (then what the roles need).
   */
  async signIn(id: string, secret: SignInSecret, extension: string): Promise<void> {
    const { rest, log } = this;
    this.set({ ...EMPTY, phase: 'signing-in' });
    this.#signingIn = { loginId: id, extension };
    this.#credentials.begin(id, secret);
    try {
      const t0 = Date.now();
      const sys = await rest.get('/finesse/api/SystemInfo');
      const t1 = Date.now();
      if (!sys.ok || !sys.root)
        throw new Error(`Cannot get SystemInfo from the server (${describeErrors(sys.errors, sys.status)})`);
      if (sys.root.localName !== 'SystemInfo') throw new Error('Unexpected SystemInfo answer');
      let info = parseSystemInfo(sys.root);
      // finesse.js does the same at sign-in: a node out of service sends the agent to its pair.
      if (info.status !== 'IN_SERVICE') info = (await this.conn.otherNode(info)) ?? info;
      log.host = info.xmppDomain;
      if (info.timezoneOffset !== undefined) log.serverOffsetMin = info.timezoneOffset;
      log.log('Container', `PageServices.init().onLoad: System info status: ${info.status}`);
      this.conn.recordDrift(t0, t1, info.currentTimestamp);
      if (info.status !== 'IN_SERVICE') throw new Error(`The system is ${info.status}; try again shortly`);
      this.conn.learnNodes(info);
      this.set({ systemInfo: info });
      // The JID needs the numeric loginId; a login name is resolved first.
      let loginId = id;
      if (!/^\d+$/.test(id)) {
        const who = await rest.get(`/finesse/api/User/${encodeURIComponent(id)}`);
        if (!who.ok || !who.root) throw new Error(signInFailure(who));
        loginId = parseUser(who.root).loginId || id;
      }
      // The password is checked once here; REST and XMPP go on with a session token.
      const xmpp = await this.#credentials.establish(loginId);
      log.log('Container', 'PageServices.init(): Establishing BOSH connection...');
      const xmppError = await this.conn.connect(loginId, xmpp.password, info, xmpp.isToken).then(
        () => undefined,
        (err: Error) =>
          /auth/i.test(err.message) ? 'Invalid ID or password' : `Notification service: ${err.message}`,
      );
      if (xmppError === 'Invalid ID or password') throw new Error(xmppError);
      if (!xmppError)
        log.log('Container', 'PageServices.onLoad(): BOSH established! Commencing sign-in process');
      this.set({ server: this.conn.server });
      const got = await rest.get(`/finesse/api/User/${loginId}`);
      if (!got.ok || !got.root) throw new Error(signInFailure(got));
      let user = parseUser(got.root);
      // Administrators only edit configuration (synchronous APIs, no notifications): they can do
      // without XMPP. Agents and supervisors cannot.
      if (xmppError && (isAgent(user) || isSupervisor(user))) throw new Error(xmppError);
      if (isAgent(user)) {
        if (!extension) throw new Error('Enter your extension');
        log.log('SignIn', `SignIn.handleUserLoad(): Performing login: extn=${extension}`);
        const u = await this.putAndWait(
          `/finesse/api/User/${loginId}`,
          userStateBody('LOGIN', { extension }),
          'Sign in',
        );
        if (u.data.kind === 'user') user = u.data.user;
        log.log('SignIn', 'SignIn._triggerLoggedIn(): Successfully logged in!');
      }
      this.set({ user });
      await this.#loadObjects();
      log.log('Header', `_displayUserData(): User's current state is: ${this.data.user?.state}`);
      this.set({ phase: 'signed-in' });
    } catch (err) {
      log.log('SignIn', `Sign-in failed: ${(err as Error).message}`);
      this.#credentials.stop();
      await this.conn.stop();
      rest.clearCredentials();
      this.set({ ...EMPTY, signInError: (err as Error).message });
    }
  }

  async #loadObjects(): Promise<void> {
    const user = this.data.user;
    if (!user) return;
    if (isAgent(user)) this.set(await loadAgentObjects(this.rest, user));
    const subscribe = (node: string) => this.conn.subscribe(node);
    if (isSupervisor(user)) this.set(await loadSupervisorObjects(this.rest, user, subscribe));
    if (isAgent(user) || isSupervisor(user)) this.set(await loadQueues(this.rest, user, subscribe));
  }

  /** finesse.js `recovered`: every cached object is fetched again. */
  async reload(): Promise<void> {
    const id = this.data.user?.loginId;
    if (!id) return;
    const got = await this.rest.get(`/finesse/api/User/${id}`);
    if (got.ok && got.root) this.set({ user: parseUser(got.root) });
    await this.#loadObjects();
    this.log.log('Header', `Objects reloaded after reconnect; state is ${this.data.user?.state}`);
  }

  /** Re-reads one team, for when its node stayed silent after a change (see actions.setAgentState). */
  async refreshTeam(teamId: string): Promise<void> {
    const team = this.data.teams.find((t) => t.id === teamId);
    if (!team) return;
    const fresh = await loadTeam(this.rest, team);
    this.set({ teams: this.data.teams.map((t) => (t.id === teamId ? fresh : t)) });
  }

  async signOut(reasonCodeId?: string): Promise<void> {
    const user = this.data.user;
    if (user && isAgent(user) && user.state !== 'LOGOUT') {
      try {
        await this.putAndWait(
          `/finesse/api/User/${user.loginId}`,
          userStateBody('LOGOUT', { reasonCodeId }),
          'Sign out',
        );
      } catch (err) {
        this.notice('error', (err as Error).message);
        return;
      }
    }
    this.#credentials.stop();
    await this.conn.stop();
    this.rest.clearCredentials();
    this.log.log('SignIn', 'Signed out');
    this.set({ ...EMPTY });
  }

  #onUpdate(u: Update): void {
    this.#o.onUpdate?.(u);
    const waiter = u.requestId ? this.#waiters.get(u.requestId) : undefined;
    if (u.data.kind === 'apiErrors') {
      const what = this.#issued.get(u.requestId);
      if (!waiter) this.notice('error', `${what ?? 'Request'} failed: ${describeErrors(u.data.errors, 400)}`);
    } else {
      const patch = applyUpdate(this.data, u);
      if (patch) this.set(patch);
    }
    waiter?.(u);
  }
}

function signInFailure(res: RestResponse): string {
  if (res.status === 401) return 'Invalid ID or password';
  if (res.status === 404) return 'Unknown user';
  return `Sign-in failed: ${describeErrors(res.errors, res.status)}`;
}
