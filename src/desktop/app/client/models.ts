/**
 * The Finesse objects as the desktop sees them, parsed from REST bodies and `<Update>`
 * notifications (finesse-api.md §1). Only the fields the desktop shows or sends are kept.
 */

// The state vocabulary is the server's own (a type-only import: nothing of core reaches the bundle).
import type { UserState } from '../../../core/model.ts';

export type { UserState };

/** The states a PUT /User may ask for (finesse-api.md §2). */
export type RequestableState = 'LOGIN' | 'READY' | 'NOT_READY' | 'LOGOUT';

export interface ReasonCode {
  id: string;
  category: 'NOT_READY' | 'LOGOUT' | string;
  code: string;
  label: string;
  forAll: boolean;
  systemCode: boolean;
  uri: string;
}

export interface TeamRef {
  id: string;
  name: string;
}

export interface User {
  loginId: string;
  loginName: string;
  firstName: string;
  lastName: string;
  roles: string[];
  state: UserState;
  /** ISO-8601, '' before the first state change. */
  stateChangeTime: string;
  pendingState: string;
  /** '' when none (the wire's -1). */
  reasonCodeId: string;
  reasonCode?: ReasonCode;
  extension: string;
  teamId: string;
  teamName: string;
  /** Teams a supervisor supervises (User/teams/Team). */
  teams: TeamRef[];
  wrapUpOnIncoming: string;
}

export interface Participant {
  mediaAddress: string;
  mediaAddressType: string;
  state: string;
  stateCause: string;
  actions: string[];
  startTime: string;
}

export interface CallVariable {
  name: string;
  value: string;
}

export interface Dialog {
  id: string;
  uri: string;
  associatedDialogUri: string;
  fromAddress: string;
  toAddress: string;
  state: string;
  dialedNumber: string;
  dnis: string;
  callType: string;
  queueName: string;
  wrapUpReason: string;
  callVariables: CallVariable[];
  participants: Participant[];
}

/** One entry of a MediaPropertiesLayout: which media property a call shows, under which label. */
export interface MediaLayoutEntry {
  displayName: string;
  /** `callVariable1`…, an ECC variable `user.x`, or a Dialog field such as `DNIS`, `callType`. */
  mediaProperty: string;
  /** Shown in the pop-over of an arriving call. */
  showInPopOver: boolean;
  /** The agent may change it on the call (UPDATE_CALL_DATA). */
  uiEditable: boolean;
}

/** The team's MediaPropertiesLayout: the header entry and up to two columns. */
export interface MediaLayout {
  name: string;
  header: MediaLayoutEntry[];
  columns: MediaLayoutEntry[][];
}

export interface WrapUpReason {
  id: string;
  label: string;
  forAll: boolean;
  uri: string;
}

export interface PhoneBook {
  id: string;
  name: string;
  type: string;
  uri: string;
  contactsUri: string;
}

export interface Contact {
  id: string;
  firstName: string;
  lastName: string;
  phoneNumber: string;
  description: string;
  uri: string;
}

/** A team member as the team node and GET Team show it. */
export interface TeamUser {
  loginId: string;
  firstName: string;
  lastName: string;
  extension: string;
  state: UserState;
  stateChangeTime: string;
  pendingState: string;
  reasonLabel: string;
  reasonCodeId: string;
  teamId: string;
}

export interface QueueStats {
  id: string;
  name: string;
  uri: string;
  callsInQueue: number;
  startTimeOfLongestCallInQueue: string;
  agentsReady: number;
  agentsNotReady: number;
  agentsTalking: number;
  agentsLoggedOn: number;
}

export interface SystemInfo {
  status: string;
  currentTimestamp: string;
  xmppDomain: string;
  xmppPubSubDomain: string;
  primaryHost: string;
  secondaryHost: string;
  /** Cluster mode: every node a desktop may use, in order (docs/cluster.md); absent elsewhere. */
  nodes?: string[];
  /** Minutes east of UTC, when the server says. */
  timezoneOffset?: number;
}

/** One ApiError, from either dialect (PascalCase HTTP, camelCase notification). */
export interface ApiError {
  errorType: string;
  errorMessage: string;
  errorData: string;
  /** CCE's own code for a refused call-control request, when it gave one. */
  peripheralErrorCode?: string;
}

/** What an `<Update>` carries, already typed by its `<data>` child. */
/** A supervisor's message to teams (finesse-api.md §1.9): shown until `createdAt + duration`. */
export interface TeamMessage {
  id: string;
  from: string;
  /** Epoch seconds. */
  createdAt: number;
  /** Seconds. */
  duration: number;
  content: string;
}

export type UpdateData =
  | { kind: 'user'; user: User }
  | { kind: 'dialogs'; dialogs: Dialog[] }
  | { kind: 'dialog'; dialog: Dialog }
  | { kind: 'teamUser'; user: TeamUser }
  | { kind: 'queue'; queue: QueueStats }
  | { kind: 'systemInfo'; systemInfo: SystemInfo }
  | { kind: 'apiErrors'; errors: ApiError[] }
  /** A team message posted (POST) or deleted (DELETE, its id only). */
  | { kind: 'teamMessage'; message: TeamMessage }
  | { kind: 'other'; name: string };

export interface Update {
  node: string;
  data: UpdateData;
  /** Upper-cased: the wire uses both `PUT` and `put` (finesse-api.md §3.1). */
  event: string;
  requestId: string;
  source: string;
  /** The `<Update>` document as received: gadgets get it as it came (gadgets.md §D.3). */
  xml: string;
}

export const displayName = (u: { firstName: string; lastName: string; loginId: string }) =>
  `${u.firstName} ${u.lastName}`.trim() || u.loginId;
