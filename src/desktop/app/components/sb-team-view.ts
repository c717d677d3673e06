/**
 * `<sb-team-view>`: the supervisor's teams, one row per agent with live state (in its colour),
 * reason and time in state, buttons to make the agent Ready, Not Ready or sign them out, and
 * Silent Monitor / Barge-In while the agent is on a call.
 *
 * Properties in: `teams` ({ id, name, users: TeamUser[], unavailable? }[]), `reasons` (ReasonCode[], for labels).
 * Above them, the form for a team message (sb-team-message-form).
 * Events out: `sb-agent-state` { agentId, state }, `sb-monitor` { agentId, extension, mode },
 * `sb-team-message` { content, duration, teamIds }.
 */
import { checkFromState } from '../../../core/state-rules.ts';
import type { ReasonCode, TeamUser } from '../client/models.ts';
import { displayName } from '../client/models.ts';
import { define, h, SbElement } from './dom.ts';
import { emit } from './events.ts';
import { elapsedText, stateClass, stateLabel } from './format.ts';
import './sb-team-message-form.ts';

interface TeamView {
  id: string;
  name: string;
  users: TeamUser[];
  unavailable?: boolean;
}

const ON_CALL = new Set(['TALKING', 'HOLD']);

/**
 * Whether the server takes a supervisor's request for `target` on a user in `current`: core's
 * state rules (developer guide 12.5, User—Change Agent State), not a copy of them. Asking for
 * the state the user is in already is offered as nothing.
 */
const mayAsk = (target: 'READY' | 'NOT_READY' | 'LOGOUT', current: TeamUser['state']) =>
  current !== target && checkFromState('supervisor', target, current) === undefined;

export class SbTeamView extends SbElement {
  #teams: TeamView[] = [];
  #reasons: ReasonCode[] = [];

  /** Persistent, so a message being typed survives the team's updates. */
  readonly #compose = document.createElement('sb-team-message-form');
  #teamRefs: { id: string; name: string }[] = [];

  set teams(v: TeamView[]) {
    if (v === this.#teams) return;
    this.#teams = v;
    // Only a change of the teams themselves (not of their agents' states) reaches the form.
    const refs = v.map((t) => ({ id: t.id, name: t.name }));
    if (JSON.stringify(refs) !== JSON.stringify(this.#teamRefs)) this.#teamRefs = refs;
    this.requestRender();
  }
  set reasons(v: ReasonCode[]) {
    this.#reasons = v;
    this.requestRender();
  }

  #row(u: TeamUser) {
    const reason = u.reasonLabel || this.#reasons.find((r) => r.id === u.reasonCodeId)?.label || '';
    const btn = (label: string, key: string, disabled: boolean, onclick: () => void, cls = '') =>
      h(
        'button',
        { type: 'button', class: `btn small ${cls}`, 'data-key': `${key}-${u.loginId}`, disabled, onclick },
        label,
      );
    const state = (s: 'READY' | 'NOT_READY' | 'LOGOUT') => () =>
      emit(this, 'sb-agent-state', { agentId: u.loginId, state: s });
    const monitor = (mode: 'SILENT_MONITOR' | 'BARGE_CALL') => () =>
      emit(this, 'sb-monitor', { agentId: u.loginId, extension: u.extension, mode });
    return h(
      'tr',
      { 'data-agent': u.loginId, 'data-state': u.state },
      h('th', { scope: 'row' }, displayName(u), h('small', null, ` ${u.loginId}`)),
      h('td', null, u.extension || '—'),
      h('td', null, h('span', { class: stateClass(u.state) }, stateLabel(u.state))),
      h(
        'td',
        { class: 'reason' },
        reason,
        u.pendingState && h('small', null, ` (pending ${stateLabel(u.pendingState)})`),
      ),
      h(
        'td',
        null,
        h('span', { class: 'timer', 'data-since': u.stateChangeTime }, elapsedText(u.stateChangeTime)),
      ),
      h(
        'td',
        { class: 'row' },
        btn('Ready', 'sv-ready', !mayAsk('READY', u.state), state('READY'), 'go'),
        btn('Not Ready', 'sv-notready', !mayAsk('NOT_READY', u.state), state('NOT_READY'), 'stop'),
        btn('Sign Out', 'sv-logout', !mayAsk('LOGOUT', u.state), state('LOGOUT'), 'quiet'),
        btn('Silent Monitor', 'sv-monitor', !ON_CALL.has(u.state), monitor('SILENT_MONITOR')),
        btn('Barge In', 'sv-barge', !ON_CALL.has(u.state), monitor('BARGE_CALL')),
      ),
    );
  }

  protected render() {
    if (this.#teams.length === 0) return h('p', { class: 'empty' }, 'You supervise no team.');
    this.#compose.teams = this.#teamRefs;
    const teams = this.#teams.map((t) =>
      h(
        'section',
        { class: 'team card', 'aria-label': `Team ${t.name}`, 'data-team': t.id },
        h(
          'h2',
          null,
          `Team ${t.name || t.id}`,
          !t.unavailable && h('small', null, ` ${t.users.length} agents`),
        ),
        t.unavailable && h('p', { class: 'empty' }, 'The team list is not available on this server.'),
        !t.unavailable &&
          h(
            'table',
            { class: 'grid' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ['Agent', 'Extension', 'State', 'Reason', 'Time', 'Actions'].map((c) =>
                  h('th', { scope: 'col' }, c),
                ),
              ),
            ),
            h(
              'tbody',
              null,
              [...t.users]
                .sort((a, b) => displayName(a).localeCompare(displayName(b)))
                .map((u) => this.#row(u)),
            ),
          ),
      ),
    );
    return [this.#compose, teams];
  }
}

define('sb-team-view', SbTeamView);
declare global {
  interface HTMLElementTagNameMap {
    'sb-team-view': SbTeamView;
  }
}
