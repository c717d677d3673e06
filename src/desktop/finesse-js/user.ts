// biome-ignore-all lint/suspicious/noExplicitAny: REST objects hold xml2js data of any shape
/**
 * `finesse.restservices.User` (gadgets.md §C.6): `/finesse/api/User/{id}`, topic
 * `finesse.api.User.{id}`; state changes and make-call as finesse.js sends them, and the user's
 * lists (Dialogs cached, as `getDialogs` is called by many gadgets).
 */
import { Dialogs } from './dialog.ts';
import {
  MediaPropertiesLayout,
  PhoneBooks,
  Queues,
  ReasonCodes,
  TeamMessages,
  Workflows,
  WrapUpReasons,
} from './resources.ts';
import { type Handlers, RestBase } from './rest-base.ts';
import { Utilities } from './utilities.ts';

export const UserStates = {
  LOGIN: 'LOGIN',
  LOGOUT: 'LOGOUT',
  NOT_READY: 'NOT_READY',
  READY: 'READY',
  RESERVED: 'RESERVED',
  RESERVED_OUTBOUND: 'RESERVED_OUTBOUND',
  RESERVED_OUTBOUND_PREVIEW: 'RESERVED_OUTBOUND_PREVIEW',
  TALKING: 'TALKING',
  HOLD: 'HOLD',
  WORK: 'WORK',
  WORK_READY: 'WORK_READY',
} as const;

export const WorkMode = { AUTO_IN: 'AUTO_IN', MANUAL_IN: 'MANUAL_IN' } as const;
export const WrapUpMode = {
  REQUIRED: 'REQUIRED',
  OPTIONAL: 'OPTIONAL',
  NOT_ALLOWED: 'NOT_ALLOWED',
  REQUIRED_WITH_WRAP_UP_DATA: 'REQUIRED_WITH_WRAP_UP_DATA',
} as const;

const isHandlers = (v: any): v is Handlers =>
  !!v &&
  typeof v === 'object' &&
  v.id === undefined &&
  (typeof v.success === 'function' || typeof v.error === 'function');

export class User extends RestBase {
  static States = UserStates;
  static WorkMode = WorkMode;
  static WrapUpMode = WrapUpMode;
  declare _dialogs: Dialogs | undefined;

  override getRestType(): string {
    return 'User';
  }

