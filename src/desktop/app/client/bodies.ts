/**
 * Request bodies, one builder per Finesse request (finesse-api.md §1.3, §1.4, §1.9). Element order
 * follows the documented examples.
 */
import type { DialogAction } from '../../../core/model.ts';
import type { RequestableState } from './models.ts';
import { buildXml, type XmlNode } from './xml.ts';

export function userStateBody(
  state: RequestableState,
  opts: { extension?: string; reasonCodeId?: string } = {},
) {
  return buildXml('User', [
    ['state', state],
    ['extension', opts.extension || undefined],
    ['reasonCodeId', opts.reasonCodeId || undefined],
  ]);
}

/** Finesse's `requestedAction`s, as core's DIALOG_ACTIONS table declares them. */
export type { DialogAction } from '../../../core/model.ts';

/** PUT /Dialog/{id}: `targetMediaAddress` is the agent's own extension for its own actions. */
export function dialogActionBody(
  action: DialogAction,
  targetMediaAddress: string,
  opts: {
    toAddress?: string;
    dtmfString?: string;
    wrapUpReason?: string;
    callvariables?: { name: string; value: string }[];
  } = {},
) {
  const children: XmlNode[] = [
    ['targetMediaAddress', action === 'UPDATE_CALL_DATA' ? undefined : targetMediaAddress],
    ['toAddress', opts.toAddress],
    ['requestedAction', action],
  ];
  if (opts.dtmfString !== undefined) {
    children.push([
      'actionParams',
      [
        [
          'ActionParam',
          [
            ['name', 'dtmfString'],
            ['value', opts.dtmfString],
          ],
        ],
      ],
    ]);
  }
  if (opts.wrapUpReason !== undefined)
    children.push(['mediaProperties', [['wrapUpReason', opts.wrapUpReason]]]);
  if (opts.callvariables !== undefined) {
    const variables = opts.callvariables.map(
      (v): XmlNode => [
        'CallVariable',
        [
          ['name', v.name],
          ['value', v.value],
        ],
      ],
    );
    children.push(['mediaProperties', [['callvariables', variables]]]);
  }
  return buildXml('Dialog', children);
}

/** POST /User/{id}/Dialogs: a new call (MAKE_CALL) or a supervisor's monitor/barge leg. */
export function newDialogBody(
  action: 'MAKE_CALL' | 'SILENT_MONITOR' | 'BARGE_CALL',
  fromAddress: string,
  toAddress: string,
  associatedDialogUri?: string,
) {
  return buildXml('Dialog', [
    ['requestedAction', action],
    ['fromAddress', fromAddress],
    ['toAddress', toAddress],
    ['associatedDialogUri', associatedDialogUri],
  ]);
}

/** POST /TeamMessage (finesse-api.md §1.9). */
export function teamMessageBody(content: string, duration: number, teamIds: readonly string[]) {
  return buildXml('TeamMessage', [
    ['duration', duration],
    ['content', content],
    ['teams', teamIds.map((t): XmlNode => ['team', t])],
  ]);
}

export function clientLogBody(logData: string) {
  return buildXml('ClientLog', [['logData', logData]]);
}

/** A config object (ReasonCode, WrapUpReason, Team, User, PhoneBook, Contact) from form values. */
export function configBody(root: string, fields: XmlNode[]) {
  return buildXml(root, fields);
}
