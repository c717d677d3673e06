import type { Timers } from '../../clock/index.ts';
import type {
  AgentStateEvent,
  CallEvent,
  Message,
  QueryAgentStateConf,
  QuerySkillGroupStatisticsConf,
  SnapshotCallConf,
  SnapshotDeviceConf,
} from '../protocol/index.ts';
import type { ReconnectOptions } from './backoff.ts';
import type { CallControl } from './call-control.ts';
import type { CallId } from './call-requests.ts';

export interface CtiSide {
  host: string;
  port: number;
}

/** Where the composition root hooks the log files in; the client itself writes and prints nothing. */
export interface CtiObserver {
  /** Called with the invoke id already in `msg`, before the frame is written. */
  sent?(msg: Message, frame: Buffer): void;
  received?(msg: Message, frame: Buffer): void;
  /** Link events worth a log line: connects, losses, failovers, skipped messages. */
  event?(text: string): void;
}

export interface AgentToQuery {
  agentId: string;
  instrument?: string;
}

export interface CtiClientOptions {
  /** Side A, then side B, of the CTI server; the client alternates until one accepts (A.1). */
  sides: readonly CtiSide[];
  clientId: string;
  /** Sent as ClientPassword (UNSPEC); may be empty. */
  clientPassword: string;
  /** PeripheralID of agent requests (the agent PG's peripheral). */
  peripheralId: number;
  /** VersionNumber for OPEN_REQ; picks the layouts and the floating tag width. Default 24. */
  version?: number;
  /** HEARTBEAT_REQ interval, ms. Default 5000, Finesse's setting (A.1). */
  heartbeatIntervalMs?: number;
  /** Unanswered heartbeats that declare the link dead. Default 3 (A.1). */
  missedHeartbeats?: number;
  /** How long a request waits for its CONF, ms. Default 5000. */
  requestTimeoutMs?: number;
  /** How long to wait for TCP connect + OPEN_CONF, ms. Default 30000: the guide says ≥ 30 s (A.1). */
  openTimeoutMs?: number;
  /** How long stop() waits for CLOSE_CONF before resetting, ms. Default 5000 (A.1). */
  closeTimeoutMs?: number;
  reconnect?: ReconnectOptions;
  /**
   * Agents whose state is queried after every (re)connect, so the core republishes the truth; for
   * those with calls, their phones' and calls' snapshots follow (recovery.ts).
   */
  agentsToQuery?: () => readonly AgentToQuery[];
  /** Recovery requests (agent queries, snapshots) in flight at once after a (re)connect. Default 16. */
  recoveryConcurrency?: number;
  timers?: Timers;
  /** Randomness for reconnect jitter. */
  random?: () => number;
  observer?: CtiObserver;
}

/** A SET_AGENT_STATE_REQ minus what the client fills in (InvokeID, and defaults for the rest). */
export interface SetAgentStateRequest {
  agentState: number;
  agentId?: string;
  agentInstrument?: string;
  agentPassword?: string;
  /** Default 0. */
  eventReasonCode?: number;
  /** Default 0 (ForcedFlag.FALSE). */
  forcedFlag?: number;
  /** Default AWM_UNSPECIFIED. */
  agentWorkMode?: number;
  /** Default 0. */
  agentServiceReq?: number;
  /** Default: the client's peripheralId. */
  peripheralId?: number;
  positionId?: string;
  supervisorId?: string;
}

/** A QUERY_AGENT_STATE_REQ: at least one of the three identifiers (A.4). */
export interface QueryAgentStateRequest {
  agentId?: string;
  agentExtension?: string;
  agentInstrument?: string;
  peripheralId?: number;
}

/**
 * A QUERY_SKILL_GROUP_STATISTICS_REQ: one skill group, named by its number (Finesse's Queue id,
 * finesse-api.md §1.8) or by its ICM id.
 */
export type SkillGroupStatisticsRequest = (
  | { skillGroupNumber: number; skillGroupId?: undefined }
  | { skillGroupId: number; skillGroupNumber?: undefined }
) & { peripheralId?: number };