  #d(): any {
    return this.getData();
  }

  override getId(): string {
    return this._id ?? String(this.#d().loginId ?? '');
  }
  getLoginId(): string {
    return this.#d().loginId ?? '';
  }
  getLoginName(): string {
    return this.#d().loginName ?? '';
  }
  getFirstName(): string {
    return this.#d().firstName ?? '';
  }
  getLastName(): string {
    return this.#d().lastName ?? '';
  }
  getFullName(): string {
    return `${this.getFirstName()} ${this.getLastName()}`.trim();
  }
  getExtension(): string {
    return this.#d().extension ?? '';
  }
  getState(): string {
    return this.#d().state ?? '';
  }
  getStateChangeTime(): string {
    return this.#d().stateChangeTime ?? '';
  }
  getPendingState(): string {
    return this.#d().pendingState ?? '';
  }
  isPendingStateChange(): boolean {
    return !!this.getPendingState();
  }
  getReasonCodeId(): string {
    return this.#d().reasonCodeId ?? '';
  }
  getNotReadyReasonCodeId(): string {
    return this.getState() === 'NOT_READY' ? this.getReasonCodeId() : '';
  }
  getReasonCode(): any {
    return this.#d().ReasonCode ?? null;
  }
  getReasonCodeLabel(): string {
    return this.#d().ReasonCode?.label ?? '';
  }
  getTeamId(): string {
    return this.#d().teamId ?? '';
  }
  getTeamName(): string {
    return this.#d().teamName ?? '';
  }
  getRoles(): string[] {
    return Utilities.getArray(this.#d().roles?.role).map(String);
  }
  hasRole(role: string): boolean {
    return this.getRoles().includes(role);
  }
  hasAgentRole(): boolean {
    return this.hasRole('Agent');
  }
  hasSupervisorRole(): boolean {
    return this.hasRole('Supervisor');
  }
  hasAdminRole(): boolean {
    return this.hasRole('Administrator');
  }
  /** The teams a supervisor supervises: `[{id, name, uri}]`. */
  getSupervisedTeams(): any[] {
    return Utilities.getArray(this.#d().teams?.Team);
  }
  getWrapUpOnIncoming(): string {
    return this.#d().settings?.wrapUpOnIncoming ?? '';
  }
  isWrapUpRequired(): boolean {
    return this.getWrapUpOnIncoming() === WrapUpMode.REQUIRED;
  }
  isWrapUp(): boolean {
    return this.getState() === UserStates.WORK || this.getState() === UserStates.WORK_READY;
  }
  isMobileAgent(): boolean {
    return this.#d().mobileAgent?.enabled === 'true';
  }
  getMobileAgentMode(): string {
    return this.#d().mobileAgent?.mode ?? '';
  }
  getMobileAgentDialNumber(): string {
    return this.#d().mobileAgent?.dialNumber ?? '';
  }

  /** `setState(state[, reasonCode {id}][, handlers])`: PUT `<User><state>…[<reasonCodeId>]`. */
  setState(state: string, reasonCode?: any, handlers?: Handlers): this {
    let rc = reasonCode;
    let h = handlers;
    if (isHandlers(rc) && h === undefined) {
      h = rc;
      rc = undefined;
    }
    const body: Record<string, unknown> = { state };
    if (rc?.id !== undefined) body.reasonCodeId = String(rc.id);
    this.restRequest(this.getRestUrl(), {
      method: 'PUT',
      content: { User: body },
      success: h?.success,
      error: h?.error,
    });
    return this;
  }

  /** POST `/User/{id}/Dialogs` with MAKE_CALL from the agent's extension. */
  makeCall(number: string, handlers?: Handlers): this {
    this.restRequest(`${this.getRestUrl()}/Dialogs`, {
      method: 'POST',
      content: {
        Dialog: { requestedAction: 'MAKE_CALL', fromAddress: this.getExtension(), toAddress: number },
      },
      success: handlers?.success,
      error: handlers?.error,
    });
    return this;
  }

  /** One Dialogs per User, shared by every caller; later callers' handlers are added to it. */
  getDialogs(options?: any): Dialogs {
    if (!this._dialogs) {
      this._dialogs = new Dialogs({ ...options, parentObj: this });
      return this._dialogs;
    }
    const d = this._dialogs;
    for (const [opt, type] of [
      ['onLoad', 'load'],
      ['onError', 'error'],
      ['onCollectionAdd', 'collectionAdd'],
      ['onCollectionDelete', 'collectionDelete'],
      ['onChange', 'change'],
    ] as const) {
      if (options?.[opt]) d.addHandler(type, options[opt]);
    }
    return d;
  }

  #sub<T>(Cls: new (o?: any) => T, options?: any): T {
    return new Cls({ ...options, parentObj: this, doNotSubscribe: true });
  }

  getPhoneBooks(options?: any): PhoneBooks {
    return this.#sub(PhoneBooks, options);
  }
  getWrapUpReasons(options?: any): WrapUpReasons {
    return this.#sub(WrapUpReasons, options);
  }
  getNotReadyReasonCodes(options?: any): ReasonCodes {
    return this.#sub(ReasonCodes, { ...options, category: 'NOT_READY' });
  }
  getSignOutReasonCodes(options?: any): ReasonCodes {
    return this.#sub(ReasonCodes, { ...options, category: 'LOGOUT' });
  }
  getMediaPropertiesLayout(options?: any): MediaPropertiesLayout {
    return this.#sub(MediaPropertiesLayout, options);
  }
  getWorkflows(options?: any): Workflows {
    return this.#sub(Workflows, options);
  }
  getQueues(options?: any): Queues {
    return new Queues({ ...options, parentObj: this });
  }
  getTeamMessages(options?: any): TeamMessages {
    return new TeamMessages({ ...options, teamId: this.getTeamId() });
  }
}
