import type { Timers } from '../../clock/index.ts';
import type { NamedArrayItem, NamedVariable } from '../protocol/index.ts';

/** The simulator's ACD vocabulary: its configuration, its views and the events it emits. */

export interface AcdSkillGroup {
  number: number;
  id: number;
  priority?: number;
}

export interface AcdAgentConfig {
  agentId: string;
  /** The agent's phone: extension and instrument are the same device here. */
  instrument: string;
  /** Default: the simulator's peripheral. */
  peripheralId?: number;
  /** Default: the one skill group of the seed trace (85881 / 5000). */
  skillGroups?: readonly AcdSkillGroup[];
  /** Checked on LOGIN only when set; Finesse on UCCE authenticates agents itself and sends none. */
  password?: string;
  /** Wrap-up after answered routed calls, seconds; overrides AcdOptions.wrapUpTimeSec. */
  wrapUpTimeSec?: number;
  /** Wrap-up after outgoing calls too (Finesse's wrapUpOnOutgoing). Default false. */
  wrapUpOnOutgoing?: boolean;
  /** Wrap-up after answered routed calls (Finesse's wrapUpOnIncoming). Default true. */
  wrapUpOnIncoming?: boolean;
  /** The NOT_READY reason after a routed call rang unanswered (RONA). Default 32767. */
  ronaReasonCode?: number;
}

/** What of an agent's configuration its desk settings say, and may change while the ACD runs. */
export type AcdDeskSettings = Pick<
  AcdAgentConfig,
  'wrapUpTimeSec' | 'wrapUpOnOutgoing' | 'wrapUpOnIncoming' | 'ronaReasonCode'
>;

export interface AcdOptions {
  agents: readonly AcdAgentConfig[];
  peripheralId: number;
  /** Default: `timers.now`. */
  now?: () => number;
  /** Every timer of the ACD (RONA, wrap-up, callers hanging up, the generator) runs on these. */
  timers?: Timers;
  /** Events that no request caused (a timer fired): the server fans them out to its clients. */
  onEvents?: (events: AcdEvent[]) => void;
  /** Dialed number (DNIS) → skill group number. Default: 8000 → the first skill group. */
  dialedNumbers?: Readonly<Record<string, number>>;
  /** Ring-no-answer time of routed calls, seconds; 0 disables RONA. Default 12 (CUCM's forward-no-answer). */
  ronaTimeoutSec?: number;
  /** Wrap-up after every answered routed (ACD) call, seconds; 0 = only when the agent asks. Default 0. */
  wrapUpTimeSec?: number;
  /** How long an outside number rings before it answers, seconds. Default 2. */
  outsideAnswerSec?: number;
}

export interface AgentView {
  readonly agentId: string;
  readonly instrument: string;
  readonly extension: string;
  readonly peripheralId: number;
  readonly skillGroups: readonly AcdSkillGroup[];
  /** ICM's numeric agent (skill target) id. */
  readonly icmAgentId: number;
  /** GED-188 agent state code (AgentState). */
  readonly state: number;
  readonly reasonCode: number;
  /** Clock time (ms) the current state began. */
  readonly stateSince: number;
  /** The state that applies when the current call (or wrap-up) ends: AGENT_STATE_EVENT NextAgentState. */
  readonly nextAgentState?: number;
}

export interface AgentLookup {
  agentId?: string;
  agentExtension?: string;
  agentInstrument?: string;
}

export interface SetAgentStateInput {
  peripheralId: number;
  agentState: number;
  eventReasonCode: number;
  forcedFlag: number;
  agentId?: string;
  agentInstrument?: string;
  agentPassword?: string;
}

/** A party of a call: a device and its DeviceIDType. */
export interface Party {
  readonly device: string;
  readonly deviceType: number;
}

export interface CallVariables {
  callVariable1?: string;
  callVariable2?: string;
  callVariable3?: string;
  callVariable4?: string;
  callVariable5?: string;
  callVariable6?: string;
  callVariable7?: string;
  callVariable8?: string;
  callVariable9?: string;
  callVariable10?: string;
}

