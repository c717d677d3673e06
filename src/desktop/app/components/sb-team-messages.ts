/**
 * `<sb-team-messages>`: the banner of the team messages a supervisor sent to the user's team
 * (finesse-api.md §1.9), each with its sender, shown until it expires (`createdAt + duration`,
 * by the server's clock) or the user dismisses it on this desktop.
 *
 * Properties in: `messages` (TeamMessage[]).
 */
import type { TeamMessage } from '../client/models.ts';
import { define, h, SbElement } from './dom.ts';
import { serverNow } from './format.ts';

export class SbTeamMessages extends SbElement {
  #messages: TeamMessage[] = [];
  readonly #dismissed = new Set<string>();
  #expiry: ReturnType<typeof setTimeout> | undefined;

  set messages(v: TeamMessage[]) {
    if (v === this.#messages) return;
    this.#messages = v;
    this.requestRender();
  }

  protected render() {
    const nowSec = serverNow() / 1000;
    const showing = this.#messages
      .filter((m) => m.createdAt + m.duration > nowSec && !this.#dismissed.has(m.id))
      .sort((a, b) => b.createdAt - a.createdAt);
    // The next message to expire takes itself away.
    clearTimeout(this.#expiry);
    const next = Math.min(...showing.map((m) => m.createdAt + m.duration));
    if (Number.isFinite(next))
      this.#expiry = setTimeout(() => this.requestRender(), (next - nowSec) * 1000 + 50);
    if (showing.length === 0) return null;
    return h(
      'section',
      { class: 'team-messages', role: 'status', 'aria-live': 'polite', 'aria-label': 'Team messages' },
      showing.map((m) =>
        h(
          'div',
          { class: 'team-message', 'data-message': m.id },
          h('strong', null, `Message from ${m.from || 'your supervisor'}: `),
          h('span', { class: 'content' }, m.content),
          h(
            'button',
            {
              type: 'button',
              class: 'btn small quiet',
              'aria-label': 'Dismiss team message',
              'data-key': `dismiss-${m.id}`,
              onclick: () => {
                this.#dismissed.add(m.id);
                this.requestRender();
              },
            },
            '×',
          ),
        ),
      ),
    );
  }
}

define('sb-team-messages', SbTeamMessages);
declare global {
  interface HTMLElementTagNameMap {
    'sb-team-messages': SbTeamMessages;
  }
}
