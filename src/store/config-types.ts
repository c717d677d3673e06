import type {
  QueueConfig,
  ReasonCode,
  ReasonCodeCategory,
  Result,
  TeamMessage,
  UserConfig,
} from '../core/model.ts';
import type { PasswordHashing, ScramKeys, ScramMechanism } from './password.ts';
import type { ConfigImporter, NewReasonCode, NewUser, Store, StoreError } from './types.ts';
import type { DesktopLayoutStore, WorkflowStore } from './workflow-types.ts';

/** A team as the configuration APIs see it: who supervises it and who is in it. */
export interface TeamConfig {
  id: string;
  name: string;
  /** Login ids, sorted. */
  supervisorIds: string[];
  /** Login ids of the users whose team this is, sorted. */
  memberIds: string[];
}

export interface NewTeam {
  /** Assigned by the store (the next free number) when omitted. */
  id?: string;
  name: string;
  supervisorIds?: string[];
  memberIds?: string[];
}

/** Omitted fields are left as they are; lists, when given, replace the current ones. */
export type TeamPatch = Partial<Omit<NewTeam, 'id'>>;

export type UserPatch = Partial<Omit<NewUser, 'id'>> & { teamId?: string };

export type ReasonCodePatch = Partial<Omit<ReasonCode, 'id' | 'systemCode'>>;

export interface WrapUpReason {
  id: number;
  label: string;
  forAll: boolean;
}

export type PhoneBookType = 'GLOBAL' | 'TEAM';

export interface PhoneBook {
  id: number;
  name: string;
  type: PhoneBookType;
}

export interface Contact {
  id: number;
  phoneBookId: number;
  firstName: string;
  lastName: string;
  phoneNumber: string;
  description: string;
}

export type NewContact = Omit<Contact, 'id' | 'phoneBookId' | 'firstName' | 'lastName' | 'description'> &
  Partial<Pick<Contact, 'firstName' | 'lastName' | 'description'>>;

export interface LayoutEntry {
  displayName: string;
  /** `callVariable1`…`callVariable10`, an ECC variable `user.x`, or a BA* outbound variable. */
  mediaProperty: string;
  /** Shown in the pop-over of an arriving call (absent: false). */
  showInPopOver?: boolean;
  /** The agent may edit it on the call (UPDATE_CALL_DATA; absent: false). */
  uiEditable?: boolean;
}

/** A MediaPropertiesLayout: which call variables the desktop shows, and under which label. */
export interface Layout {
  id: number;
  name: string;
  description: string;
  /** DEFAULT for the one layout used by teams that have none assigned. */
  type: 'DEFAULT' | 'CUSTOM';
  header: LayoutEntry[];
  columns: LayoutEntry[][];
}

export type NewLayout = Omit<Layout, 'id' | 'type'>;

export type { TeamMessage } from '../core/model.ts';

/** A queue to create: its skill group number, name, and the teams whose queue it is (none: everybody's). */
export interface NewQueue {
  id: string;
  name: string;
  teamIds?: string[];
}

/** Omitted fields are left as they are; `teamIds`, when given, replaces the current list. */
export type QueuePatch = Partial<Omit<NewQueue, 'id'>>;

/** An account refused password sign-ins after too many wrong ones (`GET /LockedOutUsers`). */
export interface LockedOutUser {
  id: string;
  loginName: string;
  firstName: string;
  lastName: string;
  /** Epoch ms the last of its locks ends. */
  lockedUntil: number;
  /** Locked for sign-ins from every address not familiar to it (guesses from many addresses). */
  isLockedEverywhere: boolean;
  /** The addresses (IPv4, or IPv6 /64 prefixes) it is locked for, by order. */
  addresses: string[];
}

/** The lockout rule, per account and address and per account (src/auth/lockout.ts decides). */
export interface LockoutPolicy {
  nowMs: number;
  /** Wrong passwords in a row from one address that lock the account for that address. */
  maxFailures: number;
  /** Wrong passwords in a row from all addresses together that lock the account everywhere. */
  maxAccountFailures: number;
  lockMs: number;
}

