import type { Dialog } from '../../core/index.ts';
import { el, type XmlElement } from '../../xml/index.ts';
import { field } from './field.ts';

/**
 * The Dialog object. The domain model carries only the id for now; the CTI/ACD issue deepens
 * both (finesse-api.md §1.4: associatedDialogUri, id, … participants, state, uri).
 */
export function buildDialog(dialog: Dialog, root: 'Dialog' | 'dialog' = 'Dialog'): XmlElement {
  return el(root, {}, field('id', dialog.id), field('uri', `/finesse/api/Dialog/${dialog.id}`));
}

/**
 * `GET /User/{id}/Dialogs` → `<Dialogs>`; inside a notification the list is `<dialogs>` holding
 * `<Dialog>` items (pokornyIt/finesse-api `XmppDialogs`).
 */
export function buildDialogs(
  dialogs: readonly Dialog[],
  root: 'Dialogs' | 'dialogs' = 'Dialogs',
): XmlElement {
  return el(root, {}, ...dialogs.map((d) => buildDialog(d)));
}

export function renderDialogs(dialogs: readonly Dialog[], root: 'Dialogs' | 'dialogs' = 'Dialogs'): string {
  return buildDialogs(dialogs, root).toString();
}