export type CtiLinkStatus = 'up' | 'down';

/** What SystemInfo shows of the CTI link (`ctiServers`, `lastSuccessCTIHeartbeatTime`, PARTIAL_SERVICE). */
export interface CtiLinkInfo {
  /** The configured sides, A first; `connectedAt` (epoch ms) on the one with an open session. */
  servers: { host: string; port: number; connectedAt?: number }[];
  /** Epoch ms of the last HEARTBEAT_CONF (or of OPEN_CONF, the session's first sign of life). */
  lastHeartbeatAt?: number;
  /** The peripheral is online: OPEN_CONF PeripheralOnline, then SYSTEM_EVENT PERIPHERAL_ONLINE/OFFLINE. */
  isPeripheralOnline: boolean;
  /**
   * The CTI server's maintenance handshake (v24, maintenance-layouts.ts), from its
   * ACTIVE_MAINTENANCE_REQ until a session is open on another side (or this one, back): SystemInfo's
   * `ctiMMode` (INITIATING once accepted, IN_PROGRESS from the EVENT) and `since` (epoch ms).
   */
  maintenance?: CtiMaintenance;
}

export interface CtiMaintenance {
  mode: 'INITIATING' | 'IN_PROGRESS';
  since: number;
}

export interface CtiClientEvents {
  /** An AGENT_STATE_EVENT, or a QUERY_AGENT_STATE_CONF after a (re)connect recast as one. */
  agentState: [event: AgentStateEvent, source: 'event' | 'query'];
  status: [status: CtiLinkStatus];
  /** The peripheral went online or offline (OPEN_CONF, SYSTEM_EVENT) while the session is open. */
  peripheral: [isOnline: boolean];
  /**
   * Every call event (BEGIN_CALL, CALL_DELIVERED … END_CALL, AGENT_PRE_CALL), in arrival order.
   * Agent and call events have no guaranteed relative order on the wire (A.4).
   */
  callEvent: [event: CallEvent];
  /**
   * After a (re)connect, for an agent with calls: the calls on its phone (SNAPSHOT_DEVICE_CONF),
   * emitted in wire order, after the agent's queried state and before the calls' own snapshots.
   */
  deviceSnapshot: [conf: SnapshotDeviceConf, asked: { agentId: string; instrument: string }];
  /** …and each of those calls (SNAPSHOT_CALL_CONF), asked by the connection the phone's snapshot named. */
  callSnapshot: [conf: SnapshotCallConf, asked: Required<CallId>];
  /** Every inbound message, decoded. */
  message: [message: Message];
}

/** The link and agent-state half of the client; call control is in CallControl. */
export interface CtiLink {
  /** Starts connecting (side A first). */
  start(): void;
  /** CLOSE_REQ if a session is open, then closes; pending requests reject with CTI_STOPPED. */
  stop(): Promise<void>;
  /** A session is open (OPEN_CONF received and not lost since). */
  readonly isUp: boolean;
  /** The sides, the open one, the last heartbeat answered and the peripheral's status. */
  readonly linkInfo: CtiLinkInfo;
  /** The side the open session is on. */
  readonly side: CtiSide | undefined;
  /** Resolves on SET_AGENT_STATE_CONF; rejects with CtiRequestError (FAILURE_CONF → its status). */
  setAgentState(req: SetAgentStateRequest): Promise<{ invokeId: number }>;
  queryAgentState(req: QueryAgentStateRequest): Promise<QueryAgentStateConf>;
  /** Resolves on QUERY_SKILL_GROUP_STATISTICS_CONF; rejects with CtiRequestError on FAILURE_CONF. */
  querySkillGroupStatistics(req: SkillGroupStatisticsRequest): Promise<QuerySkillGroupStatisticsConf>;
  on<K extends keyof CtiClientEvents>(event: K, listener: (...args: CtiClientEvents[K]) => void): () => void;
  off<K extends keyof CtiClientEvents>(event: K, listener: (...args: CtiClientEvents[K]) => void): void;
}

export interface CtiClient extends CtiLink, CallControl {}
