/**
 * `<sb-agent-header>`: who is signed in and in which state, readable at a glance — name,
 * extension, the state in its colour with a large time-in-state timer, the reason, the pending
 * state during a call — and the Ready / Not Ready (reason menu) / Sign Out (reason menu) buttons.
 * Access keys: Alt+R Ready, Alt+N Not Ready, Alt+O Sign Out.
 *
 * Properties in: `user`, `notReadyReasons`, `logoutReasons` (ReasonCode[]).
 * Events out: `sb-state` { state, reasonCodeId }, `sb-sign-out` { reasonCodeId }.
 */
import type { ReasonCode, User } from '../client/models.ts';
import { displayName } from '../client/models.ts';
import { define, h, SbElement } from './dom.ts';
import { emit, on } from './events.ts';
import { elapsedText, stateClass, stateLabel } from './format.ts';
import type { MenuItem } from './sb-menu-button.ts';
import './sb-menu-button.ts';

const toItems = (codes: ReasonCode[]): MenuItem[] => codes.map((c) => ({ value: c.id, label: c.label }));

export class SbAgentHeader extends SbElement {
  #user: User | undefined;
  #nr: MenuItem[] = [];
  #logout: MenuItem[] = [];
  #nrCodes: ReasonCode[] = [];
  #logoutCodes: ReasonCode[] = [];

  set user(v: User | undefined) {
    if (v === this.#user) return;
    this.#user = v;
    this.requestRender();
  }
  set notReadyReasons(v: ReasonCode[]) {
    if (v === this.#nrCodes) return;
    this.#nrCodes = v;
    this.#nr = toItems(v);
    this.requestRender();
  }
  set logoutReasons(v: ReasonCode[]) {
    if (v === this.#logoutCodes) return;
    this.#logoutCodes = v;
    this.#logout = toItems(v);
    this.requestRender();
  }

  // Persistent, so an open menu survives a state update re-rendering the header.
  readonly #notReady = this.#menu('not-ready', 'Not Ready', 'n', 'stop');
  readonly #signOut = this.#menu('sign-out', 'Sign Out', 'o', 'quiet');

  #menu(name: string, label: string, key: string, variant: string) {
    const m = document.createElement('sb-menu-button');
    m.menu = name;
    m.label = label;
    m.shortcut = key;
    m.variant = variant;
    return m;
  }

  protected override init(): void {
    on(this, 'sb-menu-select', ({ menu, value }, ev) => {
      ev.stopPropagation();
      if (menu === 'not-ready')
        emit(this, 'sb-state', { state: 'NOT_READY', reasonCodeId: value || undefined });
      if (menu === 'sign-out') emit(this, 'sb-sign-out', { reasonCodeId: value || undefined });
    });
  }

  #reasonLabel(u: User): string {
    if (u.reasonCode?.label) return u.reasonCode.label;
    return this.#nrCodes.find((c) => c.id === u.reasonCodeId)?.label ?? '';
  }

  protected render() {
    const u = this.#user;
    if (!u) return null;
    const reason = u.state === 'NOT_READY' || u.state === 'LOGOUT' ? this.#reasonLabel(u) : '';
    this.#notReady.items = this.#nr;
    this.#notReady.disabled =
      u.state === 'LOGOUT' || (u.state === 'NOT_READY' && !u.pendingState && this.#nr.length === 0);
    this.#signOut.items = this.#logout;
    // "An agent can set the state to LOGOUT only if that agent is in NOT_READY state" (developer
    // guide 12.5, User—Change Agent State): the server refuses it otherwise, so the desktop offers it then only.
    this.#signOut.disabled = u.state !== 'NOT_READY';
    const ready = u.state === 'READY' || u.pendingState === 'READY';
    return h(
      'header',
      { class: 'agent-header', 'aria-label': 'Agent state' },
      h(
        'div',
        { class: 'who' },
        h('div', { class: 'name' }, displayName(u)),
        h('div', { class: 'ext' }, `Extension ${u.extension || '—'} · ID ${u.loginId}`),
      ),
      h(
        'div',
        {
          class: `${stateClass(u.state)} state-block`,
          role: 'status',
          'aria-live': 'polite',
          'data-state': u.state,
        },
        h('span', { class: 'state-label' }, stateLabel(u.state)),
        h(
          'span',
          { class: 'timer big', 'data-since': u.stateChangeTime, 'aria-label': 'time in state' },
          elapsedText(u.stateChangeTime),
        ),
        reason && h('span', { class: 'reason' }, reason),
        u.pendingState && h('span', { class: 'pending' }, `Pending: ${stateLabel(u.pendingState)}`),
      ),
      h(
        'div',
        { class: 'actions', role: 'group', 'aria-label': 'Change state' },
        h(
          'button',
          {
            type: 'button',
            class: 'btn go',
            accesskey: 'r',
            'aria-keyshortcuts': 'Alt+R',
            'data-key': 'ready',
            disabled: ready || u.state === 'LOGOUT',
            onclick: () => emit(this, 'sb-state', { state: 'READY' }),
          },
          'Ready',
        ),
        this.#notReady,
        this.#signOut,
      ),
    );
  }
}

define('sb-agent-header', SbAgentHeader);
declare global {
  interface HTMLElementTagNameMap {
    'sb-agent-header': SbAgentHeader;
  }
}