/** What the store knows about an account's sign-ins from one address (zeros when nothing). */
export interface SignInRecord {
  addressFailures: number;
  addressLockedUntil: number;
  /** Epoch ms of the last successful sign-in from this address (0: never). */
  lastSuccessAt: number;
  accountFailures: number;
  accountLockedUntil: number;
}

/**
 * The sign-in lockout's shared counters: kept in the database so that every node of a cluster
 * counts the same failures, whichever door (REST, BOSH, WebSocket, XMPP) they came through.
 */
export interface SignInLockouts {
  signInRecord(userId: string, address: string): Promise<SignInRecord>;
  /**
   * Counts one wrong password for an existing account from `address`, and locks what reached its
   * limit. `locked` names only the locks this very failure set (whichever node counted it), so
   * that each lock is logged once.
   */
  recordSignInFailure(
    userId: string,
    address: string,
    policy: LockoutPolicy,
  ): Promise<{
    failures: number;
    accountFailures: number;
    locked: { scope: 'address' | 'account'; until: number }[];
  }>;
  /** A right password: both counts start again and the address becomes familiar; locks stay. */
  recordSignInSuccess(userId: string, address: string, nowMs: number): Promise<void>;
  /** An administrator lifts every lock and count of the account; false when it had none active. */
  clearSignInFailures(userId: string, nowMs: number): Promise<boolean>;
  listLockedOutUsers(nowMs: number): Promise<LockedOutUser[]>;
}

/** One node of the cluster as its last heartbeat left it (docs/cluster.md). */
export interface ClusterNode {
  /** Unique per running process (a restarted node is a new one). */
  id: string;
  /** How desktops reach it: `host` or `host:port`, as SystemInfo names nodes. */
  host: string;
  /** Epoch ms it started, in the database's clock: older nodes are listed first. */
  startedAt: number;
  /** Time since its last heartbeat, by the database's clock (so node clocks need not agree). */
  ageMs: number;
  /** Agents with at least one available desktop session on it. */
  presentAgents: string[];
}

/** What a node writes at each heartbeat. */
export interface NodeBeat {
  id: string;
  host: string;
  presentAgents: readonly string[];
}

/**
 * The nodes sharing this database: each rewrites its row at every heartbeat and reads everyone's
 * in the same call. A single SQLite node sees only itself.
 */
export interface ClusterRegistry {
  /** Writes this node's row (heartbeat = now) and returns every node's, this one included. */
  heartbeat(beat: NodeBeat): Promise<ClusterNode[]>;
  /** Removes this node's row (a graceful stop): the others stop listing it at once. */
  leaveCluster(nodeId: string): Promise<void>;
}

/** One HMAC key of the session tokens (src/auth/session-token.ts), shared by the nodes. */
export interface SessionTokenKey {
  id: string;
  /** 32 random bytes, base64. */
  secret: string;
  createdAt: number;
}

/** Credentials beyond the password check of `Store.verifyPassword`: SCRAM and session tokens. */
export interface SignInCredentials {
  /**
   * The account a SCRAM authentication identity names and its stored keys for `mechanism`
   * (`keys` undefined: none stored yet, the password was last set before SCRAM was kept).
   */
  getScramKeys(
    idOrLoginName: string,
    mechanism: ScramMechanism,
  ): Promise<{ userId: string; keys: ScramKeys | undefined } | undefined>;
  /** Raised each time the user's password is set; undefined for an unknown user. */
  getCredentialEpoch(userId: string): Promise<number | undefined>;
  listSessionTokenKeys(): Promise<SessionTokenKey[]>;
  /** Adds a key unless one with its id exists (two nodes rotating at once agree on the first). */
  addSessionTokenKey(key: SessionTokenKey): Promise<void>;
  deleteSessionTokenKeysBefore(createdAt: number): Promise<void>;
  /** The hashing parameters this store uses for new passwords. */
  readonly passwordHashing: PasswordHashing;
}

/** `SystemConfig` (finesse-api.md §1.10): the CTI server this node connects to. */
export interface SystemConfig {
  cti: {
    host: string;
    port: number;
    backupHost: string;
    backupPort: number;
    peripheralId: number;
    secure: boolean;
  };
}

/** `ClusterConfig`: the other node of the pair ('' for a single-node deployment). */
export interface ClusterConfig {
  secondaryNode: { host: string };
}

