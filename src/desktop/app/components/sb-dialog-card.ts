/**
 * `<sb-dialog-card>`: one call — caller, its data as the team's layout places it (sb-call-data), participants,
 * time in the call — and the actions the server allows for the agent's own participant
 * (Answer, Hold, Retrieve, End, Consult, Direct Transfer, Transfer, Conference, Keypad; Barge In
 * on a supervisor's monitoring call), plus the wrap-up reason. With `primary`, Alt+A answers, Alt+H holds/retrieves and Alt+E ends.
 *
 * Properties in: `dialog`, `extension` (the agent's own), `wrapUpReasons`, `primary`, `layout`.
 * Events out: `sb-dialog-action` { dialogId, action, toAddress?, dtmfString? }, `sb-wrap-up` { dialogId, reason }.
 */
import { DIALOG_ACTIONS, isDialogAction } from '../../../core/dialogs/actions.ts';
import type { DialogAction } from '../client/bodies.ts';
import type { Dialog, MediaLayout, WrapUpReason } from '../client/models.ts';
import { define, h, SbElement } from './dom.ts';
import { emit, on } from './events.ts';
import { elapsedText, participantLabel } from './format.ts';
import './sb-call-data.ts';
import './sb-keypad.ts';

/**
 * How each action shows as a button beyond its label (core's DIALOG_ACTIONS): its access key and
 * style. Which buttons appear is the participant's `actions` from the server, in the server's
 * order; UPDATE_CALL_DATA is the wrap-up field, not a button.
 */
const BUTTON_LOOK: Partial<Record<DialogAction, { key?: string; cls: string }>> = {
  ANSWER: { key: 'a', cls: 'go' },
  HOLD: { key: 'h', cls: '' },
  RETRIEVE: { key: 'h', cls: '' },
  SEND_DTMF: { cls: 'quiet' },
  DROP: { key: 'e', cls: 'stop' },
};
const NOT_A_BUTTON: ReadonlySet<string> = new Set<DialogAction>(['UPDATE_CALL_DATA']);

export class SbDialogCard extends SbElement {
  #dialog: Dialog | undefined;
  #extension = '';
  #wrapUps: WrapUpReason[] = [];
  #primary = false;
  /** The consult/transfer number being typed, and for which action. */
  #target: { action: DialogAction; number: string } | undefined;
  #keypad = false;
  readonly #dtmfPad = Object.assign(document.createElement('sb-keypad'), { mode: 'dtmf' as const });
  /** Persistent, so an entry being edited survives the call's updates. */
  readonly #callData = document.createElement('sb-call-data');
  #layout: MediaLayout | undefined;

