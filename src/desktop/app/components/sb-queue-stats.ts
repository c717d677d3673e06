/**
 * `<sb-queue-stats>`: queue statistics — calls waiting, the longest wait, agents by state.
 * Hidden when the server has no queue statistics (`queues` undefined).
 *
 * Property in: `queues` (QueueStats[] | undefined).
 */
import type { QueueStats } from '../client/models.ts';
import { define, h, SbElement } from './dom.ts';
import { elapsedText } from './format.ts';

const num = (n: number) => (n < 0 ? '—' : String(n));

export class SbQueueStats extends SbElement {
  #queues: QueueStats[] | undefined;

  set queues(v: QueueStats[] | undefined) {
    if (v === this.#queues) return;
    this.#queues = v;
    this.requestRender();
  }

  protected render() {
    this.hidden = this.#queues === undefined;
    if (!this.#queues) return null;
    return h(
      'section',
      { class: 'queues card', 'aria-label': 'Queue statistics' },
      h('h2', null, 'Queues'),
      this.#queues.length === 0
        ? h('p', { class: 'empty' }, 'No queues.')
        : h(
            'table',
            { class: 'grid' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ['Queue', 'Calls waiting', 'Longest wait', 'Ready', 'Not Ready', 'Talking', 'Signed in'].map(
                  (c) => h('th', { scope: 'col' }, c),
                ),
              ),
            ),
            h(
              'tbody',
              null,
              this.#queues.map((q) =>
                h(
                  'tr',
                  { 'data-queue': q.id },
                  h('th', { scope: 'row' }, q.name || q.id),
                  h('td', { class: q.callsInQueue > 0 ? 'hot' : '' }, num(q.callsInQueue)),
                  h(
                    'td',
                    null,
                    q.startTimeOfLongestCallInQueue
                      ? h(
                          'span',
                          { class: 'timer', 'data-since': q.startTimeOfLongestCallInQueue },
                          elapsedText(q.startTimeOfLongestCallInQueue),
                        )
                      : '—',
                  ),
                  h('td', null, num(q.agentsReady)),
                  h('td', null, num(q.agentsNotReady)),
                  h('td', null, num(q.agentsTalking)),
                  h('td', null, num(q.agentsLoggedOn)),
                ),
              ),
            ),
          ),
    );
  }
}

define('sb-queue-stats', SbQueueStats);
declare global {
  interface HTMLElementTagNameMap {
    'sb-queue-stats': SbQueueStats;
  }
}