/**
 * What a change notice is about: a built-in object, or a resource declared as data
 * (`src/resources`), which reports its own kind (`deskSettings`, `eccVariableConfig` …).
 */
export type ConfigKind = BuiltInConfigKind | (string & {});

type BuiltInConfigKind =
  | 'user'
  | 'team'
  | 'reasonCode'
  | 'wrapUpReason'
  | 'phoneBook'
  | 'contact'
  | 'layout'
  | 'queue'
  | 'teamMessage'
  | 'systemConfig'
  | 'clusterConfig'
  /** The desktop layout: id `default` or the team's id. */
  | 'layoutConfig'
  | 'workflow'
  | 'workflowAction';

/** One configuration write, as `onChange` reports it (and `createApi`'s `onConfigChange`). */
export interface ConfigChange {
  kind: ConfigKind;
  op: 'create' | 'update' | 'delete';
  /** The object's id; for a contact `{phoneBookId}/{contactId}`, for singletons their name. */
  id: string;
  /**
   * For a team message: the teams it was sent to, so that every node can tell the teams' desktops
   * even of a deletion, when the message can no longer be read.
   */
  teamIds?: string[];
}

export interface StoreChange extends ConfigChange {
  /** False when the write was made through another store instance (another cluster node). */
  isLocal: boolean;
}

/**
 * What happened to the database connections (PostgreSQL): the node logs each. `listen-restored`
 * comes after the changes missed meanwhile were read from the change log (`caughtUp` of them).
 */
export type StoreEvent =
  | { type: 'unavailable'; error: string }
  | { type: 'available'; downMs: number }
  | { type: 'listen-lost'; error: string; retryInMs: number; attempt: number }
  | { type: 'listen-restored'; downMs: number; caughtUp: number; lastSeq: number };

export interface Page {
  /** 0-based index of the first item. */
  offset: number;
  limit: number;
}

type R<T> = Promise<Result<T, StoreError>>;

/** One object of a resource declared as data: its id and its JSON body, as the spec wrote it. */
export interface StoredDocument {
  id: string;
  body: unknown;
}

export interface DocumentWrite {
  /** Absent: a new object, numbered by the store (1, 2, 3 … per kind, never reused). */
  id?: string;
  body: unknown;
  /** Refuse (not-found) unless the object exists: an update, not an upsert. */
  mustExist?: boolean;
  /**
   * The spec's rules over the kind's other documents (uniqueness, limits), run inside the write's
   * transaction so that two writers cannot both pass them.
   */
  check?(others: readonly StoredDocument[]): StoreError | undefined;
}

/**
 * Everything the REST API needs: the reader contract `Store` (which core and the notification
 * service depend on, and whose test doubles stay small), plus the configuration objects and their
 * writes. Every write validates with the shared rules (`rules.ts`), runs in one transaction and
 * is reported to `onChange` listeners once committed.
 */
