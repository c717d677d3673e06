import type { Dialog, Principal, ReasonCode, ReasonCodeCategory, Result, SystemInfo, User } from './model.ts';

/** A state change as a client asks for it in `PUT /finesse/api/User/{id}`. */
export interface StateChange {
  /** As sent; validated by core (LOGIN, READY, NOT_READY, LOGOUT …). */
  state: string;
  extension?: string;
  /** The ReasonCode database id (not its code), as Finesse clients send it. */
  reasonCodeId?: number;
}

/** What the REST API asks of the webservices engine. */
export interface CoreApi {
  systemInfo(): SystemInfo;
  /** False while no CTI session is up: the API then answers 503 as Finesse does. */
  isInService(): boolean;
  getUser(idOrLoginName: string): Promise<User | undefined>;
  /**
   * Validates and queues a state change; resolves once it is accepted (the API answers 202) or
   * refused (an ApiError, answered synchronously). The outcome of an accepted change arrives later
   * as a notification carrying `requestId`.
   */
  changeUserState(
    actor: Principal,
    userId: string,
    change: StateChange,
    requestId: string,
  ): Promise<Result<void>>;
  reasonCodes(userId: string, category: ReasonCodeCategory): Promise<ReasonCode[]>;
  dialogs(userId: string): Dialog[];
}