  set layout(v: MediaLayout | undefined) {
    if (v === this.#layout) return;
    this.#layout = v;
    this.requestRender();
  }

  set dialog(v: Dialog) {
    if (v === this.#dialog) return;
    this.#dialog = v;
    this.requestRender();
  }
  set extension(v: string) {
    if (v === this.#extension) return;
    this.#extension = v;
    this.requestRender();
  }
  set wrapUpReasons(v: WrapUpReason[]) {
    if (v === this.#wrapUps) return;
    this.#wrapUps = v;
    this.requestRender();
  }
  set primary(v: boolean) {
    if (v === this.#primary) return;
    this.#primary = v;
    this.requestRender();
  }

  protected override init(): void {
    on(this, 'sb-dtmf', ({ digit }, ev) => {
      ev.stopPropagation();
      if (this.#dialog)
        emit(this, 'sb-dialog-action', {
          dialogId: this.#dialog.id,
          action: 'SEND_DTMF',
          dtmfString: digit,
        });
    });
  }

  #act(action: DialogAction) {
    const d = this.#dialog;
    if (!d) return;
    if (action === 'SEND_DTMF') {
      this.#keypad = !this.#keypad;
      this.requestRender();
      return;
    }
    if (action === 'CONSULT_CALL' || action === 'TRANSFER_SST') {
      this.#target = this.#target?.action === action ? undefined : { action, number: '' };
      this.requestRender();
      queueMicrotask(() => this.querySelector<HTMLInputElement>('input[name=target]')?.focus());
      return;
    }
    emit(this, 'sb-dialog-action', { dialogId: d.id, action });
  }

  #targetForm(d: Dialog) {
    const t = this.#target;
    if (!t) return null;
    return h(
      'form',
      {
        class: 'row target',
        onsubmit: (ev: Event) => {
          ev.preventDefault();
          if (!t.number.trim()) return;
          emit(this, 'sb-dialog-action', { dialogId: d.id, action: t.action, toAddress: t.number.trim() });
          this.#target = undefined;
          this.requestRender();
        },
      },
      h(
        'label',
        { class: 'field' },
        h('span', null, t.action === 'CONSULT_CALL' ? 'Consult number' : 'Transfer to'),
        h('input', {
          type: 'tel',
          name: 'target',
          'data-key': `target-${d.id}`,
          value: t.number,
          oninput: (ev: Event) => {
            t.number = (ev.target as HTMLInputElement).value;
          },
        }),
      ),
      h(
        'button',
        { type: 'submit', class: 'btn go', 'data-key': `target-go-${d.id}` },
        t.action === 'CONSULT_CALL' ? 'Call' : 'Transfer',
      ),
    );
  }

  protected render() {
    const d = this.#dialog;
    if (!d) return null;
    const mine = d.participants.find((p) => p.mediaAddress === this.#extension);
    const state = mine?.state ?? d.state;
    const offered = (mine?.actions ?? []).filter(isDialogAction);
    const allowed = new Set<string>(offered);
    const incoming = state === 'ALERTING';
    const canWrapUp = allowed.has('UPDATE_CALL_DATA') && this.#wrapUps.length > 0;
    Object.assign(this.#callData, {
      dialog: d,
      layout: this.#layout,
      isRinging: incoming,
      isEditable: allowed.has('UPDATE_CALL_DATA'),
    });
    return h(
      'article',
      {
        class: `dialog card${incoming ? ' incoming' : ''}`,
        'aria-label': `Call from ${d.fromAddress}`,
        'data-dialog': d.id,
      },
      h(
        'header',
        { class: 'row' },
        h(
          'strong',
          { class: 'caller' },
          incoming ? `Incoming call from ${d.fromAddress || 'unknown'}` : title(d, this.#extension),
        ),
        h('span', { class: `participant-state ps-${state.toLowerCase()}` }, participantLabel(state)),
        h(
          'span',
          { class: 'timer', 'data-since': mine?.startTime ?? '' },
          elapsedText(mine?.startTime ?? ''),
        ),
      ),
      this.#callData,
      h(
        'ul',
        { class: 'participants', 'aria-label': 'Participants' },
        d.participants.map((p) => h('li', null, `${p.mediaAddress} — ${participantLabel(p.state)}`)),
      ),
      h(
        'div',
        { class: 'row actions', role: 'group', 'aria-label': 'Call actions' },
        offered
          .filter((a) => !NOT_A_BUTTON.has(a))
          .map((action) => {
            const look = BUTTON_LOOK[action] ?? { cls: '' };
            return h(
              'button',
              {
                type: 'button',
                class: `btn ${look.cls}`,
                'data-key': `${action}-${d.id}`,
                'data-action': action,
                accesskey: this.#primary ? look.key : undefined,
                'aria-keyshortcuts': this.#primary && look.key ? `Alt+${look.key.toUpperCase()}` : undefined,
                'aria-pressed': action === 'SEND_DTMF' ? String(this.#keypad) : undefined,
                onclick: () => this.#act(action),
              },
              DIALOG_ACTIONS[action].label,
            );
          }),
      ),
      this.#targetForm(d),
      this.#keypad && allowed.has('SEND_DTMF') && this.#dtmfPad,
      canWrapUp &&
        h(
          'label',
          { class: 'field wrap-up' },
          h('span', null, 'Wrap-up reason'),
          h(
            'select',
            {
              'data-key': `wrapup-${d.id}`,
              onchange: (ev: Event) => {
                const reason = (ev.target as HTMLSelectElement).value;
                if (reason) emit(this, 'sb-wrap-up', { dialogId: d.id, reason });
              },
            },
            h('option', { value: '' }, '— choose —'),
            this.#wrapUps.map((w) =>
              h('option', { value: w.label, selected: w.label === d.wrapUpReason }, w.label),
            ),
          ),
        ),
    );
  }
}

define('sb-dialog-card', SbDialogCard);
declare global {
  interface HTMLElementTagNameMap {
    'sb-dialog-card': SbDialogCard;
  }
}

/** A supervisor's monitoring call is named after whom it monitors, not after its two ends. */
function title(d: Dialog, extension: string): string {
  if (d.callType !== 'SUPERVISOR_MONITOR') return `${d.fromAddress} → ${d.toAddress}`;
  const agents = d.participants
    .map((p) => p.mediaAddress)
    .filter((a) => a && a !== extension && a !== d.fromAddress);
  return agents.length
    ? `Monitoring ${agents.join(', ')} (call from ${d.fromAddress || 'unknown'})`
    : `Monitoring a call from ${d.fromAddress || 'unknown'}`;
}
