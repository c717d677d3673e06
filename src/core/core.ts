import { realTimers, type Timers } from '../clock/index.ts';
import type { WebservicesLog } from '../logs/index.ts';
import type { Store } from '../store/types.ts';
import { userAccess } from './access.ts';
import { type ClusterOptions, ClusterView } from './cluster.ts';
import type { CoreApi, DialogActionRequest, NewDialogRequest, StateChange } from './core-api.ts';
import type { CallEvent, CallRef, CallSnapshot } from './dialogs/call-events.ts';
import type { CtiCallControl } from './dialogs/cti-call-control.ts';
import { DialogEngine } from './dialogs/engine.ts';
import { pendingAfter } from './dialogs/pending-state.ts';
import { Directory } from './directory.ts';
import { CoreErrors } from './errors.ts';
import {
  type ApiError,
  type ConfigChangeNotice,
  type Dialog,
  type MaintenanceState,
  nodes,
  type Principal,
  type Publisher,
  type Queue,
  type ReasonCode,
  type ReasonCodeCategory,
  type Result,
  type SystemInfo,
  type User,
  type UserConfig,
  type UserState,
} from './model.ts';
import { ObjectQueues } from './object-queues.ts';
import { type PresenceEvent, PresenceMonitor } from './presence.ts';
import { type QueryQueueStatistics, QueueStats } from './queues/queue-stats.ts';
import { isUsersQueue, UserQueues } from './queues/user-queues.ts';
import { checkFromState, planStateRequest } from './state-rules.ts';
import {
  isOnCall,
  isRequestable,
  REQUESTABLE,
  type RequestableState,
  SystemReasonCode,
  userStateFromCti,
} from './states.ts';
import { type CtiLinkFacts, type NodePorts, systemInfoOf } from './system-info.ts';
import { publishTeamMessage, publishTeamMessageDeleted } from './team-messages.ts';

/**
 * What core needs of the CTI link; the composition root adapts the real CTI client to it. The
 * call-control methods (CtiCallControl) are optional: without them the Dialog API's requests fail
 * as a CTI server without call control would answer them.
 */
export interface CtiPort extends CtiCallControl {
  readonly isUp: boolean;
  /** The sides and heartbeats SystemInfo shows (`ctiServers`, `lastSuccessCTIHeartbeatTime`). */
  readonly linkInfo?: CtiLinkFacts;
  /** Resolves on SET_AGENT_STATE_CONF; rejects with `{ status }` on FAILURE_CONF or timeout. */
  setAgentState(req: CtiSetAgentState): Promise<{ invokeId: number }>;
  /** QUERY_SKILL_GROUP_STATISTICS_REQ for the queue poller; without it queues stay at -1. */
  queryQueueStatistics?: QueryQueueStatistics;
}

export interface CtiSetAgentState {
  agentId: string;
  instrument: string;
  /** GED-188 agent state code. */
  agentState: number;
  /** The reason code's `code` (what CTI sees), 0 for none. */
  reasonCode: number;
  forced: boolean;
}

/** An AGENT_STATE_EVENT (or QUERY_AGENT_STATE_CONF) as core needs it. */
export interface AgentStateReport {
  agentId: string;
  agentState: number;
  reasonCode: number;
  extension?: string;
  instrument?: string;
  /** AGENT_STATE_EVENT NextAgentState: the pending state the CTI server keeps, if it reports one. */
  nextAgentState?: number;
  /**
   * QUERY_AGENT_STATE_CONF NumTasks, for a queried state only: the calls the CTI server has for
   * the agent. 0 ends the dialogs whose end a lost link hid.
   */
  numTasks?: number;
  /** AGENT_STATE_EVENT ICMAgentID: the agent's SkillTargetID (0 when the server sends none). */
  skillTargetId?: number;
}

