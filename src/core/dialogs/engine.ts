import type { Timers } from '../../clock/index.ts';
import type { WebservicesLog } from '../../logs/index.ts';
import { userAccess } from '../access.ts';
import type { DialogActionRequest, NewDialogRequest } from '../core-api.ts';
import { CoreErrors } from '../errors.ts';
import {
  type Dialog,
  dialogUri,
  nodes,
  type Principal,
  type Publisher,
  type Result,
  type UserConfig,
  type UserState,
} from '../model.ts';
import { ObjectQueues } from '../object-queues.ts';
import { newDialogKind, planDialogAction } from './actions.ts';
import type { CallEvent, CallRef, CallSnapshot } from './call-events.ts';
import type { EccVariable } from './call-variables.ts';
import { type CtiCallControl, sendCallRequest } from './cti-call-control.ts';
import { callFailureUpdate, dialogUpdate } from './dialog-updates.ts';
import { planMakeCall } from './plan.ts';
import type { ActionPlan } from './plan-kit.ts';
import { type DialogChange, DialogTracker } from './tracker.ts';

export interface DialogEngineOptions {
  cti: CtiCallControl;
  publisher: Publisher;
  timers: Timers;
  store: { getUser(id: string): Promise<UserConfig | undefined> };
  log: WebservicesLog;
  /** A user's signed-in extension ('' when none) and state, as core keeps them. */
  agent(userId: string): { extension: string; state: UserState };
  /** Give up waiting for the event that shows a request's outcome after this long. */
  outcomeTimeoutMs: number;
  /** The agent's last call is over for it (it left, or the call ended). */
  onCallsEnded(agentId: string): void;
  /** The configured ECC variables (ECCVariableConfig); none: call data names are not checked against any. */
  ecc?(): readonly EccVariable[];
}

interface Waiting {
  agentId: string;
  requestId: string;
  matches(change: DialogChange): boolean;
  settle(): void;
}

const ok: Result<void> = { ok: true, value: undefined };

/**
 * The Dialog side of the webservices engine: feeds CTI call events and agent facts to the
 * tracker and publishes what changed, and turns Dialog API requests into CTI call control.
 * Requests on one dialog are ordered: the next waits for the CTI outcome of the previous (the
 * change it causes, a failure, or a timeout), as Finesse's per-object queue does (§0).
 */
export class DialogEngine {
  readonly #o: DialogEngineOptions;
  readonly #tracker: DialogTracker;
  readonly #queues = new ObjectQueues();
  readonly #waiting = new Set<Waiting>();
  readonly #busy = new Set<string>();

