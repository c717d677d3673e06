/**
 * `<sb-sign-in>`: the sign-in form (agent ID or login name, password, extension).
 *
 * Properties in: `error` (shown under the form), `busy` (disables the form while signing in),
 * `defaults` (last ID and extension, remembered by main.ts; never the password).
 * Event out: `sb-sign-in` { id, password, extension }.
 */
import { define, h, SbElement } from './dom.ts';
import { emit } from './events.ts';

export class SbSignIn extends SbElement {
  #error = '';
  #busy = false;
  #defaults = { id: '', extension: '' };

  set error(v: string) {
    this.#error = v;
    this.requestRender();
  }

  set busy(v: boolean) {
    if (v === this.#busy) return;
    this.#busy = v;
    this.requestRender();
  }

  set defaults(v: { id: string; extension: string }) {
    this.#defaults = v;
    this.requestRender();
  }

  #submit = (ev: Event) => {
    ev.preventDefault();
    const f = new FormData(ev.target as HTMLFormElement);
    const value = (k: string) => String(f.get(k) ?? '').trim();
    emit(this, 'sb-sign-in', {
      id: value('id'),
      password: String(f.get('password') ?? ''),
      extension: value('extension'),
    });
  };

  protected render() {
    const d = this.#defaults;
    const field = (name: string, label: string, attrs: Record<string, string | boolean>) =>
      h(
        'label',
        { class: 'field' },
        h('span', null, label),
        h('input', { name, 'data-key': name, ...attrs }),
      );
    return h(
      'form',
      { class: 'sign-in card', onsubmit: this.#submit, 'aria-busy': this.#busy ? 'true' : 'false' },
      h('h1', null, 'Sign in to Switchboard'),
      field('id', 'ID or login name', {
        value: d.id,
        autocomplete: 'username',
        autofocus: !d.id,
        required: true,
      }),
      field('password', 'Password', {
        type: 'password',
        autocomplete: 'current-password',
        autofocus: !!d.id,
      }),
      field('extension', 'Extension', { value: d.extension, inputmode: 'numeric', autocomplete: 'off' }),
      h(
        'p',
        { class: 'hint' },
        'Agents and supervisors enter the extension of their phone; administrators leave it empty.',
      ),
      this.#error && h('p', { class: 'error', role: 'alert', id: 'sign-in-error' }, this.#error),
      h(
        'button',
        { type: 'submit', class: 'primary', disabled: this.#busy, 'data-key': 'submit' },
        this.#busy ? 'Signing in…' : 'Sign In',
      ),
    );
  }

  protected override init(): void {
    // autofocus only works on page load; put the caret where the user types first.
    setTimeout(
      () =>
        this.querySelector<HTMLInputElement>(this.#defaults.id ? '[name=password]' : '[name=id]')?.focus(),
      0,
    );
  }
}

define('sb-sign-in', SbSignIn);
declare global {
  interface HTMLElementTagNameMap {
    'sb-sign-in': SbSignIn;
  }
}
