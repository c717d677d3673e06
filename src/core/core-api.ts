import type {
  CallVariable,
  Dialog,
  Principal,
  Queue,
  ReasonCode,
  ReasonCodeCategory,
  Result,
  SystemInfo,
  User,
  UserConfig,
} from './model.ts';

/** A state change as a client asks for it in `PUT /finesse/api/User/{id}`. */
export interface StateChange {
  /** As sent; validated by core (LOGIN, READY, NOT_READY, LOGOUT …). */
  state: string;
  extension?: string;
  /** The ReasonCode database id (not its code), as Finesse clients send it. */
  reasonCodeId?: number;
}

/** The body of `PUT /finesse/api/Dialog/{id}` (finesse-api.md §1.4), as sent; validated by core. */
export interface DialogActionRequest {
  requestedAction: string;
  /** The acting agent's extension, or for PARTICIPANT_DROP the party to drop. */
  targetMediaAddress?: string;
  /** The number to dial (CONSULT_CALL, TRANSFER_SST). */
  toAddress?: string;
  /** `ActionParam`s, e.g. `dtmfString` for SEND_DTMF. */
  actionParams?: { name: string; value: string }[];
  /** UPDATE_CALL_DATA: the wrap-up reason and/or call variables to set. */
  mediaProperties?: { wrapUpReason?: string; callvariables?: CallVariable[] };
}

/** The body of `POST /finesse/api/User/{id}/Dialogs`: a new call, or a supervisor's monitor/barge. */
export interface NewDialogRequest {
  /** MAKE_CALL when absent; SILENT_MONITOR and BARGE_CALL for supervisors. */
  requestedAction?: string;
  fromAddress?: string;
  toAddress?: string;
  /** BARGE_CALL: the agent's dialog to barge in on. */
  associatedDialogUri?: string;
  /** MAKE_CALL: the call variables and ECC variables (`user.x`, `user.x[i]`) the call starts with. */
  mediaProperties?: { callvariables?: CallVariable[] };
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
  /** `GET /Queue/{id}`: the latest polled statistics (-1 until known); undefined if not configured. */
  getQueue(id: string): Queue | undefined;
  /** `GET /User/{id}/Queues`: the queues of the user's team and supervised teams (core.ts). */
  userQueues(user: UserConfig): Queue[];
  /** The user's live dialogs, as its Dialogs node last announced them. */
  dialogs(userId: string): Dialog[];
  /** `GET /Dialog/{id}`: for its participants, and supervisors of an agent on it. */
  getDialog(actor: Principal, dialogId: string): Promise<Result<Dialog>>;
  /**
   * `PUT /Dialog/{id}`: validates and queues the action (per dialog, each waiting for the CTI
   * outcome of the previous); resolves when accepted (202) or refused (ApiError). The resulting
   * Dialog update, or a `Call Operation Failure`, arrives on the Dialogs node with `requestId`.
   */
  dialogAction(
    actor: Principal,
    dialogId: string,
    action: DialogActionRequest,
    requestId: string,
  ): Promise<Result<void>>;
  /** `POST /User/{id}/Dialogs`: MAKE_CALL, or SILENT_MONITOR / BARGE_CALL; like `dialogAction`. */
  makeCall(
    actor: Principal,
    userId: string,
    request: NewDialogRequest,
    requestId: string,
  ): Promise<Result<void>>;
}
