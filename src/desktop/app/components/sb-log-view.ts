/**
 * `<sb-log-view>`: the client log kept in this browser (Finesse's `/desktop/localLog`), newest
 * last, for reading when the server cannot be reached to send an error report.
 *
 * Property in: `text` (formatted log lines).
 */
import { define, h, SbElement } from './dom.ts';

export class SbLogView extends SbElement {
  #text = '';

  set text(v: string) {
    if (v === this.#text) return;
    this.#text = v;
    this.requestRender();
  }

  protected render() {
    return h(
      'section',
      { class: 'card log-view', 'aria-label': 'Client log' },
      h('h2', null, 'Client log (this browser)'),
      h('pre', { tabindex: '0' }, this.#text || 'The log is empty.'),
    );
  }
}

define('sb-log-view', SbLogView);
declare global {
  interface HTMLElementTagNameMap {
    'sb-log-view': SbLogView;
  }
}
