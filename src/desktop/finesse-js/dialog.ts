// biome-ignore-all lint/suspicious/noExplicitAny: REST objects hold xml2js data of any shape
/**
 * `Dialogs` and `Dialog` (gadgets.md §C.6): the user's calls. A Dialog has no subscription of its
 * own: its updates arrive through the Dialogs collection's topic.
 */
import { type Handlers, RestBase } from './rest-base.ts';
import { type ItemClass, RestCollectionBase } from './rest-collection-base.ts';
import { Utilities } from './utilities.ts';

export const DialogActions = {
  DROP: 'DROP',
  ANSWER: 'ANSWER',
  HOLD: 'HOLD',
  BARGE_CALL: 'BARGE_CALL',
  PARTICIPANT_DROP: 'PARTICIPANT_DROP',
  MAKE_CALL: 'MAKE_CALL',
  RETRIEVE: 'RETRIEVE',
  UPDATE_SCHEDULED_CALLBACK: 'UPDATE_SCHEDULED_CALLBACK',
  CANCEL_SCHEDULED_CALLBACK: 'CANCEL_SCHEDULED_CALLBACK',
  CONSULT_CALL: 'CONSULT_CALL',
  TRANSFER: 'TRANSFER',
  TRANSFER_SST: 'TRANSFER_SST',
  CONFERENCE: 'CONFERENCE',
  RECLASSIFY: 'RECLASSIFY',
  UPDATE_CALL_DATA: 'UPDATE_CALL_DATA',
  START_RECORDING: 'START_RECORDING',
  DTMF: 'SEND_DTMF',
  SEND_DTMF: 'SEND_DTMF',
  ACCEPT: 'ACCEPT',
  REJECT: 'REJECT',
  CLOSE: 'CLOSE',
} as const;

export const DialogStates = {
  ALERTING: 'ALERTING',
  INITIATING: 'INITIATING',
  ACTIVE: 'ACTIVE',
  DROPPED: 'DROPPED',
  INITIATED: 'INITIATED',
  FAILED: 'FAILED',
  ACCEPTED: 'ACCEPTED',
} as const;

export const ParticipantStates = { ...DialogStates, HELD: 'HELD', WRAP_UP: 'WRAP_UP' } as const;

export class Dialog extends RestBase {
  static Actions = DialogActions;
  static States = DialogStates;
  static ParticipantStates = ParticipantStates;

  override getRestType(): string {
    return 'Dialog';
  }

  override getRestUrl(): string {
    return `${this.getBaseRestUrl()}/Dialog/${this.getId()}`;
  }

  getFromAddress = (): string => this.getData().fromAddress ?? '';
  getToAddress = (): string => this.getData().toAddress ?? '';
  getState = (): string => this.getData().state ?? '';
  getAssociatedDialogUri = (): string => this.getData().associatedDialogUri ?? '';
  getSecondaryId = (): string => this.getData().secondaryId ?? '';
  getCallType = (): string => this.getData().mediaProperties?.callType ?? '';
  getDNIS = (): string => this.getData().mediaProperties?.DNIS ?? '';
  getMediaType = (): string => this.getData().mediaType ?? 'Voice';

  /**
   * Every `mediaProperties` key except `callvariables`, plus each call variable's name → value
   * (`callVariable1`…, ECC names).
   */
  getMediaProperties(): Record<string, any> {
    const mp = this.getData().mediaProperties ?? {};
    const out: Record<string, any> = {};
    for (const [k, v] of Object.entries(mp)) if (k !== 'callvariables') out[k] = v;
    for (const cv of Utilities.getArray(mp.callvariables?.CallVariable)) {
      if (cv?.name !== undefined) out[cv.name] = cv.value ?? '';
    }
    return out;
  }

  /** Always an array of `{mediaAddress, mediaAddressType, state, actions:{action}, startTime, …}`. */
  getParticipants(): any[] {
    return Utilities.getArray(this.getData().participants?.Participant);
  }

  /** Actions allowed for one participant (by media address), as an array. */
  getParticipantActions(mediaAddress: string): string[] {
    const p = this.getParticipants().find((x) => x?.mediaAddress === mediaAddress);
    return Utilities.getArray(p?.actions?.action);
  }

  requestAction(mediaAddress: string, action: string, handlers?: Handlers): void {
    this.restRequest(this.getRestUrl(), {
      method: 'PUT',
      content: { Dialog: { targetMediaAddress: mediaAddress, requestedAction: action } },
      success: handlers?.success,
      error: handlers?.error,
    });
  }

  sendDTMFRequest(mediaAddress: string, handlers: Handlers, digit: string): void {
    this.restRequest(this.getRestUrl(), {
      method: 'PUT',
      content: {
        Dialog: {
          targetMediaAddress: mediaAddress,
          requestedAction: 'SEND_DTMF',
          actionParams: { ActionParam: { name: 'dtmfString', value: digit } },
        },
      },
      success: handlers?.success,
      error: handlers?.error,
    });
  }

  /** `UPDATE_CALL_DATA` with `{callVariable1: 'x', …}`. */
  updateCallVariables(variables: Record<string, string>, handlers?: Handlers): void {
    const CallVariable = Object.entries(variables ?? {}).map(([name, value]) => ({ name, value }));
    this.restRequest(this.getRestUrl(), {
      method: 'PUT',
      content: {
        Dialog: { requestedAction: 'UPDATE_CALL_DATA', mediaProperties: { callvariables: { CallVariable } } },
      },
      success: handlers?.success,
      error: handlers?.error,
    });
  }
}

export class Dialogs extends RestCollectionBase {
  override getRestType(): string {
    return 'Dialogs';
  }

  override getRestItemType(): string {
    return 'Dialog';
  }

  override getRestItemClass(): ItemClass {
    return Dialog;
  }

  /** How many dialogs, leaving out the supervisor's silent-monitor calls when asked. */
  getDialogCount(excludeSilentMonitor?: boolean): number {
    let n = 0;
    for (const d of Object.values(this.getCollection()) as Dialog[]) {
      if (excludeSilentMonitor && d.getCallType() === 'SUPERVISOR_MONITOR') continue;
      n++;
    }
    return n;
  }

  #create(body: Record<string, unknown>, handlers?: Handlers): void {
    this.restRequest(this.getRestUrl(), {
      method: 'POST',
      content: { Dialog: body },
      success: handlers?.success,
      error: handlers?.error,
    });
  }

  createNewCallDialog(toAddress: string, fromAddress: string, handlers?: Handlers): void {
    this.#create({ requestedAction: 'MAKE_CALL', fromAddress, toAddress }, handlers);
  }

  createNewSuperviseCallDialog(
    toAddress: string,
    fromAddress: string,
    _callType: string,
    handlers?: Handlers,
  ): void {
    this.#create({ requestedAction: 'SILENT_MONITOR', fromAddress, toAddress }, handlers);
  }

  createNewBargeCall(
    fromAddress: string,
    toAddress: string,
    _callType: string,
    associatedDialogUri: string,
    handlers?: Handlers,
  ): void {
    this.#create({ requestedAction: 'BARGE_CALL', fromAddress, toAddress, associatedDialogUri }, handlers);
  }
}
