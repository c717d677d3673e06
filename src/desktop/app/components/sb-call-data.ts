/**
 * `<sb-call-data>`: a call's data laid out by the team's MediaPropertiesLayout — the header entry,
 * then the columns — or, while the call rings, only the entries marked `showInPopOver` (Finesse's
 * pop-over; all of them when none is marked). Entries marked `uiEditable` can be changed while the server offers UPDATE_CALL_DATA.
 * Without a layout, the call's details and non-empty variables as they come.
 *
 * Properties in: `dialog`, `layout`, `isRinging`, `isEditable`.
 * Events out: `sb-call-data` { dialogId, name, value }.
 */
import type { Dialog, MediaLayout, MediaLayoutEntry } from '../client/models.ts';
import { define, h, SbElement } from './dom.ts';
import { emit } from './events.ts';

/** A media property's value on a call: a call or ECC variable, or one of the Dialog's own fields. */
export function mediaValue(d: Dialog, property: string): string {
  const fields: Record<string, string> = {
    DNIS: d.dnis,
    dialedNumber: d.dialedNumber,
    callType: d.callType,
    queueName: d.queueName,
    wrapUpReason: d.wrapUpReason,
    fromAddress: d.fromAddress,
    toAddress: d.toAddress,
  };
  return fields[property] ?? d.callVariables.find((v) => v.name === property)?.value ?? '';
}

/** The entries of an arriving call's pop-over. */
export const popOverEntries = (layout: MediaLayout) =>
  [...layout.header, ...layout.columns.flat()].filter((e) => e.showInPopOver);

export class SbCallData extends SbElement {
  #dialog: Dialog | undefined;
  #layout: MediaLayout | undefined;
  #isRinging = false;
  #isEditable = false;
  /** The entry being edited and what has been typed. */
  #editing: { property: string; value: string } | undefined;

  set dialog(v: Dialog) {
    if (v === this.#dialog) return;
    this.#dialog = v;
    this.requestRender();
  }
  set layout(v: MediaLayout | undefined) {
    if (v === this.#layout) return;
    this.#layout = v;
    this.requestRender();
  }
  set isRinging(v: boolean) {
    if (v === this.#isRinging) return;
    this.#isRinging = v;
    this.requestRender();
  }
  set isEditable(v: boolean) {
    if (v === this.#isEditable) return;
    this.#isEditable = v;
    this.requestRender();
  }

  #entry(d: Dialog, e: MediaLayoutEntry) {
    const value = mediaValue(d, e.mediaProperty);
    const key = `${d.id}-${e.mediaProperty}`;
    const editing = this.#editing?.property === e.mediaProperty ? this.#editing : undefined;
    const canEdit = e.uiEditable && this.#isEditable && !this.#isRinging;
    const shown = editing
      ? h(
          'form',
          {
            class: 'row edit',
            onsubmit: (ev: Event) => {
              ev.preventDefault();
              emit(this, 'sb-call-data', { dialogId: d.id, name: e.mediaProperty, value: editing.value });
              this.#editing = undefined;
              this.requestRender();
            },
          },
          h('input', {
            type: 'text',
            'data-key': `edit-${key}`,
            'aria-label': e.displayName || e.mediaProperty,
            value: editing.value,
            oninput: (ev: Event) => {
              editing.value = (ev.target as HTMLInputElement).value;
            },
          }),
          h('button', { type: 'submit', class: 'btn small go', 'data-key': `save-${key}` }, 'Save'),
        )
      : [
          value,
          canEdit &&
            h(
              'button',
              {
                type: 'button',
                class: 'btn small quiet',
                'data-key': `editvar-${key}`,
                'aria-label': `Edit ${e.displayName || e.mediaProperty}`,
                onclick: () => {
                  this.#editing = { property: e.mediaProperty, value };
                  this.requestRender();
                  queueMicrotask(() => this.querySelector<HTMLInputElement>('form.edit input')?.focus());
                },
              },
              'Edit',
            ),
        ];
    return [
      h('dt', null, e.displayName || e.mediaProperty),
      h('dd', { 'data-property': e.mediaProperty }, shown),
    ];
  }

  protected render() {
    const d = this.#dialog;
    if (!d) return null;
    const layout = this.#layout;
    if (!layout) {
      const detail = (label: string, value: string) => value && [h('dt', null, label), h('dd', null, value)];
      return h(
        'dl',
        { class: 'details' },
        detail('DNIS', d.dnis),
        detail('Dialed number', d.dialedNumber),
        detail('Call type', d.callType),
        detail('Queue', d.queueName),
        d.callVariables.filter((v) => v.value).map((v) => detail(v.name, v.value)),
        detail('Wrap-up', d.wrapUpReason),
      );
    }
    const popOver = popOverEntries(layout);
    // A layout that marks no entry for the pop-over shows the arriving call in full.
    if (this.#isRinging && popOver.length > 0) {
      return h(
        'dl',
        { class: 'details popover', 'aria-label': 'Call data' },
        popOver.map((e) => this.#entry(d, e)),
      );
    }
    return [
      layout.header.length > 0 &&
        h(
          'dl',
          { class: 'details header-entry' },
          layout.header.map((e) => this.#entry(d, e)),
        ),
      h(
        'div',
        { class: 'layout-columns' },
        layout.columns.map((c, i) =>
          h(
            'dl',
            { class: 'details', 'data-column': String(i + 1) },
            c.map((e) => this.#entry(d, e)),
          ),
        ),
      ),
      d.wrapUpReason &&
        h('dl', { class: 'details' }, h('dt', null, 'Wrap-up'), h('dd', null, d.wrapUpReason)),
    ];
  }
}

define('sb-call-data', SbCallData);
declare global {
  interface HTMLElementTagNameMap {
    'sb-call-data': SbCallData;
  }
}