/** A call as the ACD knows it, frozen at the moment of an event. */
export interface CallView {
  /** ConnectionCallID; never reused, consult calls included. */
  readonly id: number;
  readonly callType: number;
  readonly ani: string;
  readonly dnis: string;
  readonly dialedNumber: string;
  readonly callerEnteredDigits?: string;
  readonly variables: Readonly<CallVariables>;
  readonly namedVariables: readonly NamedVariable[];
  readonly namedArrays: readonly NamedArrayItem[];
  readonly wrapupData?: string;
  /** The skill group that routed it, if routed. */
  readonly skillGroup?: AcdSkillGroup;
  readonly routerCallKey?: { readonly day: number; readonly callId: number; readonly sequence: number };
  readonly calling: Party;
  readonly called: Party;
  readonly lastRedirect?: Party;
  readonly connections: readonly (Party & { readonly state: number })[];
  readonly isQueued: boolean;
  readonly startedAt: number;
}

export type CallEventKind =
  | 'preCall'
  | 'begin'
  | 'queued'
  | 'dequeued'
  | 'originated'
  | 'delivered'
  | 'established'
  | 'failed'
  | 'held'
  | 'retrieved'
  | 'conferenced'
  | 'transferred'
  | 'connectionCleared'
  | 'cleared'
  | 'dataUpdate'
  | 'end';

/**
 * One call event, named after its GED-188 message. `device` is its ConnectionDeviceID: the device
 * whose connection the event reports (alerting, answering, holding, releasing …), and
 * `localConnectionState` that connection's new state.
 */
export interface AcdCallEvent {
  type: 'call';
  kind: CallEventKind;
  call: CallView;
  device: string;
  localConnectionState: number;
  eventCause: number;
  /** The device the event is about, with its type (Alerting/Answering/Holding/Releasing/Failing/Queue…). */
  party?: Party;
  /** AGENT_PRE_CALL: the instrument the call will be delivered to. */
  target?: string;
  /** CONFERENCED / TRANSFERRED: the consult call that was joined (NULL_CALL_ID for single step). */
  secondaryCallId?: number;
  /** CONFERENCED: the controller; TRANSFERRED: the transferring device. */
  controller?: Party;
  /** CONFERENCED: the added party; TRANSFERRED: the transferred-to party. */
  added?: Party;
  /** CONFERENCED / TRANSFERRED: every party of the resulting call. */
  parties?: readonly Party[];
  /** QUEUED / DEQUEUED: calls left in the queue. */
  numQueued?: number;
}

export interface AcdAgentStateEvent {
  type: 'agentState';
  agent: AgentView;
  /** LOGIN on the login event and LOGOUT on the logout event, as the seed trace shows; else the state. */
  skillGroupState: number;
}

/** SYSTEM_EVENT, e.g. INSTRUMENT_OUT_OF_SERVICE with the instrument as EventDeviceID. */
export interface AcdSystemEvent {
  type: 'system';
  systemEventId: number;
  device: string;
}

export type AcdEvent = AcdAgentStateEvent | AcdCallEvent | AcdSystemEvent;

/**
 * A refused request: `status` for FAILURE_CONF (the CTI server's own checks), plus `failureCode`
 * when the peripheral refused a call-control request (CONTROL_FAILURE_CONF).
 */
export interface AcdFailure {
  ok: false;
  status: number;
  reason: string;
  failureCode?: number;
}

export type AcdResult = { ok: true; events: AcdEvent[]; call?: CallOutcome } | AcdFailure;

/** What a call-control CONF reports: the call (and device) the request created or left. */
export interface CallOutcome {
  callId: number;
  device: string;
  parties?: readonly { callId: number; device: string }[];
}

/** One connection of a call-control request: ConnectionCallID (0xFFFFFFFF = the alerting one) and device. */
export interface CallRef {
  callId: number;
  device: string;
}

export interface DialInput extends CallVariables {
  /** The phone that dials. */
  instrument: string;
  dialedNumber: string;
  namedVariables?: NamedVariable[];
  namedArrays?: NamedArrayItem[];
  wrapupData?: string;
}

export interface InjectCallInput extends CallVariables {
  /** The dialed number the caller called; picks the skill group. */
  dnis: string;
  /** The caller's number. Default: a fixed test number. */
  ani?: string;
  callerEnteredDigits?: string;
  namedVariables?: NamedVariable[];
  /** The caller hangs up this long after the call was first answered; unset = stays until dropped. */
  handleTimeSec?: number;
}

export interface CallDataInput extends CallVariables {
  ani?: string;
  callerEnteredDigits?: string;
  wrapupData?: string;
  namedVariables?: NamedVariable[];
  namedArrays?: NamedArrayItem[];
}

export type SupervisoryActionName = 'monitor' | 'barge' | 'clear' | 'whisper' | 'intercept';

export type { Timers };
