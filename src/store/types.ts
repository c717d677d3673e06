import type { ReasonCode, ReasonCodeCategory, UserConfig } from '../core/model.ts';

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
  close(): Promise<void>;
}
