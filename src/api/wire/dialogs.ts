import type { Dialog, MediaProperties, Participant } from '../../core/index.ts';
import { el, type XmlElement } from '../../xml/index.ts';
import { field } from './field.ts';

/**
 * The voice Dialog object, one serializer for `GET /Dialog/{id}` and `GET /User/{id}/Dialogs`
 * (root `Dialog`) and the Dialogs node's notifications (`<dialog>` for a PUT, `<Dialog>` items of
 * `<dialogs>` for POST and DELETE). Children in the documented order (finesse-api.md §1.4):
 * associatedDialogUri, id, secondaryId, mediaType, fromAddress, toAddress, mediaProperties,
 * participants, state, uri. `wrapUpItems` and `outboundClassification` are not modelled.
 */
export function buildDialog(dialog: Dialog, root: 'Dialog' | 'dialog' = 'Dialog'): XmlElement {
  return el(
    root,
    {},
    field('associatedDialogUri', dialog.associatedDialogUri),
    field('id', dialog.id),
    field('secondaryId', dialog.secondaryId),
    field('mediaType', dialog.mediaType),
    field('fromAddress', dialog.fromAddress),
    field('toAddress', dialog.toAddress),
    buildMediaProperties(dialog.mediaProperties),
    el('participants', {}, ...dialog.participants.map(buildParticipant)),
    field('state', dialog.state),
    field('uri', dialog.uri),
  );
}

function buildMediaProperties(m: MediaProperties): XmlElement {
  return el(
    'mediaProperties',
    {},
    field('mediaId', m.mediaId),
    field('dialedNumber', m.dialedNumber),
    field('callType', m.callType),
    field('DNIS', m.DNIS),
    field('queueNumber', m.queueNumber),
    field('queueName', m.queueName),
    field('callKeyCallId', m.callKeyCallId),
    field('callKeySequenceNum', m.callKeySequenceNum),
    field('callKeyPrefix', m.callKeyPrefix),
    field('wrapUpReason', m.wrapUpReason),
    el(
      'callvariables',
      {},
      ...m.callvariables.map((v) => el('CallVariable', {}, field('name', v.name), field('value', v.value))),
    ),
  );
}

function buildParticipant(p: Participant): XmlElement {
  return el(
    'Participant',
    {},
    el('actions', {}, ...p.actions.map((a) => field('action', a))),
    field('mediaAddress', p.mediaAddress),
    field('mediaAddressType', p.mediaAddressType),
    field('startTime', p.startTime),
    field('state', p.state),
    field('stateCause', p.stateCause),
    field('stateChangeTime', p.stateChangeTime),
  );
}

export function renderDialog(dialog: Dialog, root: 'Dialog' | 'dialog' = 'Dialog'): string {
  return buildDialog(dialog, root).toString();
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
