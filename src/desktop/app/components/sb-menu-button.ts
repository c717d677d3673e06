/**
 * `<sb-menu-button>`: a button that opens a menu of reasons (Not Ready, Sign Out), or acts at
 * once when there are no reasons to choose from. Keyboard: Enter/Space/↓ open the menu on its
 * first item, ↑/↓ move, Enter picks, Escape closes and returns focus to the button.
 *
 * Properties in: `menu` (name echoed in the event), `label`, `shortcut` (accesskey), `items`
 * ({ value, label }[]), `disabled`, `variant` (CSS class).
 * Event out: `sb-menu-select` { menu, value } ('' when chosen without a menu).
 */
import { define, h, SbElement } from './dom.ts';
import { emit } from './events.ts';

export interface MenuItem {
  value: string;
  label: string;
}

export class SbMenuButton extends SbElement {
  menu = '';
  #label = '';
  #accessKey = '';
  #items: MenuItem[] = [];
  #disabled = false;
  #variant = '';
  #open = false;

  set label(v: string) {
    this.#label = v;
    this.requestRender();
  }
  set shortcut(v: string) {
    this.#accessKey = v;
    this.requestRender();
  }
  set items(v: MenuItem[]) {
    if (v === this.#items) return;
    this.#items = v;
    this.requestRender();
  }
  set disabled(v: boolean) {
    if (v === this.#disabled) return;
    this.#disabled = v;
    if (v) this.#open = false;
    this.requestRender();
  }
  set variant(v: string) {
    this.#variant = v;
    this.requestRender();
  }

  #toggle(open: boolean, focusFirst = false) {
    this.#open = open;
    this.requestRender();
    queueMicrotask(() => {
      if (open && focusFirst) this.querySelector<HTMLElement>('[role=menuitem]')?.focus();
      if (!open) this.querySelector<HTMLElement>('button[aria-haspopup]')?.focus();
    });
  }

  #choose(value: string) {
    this.#open = false;
    this.requestRender();
    emit(this, 'sb-menu-select', { menu: this.menu, value });
  }

  #onButton = () => {
    if (this.#items.length === 0) this.#choose('');
    else this.#toggle(!this.#open, true);
  };

  #onKey = (ev: KeyboardEvent) => {
    const items = Array.from(this.querySelectorAll<HTMLElement>('[role=menuitem]'));
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (ev.key === 'Escape' && this.#open) {
      ev.preventDefault();
      this.#toggle(false);
    } else if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      if (!this.#open) {
        if (this.#items.length) this.#toggle(true, true);
        return;
      }
      const next = ev.key === 'ArrowDown' ? (i + 1) % items.length : (i - 1 + items.length) % items.length;
      items[next]?.focus();
    }
  };

  #onFocusOut = () => {
    // Deferred: a re-render briefly removes the focused button (focusout with no target) and
    // then puts focus back; only a focus that really left the menu closes it.
    setTimeout(() => {
      if (this.#open && !this.contains(document.activeElement)) {
        this.#open = false;
        this.requestRender();
      }
    }, 0);
  };

  protected override init(): void {
    this.addEventListener('keydown', this.#onKey);
    this.addEventListener('focusout', this.#onFocusOut);
  }

  protected render() {
    const id = `menu-${this.menu}`;
    return [
      h(
        'button',
        {
          type: 'button',
          class: `btn ${this.#variant}`,
          'data-key': `${this.menu}-button`,
          'data-menu': this.menu,
          accesskey: this.#accessKey || undefined,
          'aria-keyshortcuts': this.#accessKey ? `Alt+${this.#accessKey.toUpperCase()}` : undefined,
          'aria-haspopup': this.#items.length ? 'menu' : undefined,
          'aria-expanded': this.#items.length ? String(this.#open) : undefined,
          'aria-controls': this.#open ? id : undefined,
          disabled: this.#disabled,
          onclick: this.#onButton,
        },
        this.#label,
        this.#items.length ? ' ▾' : '',
      ),
      this.#open &&
        h(
          'ul',
          { class: 'menu', role: 'menu', id, 'aria-label': this.#label },
          this.#items.map((it) =>
            h(
              'li',
              { role: 'none' },
              h(
                'button',
                {
                  type: 'button',
                  role: 'menuitem',
                  'data-key': `${this.menu}-item-${it.value}`,
                  'data-value': it.value,
                  onclick: () => this.#choose(it.value),
                },
                it.label,
              ),
            ),
          ),
        ),
    ];
  }
}

define('sb-menu-button', SbMenuButton);
declare global {
  interface HTMLElementTagNameMap {
    'sb-menu-button': SbMenuButton;
  }
}
