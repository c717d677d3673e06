/**
 * The domain objects of the webservices engine. `core` speaks only these; `api` renders them to
 * XML (one serializer per wire object, used by REST responses and XMPP `<Update>`s alike).
 */

/** Finesse's REST-facing agent states (finesse-api.md §2). */
export type UserState =
  | 'LOGIN'
  | 'LOGOUT'
  | 'NOT_READY'
  | 'READY'
  | 'RESERVED'
  | 'RESERVED_OUTBOUND'
  | 'RESERVED_OUTBOUND_PREVIEW'
  | 'TALKING'
  | 'HOLD'
  | 'WORK'
  | 'WORK_READY'
  | 'UNKNOWN';

export type Role = 'Agent' | 'Supervisor' | 'Administrator';

export type ReasonCodeCategory = 'NOT_READY' | 'LOGOUT';

export interface ReasonCode {
  id: number;
  category: ReasonCodeCategory;
  code: number;
  label: string;
  forAll: boolean;
  systemCode: boolean;
}

export interface TeamRef {
  id: string;
  name: string;
}

/** What the store keeps about a user (configuration, not runtime state). */
export interface UserConfig {
  /** Finesse `loginId` (the CTI agent id), e.g. `2001`. */
  id: string;
  loginName: string;
  firstName: string;
  lastName: string;
  roles: Role[];
  teamId: string;
  teamName: string;
  /** Teams this user supervises (empty for agents). */
  supervisedTeams: TeamRef[];
}

/** A user as the API and notifications show it: configuration plus the CTI-reported state. */
export interface User extends UserConfig {
  state: UserState;
  /** ISO-8601 UTC with milliseconds, or '' before the first state change. */
  stateChangeTime: string;
  /** The ReasonCode database id, -1 when none. */
  reasonCodeId: number;
  reasonCode?: ReasonCode;
  pendingState: UserState | '';
  extension: string;
  /**
   * Finesse 12.x children, from the user's agent desk settings and the CTI server; absent in
   * Finesse 9.1's User (seed 000), which the serializer then reproduces verbatim.
   * `mediaType`: the voice Media Routing Domain's id (`1` observed, finesse-api.md §1.3).
   */
  mediaType?: string;
  /** `settings/wrapUpOnIncoming|wrapUpOnOutgoing`: REQUIRED, REQUIRED_WITH_WRAP_UP_DATA, OPTIONAL, NOT_ALLOWED. */
  settings?: { wrapUpOnIncoming: string; wrapUpOnOutgoing: string };
  /** Seconds of wrap-up before the CTI server ends it (7200 observed). */
  wrapUpTimer?: number;
  /** The agent's SkillTargetID (GED-188 ICMAgentID), once the CTI server reported it. */
  skillTargetId?: string;
}

/** A Finesse ApiError: PascalCase in HTTP bodies, camelCase inside notifications. */
export interface ApiError {
  /** HTTP status used when the error is returned synchronously. */
  status: number;
  errorType: string;
  errorMessage: string;
  errorData: string;
  /** CCE peripheral errors (finesse-api.md §0): the peripheral's own code, when it gave one. */
  peripheralErrorCode?: string;
}

export interface NodeInfo {
  host: string;
  httpsPort?: number;
  xmppPort?: number;
  xmppSecurePort?: number;
}

export interface SystemInfo {
  currentTimestamp: string;
  deploymentType: 'UCCE' | 'UCCX';
  status: 'IN_SERVICE' | 'PARTIAL_SERVICE' | 'OUT_OF_SERVICE';
  statusReason?: string;
  lastCTIHeartbeatStatus: 'success' | 'failure';
  /** Epoch ms of the last heartbeat the CTI server answered; unknown before the first session. */
  lastSuccessCTIHeartbeatTime?: number;
  /** Unified CCX's desktop license; '' on Unified CCE. */
  license?: string;
  ctiVersion: number;
  ctiHeartbeatInterval: number;
  peripheralId: number;
  primaryNode: NodeInfo;
  secondaryNode?: NodeInfo;
  /**
   * Cluster mode (docs/cluster.md): every node a desktop may use — the pair above first, then the
   * other live nodes. Not in Finesse's SystemInfo: serialized last, where Finesse clients ignore it.
   */
  nodes?: NodeInfo[];
  timezoneOffset: number;
  xmppDomain: string;
  xmppPubSubDomain: string;
  /** The CTI servers (sides A, B): connected for how long (s), and whether in session. */
  ctiServers?: { host: string; connectedDuration: number; active: boolean }[];
  /**
   * The CTI server's maintenance (protocol v24 handshake, cti/protocol/maintenance-layouts.ts):
   * INITIATING once this node accepted the CTI server's request, IN_PROGRESS once the server began
   * and this node is moving to the other side; present only until a session is open again.
   */
  ctiMMode?: CtiMaintenanceMode;
  /** Seconds since the CTI server asked. */
  ctiTimeInMMode?: number;
  /**
   * Finesse's maintenance mode of this node (MaintenanceMode API's status vocabulary), present
   * only once one has begun: its desktops are to move to the other node. *(inferred: the
   * developer guide lists `finesseMMode` and `finesseTimeInMMode` without their values.)*
   */
  finesseMMode?: MaintenanceState;
  /** Seconds since the maintenance began. */
  finesseTimeInMMode?: number;
}

