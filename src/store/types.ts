import type {
  QueueConfig,
  ReasonCode,
  ReasonCodeCategory,
  Result,
  Role,
  TeamMessage,
  TeamRef,
  UserConfig,
} from '../core/model.ts';

/**
 * The Finesse database: configuration only (users, teams, reason codes …). Runtime agent and
 * call state is never stored: the CTI server is its source of truth. Async throughout so that the
 * PostgreSQL implementation fits behind the same interface as the embedded SQLite one.
 */
export interface Store {
  /** By loginId (`2001`) or loginName (`mmouse`), as Finesse accepts both. */
  getUser(idOrLoginName: string): Promise<UserConfig | undefined>;
  listUsers(): Promise<UserConfig[]>;
  /** The user if the password matches its salted slow hash; undefined otherwise. */
  verifyPassword(idOrLoginName: string, password: string): Promise<UserConfig | undefined>;
  listReasonCodes(category?: ReasonCodeCategory): Promise<ReasonCode[]>;
  getReasonCode(id: number): Promise<ReasonCode | undefined>;
  /** The codes a team's members may use (every `forAll` code plus the team's own), when the store knows teams. */
  listTeamReasonCodes?(teamId: string, category?: ReasonCodeCategory): Promise<ReasonCode[]>;
  /** The configured queues (skill groups), when the store keeps them; core polls and serves these. */
  listQueues?(): Promise<QueueConfig[]>;
  /** A team message by id, when the store keeps them; core publishes new ones to their teams. */
  getTeamMessage?(id: string): Promise<TeamMessage | undefined>;
  /** The objects of a resource declared as data (`src/resources`), when the store keeps them. */
  listDocuments?(kind: string): Promise<{ id: string; body: unknown }[]>;
  close(): Promise<void>;
}

/** A user to create, with its password in clear (hashed by the store, never kept). */
export interface NewUser {
  id: string;
  loginName: string;
  firstName: string;
  lastName: string;
  roles: Role[];
  /** Omitted for users of no team (administrators). */
  teamId?: string;
  password: string;
  /** Ids of the teams this user supervises. */
  supervisedTeamIds?: string[];
}

/** A reason code to create; `id` is assigned by the store when omitted. */
export type NewReasonCode = Omit<ReasonCode, 'id' | 'forAll' | 'systemCode'> & {
  id?: number;
  forAll?: boolean;
  systemCode?: boolean;
};

export interface NewWrapUpReason {
  id?: number;
  label: string;
  forAll?: boolean;
}

/** A whole configuration, imported in one transaction (demo data, fixtures, backups). */
export interface ConfigSnapshot {
  teams: TeamRef[];
  users: NewUser[];
  reasonCodes: NewReasonCode[];
  wrapUpReasons?: NewWrapUpReason[];
  /** Queues (skill groups), after the teams they name. */
  queues?: { id: string; name: string; teamIds?: string[] }[];
}

/**
 * Why a write was refused: a uniqueness rule (`conflict`), a bad value (`invalid`), a required
 * value absent (`missing`), a Finesse limit reached (`limit`), an unknown object (`not-found`), or
 * an object still assigned elsewhere (`in-use`). `field` names the offending element.
 */
export interface StoreError {
  code: 'conflict' | 'invalid' | 'missing' | 'limit' | 'not-found' | 'in-use';
  message: string;
  field?: string;
}

/**
 * Writing configuration. Kept apart from `Store` so that readers (core, the notification service)
 * and their test doubles need not implement it.
 */
export interface ConfigImporter {
  /**
   * Imports all of `snapshot` or nothing. With `onlyIfEmpty`, does nothing (imported: false) unless
   * the database holds no user, team or reason code — checked in the same transaction.
   */
  importConfig(
    snapshot: ConfigSnapshot,
    options?: { onlyIfEmpty?: boolean },
  ): Promise<Result<{ imported: boolean }, StoreError>>;
}