export interface CoreOptions {
  store: Store;
  cti: CtiPort;
  publisher: Publisher;
  log: WebservicesLog;
  timers?: Timers;
  system: {
    xmppDomain: string;
    /** The pair SystemInfo names (`primaryNode`, `secondaryNode`); in a cluster, the live nodes follow. */
    primaryHost?: string;
    secondaryHost?: string;
    deploymentType?: 'UCCE' | 'UCCX';
    peripheralId: number;
    ctiVersion: number;
    ctiHeartbeatInterval: number;
    /** This node's ports, once its listeners are bound (SystemInfo's node `httpsPort` …). */
    ports?: () => NodePorts | undefined;
  };
  /** Wait this long after a desktop's presence goes unavailable before forcing LOGOUT (Finesse: 60 s). */
  presenceLogoutDelayMs?: number;
  /** Give up waiting for the AGENT_STATE_EVENT that answers a request after this long. */
  stateEventTimeoutMs?: number;
  /** Queue statistics poll period; default 10 s (finesse-api.md §1.8). */
  queueStatsIntervalMs?: number;
  /** Cluster mode: the node registry this node beats into (from `start()`) and reads. */
  cluster?: ClusterOptions;
}

/** Finesse's voice Media Routing Domain id, the User's `mediaType` (1 observed, finesse-api.md §1.3). */
const VOICE_MEDIA_TYPE = '1';

interface AgentRuntime {
  state: UserState;
  stateChangeTime: string;
  reasonCodeId: number;
  reasonCode?: ReasonCode;
  pendingState: UserState | '';
  /** The pending state's reason (its CTI code) and the request that asked for it. */
  pending?: { reasonCode: number; requestId: string };
  /** The CTI server reported a NextAgentState for this agent: it applies pending states itself. */
  isPendingKeptByCti?: boolean;
  extension: string;
  /** ICMAgentID from the CTI server: the User's skillTargetId. */
  skillTargetId?: number;
}

interface InFlight {
  requestId: string;
  target: RequestableState;
  /** The reason code asked for: its event names it by CTI code, which memory may not know yet. */
  reason?: ReasonCode;
  settle: () => void;
}

/**
 * The webservices engine: turns REST state requests into CTI requests, CTI events into User
 * updates, and desktop presence into presence-driven logout. It builds no XML and opens no socket.
 */
export class Core implements CoreApi {
  readonly #o: CoreOptions;
  readonly #timers: Timers;
  readonly #agents = new Map<string, AgentRuntime>();
  readonly #queues = new ObjectQueues();
  readonly #inflight = new Map<string, InFlight>();
  readonly #presence: PresenceMonitor;
  readonly #dir: Directory;
  readonly #cluster: ClusterView | undefined;
  /** Agents whose CTI events wait for their configuration to be read (kept in order). */
  readonly #ctiBacklog = new Map<string, Promise<void>>();
  readonly #dialogs: DialogEngine;
  readonly #queueStats: QueueStats;
  readonly #userQueues: UserQueues;
  /** The last queue reload: reloads run one after the other, each on the store as it is then. */
  #queuesLoaded: Promise<void> = Promise.resolve();
  #ctiUp = false;
  #maintenance: { state: MaintenanceState; since: number } | undefined;
  #isPeripheralOnline = true;
  #worker = 0;