  constructor(options: DialogEngineOptions) {
    this.#o = options;
    this.#tracker = new DialogTracker({
      now: () => options.timers.now(),
      log: (text) => options.log.debug('CTIMessageEventExecutor-0', 'DIALOG_EVENT_IGNORED', [], text),
    });
  }

  // ---- inputs --------------------------------------------------------------------------------

  onCallEvent(ev: CallEvent): void {
    this.#publish(this.#tracker.apply(ev));
  }

  onAgent(agentId: string, info: { extension?: string; state?: UserState }): void {
    this.#publish(this.#tracker.onAgent(agentId, info));
  }

  /**
   * The calls the CTI server has on the agent's phone after a reconnect (none: NumTasks 0): ends
   * the dialogs whose end the lost link hid.
   */
  onPhoneCalls(agentId: string, calls: readonly CallRef[] = []): void {
    this.#publish(this.#tracker.endCallsOf(agentId, calls));
  }

  /** A call's snapshot after a reconnect: the dialog appears, changes, or loses who left. */
  onCallSnapshot(snap: CallSnapshot): void {
    this.#publish(this.#tracker.applySnapshot(snap));
  }

  hasLiveCall(agentId: string): boolean {
    return this.#tracker.hasLiveCall(agentId);
  }

  /** Stops waiting for outcomes; queued requests run on without correlation. */
  close(): void {
    for (const w of [...this.#waiting]) w.settle();
  }

  // ---- the Dialog API ------------------------------------------------------------------------

  dialogs(userId: string): Dialog[] {
    return this.#tracker.dialogsOf(userId);
  }

  async getDialog(actor: Principal, dialogId: string): Promise<Result<Dialog>> {
    const dialog = this.#tracker.dialog(dialogId, actor.id);
    if (!dialog) return { ok: false, error: CoreErrors.dialogNotFound(dialogId) };
    const isParty = this.#tracker.dialogsOf(actor.id).some((d) => d.id === dialogId);
    if (!isParty && (await this.#supervisedDevices(actor, dialog)).size === 0) {
      return { ok: false, error: CoreErrors.notParticipant(dialogId) };
    }
    return { ok: true, value: dialog };
  }

  async dialogAction(
    actor: Principal,
    dialogId: string,
    req: DialogActionRequest,
    requestId: string,
  ): Promise<Result<void>> {
    const dialog = this.#tracker.dialog(dialogId, actor.id);
    if (!dialog) return { ok: false, error: CoreErrors.dialogNotFound(dialogId) };
    // BARGE_CALL from a supervisor's monitoring dialog joins the call it monitors.
    const monitored = /\/Dialog\/([^/]+)$/.exec(dialog.associatedDialogUri)?.[1];
    const barges =
      req.requestedAction.trim() === 'BARGE_CALL' &&
      isMonitoring(dialog) &&
      monitored !== undefined &&
      this.#tracker.dialog(monitored, actor.id) !== undefined;
    const target = barges && monitored ? monitored : dialogId;
    // Judged in turn: behind an earlier action on this dialog, against the dialog as that action
    // leaves it (HOLD then RETRIEVE at once works).
    return this.#queues.inTurn(
      `dialog:${target}`,
      async () => {
        const current = this.#tracker.dialog(target, actor.id);
        if (!current) return { result: { ok: false, error: CoreErrors.dialogNotFound(target) } };
        const plan = await this.#plan(actor, target, current, req);
        if (!plan.ok) return { result: plan };
        return {
          result: ok,
          send: () => this.#run(actor.id, plan.value, requestId, dialogUri(target), target),
        };
      },
      (error) =>
        this.#o.publisher.publish(nodes.dialogs(actor.id), {
          data: { kind: 'apiErrors', errors: [error], of: 'dialog' },
          event: 'PUT',
          requestId,
          source: dialogUri(target),
        }),
    );
  }

  async makeCall(
    actor: Principal,
    userId: string,
    req: NewDialogRequest,
    requestId: string,
  ): Promise<Result<void>> {
    const config = await this.#o.store.getUser(userId);
    if (!config) return { ok: false, error: CoreErrors.userNotFound(userId) };
    const access = userAccess(actor, config);
    const action = req.requestedAction?.trim() || 'MAKE_CALL';
    const kind = newDialogKind(action);
    if (!kind) return { ok: false, error: CoreErrors.invalidInput('Unsupported requestedAction', action) };
    // Each user places calls and monitors from its own Dialogs.
    if (access !== 'self') return { ok: false, error: CoreErrors.invalidAuthorizationUser(userId) };
    // The supervisor names the agent by extension (or its dialog).
    if (kind === 'monitoring') return this.#superviseByAddress(actor, action, req, requestId);
    const plan = planMakeCall(this.#o.agent(config.id), req, this.#o.ecc?.() ?? []);
    if (!plan.ok) return plan;
    this.#queues.run(`user:${config.id}:dialogs`, () =>
      this.#run(config.id, plan.value, requestId, nodes.dialogs(config.id)),
    );
    return ok;
  }

  // ---- internals -----------------------------------------------------------------------------

  /** What `req` on `dialog` means as CTI requests, judged against the dialog as it is now. */
  async #plan(
    actor: Principal,
    dialogId: string,
    dialog: Dialog,
    req: DialogActionRequest,
  ): Promise<Result<ActionPlan>> {
    const { extension } = this.#o.agent(actor.id);
    const plan = planDialogAction(
      {
        dialog,
        connectionOf: (device) => this.#tracker.callOf(dialogId, device)!,
        actorExtension: extension,
        otherActiveCall: this.#otherActiveCall(actor.id, extension, dialogId),
        supervisedDevices: await this.#supervisedDevices(actor, dialog),
        monitorCall: this.#monitorCall(actor.id, extension),
        ecc: this.#o.ecc?.() ?? [],
      },
      req,
    );
    if (!plan.ok) return plan;
    if (plan.value.associates) this.#tracker.expectAssociated(actor.id, dialogId);
    // Our simulator ends the call (END_CALL) before wrap-up does, unlike UCCE: the CTI server no
    // longer knows it, so a wrap-up reason chosen then stays with the dialog only.
    if (plan.value.callData && this.#tracker.hasEnded(dialogId)) plan.value.cti = undefined;
    // An agent that transferred the call away wraps up while the call goes on without it: the
    // CTI server has no connection of its left to name, and the call's data is the others' now.
    if (plan.value.callData && this.#tracker.hasLeftLiveCall(dialogId, actor.id)) {
      if (plan.value.callData.callVariables?.length) {
        return {
          ok: false,
          error: CoreErrors.invalidState(
            'Call variables cannot change on a call the user has left',
            'WRAP_UP',
          ),
        };
      }
      plan.value.cti = undefined;
      plan.value.isOwnWrapUp = true;
    }
    return plan;
  }

  async #superviseByAddress(
    actor: Principal,
    action: string,
    req: NewDialogRequest,
    requestId: string,
  ): Promise<Result<void>> {
    let dialogId = /\/Dialog\/([^/]+)$/.exec(req.associatedDialogUri?.trim() ?? '')?.[1];
    if (!dialogId) {
      const to = req.toAddress?.trim();
      if (!to) return { ok: false, error: CoreErrors.parameterMissing('toAddress') };
      const agentId = this.#tracker.agentOfDevice(to);
      const config = agentId === undefined ? undefined : await this.#o.store.getUser(agentId);
      if (!config || userAccess(actor, config) !== 'supervisor') {
        return { ok: false, error: CoreErrors.invalidSupervisor(agentId ?? to) };
      }
      dialogId = this.#tracker
        .dialogsOf(config.id)
        .find((d) => d.participants.some((p) => p.mediaAddress === to && p.state === 'ACTIVE'))?.id;
      if (!dialogId)
        return { ok: false, error: CoreErrors.invalidState('The agent is not on an active call', '') };
    }
    return this.dialogAction(actor, dialogId, { requestedAction: action }, requestId);
  }

  /** Sends one request and waits for its outcome; a failure becomes a Call Operation Failure. */
  async #run(agentId: string, plan: ActionPlan, requestId: string, source: string, dialogId?: string) {
    let entry: Waiting | undefined;
    const waiting = new Promise<void>((resolve) => {
      const outcome = plan.outcome;
      if (!outcome) return resolve();
      let timer: unknown;
      const w: Waiting = {
        agentId,
        requestId,
        matches: outcome,
        settle: () => {
          this.#o.timers.clearTimeout(timer);
          this.#waiting.delete(w);
          resolve();
        },
      };
      // Registered before sending: the CTI server's events may overtake its CONF.
      this.#waiting.add(w);
      timer = this.#o.timers.setTimeout(w.settle, this.#o.outcomeTimeoutMs);
      entry = w;
    });
    try {
      if (plan.cti) await sendCallRequest(this.#o.cti, plan.cti);
    } catch (e) {
      entry?.settle();
      if (plan.associates) this.#tracker.expectAssociated(agentId, undefined);
      this.#logFailure(plan.cti?.method ?? '', e);
      const failure = callFailureUpdate(agentId, e, requestId, source);
      this.#o.publisher.publish(failure.node, failure.update);
      return;
    }
    if (plan.callData && dialogId !== undefined) {
      // UPDATE_CALL_DATA's outcome is the dialog with the new data, published even when unchanged.
      this.#publish(
        plan.isOwnWrapUp
          ? this.#tracker.setOwnWrapUpReason(dialogId, agentId, plan.callData.callWrapupData ?? '')
          : this.#tracker.setCallData(dialogId, plan.callData),
      );
      const dialog = this.#tracker.dialog(dialogId, agentId);
      if (entry && this.#waiting.has(entry) && dialog) {
        entry.settle();
        const node = nodes.dialogs(agentId);
        this.#o.publisher.publish(node, dialogUpdate({ agentId, node, event: 'PUT', dialog }, requestId));
      }
    }
    await waiting;
  }

  #publish(changes: DialogChange[]): void {
    const touched = new Set<string>();
    for (const change of changes) {
      touched.add(change.agentId);
      let requestId = '';
      for (const w of this.#waiting) {
        if (w.agentId === change.agentId && w.matches(change)) {
          requestId = w.requestId;
          w.settle();
          break;
        }
      }
      this.#o.publisher.publish(change.node, dialogUpdate(change, requestId));
    }
    for (const agentId of touched) {
      const live = this.#tracker.hasLiveCall(agentId);
      if (live) this.#busy.add(agentId);
      else if (this.#busy.delete(agentId)) this.#o.onCallsEnded(agentId);
    }
  }

  #logFailure(method: string, e: unknown): void {
    this.#o.log.error(
      'CoreImpl-worker1',
      'CALL_OPERATION_FAILURE',
      [
        ['request', method],
        ['error', e instanceof Error ? e.message : JSON.stringify(e)],
      ],
      'The CTI server refused a call-control request',
    );
  }

  async #supervisedDevices(actor: Principal, dialog: Dialog): Promise<Set<string>> {
    const devices = new Set<string>();
    if (!actor.roles.includes('Supervisor')) return devices;
    for (const p of dialog.participants) {
      const agentId = this.#tracker.agentOfDevice(p.mediaAddress);
      const config = agentId === undefined ? undefined : await this.#o.store.getUser(agentId);
      if (config && userAccess(actor, config) === 'supervisor') devices.add(p.mediaAddress);
    }
    return devices;
  }

  #otherActiveCall(agentId: string, extension: string, exceptId: string): CallRef | undefined {
    const other = this.#tracker
      .dialogsOf(agentId)
      .find(
        (d) =>
          d.id !== exceptId &&
          d.participants.some((p) => p.mediaAddress === extension && p.state === 'ACTIVE'),
      );
    return other && this.#tracker.callOf(other.id, extension);
  }

  #monitorCall(agentId: string, extension: string): CallRef | undefined {
    const monitoring = this.#tracker.dialogsOf(agentId).find((d) => isMonitoring(d) && d.state === 'ACTIVE');
    return monitoring && this.#tracker.callOf(monitoring.id, extension);
  }
}

const isMonitoring = (d: Dialog) => d.mediaProperties.callType === 'SUPERVISOR_MONITOR';
