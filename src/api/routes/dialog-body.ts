import type { ApiError, DialogActionRequest, NewDialogRequest, Result } from '../../core/index.ts';
import { parseXml, type XmlElement } from '../../xml/index.ts';
import { apiError } from '../errors.ts';

/**
 * The bodies of the Dialog API (finesse-api.md §1.4): `PUT /Dialog/{id}` and
 * `POST /User/{id}/Dialogs`, root `Dialog`. Values are passed on as sent (trimmed); what they may
 * be is core's to decide. Children this version does not use are ignored.
 */
export function parseDialogAction(body: string): Result<DialogActionRequest, ApiError> {
  const root = dialogRoot(body);
  if (!root.ok) return root;
  const d = root.value;
  const requestedAction = text(d, 'requestedAction');
  if (!requestedAction) return fail('parameter-missing', 'requestedAction');
  const request: DialogActionRequest = { requestedAction };
  const target = text(d, 'targetMediaAddress');
  if (target !== undefined) request.targetMediaAddress = target;
  const to = text(d, 'toAddress');
  if (to !== undefined) request.toAddress = to;
  const params = d.getChild('actionParams')?.getChildren('ActionParam');
  if (params?.length)
    request.actionParams = params.map((p) => ({
      name: text(p, 'name') ?? '',
      value: text(p, 'value') ?? '',
    }));
  const media = d.getChild('mediaProperties');
  if (media) {
    const wrapUpReason = media.getChildText('wrapUpReason');
    request.mediaProperties = {
      ...(wrapUpReason !== undefined ? { wrapUpReason } : {}),
      callvariables: callVariablesOf(media),
    };
  }
  return { ok: true, value: request };
}

/** `<callvariables><CallVariable><name/><value/></CallVariable>…` of a `<mediaProperties>`. */
function callVariablesOf(media: XmlElement) {
  const variables = media.getChild('callvariables')?.getChildren('CallVariable') ?? [];
  // A call variable's value is data: kept exactly as sent, spaces included.
  return variables.map((v) => ({ name: text(v, 'name') ?? '', value: v.getChildText('value') ?? '' }));
}

export function parseNewDialog(body: string): Result<NewDialogRequest, ApiError> {
  const root = dialogRoot(body);
  if (!root.ok) return root;
  const d = root.value;
  const request: NewDialogRequest = {};
  for (const name of ['requestedAction', 'fromAddress', 'toAddress', 'associatedDialogUri'] as const) {
    const value = text(d, name);
    if (value !== undefined) request[name] = value;
  }
  if (!request.requestedAction) return fail('parameter-missing', 'requestedAction');
  // MAKE_CALL's call variables and ECC variables, as UPDATE_CALL_DATA sends them.
  const media = d.getChild('mediaProperties');
  if (media) request.mediaProperties = { callvariables: callVariablesOf(media) };
  return { ok: true, value: request };
}

/** ` requestedAction:HOLD targetMediaAddress:2003` — API_REQUEST's request_parameters, keys sorted. */
export function describeDialogRequest(request: DialogActionRequest | NewDialogRequest): string {
  return Object.entries(request)
    .filter(([, v]) => typeof v === 'string')
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => ` ${k}:${v}`)
    .join('');
}

function dialogRoot(body: string): Result<XmlElement, ApiError> {
  const doc = parseXml(body, { maxLength: body.length });
  if (!doc.ok) return fail('invalid-input', `Malformed XML: ${doc.error}`);
  if (doc.root.local !== 'Dialog')
    return fail('invalid-input', `Expected a Dialog element, not ${doc.root.local}`);
  return { ok: true, value: doc.root };
}

function text(e: XmlElement, name: string): string | undefined {
  return e.getChildText(name)?.trim();
}

function fail<T>(code: 'invalid-input' | 'parameter-missing', data: string): Result<T, ApiError> {
  return { ok: false, error: apiError(code, data) };
}
