/**
 * `<sb-phonebook>`: the agent's phone books with a filter; "Call" dials a contact. Hidden when
 * the server has no PhoneBooks API (`books` undefined).
 *
 * Property in: `books` ({ book, contacts }[] | undefined).
 * Event out: `sb-make-call` { number }.
 */
import type { Contact, PhoneBook } from '../client/models.ts';
import { define, h, SbElement } from './dom.ts';
import { emit } from './events.ts';

interface BookView {
  book: PhoneBook;
  contacts: Contact[];
}

export class SbPhonebook extends SbElement {
  #books: BookView[] | undefined;
  #filter = '';

  set books(v: BookView[] | undefined) {
    if (v === this.#books) return;
    this.#books = v;
    this.requestRender();
  }

  protected render() {
    this.hidden = this.#books === undefined;
    if (!this.#books) return null;
    const f = this.#filter.toLowerCase();
    const match = (c: Contact) =>
      !f || [c.firstName, c.lastName, c.phoneNumber, c.description].some((x) => x.toLowerCase().includes(f));
    return h(
      'section',
      { class: 'phonebook card', 'aria-label': 'Phone book' },
      h('h2', null, 'Phone book'),
      h(
        'label',
        { class: 'field' },
        h('span', null, 'Search'),
        h('input', {
          type: 'search',
          'data-key': 'pb-filter',
          value: this.#filter,
          oninput: (ev: Event) => {
            this.#filter = (ev.target as HTMLInputElement).value;
            this.requestRender();
          },
        }),
      ),
      this.#books.length === 0 && h('p', { class: 'empty' }, 'No phone books.'),
      this.#books.map(({ book, contacts }) => {
        const shown = contacts.filter(match);
        return h(
          'div',
          { class: 'book' },
          h('h3', null, `${book.name} (${shown.length})`),
          h(
            'ul',
            { class: 'contacts' },
            shown.map((c) =>
              h(
                'li',
                { class: 'row' },
                h(
                  'span',
                  { class: 'grow' },
                  `${c.firstName} ${c.lastName}`.trim(),
                  c.description && h('small', null, ` ${c.description}`),
                ),
                h('span', { class: 'number' }, c.phoneNumber),
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn small',
                    'data-key': `call-${book.id}-${c.id}`,
                    'aria-label': `Call ${c.firstName} ${c.lastName} at ${c.phoneNumber}`,
                    onclick: () => emit(this, 'sb-make-call', { number: c.phoneNumber }),
                  },
                  'Call',
                ),
              ),
            ),
          ),
        );
      }),
    );
  }
}

define('sb-phonebook', SbPhonebook);
declare global {
  interface HTMLElementTagNameMap {
    'sb-phonebook': SbPhonebook;
  }
}
