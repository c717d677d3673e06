/**
 * `<sb-keypad>`: the dial pad (number field + digits + Call) or, with `mode = 'dtmf'`, the DTMF
 * keypad of a call (each key is sent at once; digits typed while it has focus are sent too).
 *
 * Properties in: `mode` ('dial' | 'dtmf'), `disabled`, `number` (prefill, e.g. from the phonebook).
 * Events out: `sb-make-call` { number } (dial), `sb-dtmf` { digit } (dtmf).
 */
import { define, h, SbElement } from './dom.ts';
import { emit } from './events.ts';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

export class SbKeypad extends SbElement {
  #mode: 'dial' | 'dtmf' = 'dial';
  #number = '';
  #disabled = false;

  set mode(v: 'dial' | 'dtmf') {
    this.#mode = v;
    this.requestRender();
  }
  set disabled(v: boolean) {
    if (v === this.#disabled) return;
    this.#disabled = v;
    this.requestRender();
  }
  set number(v: string) {
    this.#number = v;
    this.requestRender();
  }

  #press(k: string) {
    if (this.#mode === 'dtmf') {
      emit(this, 'sb-dtmf', { digit: k });
      return;
    }
    this.#number += k;
    this.requestRender();
  }

  #call = () => {
    const number = this.#number.trim();
    if (!number) return;
    emit(this, 'sb-make-call', { number });
    this.#number = '';
    this.requestRender();
  };

  protected override init(): void {
    this.addEventListener('keydown', (ev) => {
      if (this.#mode !== 'dtmf' || !KEYS.includes(ev.key) || ev.altKey || ev.ctrlKey) return;
      ev.preventDefault();
      this.#press(ev.key);
    });
  }

  protected render() {
    const p = this.#mode;
    const grid = h(
      'div',
      { class: 'keys', role: 'group', 'aria-label': p === 'dtmf' ? 'DTMF keypad' : 'Dial pad' },
      KEYS.map((k) =>
        h(
          'button',
          {
            type: 'button',
            class: 'key',
            'data-key': `${p}-${k}`,
            disabled: this.#disabled,
            onclick: () => this.#press(k),
          },
          k,
        ),
      ),
    );
    if (p === 'dtmf') return grid;
    return h(
      'form',
      {
        class: 'dial',
        onsubmit: (ev: Event) => {
          ev.preventDefault();
          this.#call();
        },
      },
      h(
        'label',
        { class: 'field' },
        h('span', null, 'Number'),
        h('input', {
          type: 'tel',
          name: 'number',
          'data-key': 'dial-number',
          value: this.#number,
          autocomplete: 'off',
          disabled: this.#disabled,
          oninput: (ev: Event) => {
            this.#number = (ev.target as HTMLInputElement).value;
          },
          // Digits clicked on the pad were appended: typing continues after them.
          onfocus: (ev: Event) => {
            const input = ev.target as HTMLInputElement;
            input.setSelectionRange(input.value.length, input.value.length);
          },
        }),
      ),
      grid,
      h(
        'div',
        { class: 'row' },
        h(
          'button',
          { type: 'submit', class: 'btn go', 'data-key': 'dial-call', disabled: this.#disabled },
          'Call',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'btn quiet',
            'data-key': 'dial-clear',
            'aria-label': 'Delete the last digit',
            disabled: this.#disabled,
            onclick: () => {
              this.#number = this.#number.slice(0, -1);
              this.requestRender();
            },
          },
          '⌫',
        ),
      ),
    );
  }
}

define('sb-keypad', SbKeypad);
declare global {
  interface HTMLElementTagNameMap {
    'sb-keypad': SbKeypad;
  }
}
