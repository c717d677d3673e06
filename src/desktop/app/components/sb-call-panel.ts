/**
 * `<sb-call-panel>`: the agent's calls, one `<sb-dialog-card>` each (kept per dialog id, so a
 * call's typed consult number or open keypad survive updates); the first card gets the access keys.
 *
 * Properties in: `dialogs`, `extension`, `wrapUpReasons`, `layout` (the team's MediaPropertiesLayout).
 * Events out: those of the cards (`sb-dialog-action`, `sb-wrap-up`), bubbling through.
 */
import type { Dialog, MediaLayout, WrapUpReason } from '../client/models.ts';
import { define, h, SbElement } from './dom.ts';
import './sb-dialog-card.ts';
import type { SbDialogCard } from './sb-dialog-card.ts';

export class SbCallPanel extends SbElement {
  #dialogs: Dialog[] = [];
  #extension = '';
  #wrapUps: WrapUpReason[] = [];
  #layout: MediaLayout | undefined;
  readonly #cards = new Map<string, SbDialogCard>();

  set dialogs(v: Dialog[]) {
    if (v === this.#dialogs) return;
    this.#dialogs = v;
    this.requestRender();
  }
  set extension(v: string) {
    if (v === this.#extension) return;
    this.#extension = v;
    this.requestRender();
  }
  set layout(v: MediaLayout | undefined) {
    if (v === this.#layout) return;
    this.#layout = v;
    this.requestRender();
  }
  set wrapUpReasons(v: WrapUpReason[]) {
    if (v === this.#wrapUps) return;
    this.#wrapUps = v;
    this.requestRender();
  }

  protected render() {
    for (const id of this.#cards.keys()) if (!this.#dialogs.some((d) => d.id === id)) this.#cards.delete(id);
    const cards = this.#dialogs.map((d, i) => {
      let card = this.#cards.get(d.id);
      if (!card) {
        card = document.createElement('sb-dialog-card');
        this.#cards.set(d.id, card);
      }
      card.extension = this.#extension;
      card.wrapUpReasons = this.#wrapUps;
      card.layout = this.#layout;
      card.primary = i === 0;
      card.dialog = d;
      return card;
    });
    return h(
      'section',
      { class: 'calls', 'aria-label': 'Calls' },
      h('h2', null, 'Calls'),
      cards.length ? cards : h('p', { class: 'empty' }, 'No calls.'),
    );
  }
}

define('sb-call-panel', SbCallPanel);
declare global {
  interface HTMLElementTagNameMap {
    'sb-call-panel': SbCallPanel;
  }
}