export type MaintenanceState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

/** SystemInfo `ctiMMode` (developer guide, "SystemInfo API Parameters"). */
export type CtiMaintenanceMode = 'INITIATING' | 'IN_PROGRESS';

/** Dialog states of a voice call (finesse-api.md §1.4). */
export type DialogState =
  | 'INITIATING'
  | 'INITIATED'
  | 'ALERTING'
  | 'ACTIVE'
  | 'FAILED'
  | 'DROPPED'
  | 'ACCEPTED';

/** A participant's state; WRAP_UP is a participant state only (finesse-api.md §7). */
export type ParticipantState = DialogState | 'HELD' | 'WRAP_UP';

/**
 * The voice `requestedAction`s of finesse.js `Dialog.Actions` that Switchboard knows; each has its
 * row in DIALOG_ACTIONS (dialogs/actions.ts), which the compiler checks.
 */
export type DialogAction =
  | 'ANSWER'
  | 'HOLD'
  | 'RETRIEVE'
  | 'DROP'
  | 'MAKE_CALL'
  | 'CONSULT_CALL'
  | 'TRANSFER'
  | 'TRANSFER_SST'
  | 'CONFERENCE'
  | 'UPDATE_CALL_DATA'
  | 'SEND_DTMF'
  | 'PARTICIPANT_DROP'
  | 'SILENT_MONITOR'
  | 'BARGE_CALL'
  | 'START_RECORDING';

export interface CallVariable {
  /** `callVariable1` … `callVariable10`, or an ECC variable as `user.xxx`. */
  name: string;
  value: string;
}

/** `mediaProperties` of a voice dialog, in the documented element order. Unknown values are ''. */
export interface MediaProperties {
  mediaId: string;
  dialedNumber: string;
  /** `AGENT_INSIDE`, `PREROUTE_ACD_IN`, `OUT`, `SUPERVISOR_MONITOR` … */
  callType: string;
  DNIS: string;
  queueNumber: string;
  queueName: string;
  callKeyCallId: string;
  callKeySequenceNum: string;
  callKeyPrefix: string;
  /** The wrap-up reason the agent chose (UPDATE_CALL_DATA), sent to CTI as CallWrapupData. */
  wrapUpReason: string;
  callvariables: CallVariable[];
}

export interface Participant {
  /** What this participant may ask for now; empty for parties that are not agent devices. */
  actions: DialogAction[];
  /** The device: an agent's extension, or the caller's number. */
  mediaAddress: string;
  /** `AGENT_DEVICE` for agents (finesse.js treats only these as droppable), '' otherwise. */
  mediaAddressType: string;
  /** ISO-8601 UTC with milliseconds. */
  startTime: string;
  state: ParticipantState;
  /** `BUSY`, `BAD_DESTINATION`, `OTHER` … on FAILED, else ''. */
  stateCause: string;
  stateChangeTime: string;
}

/** A voice call as Finesse shows it (finesse-api.md §1.4). */
export interface Dialog {
  id: string;
  /** The primary dialog of a consult call, '' otherwise. */
  associatedDialogUri: string;
  secondaryId: string;
  mediaType: 'Voice';
  fromAddress: string;
  toAddress: string;
  mediaProperties: MediaProperties;
  participants: Participant[];
  state: DialogState;
  uri: string;
}

/**
 * A Queue's statistics (finesse-api.md §1.8), in the spec's element order. Every count is -1 until
 * the CTI server has answered for the queue ("not assigned"); `startTimeOfLongestCallInQueue` is
 * `YYYY-MM-DDThh:mm:ssZ`, or '' when no call waits or nothing is known yet.
 */
