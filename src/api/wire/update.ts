import type { Update, UpdateData } from '../../core/index.ts';
import { el, type XmlElement } from '../../xml/index.ts';
import { buildApiErrorsCamel } from './api-errors.ts';
import { buildTeamMessage, uris } from './config.ts';
import { buildDialog, buildDialogs } from './dialogs.ts';
import { field } from './field.ts';
import { buildQueue, buildQueues } from './queue.ts';
import { buildSystemInfo } from './system-info.ts';
import { buildTeamUser } from './team.ts';
import { buildUser } from './user.ts';

function buildData(data: UpdateData): XmlElement {
  switch (data.kind) {
    case 'user':
      return buildUser(data.user, 'user');
    case 'teamUser':
      return buildTeamUser(data.user, 'user');
    case 'dialogs':
      return buildDialogs(data.dialogs, 'dialogs');
    case 'dialog':
      return buildDialog(data.dialog, 'dialog');
    case 'systemInfo':
      // The SystemInfo node's payload root is inferred (finesse-api.md §3.2); the REST root is used.
      return buildSystemInfo(data.systemInfo);
    case 'apiErrors':
      return buildApiErrorsCamel(data.errors, data.of === 'dialog');
    case 'queue':
      return buildQueue(data.queue);
    case 'queues':
      return buildQueues(data.queues);
    case 'teamMessage':
      return buildTeamMessage(data.message);
    // Inferred: a deleted message can no longer be read, so its DELETE names it (uri, id) only,
    // as a Queue's DELETE does.
    case 'teamMessageDeleted':
      return el('TeamMessage', {}, field('uri', uris.teamMessage(data.id)), field('id', data.id));
  }
}

/**
 * The `<Update>` document a notification carries, without whitespace between elements, exactly as
 * seed 000's XMPP_PUBLISH_ASYNCHRONOUS payload: `<Update><data>…</data><event>PUT</event>
 * <requestId>…</requestId><source>…</source></Update>`.
 *
 * COMPAT: a User node's asynchronous errors are written as Finesse 12.x sends them
 * (pokornyIt/finesse-api `XMPP/error-invalid-state.xml`): data, requestId, source, then a
 * lower-case event (`put`). The Dialogs node's follow the developer guide's "Dialog CTI Error
 * Notification": data, `<event>PUT</event>`, requestId, source.
 */
export function buildUpdate(update: Update): XmlElement {
  const data = el('data', {}, buildData(update.data));
  const requestId = field('requestId', update.requestId);
  const source = field('source', update.source);
  if (update.data.kind === 'apiErrors' && update.data.of !== 'dialog') {
    return el('Update', {}, data, requestId, source, field('event', update.event.toLowerCase()));
  }
  return el('Update', {}, data, field('event', update.event), requestId, source);
}

export function renderUpdate(update: Update): string {
  return buildUpdate(update).toString();
}
