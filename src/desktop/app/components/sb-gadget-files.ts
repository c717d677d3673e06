/**
 * `<sb-gadget-files>`: third-party gadget files (/3rdpartygadget/files/) — upload files, or a
 * whole gadget folder with its sub-folders, into a folder; see what is there (each file's URL is
 * what a layout names); delete.
 *
 * Property in: `state` (GadgetFilesState from gadget-admin.ts).
 * Events out: `sb-gadget-upload` { folder, files }, `sb-gadget-delete` { path }.
 */

import type { GadgetFilesState } from '../gadget-admin.ts';
import { define, h, SbElement } from './dom.ts';
import { emit } from './events.ts';

const size = (n: number) =>
  n < 1024
    ? `${n} B`
    : n < 1024 * 1024
      ? `${(n / 1024).toFixed(1)} KB`
      : `${(n / 1024 / 1024).toFixed(1)} MB`;

export class SbGadgetFiles extends SbElement {
  #state: GadgetFilesState | undefined;
  #confirming = '';

  set state(v: GadgetFilesState) {
    if (v === this.#state) return;
    this.#state = v;
    this.#confirming = '';
    this.requestRender();
  }

  /** Made once: a re-render (the list arriving) must not drop the folder typed or the files chosen. */
  #form: HTMLFormElement | undefined;
  #uploadForm(): HTMLFormElement {
    this.#form ??= h(
      'form',
      {
        class: 'admin-form',
        'aria-label': 'Upload gadget files',
        onsubmit: (ev: Event) => {
          ev.preventDefault();
          const form = ev.target as HTMLFormElement;
          const folder = (form.elements.namedItem('folder') as HTMLInputElement).value.trim();
          const picked = (name: string) =>
            Array.from((form.elements.namedItem(name) as HTMLInputElement).files ?? []);
          const files = [...picked('files'), ...picked('folderFiles')];
          if (files.length) emit(this, 'sb-gadget-upload', { folder, files });
        },
      },
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'gadget-folder' }, 'Folder'),
        h('input', {
          id: 'gadget-folder',
          name: 'folder',
          'data-key': 'gadget-folder',
          type: 'text',
          autocomplete: 'off',
        }),
        h(
          'small',
          { class: 'hint' },
          'e.g. CallRecording (empty: the top; a folder chosen below keeps its own name)',
        ),
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'gadget-files' }, 'Files'),
        h('input', {
          id: 'gadget-files',
          name: 'files',
          'data-key': 'gadget-files',
          type: 'file',
          multiple: true,
        }),
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'gadget-folder-files' }, 'or a whole folder'),
        h('input', {
          id: 'gadget-folder-files',
          name: 'folderFiles',
          'data-key': 'gadget-folder-files',
          type: 'file',
          multiple: true,
          webkitdirectory: true,
        }),
      ),
      h(
        'div',
        { class: 'row' },
        h('button', { type: 'submit', class: 'btn go', 'data-key': 'gadget-upload' }, 'Upload'),
      ),
    );
    return this.#form;
  }

  protected render() {
    const s = this.#state;
    if (!s) return null;
    return h(
      'section',
      { class: 'admin card', 'aria-label': 'Gadget files' },
      h('h2', null, 'Gadget files'),
      h(
        'p',
        { class: 'hint' },
        'Served at /3rdpartygadget/files/…; name a gadget’s .xml in the desktop layout to place it.',
      ),
      s.message && h('p', { class: 'status', role: 'status' }, s.message),
      s.error && h('p', { class: 'error', role: 'alert' }, s.error),
      this.#uploadForm(),
      s.files.length === 0
        ? h('p', { class: 'empty' }, 'No gadget files yet.')
        : h(
            'table',
            { class: 'grid', 'aria-label': 'Gadget files' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                h('th', { scope: 'col' }, 'URL'),
                h('th', { scope: 'col' }, 'Size'),
                h('th', { scope: 'col' }, 'Actions'),
              ),
            ),
            h(
              'tbody',
              null,
              s.files.map((f) => {
                const url = `/3rdpartygadget/files/${f.path}`;
                return h(
                  'tr',
                  { 'data-path': f.path },
                  h('td', null, h('a', { href: url, target: '_blank', rel: 'noopener' }, url)),
                  h('td', null, size(f.size)),
                  h(
                    'td',
                    { class: 'row' },
                    this.#confirming === f.path
                      ? h(
                          'button',
                          {
                            type: 'button',
                            class: 'btn small stop',
                            'data-key': `confirm-${f.path}`,
                            onclick: () => emit(this, 'sb-gadget-delete', { path: f.path }),
                          },
                          'Confirm delete',
                        )
                      : h(
                          'button',
                          {
                            type: 'button',
                            class: 'btn small quiet',
                            'data-key': `delete-${f.path}`,
                            onclick: () => {
                              this.#confirming = f.path;
                              this.requestRender();
                            },
                          },
                          'Delete',
                        ),
                  ),
                );
              }),
            ),
          ),
    );
  }
}

define('sb-gadget-files', SbGadgetFiles);
declare global {
  interface HTMLElementTagNameMap {
    'sb-gadget-files': SbGadgetFiles;
  }
}
