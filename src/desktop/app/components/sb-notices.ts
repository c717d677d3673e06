/**
 * `<sb-notices>`: errors and confirmations (failed requests, "Error report sent"), newest last.
 *
 * Property in: `notices` ({ id, kind, text }[]). Event out: `sb-dismiss` { id }.
 */
import { define, h, SbElement } from './dom.ts';
import { emit } from './events.ts';

interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export class SbNotices extends SbElement {
  #notices: Notice[] = [];

  set notices(v: Notice[]) {
    if (v === this.#notices) return;
    this.#notices = v;
    this.requestRender();
  }

  protected render() {
    return this.#notices.map((n) =>
      h(
        'div',
        { class: `notice notice-${n.kind}`, role: n.kind === 'error' ? 'alert' : 'status' },
        h('span', null, n.text),
        h(
          'button',
          {
            class: 'link',
            'aria-label': 'Dismiss',
            'data-key': `dismiss-${n.id}`,
            onclick: () => emit(this, 'sb-dismiss', { id: n.id }),
          },
          '×',
        ),
      ),
    );
  }
}

define('sb-notices', SbNotices);
declare global {
  interface HTMLElementTagNameMap {
    'sb-notices': SbNotices;
  }
}