export interface ConfigStore
  extends Store,
    ConfigImporter,
    SignInLockouts,
    SignInCredentials,
    DesktopLayoutStore,
    WorkflowStore,
    ClusterRegistry {
  createUser(user: NewUser): R<UserConfig>;
  updateUser(id: string, patch: UserPatch): R<UserConfig>;
  deleteUser(id: string): R<void>;

  listTeams(): Promise<TeamConfig[]>;
  getTeam(id: string): Promise<TeamConfig | undefined>;
  createTeam(team: NewTeam): R<TeamConfig>;
  updateTeam(id: string, patch: TeamPatch): R<TeamConfig>;
  deleteTeam(id: string): R<void>;

  /** The codes a team's members may use: every `forAll` code plus those assigned to the team. */
  listTeamReasonCodes(teamId: string, category?: ReasonCodeCategory): Promise<ReasonCode[]>;
  createReasonCode(code: NewReasonCode): R<ReasonCode>;
  updateReasonCode(id: number, patch: ReasonCodePatch): R<ReasonCode>;
  deleteReasonCode(id: number): R<void>;
  /** Replaces the team's assigned (not `forAll`) codes, of one category or of both. */
  setTeamReasonCodes(teamId: string, ids: number[], category?: ReasonCodeCategory): R<void>;

  listWrapUpReasons(): Promise<WrapUpReason[]>;
  getWrapUpReason(id: number): Promise<WrapUpReason | undefined>;
  listTeamWrapUpReasons(teamId: string): Promise<WrapUpReason[]>;
  createWrapUpReason(reason: Omit<WrapUpReason, 'id' | 'forAll'> & { forAll?: boolean }): R<WrapUpReason>;
  updateWrapUpReason(id: number, patch: Partial<Omit<WrapUpReason, 'id'>>): R<WrapUpReason>;
  deleteWrapUpReason(id: number): R<void>;
  setTeamWrapUpReasons(teamId: string, ids: number[]): R<void>;

  listPhoneBooks(): Promise<PhoneBook[]>;
  getPhoneBook(id: number): Promise<PhoneBook | undefined>;
  /** The GLOBAL books, then the TEAM books assigned to the team, each by id. */
  listTeamPhoneBooks(teamId: string): Promise<PhoneBook[]>;
  createPhoneBook(book: Omit<PhoneBook, 'id'>): R<PhoneBook>;
  updatePhoneBook(id: number, patch: Partial<Omit<PhoneBook, 'id'>>): R<PhoneBook>;
  deletePhoneBook(id: number): R<void>;
  setTeamPhoneBooks(teamId: string, ids: number[]): R<void>;

  countContacts(phoneBookId: number): Promise<number>;
  /** Contacts of one book by id, `page` of them. */
  listContacts(phoneBookId: number, page?: Page): Promise<Contact[]>;
  getContact(phoneBookId: number, id: number): Promise<Contact | undefined>;
  createContact(phoneBookId: number, contact: NewContact): R<Contact>;
  updateContact(phoneBookId: number, id: number, patch: Partial<NewContact>): R<Contact>;
  deleteContact(phoneBookId: number, id: number): R<void>;
  /**
   * The book's contacts become `contacts`, all or none (the admin's Import: it replaces what the
   * book held); answers how many it now holds.
   */
  replaceContacts(phoneBookId: number, contacts: readonly NewContact[]): R<number>;

  listLayouts(): Promise<Layout[]>;
  getLayout(id: number): Promise<Layout | undefined>;
  /** The layout assigned to the team, else the DEFAULT one. */
  getTeamLayout(teamId: string): Promise<Layout>;
  createLayout(layout: NewLayout): R<Layout>;
  updateLayout(id: number, patch: Partial<NewLayout>): R<Layout>;
  deleteLayout(id: number): R<void>;
  /** Assigns a layout to the team; undefined returns it to the DEFAULT layout. */
  setTeamLayout(teamId: string, layoutId: number | undefined): R<void>;

  createTeamMessage(message: Omit<TeamMessage, 'createdBy'> & { createdBy: string }): R<TeamMessage>;
  /** Messages still showing at `nowSec`, to any of `teamIds` (all teams when omitted), newest first. */
  listTeamMessages(nowSec: number, teamIds?: string[]): Promise<TeamMessage[]>;
  getTeamMessage(id: string): Promise<TeamMessage | undefined>;
  deleteTeamMessage(id: string): R<void>;

  listQueues(): Promise<QueueConfig[]>;
  getQueue(id: string): Promise<QueueConfig | undefined>;
  createQueue(queue: NewQueue): R<QueueConfig>;
  updateQueue(id: string, patch: QueuePatch): R<QueueConfig>;
  deleteQueue(id: string): R<void>;

  listDocuments(kind: string): Promise<StoredDocument[]>;
  getDocument(kind: string, id: string): Promise<StoredDocument | undefined>;
  putDocument(kind: string, write: DocumentWrite): R<StoredDocument>;
  deleteDocument(kind: string, id: string): R<void>;

  getSystemConfig(): Promise<SystemConfig>;
  putSystemConfig(config: SystemConfig): R<SystemConfig>;
  getClusterConfig(): Promise<ClusterConfig>;
  putClusterConfig(config: ClusterConfig): R<ClusterConfig>;

  /**
   * Calls `listener` after every committed configuration write: this instance's own and — with
   * PostgreSQL, through LISTEN/NOTIFY on `switchboard_config` — those of every other node.
   * Returns the function that removes the listener.
   */
  onChange(listener: (change: StoreChange) => void): () => void;
}