  constructor(options: CoreOptions) {
    this.#o = options;
    this.#timers = options.timers ?? realTimers;
    this.#dir = new Directory({
      store: options.store,
      timers: this.#timers,
      log: options.log,
      // Back after an outage: what was read from the store meanwhile failed, queues among it.
      onRecovered: () => void this.reloadQueues(),
    });
    this.#cluster =
      options.cluster &&
      new ClusterView({
        ...options.cluster,
        timers: this.#timers,
        log: options.log,
        presentAgents: () => this.#presence.presentAgents(),
        // Desktops learn the nodes from SystemInfo: tell those signed in.
        onNodesChanged: () => this.#publishSystemInfo(),
      });
    this.#presence = new PresenceMonitor({
      log: options.log,
      timers: this.#timers,
      delayMs: options.presenceLogoutDelayMs ?? 60_000,
      // An agent the CTI server has not signed in has nothing to be logged out of.
      isSignedOut: (agentId) => (this.#agents.get(agentId)?.state ?? 'LOGOUT') === 'LOGOUT',
      forceLogout: (agentId) => {
        void this.#configOf(agentId).then((config) => {
          if (!config) return;
          this.#queues.run(config.id, () =>
            // Finesse's presence-driven sign-out is a forced logout (finesse-api.md §4).
            this.#sendState(config, 'LOGOUT', SystemReasonCode.PRESENCE_LOGOUT, '', { forced: true }),
          );
        });
      },
      isPresentElsewhere:
        this.#cluster && ((agentId) => this.#cluster?.isPresentElsewhere(agentId) ?? Promise.resolve(false)),
      onPresentChanged: () => this.#cluster?.presenceChanged(),
      isInService: () => this.isInService(),
    });
    this.#dialogs = new DialogEngine({
      cti: options.cti,
      publisher: options.publisher,
      timers: this.#timers,
      store: this.#dir,
      log: options.log,
      agent: (id) => {
        const a = this.#agents.get(id);
        return { extension: a?.extension ?? '', state: a?.state ?? 'LOGOUT' };
      },
      outcomeTimeoutMs: options.stateEventTimeoutMs ?? 10_000,
      onCallsEnded: (agentId) => this.#applyPendingState(agentId),
      ecc: () => this.#dir.eccNow(),
    });
    this.#queueStats = new QueueStats({
      query: options.cti.queryQueueStatistics?.bind(options.cti),
      publisher: options.publisher,
      timers: this.#timers,
      intervalMs: options.queueStatsIntervalMs ?? 10_000,
      log: options.log,
    });
    this.#userQueues = new UserQueues(options.publisher);
    void this.reloadQueues();
  }

  /** Resolves once the configuration has first been read (or tried): start the CTI link after it. */
  ready(): Promise<void> {
    return this.#dir.ready();
  }

  /** Cluster mode: begins the heartbeats into the node registry. */
  start(): void {
    this.#cluster?.start();
  }

  /**
   * The nodes a desktop may use, as SystemInfo names them: the configured pair first (Finesse's
   * primary and secondary), then every other live node of the cluster, oldest first.
   */
  nodeHosts(): string[] {
    const s = this.#o.system;
    const hosts = [s.primaryHost, s.secondaryHost, ...(this.#cluster?.hosts() ?? [])];
    const unique = [...new Set(hosts.filter((h): h is string => !!h))];
    return unique.length > 0 ? unique : [s.xmppDomain];
  }

  /** Every node this one has known, gone ones too (CORS: pages loaded from a dead node fail over here). */
  knownNodeHosts(): string[] {
    return [...new Set([...this.nodeHosts(), ...(this.#cluster?.knownHosts() ?? [])])];
  }

  /** Agents with an available desktop session on this node. */
  presentAgents(): string[] {
    return this.#presence.presentAgents();
  }

  // ---- CoreApi -------------------------------------------------------------------------------

  systemInfo(): SystemInfo {
    return systemInfoOf({
      now: this.#timers.now(),
      system: this.#o.system,
      hosts: this.nodeHosts(),
      isCluster: this.#cluster !== undefined,
      isCtiUp: this.#ctiUp,
      isPeripheralOnline: this.#isPeripheralOnline,
      link: this.#o.cti.linkInfo,
      ports: this.#o.system.ports?.(),
      maintenance: this.#maintenance,
    });
  }

  /** IN_SERVICE only: PARTIAL_SERVICE and OUT_OF_SERVICE answer 503 (Cisco Finesse API Errors). */
  isInService(): boolean {
    return this.#ctiUp && this.#isPeripheralOnline && this.#maintenance === undefined;
  }

  /**
   * Maintenance mode (app/maintenance.ts drives it): the node goes OUT_OF_SERVICE for its desktops,
   * which move to the other node, and tells them at once on the SystemInfo node.
   */
  setMaintenance(state: MaintenanceState | undefined): void {
    const since = this.#maintenance?.since ?? this.#timers.now();
    this.#maintenance = state === undefined ? undefined : { state, since };
    this.#o.log.info(
      `CoreImpl-worker${this.#nextWorker()}`,
      'MAINTENANCE_MODE',
      { status: state ?? 'NONE' },
      state === 'IN_PROGRESS'
        ? 'Maintenance mode: desktops are told to move to the other node; Finesse is OUT_OF_SERVICE'
        : `Maintenance mode ${state ?? 'ended'}`,
    );
    this.#publishSystemInfo();
  }

  /** A user's configuration: the store's, or while it fails what core last read. */
  userConfig(idOrLoginName: string): Promise<UserConfig | undefined> {
    return this.#dir.getUser(idOrLoginName);
  }

  async getUser(idOrLoginName: string): Promise<User | undefined> {
    const config = await this.#dir.getUser(idOrLoginName);
    return config && this.#view(config);
  }

  async reasonCodes(userId: string, category: ReasonCodeCategory): Promise<ReasonCode[]> {
    const config = await this.#dir.getUser(userId);
    return config ? this.#codesFor(config, category) : this.#dir.listReasonCodes(category);
  }

  getQueue(id: string): Queue | undefined {
    return this.#queueStats.get(id);
  }

  /**
   * A user's queues: those configured without teams, and those naming the user's team or a team
   * it supervises (a supervisor watches its teams' queues).
   */
  userQueues(user: UserConfig): Queue[] {
    return this.#queueStats.list((q) => isUsersQueue(user, q));
  }

  dialogs(userId: string): Dialog[] {
    return this.#dialogs.dialogs(userId);
  }

  getDialog(actor: Principal, dialogId: string): Promise<Result<Dialog>> {
    return this.#dialogs.getDialog(actor, dialogId);
  }

  dialogAction(
    actor: Principal,
    dialogId: string,
    action: DialogActionRequest,
    requestId: string,
  ): Promise<Result<void>> {
    return this.#dialogs.dialogAction(actor, dialogId, action, requestId);
  }

  makeCall(
    actor: Principal,
    userId: string,
    request: NewDialogRequest,
    requestId: string,
  ): Promise<Result<void>> {
    return this.#dialogs.makeCall(actor, userId, request, requestId);
  }

  async changeUserState(
    actor: Principal,
    userId: string,
    change: StateChange,
    requestId: string,
  ): Promise<Result<void>> {
    const config = await this.#dir.getUser(userId);
    if (!config) return fail(CoreErrors.userNotFound(userId));
    const access = userAccess(actor, config);
    if (access === 'none' || access === 'administrator') {
      return fail(
        actor.roles.includes('Supervisor')
          ? CoreErrors.invalidSupervisor(config.id)
          : CoreErrors.invalidAuthorizationUser(config.id),
      );
    }
    const state = change.state;
    if (!isRequestable(state)) {
      return fail(
        access === 'supervisor'
          ? CoreErrors.invalidState(
              'A supervisor can only set the state of another user to NOT_READY, READY, or LOGOUT',
              state,
            )
          : CoreErrors.invalidState(`Cannot change the state to ${state}`, state),
      );
    }
    // The rules of state-rules.ts (developer guide 12.5, User—Change Agent State), with the
    // user's agent desk settings saying whether reason codes are required.
    const planned = planStateRequest({
      requester: access,
      state,
      reasonCodeId: change.reasonCodeId,
      codes: state === 'NOT_READY' || state === 'LOGOUT' ? await this.#codesFor(config, state) : [],
      desk: await this.#dir.deskSettings(config),
    });
    if (!planned.ok) return planned;
    const { reason, reasonCode, forced } = planned.value;

    // What depends on the agent's state is decided in turn: after the CTI outcome of the requests
    // before it (a READY sent right after a LOGIN finds the agent signed in, not LOGOUT).
    return this.#queues.inTurn(
      config.id,
      () => {
        const agent = this.#runtime(config.id);
        if (state === 'LOGIN') {
          const extension = change.extension?.trim() || agent.extension;
          if (!extension) return { result: fail(CoreErrors.extensionRequired()) };
          if (!/^[0-9A-Za-z+*#]{1,15}$/.test(extension))
            return { result: fail(CoreErrors.invalidInput('Invalid extension', extension)) };
          if (agent.state !== 'LOGOUT') {
            // Sign-in is forced in Finesse: a signed-in user keeps its state; the desktop still gets its Update.
            this.#publishUser(config, requestId);
            return { result: { ok: true, value: undefined } };
          }
          agent.extension = extension;
        } else if (checkFromState(access, state, agent.state)) {
          return { result: fail(checkFromState(access, state, agent.state)!) };
        } else if (isOnCall(agent.state) && state !== 'LOGOUT') {
          // finesse-api.md §2: a READY/NOT_READY asked for during a call applies when the call ends.
          // It is sent now all the same, as any request: the CTI server keeps it (NextAgentState).
          agent.pendingState = state;
          agent.pending = { reasonCode, requestId };
          if (reason) agent.reasonCode = reason;
        }
        return {
          result: { ok: true, value: undefined },
          send: () => this.#sendState(config, state, reasonCode, requestId, { reason, forced }),
        };
      },
      (error) => this.#publishErrors(config, [error], requestId),
    );
  }

  // ---- inputs from the CTI link and the notification service ----------------------------------

  onCtiStatus(up: boolean): void {
    if (up === this.#ctiUp) return;
    const wasInService = this.isInService();
    this.#ctiUp = up;
    // A new session starts from its OPEN_CONF's PeripheralOnline, reported by onPeripheralStatus.
    if (up) this.#isPeripheralOnline = true;
    // Queue statistics come from the CTI server: poll only while it can answer.
    if (up) this.#queueStats.start();
    else this.#queueStats.stop();
    this.#o.log.info(
      `CoreImpl-worker${this.#nextWorker()}`,
      'CTI_CONNECTION_STATUS',
      { status: up ? 'UP' : 'DOWN' },
      up
        ? 'Connection to the CTI server established; Finesse is IN_SERVICE'
        : 'Connection to the CTI server lost; Finesse is OUT_OF_SERVICE',
    );
    this.#publishSystemInfo();
    if (!wasInService && this.isInService()) this.#presence.restartDelays();
  }

  /** The CTI server's peripheral went offline or online (SYSTEM_EVENT): PARTIAL_SERVICE or back. */
  onPeripheralStatus(isOnline: boolean): void {
    if (isOnline === this.#isPeripheralOnline) return;
    const wasInService = this.isInService();
    this.#isPeripheralOnline = isOnline;
    this.#o.log.info(
      `CoreImpl-worker${this.#nextWorker()}`,
      'CTI_PERIPHERAL_STATUS',
      { status: isOnline ? 'ONLINE' : 'OFFLINE' },
      isOnline
        ? 'The peripheral is online; Finesse is IN_SERVICE'
        : 'The peripheral is offline; Finesse is PARTIAL_SERVICE',
    );
    if (this.#ctiUp) this.#publishSystemInfo();
    if (!wasInService && this.isInService()) this.#presence.restartDelays();
  }

  #publishSystemInfo(): void {
    this.#o.publisher.publish(nodes.systemInfo, {
      data: { kind: 'systemInfo', systemInfo: this.systemInfo() },
      event: 'PUT',
      requestId: '',
      source: nodes.systemInfo,
    });
  }

  /**
   * An AGENT_STATE_EVENT (or a queried state), applied in memory at once from the configuration
   * core holds — never waiting on the store, never dropped because it is down. Only an agent core
   * has not read yet waits for its read, its later events queued behind it.
   */
  onAgentState(report: AgentStateReport): Promise<void> {
    const state = userStateFromCti(report.agentState);
    // LOGIN is transient (the CTI server follows it with NOT_READY); desktops never see it.
    if (state === 'LOGIN') return Promise.resolve();
    const id = report.agentId;
    const behind = this.#ctiBacklog.get(id);
    const known = behind ? undefined : this.#dir.userNow(id);
    if (known) {
      this.#applyAgentState(id, known, state, report);
      return Promise.resolve();
    }
    const next = (behind ?? Promise.resolve()).then(async () => {
      await this.#dir.ready();
      this.#applyAgentState(id, await this.#configOf(id), state, report);
    });
    this.#ctiBacklog.set(id, next);
    void next.finally(() => {
      if (this.#ctiBacklog.get(id) === next) this.#ctiBacklog.delete(id);
    });
    return next;
  }

  /** A user's configuration: memory first, then the store; undefined when neither knows it. */
  async #configOf(id: string): Promise<UserConfig | undefined> {
    return this.#dir.userNow(id) ?? (await this.#dir.getUser(id).catch(() => undefined));
  }

  /**
   * The state goes into the agent's runtime even for an agent whose configuration is unknown (the
   * store down at start): a GET once it is known shows what the CTI server said. Publishing needs
   * the configuration (the User document).
   */
  #applyAgentState(
    id: string,
    config: UserConfig | undefined,
    state: UserState,
    report: AgentStateReport,
  ): void {
    const agent = this.#runtime(id);
    const changed = agent.state !== state;
    const inflight = this.#inflight.get(id);
    const reason = this.#reasonNow(config, state, report.reasonCode, inflight?.reason);
    if (changed || agent.reasonCodeId !== (reason?.id ?? -1)) {
      agent.stateChangeTime = new Date(this.#timers.now()).toISOString();
    }
    agent.state = state;
    agent.reasonCode = reason;
    agent.reasonCodeId = reason?.id ?? -1;
    // A signed-out agent has no extension (the seed's GET User shows an empty one), whatever the CTI
    // server still has configured for its device.
    if (report.extension && state !== 'LOGOUT') agent.extension = report.extension;
    if (report.skillTargetId) agent.skillTargetId = report.skillTargetId;
    const next = report.nextAgentState === undefined ? undefined : userStateFromCti(report.nextAgentState);
    if (next !== undefined) agent.isPendingKeptByCti = true;
    agent.pendingState = pendingAfter(agent.pendingState, state, next);
    if (!agent.pendingState) agent.pending = undefined;

    let requestId = '';
    if (inflight && (reaches(inflight.target, state) || next === inflight.target)) {
      requestId = inflight.requestId;
      inflight.settle();
    }
    if (config) this.#publishUser(config, requestId);
    this.#dialogs.onAgent(id, { extension: agent.extension, state });
    if (report.numTasks === 0) this.#dialogs.onPhoneCalls(id);
    this.#applyPendingState(id);
  }

  /** A CTI call event: becomes Dialog notifications of the agents on the call. Never throws. */
  onCallEvent(ev: CallEvent): void {
    this.#dialogs.onCallEvent(ev);
  }

  /**
   * The calls the CTI server has on an agent's phone (SNAPSHOT_DEVICE_CONF after a reconnect, or
   * at start): the agent's other dialogs ended unseen, as with a queried NumTasks of 0. Applied
   * after the agent's queried state, even when that state still waits for its configuration.
   */
  onPhoneSnapshot(agentId: string, calls: readonly CallRef[]): Promise<void> {
    const apply = () => this.#dialogs.onPhoneCalls(agentId, calls);
    const behind = this.#ctiBacklog.get(agentId);
    if (!behind) {
      apply();
      return Promise.resolve();
    }
    const next = behind.then(apply);
    this.#ctiBacklog.set(agentId, next);
    void next.finally(() => {
      if (this.#ctiBacklog.get(agentId) === next) this.#ctiBacklog.delete(agentId);
    });
    return next;
  }

  /** A call's snapshot (SNAPSHOT_CALL_CONF): its dialog appears on its agents' desktops, or catches up. */
  onCallSnapshot(snap: CallSnapshot): void {
    this.#dialogs.onCallSnapshot(snap);
  }

  /**
   * A configuration write, on this node or another: queues and who they belong to are read again
   * (and users told of queues added or taken away), team messages go out to their teams.
   */
  onConfigChange(change: ConfigChangeNotice): void {
    this.#dir.onConfigChange(change);
    if (change.kind === 'teamMessage') {
      if (change.op === 'delete') {
        publishTeamMessageDeleted(this.#o.publisher, change.id, change.teamIds ?? []);
        return;
      }
      void this.#o.store.getTeamMessage?.(change.id).then(
        (message) => message && publishTeamMessage(this.#o.publisher, message),
        (e: unknown) => this.#storeFailed('TeamMessage', e),
      );
      return;
    }
    if (change.kind === 'queue' || change.kind === 'user' || change.kind === 'team') void this.reloadQueues();
  }

  /**
   * Reads the queues (skill groups) from the store: the poller polls them, and each user whose
   * list of queues changed since the last reload gets a User/Queues notification. Resolves once
   * done; reloads queue up behind each other.
   */
  reloadQueues(): Promise<void> {
    const run = async () => {
      const { store } = this.#o;
      if (!store.listQueues) return;
      try {
        const [queues, users] = await Promise.all([store.listQueues(), store.listUsers()]);
        this.#queueStats.setQueues(queues);
        this.#userQueues.update(users, (u) => this.userQueues(u));
      } catch (e) {
        this.#storeFailed('Queues', e);
      }
    };
    this.#queuesLoaded = this.#queuesLoaded.then(run);
    return this.#queuesLoaded;
  }

  onPresence(ev: PresenceEvent): void {
    this.#presence.onPresence(ev);
  }

  /** Cluster mode: stops the heartbeats and leaves the node registry (a graceful stop). */
  async leaveCluster(): Promise<void> {
    await this.#cluster?.stop();
  }

  /** Stops timers; pending requests are dropped. */
  close(): void {
    this.#presence.close();
    this.#dir.close();
    for (const f of this.#inflight.values()) f.settle();
    this.#dialogs.close();
    this.#queueStats.stop();
  }

  // ---- internals -------------------------------------------------------------------------------

  async #sendState(
    config: UserConfig,
    target: RequestableState,
    reasonCode: number,
    requestId: string,
    { reason, forced = false }: { reason?: ReasonCode; forced?: boolean } = {},
  ): Promise<void> {
    const agent = this.#runtime(config.id);
    let timer: unknown;
    let entry: InFlight | undefined;
    const answered = new Promise<void>((resolve) => {
      const settle = () => {
        this.#timers.clearTimeout(timer);
        if (this.#inflight.get(config.id) === entry) this.#inflight.delete(config.id);
        resolve();
      };
      entry = { requestId, target, reason, settle };
      this.#inflight.set(config.id, entry);
      timer = this.#timers.setTimeout(settle, this.#o.stateEventTimeoutMs ?? 10_000);
    });
    try {
      await this.#o.cti.setAgentState({
        agentId: config.id,
        instrument: agent.extension,
        agentState: REQUESTABLE[target],
        reasonCode,
        forced,
      });
    } catch (e) {
      this.#inflight.get(config.id)?.settle();
      if (agent.pendingState === target) {
        agent.pendingState = '';
        agent.pending = undefined;
      }
      const status =
        typeof (e as { status?: unknown }).status === 'number' ? (e as { status: number }).status : 16;
      this.#publishErrors(
        config,
        [CoreErrors.ctiFailure(status, target === 'LOGIN' ? 'Invalid Device' : 'Invalid State')],
        requestId,
      );
      return;
    }
    // A pending state changes nothing the CTI server would report before the call ends: its
    // acceptance is the outcome the desktop waits for.
    if (agent.pendingState === target && isOnCall(agent.state) && this.#inflight.get(config.id) === entry) {
      entry?.settle();
      this.#publishUser(config, requestId);
    }
    await answered;
  }

  /**
   * For a CTI server that does not keep pending states (no NextAgentState): once the agent has no
   * call left and its state event says the call is over — call and agent events come in either
   * order (A.4) — the pending state is sent again, as a queued request, so that it is not lost.
   */
  #applyPendingState(agentId: string): void {
    const agent = this.#agents.get(agentId);
    const target = agent?.pendingState;
    if (!agent || agent.isPendingKeptByCti || (target !== 'READY' && target !== 'NOT_READY')) return;
    if (agent.state === 'LOGOUT' || isOnCall(agent.state) || this.#dialogs.hasLiveCall(agentId)) return;
    const { reasonCode, requestId } = agent.pending ?? { reasonCode: 0, requestId: '' };
    agent.pendingState = '';
    agent.pending = undefined;
    void this.#configOf(agentId).then((config) => {
      if (config) this.#queues.run(config.id, () => this.#sendState(config, target, reasonCode, requestId));
    });
  }

  /**
   * The ReasonCode of a CTI state event, from memory: the one the request asked for, else the
   * team's codes first (two teams may use the same code number for different labels), then any
   * code — the CTI server may report a state set elsewhere.
   */
  #reasonNow(
    config: UserConfig | undefined,
    state: UserState,
    code: number,
    asked: ReasonCode | undefined,
  ): ReasonCode | undefined {
    if (code === 0 || (state !== 'NOT_READY' && state !== 'LOGOUT')) return undefined;
    if (asked?.code === code && asked.category === state) return asked;
    return (
      (config && this.#dir.codesNow(config, state).find((c) => c.code === code)) ??
      this.#dir.allCodesNow(state).find((c) => c.code === code)
    );
  }

  /** finesse-api.md §1.5: an agent may use the global (`forAll`) codes and its own team's. */
  #codesFor(config: UserConfig, category: ReasonCodeCategory): Promise<ReasonCode[]> {
    return this.#dir.teamReasonCodes(config, category);
  }

  #runtime(id: string): AgentRuntime {
    let a = this.#agents.get(id);
    if (!a) {
      a = { state: 'LOGOUT', stateChangeTime: '', reasonCodeId: -1, pendingState: '', extension: '' };
      this.#agents.set(id, a);
    }
    return a;
  }

  #view(config: UserConfig): User {
    const a = this.#runtime(config.id);
    const desk = this.#dir.deskSettingsNow(config);
    return {
      ...config,
      state: a.state,
      stateChangeTime: a.stateChangeTime,
      reasonCodeId: a.reasonCodeId,
      reasonCode: a.reasonCode,
      pendingState: a.pendingState,
      extension: a.extension,
      mediaType: VOICE_MEDIA_TYPE,
      settings: { wrapUpOnIncoming: desk.wrapUpOnIncoming, wrapUpOnOutgoing: desk.wrapUpOnOutgoing },
      wrapUpTimer: desk.wrapUpTimer,
      ...(a.skillTargetId ? { skillTargetId: String(a.skillTargetId) } : {}),
    };
  }

  #publishUser(config: UserConfig, requestId: string): void {
    const source = nodes.user(config.id);
    const user = this.#view(config);
    this.#o.publisher.publish(source, { data: { kind: 'user', user }, event: 'PUT', requestId, source });
    // Supervisors watch their teams on the team node, whose payload is the member's summary as
    // GET Team lists it (Team Notification: "Data: Summary version of the User object"; source
    // the agent's URI, finesse-api.md §3.2).
    if (config.teamId) {
      this.#o.publisher.publish(nodes.team(config.teamId), {
        data: { kind: 'teamUser', user },
        event: 'PUT',
        requestId,
        source,
      });
    }
  }

  #publishErrors(config: UserConfig, errors: ApiError[], requestId: string): void {
    const source = nodes.user(config.id);
    this.#o.publisher.publish(source, {
      data: { kind: 'apiErrors', errors },
      event: 'PUT',
      requestId,
      source,
    });
  }

  #storeFailed(what: string, e: unknown): void {
    this.#o.log.error(
      `CoreImpl-worker${this.#nextWorker()}`,
      'DB_RUNTIME_EXCEPTION',
      { object: what },
      e instanceof Error ? e.message : String(e),
    );
  }

  #nextWorker(): number {
    this.#worker = (this.#worker % 200) + 1;
    return this.#worker;
  }
}

function fail(error: ApiError): Result<void> {
  return { ok: false, error };
}

function reaches(target: RequestableState, state: UserState): boolean {
  if (target === 'LOGIN') return state !== 'LOGOUT';
  return target === state;
}
