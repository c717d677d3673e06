import type {
  AgentStateEvent,
  Message,
  QueryAgentStateConf,
  SnapshotCallConf,
  SnapshotDeviceConf,
} from '../protocol/index.ts';
import type { CallId } from './call-requests.ts';
import type { CtiRequestError } from './errors.ts';
import type { AgentToQuery } from './options.ts';
import {
  agentStateEventFromQuery,
  buildQueryAgentStateReq,
  buildSnapshotCallReq,
  buildSnapshotDeviceReq,
} from './requests.ts';

/** The client's request(): sends, and settles with the CONF; `onConf` runs in the frame loop. */
export type RequestFn = (
  name: string,
  expect: string,
  build: (invokeId: number) => Message,
  onConf?: (msg: Message) => void,
) => Promise<Message>;

export interface RecoveryOptions {
  request: RequestFn;
  peripheralId: number;
  /** Recovery requests in flight at once. */
  concurrency: number;
  agentState(event: AgentStateEvent): void;
  deviceSnapshot(conf: SnapshotDeviceConf, asked: { agentId: string; instrument: string }): void;
  callSnapshot(conf: SnapshotCallConf, asked: Required<CallId>): void;
  event(text: string): void;
}

type Task = () => Promise<unknown>;

/**
 * What the client asks after every OPEN_CONF, so that the core republishes the truth (Finesse:
 * "after reconnect it republishes last known agent/call state", A.1): each agent's state
 * (QUERY_AGENT_STATE_REQ); for an agent the CTI server gives calls (NumTasks > 0), the calls on its
 * phone (SNAPSHOT_DEVICE_REQ); for each of those calls not asked yet in this round, the call itself
 * (SNAPSHOT_CALL_REQ: type, variables, every party and its state). A call two agents share is
 * asked once.
 *
 * Every answer is handed on from the frame loop, in wire order with the events around it: an event
 * right behind a CONF is newer and must not be overtaken by it. At most `concurrency` requests are
 * in flight — hundreds of agents after a failover must neither flood the CTI server (A.1: reconnect
 * storms slow it) nor time out queued behind each other — and snapshots go before the remaining
 * agent queries, so an agent's calls follow its state closely.
 */
export class Recovery {
  readonly #o: RecoveryOptions;
  #round = 0;
  #inFlight = 0;
  #queries: Task[] = [];
  #snapshots: Task[] = [];
  #askedCalls = new Set<number>();
  #counts = { agents: 0, devices: 0, calls: 0, failed: 0 };

  constructor(options: RecoveryOptions) {
    this.#o = options;
  }

  /** A new session: drops what an older round still had queued, and asks again. */
  start(agents: readonly AgentToQuery[]): void {
    this.cancel();
    const round = this.#round;
    this.#queries = agents.map((agent) => () => this.#queryAgent(round, agent));
    this.#counts = { agents: agents.length, devices: 0, calls: 0, failed: 0 };
    if (agents.length > 0) this.#o.event(`recovering ${agents.length} agents' states and calls`);
    this.#pump(round);
  }

  /** The session is gone: what is queued is never sent (in-flight requests fail with the link). */
  cancel(): void {
    this.#round++;
    this.#inFlight = 0;
    this.#queries = [];
    this.#snapshots = [];
    this.#askedCalls = new Set();
  }

  #pump(round: number): void {
    while (round === this.#round && this.#inFlight < this.#o.concurrency) {
      const task = this.#snapshots.shift() ?? this.#queries.shift();
      if (!task) break;
      this.#inFlight++;
      void task().finally(() => {
        if (round !== this.#round) return;
        this.#inFlight--;
        this.#pump(round);
        if (this.#inFlight === 0 && this.#queries.length === 0 && this.#snapshots.length === 0) {
          const c = this.#counts;
          this.#o.event(
            `recovery done: ${c.agents} agents queried, ${c.devices} phones and ${c.calls} calls ` +
              `snapshotted, ${c.failed} requests failed`,
          );
        }
      });
    }
  }

  #queryAgent(round: number, agent: AgentToQuery): Promise<unknown> {
    const { peripheralId } = this.#o;
    const req = { agentId: agent.agentId, agentInstrument: agent.instrument };
    return this.#o
      .request(
        'QueryAgentStateReq',
        'QUERY_AGENT_STATE_CONF',
        (invokeId) => buildQueryAgentStateReq(invokeId, req, peripheralId),
        (msg) => {
          const conf = msg as QueryAgentStateConf;
          this.#o.agentState(agentStateEventFromQuery(conf, agent, peripheralId));
          // NumTasks 0: no call to learn of (the core ends what it still shows).
          if (conf.numTasks === 0 || round !== this.#round) return;
          const instrument = conf.agentInstrument || conf.agentExtension || agent.instrument;
          if (!instrument) {
            this.#o.event(`agent ${agent.agentId} has ${conf.numTasks} calls but no instrument to snapshot`);
            return;
          }
          this.#snapshots.push(() => this.#snapshotDevice(round, agent.agentId, instrument));
        },
      )
      .catch((error: CtiRequestError) => this.#failed(`state query for agent ${agent.agentId}`, error));
  }

  #snapshotDevice(round: number, agentId: string, instrument: string): Promise<unknown> {
    const { peripheralId } = this.#o;
    this.#counts.devices++;
    return this.#o
      .request(
        'SnapshotDeviceReq',
        'SNAPSHOT_DEVICE_CONF',
        (invokeId) => buildSnapshotDeviceReq(invokeId, instrument, peripheralId),
        (msg) => {
          const conf = msg as SnapshotDeviceConf;
          this.#o.deviceSnapshot(conf, { agentId, instrument });
          if (round !== this.#round) return;
          (conf.callConnectionCallId ?? []).forEach((callId, i) => {
            if (this.#askedCalls.has(callId)) return;
            this.#askedCalls.add(callId);
            const call = {
              connectionCallId: callId,
              connectionDeviceIdType: conf.callConnectionDeviceIdType?.[i] ?? 0,
              connectionDeviceId: conf.callConnectionDeviceId?.[i] ?? instrument,
            };
            this.#snapshots.push(() => this.#snapshotCall(call));
          });
        },
      )
      .catch((error: CtiRequestError) => this.#failed(`snapshot of phone ${instrument}`, error));
  }

  #snapshotCall(call: Required<CallId>): Promise<unknown> {
    const { peripheralId } = this.#o;
    this.#counts.calls++;
    return this.#o
      .request(
        'SnapshotCallReq',
        'SNAPSHOT_CALL_CONF',
        (invokeId) => buildSnapshotCallReq(invokeId, call, peripheralId),
        (msg) => this.#o.callSnapshot(msg as SnapshotCallConf, call),
      )
      .catch((error: CtiRequestError) =>
        // E_CTI_INVALID_CALLID: the call ended between the two snapshots; its events say so.
        this.#failed(`snapshot of call ${call.connectionCallId}`, error),
      );
  }

  #failed(what: string, error: CtiRequestError): void {
    this.#counts.failed++;
    this.#o.event(`${what} failed: ${error.message}`);
  }
}