export interface QueueStatistics {
  callsInQueue: number;
  startTimeOfLongestCallInQueue: string;
  agentsReady: number;
  agentsNotReady: number;
  agentsBusyOther: number;
  agentsLoggedOn: number;
  agentsTalkingInbound: number;
  agentsTalkingOutbound: number;
  agentsTalkingInternal: number;
  agentsWrapUpNotReady: number;
  agentsWrapUpReady: number;
}

/**
 * A configured queue: on CCE, one skill group, whose PeripheralNumber is the Queue id (§1.8).
 * `teamIds` limits whose queue it is (`GET /User/{id}/Queues`); absent, it is every user's.
 */
export interface QueueConfig {
  id: string;
  name: string;
  teamIds?: readonly string[];
}

/** A supervisor's or administrator's message to teams (finesse-api.md §1.9). */
export interface TeamMessage {
  /** A UUID. */
  id: string;
  createdBy: { id: string; firstName: string; lastName: string };
  /** Epoch seconds. */
  createdAt: number;
  /** Seconds the message is shown for. */
  duration: number;
  content: string;
  teamIds: string[];
}

export interface Queue {
  id: string;
  name: string;
  statistics: QueueStatistics;
}

export type UpdateData =
  | { kind: 'user'; user: User }
  /** The team node's summary of a member (`GET /Team/{id}` gives the same, finesse-api.md §1.7). */
  | { kind: 'teamUser'; user: User }
  | { kind: 'dialogs'; dialogs: Dialog[] }
  | { kind: 'dialog'; dialog: Dialog }
  | { kind: 'systemInfo'; systemInfo: SystemInfo }
  | { kind: 'queue'; queue: Queue }
  /** `User/{id}/Queues`: the queues added to (POST) or taken from (DELETE) the user's list. */
  | { kind: 'queues'; queues: Queue[] }
  /** A team message posted (POST, the whole message) or deleted (DELETE, its id only). */
  | { kind: 'teamMessage'; message: TeamMessage }
  | { kind: 'teamMessageDeleted'; id: string }
  /**
   * Asynchronous errors; `of: 'dialog'` for the Dialogs node's (developer guide, "Dialog CTI Error
   * Notification"), whose document is laid out differently from the User node's.
   */
  | { kind: 'apiErrors'; errors: ApiError[]; of?: 'dialog' };

/** The `<Update>` document every notification carries (finesse-api.md §3.1). */
export interface Update {
  data: UpdateData;
  event: 'PUT' | 'POST' | 'DELETE';
  /** The client's `requestId` header of the request that caused this change, '' if none. */
  requestId: string;
  /** REST URI of the changed object. */
  source: string;
}

/** How core reaches the notification service (in-process, or over XMPP when run apart). */
export interface Publisher {
  publish(node: string, update: Update): void;
}

/** Who is calling: the authenticated principal of a REST request. */
export interface Principal {
  id: string;
  roles: Role[];
  supervisedTeams: TeamRef[];
  /** The user's own team, where the caller knows it (pubsub reads of the team's TeamMessages). */
  teamId?: string;
}

export type Result<T, E = ApiError> = { ok: true; value: T } | { ok: false; error: E };

export const nodes = {
  user: (id: string) => `/finesse/api/User/${id}`,
  dialogs: (id: string) => `/finesse/api/User/${id}/Dialogs`,
  clientLog: (id: string) => `/finesse/api/User/${id}/ClientLog`,
  team: (id: string) => `/finesse/api/Team/${id}/Users`,
  /** Inferred node name (finesse-api.md §3.2 lists a TeamMessage node without naming it). */
  teamMessages: (teamId: string) => `/finesse/api/Team/${teamId}/TeamMessages`,
  queue: (id: string) => `/finesse/api/Queue/${id}`,
  userQueues: (id: string) => `/finesse/api/User/${id}/Queues`,
  systemInfo: '/finesse/api/SystemInfo',
} as const;

/** The REST URI of a team message: the `source` of its notifications. */
export const teamMessageUri = (id: string) => `/finesse/api/TeamMessage/${id}`;

/**
 * A configuration write as core hears of it (the store's change notice, from this node or, with
 * PostgreSQL, another one): core republishes what desktops must learn of.
 */
export interface ConfigChangeNotice {
  kind: string;
  op: 'create' | 'update' | 'delete';
  id: string;
  /** For a team message: the teams it went to. */
  teamIds?: readonly string[];
}

/** The REST URI of a dialog: its `uri`, and the `source` of its PUT updates and errors. */
export const dialogUri = (id: string) => `/finesse/api/Dialog/${id}`;
