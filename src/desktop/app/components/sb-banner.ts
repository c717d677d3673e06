/**
 * `<sb-banner>`: the red banner of seed 003 while notifications cannot arrive —
 * "Connection to <server> lost, please wait while a reachable server is found…".
 *
 * Also says so when a sign-in elsewhere replaced this desktop.
 *
 * Properties in: `connection` ('connected' | 'disconnected' | 'replaced'), `server` (host name shown).
 */
import { define, h, SbElement } from './dom.ts';

export class SbBanner extends SbElement {
  #connection = 'connected';
  #server = '';

  set connection(v: string) {
    if (v === this.#connection) return;
    this.#connection = v;
    this.requestRender();
  }

  set server(v: string) {
    if (v === this.#server) return;
    this.#server = v;
    this.requestRender();
  }

  protected render() {
    this.hidden = this.#connection === 'connected';
    if (this.hidden) return null;
    return h(
      'div',
      { class: 'banner', role: 'alert' },
      this.#connection === 'replaced'
        ? 'You signed in from another desktop; this one no longer receives updates. Reload the page to use it again.'
        : `Connection to ${this.#server} lost, please wait while a reachable server is found…`,
    );
  }
}

define('sb-banner', SbBanner);
declare global {
  interface HTMLElementTagNameMap {
    'sb-banner': SbBanner;
  }
}
