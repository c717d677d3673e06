/**
 * `<sb-team-message-form>`: a supervisor's message to the teams it supervises (finesse-api.md
 * §1.9: content up to 255 characters, shown for a duration), sent with POST /TeamMessage.
 *
 * Properties in: `teams` ({ id, name }[]).
 * Events out: `sb-team-message` { content, duration, teamIds }.
 */
import { define, h, SbElement } from './dom.ts';
import { emit } from './events.ts';

/** How long a message shows: Finesse's admin offers minutes to hours. */
const DURATIONS: [string, number][] = [
  ['5 minutes', 300],
  ['15 minutes', 900],
  ['30 minutes', 1800],
  ['1 hour', 3600],
  ['4 hours', 14400],
];

export class SbTeamMessageForm extends SbElement {
  #teams: { id: string; name: string }[] = [];
  #content = '';

  set teams(v: { id: string; name: string }[]) {
    if (v === this.#teams) return;
    this.#teams = v;
    this.requestRender();
  }

  protected render() {
    if (this.#teams.length === 0) return null;
    return h(
      'form',
      {
        class: 'card team-message-form',
        'aria-label': 'Team message',
        onsubmit: (ev: Event) => {
          ev.preventDefault();
          const form = ev.target as HTMLFormElement;
          const data = new FormData(form);
          const content = String(data.get('content') ?? '').trim();
          const teamIds = data.getAll('team').map(String);
          if (!content || teamIds.length === 0) return;
          emit(this, 'sb-team-message', { content, duration: Number(data.get('duration')), teamIds });
          this.#content = '';
          this.requestRender();
        },
      },
      h('h2', null, 'Team message'),
      h(
        'label',
        { class: 'field' },
        h('span', null, 'Message'),
        h('textarea', {
          name: 'content',
          'data-key': 'tm-content',
          maxlength: 255,
          rows: 2,
          value: this.#content,
          oninput: (ev: Event) => {
            this.#content = (ev.target as HTMLTextAreaElement).value;
          },
        }),
      ),
      h(
        'div',
        { class: 'row' },
        h(
          'label',
          { class: 'field' },
          h('span', null, 'Show for'),
          h(
            'select',
            { name: 'duration', 'data-key': 'tm-duration' },
            DURATIONS.map(([label, s]) => h('option', { value: String(s), selected: s === 900 }, label)),
          ),
        ),
        h(
          'fieldset',
          { class: 'teams' },
          h('legend', null, 'To'),
          this.#teams.map((t) =>
            h(
              'label',
              null,
              h('input', {
                type: 'checkbox',
                name: 'team',
                value: t.id,
                checked: true,
                'data-key': `tm-team-${t.id}`,
              }),
              ` ${t.name || t.id}`,
            ),
          ),
        ),
        h('button', { type: 'submit', class: 'btn go', 'data-key': 'tm-send' }, 'Send'),
      ),
    );
  }
}

define('sb-team-message-form', SbTeamMessageForm);
declare global {
  interface HTMLElementTagNameMap {
    'sb-team-message-form': SbTeamMessageForm;
  }
}
