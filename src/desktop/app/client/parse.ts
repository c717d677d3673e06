/**
 * XML → desktop models, one parser per Finesse object. Every parser tolerates missing fields:
 * the server is being finished in parallel and Finesse versions differ in what they send.
 */
import type {
  ApiError,
  CallVariable,
  Contact,
  Dialog,
  MediaLayout,
  MediaLayoutEntry,
  Participant,
  PhoneBook,
  QueueStats,
  ReasonCode,
  SystemInfo,
  TeamMessage,
  TeamRef,
  TeamUser,
  Update,
  UpdateData,
  User,
  UserState,
  WrapUpReason,
} from './models.ts';
import { child, childElements, childText, idFromUri, parseXmlText, pathText, toBool, toInt } from './xml.ts';

const noReason = (s: string) => (s === '-1' ? '' : s);

export function parseReasonCode(el: Element): ReasonCode {
  const uri = childText(el, 'uri');
  return {
    id: childText(el, 'id') || idFromUri(uri),
    category: childText(el, 'category'),
    code: childText(el, 'code'),
    label: childText(el, 'label'),
    forAll: toBool(childText(el, 'forAll')),
    systemCode: toBool(childText(el, 'systemCode')),
    uri,
  };
}

export function parseUser(el: Element): User {
  const rc = child(el, 'ReasonCode');
  const teams: TeamRef[] = childElements(child(el, 'teams'), 'Team').map((t) => ({
    id: childText(t, 'id') || idFromUri(childText(t, 'uri')),
    name: childText(t, 'name'),
  }));
  return {
    loginId: childText(el, 'loginId'),
    loginName: childText(el, 'loginName'),
    firstName: childText(el, 'firstName'),
    lastName: childText(el, 'lastName'),
    roles: childElements(child(el, 'roles'), 'role').map((r) => r.textContent?.trim() ?? ''),
    state: (childText(el, 'state') || 'UNKNOWN') as UserState,
    stateChangeTime: childText(el, 'stateChangeTime'),
    pendingState: childText(el, 'pendingState'),
    reasonCodeId: noReason(childText(el, 'reasonCodeId')),
    reasonCode: rc && childText(rc, 'label') ? parseReasonCode(rc) : undefined,
    extension: childText(el, 'extension'),
    teamId: childText(el, 'teamId'),
    teamName: childText(el, 'teamName'),
    teams,
    wrapUpOnIncoming: pathText(el, 'settings', 'wrapUpOnIncoming'),
  };
}

function parseParticipant(el: Element): Participant {
  return {
    mediaAddress: childText(el, 'mediaAddress'),
    mediaAddressType: childText(el, 'mediaAddressType'),
    state: childText(el, 'state'),
    stateCause: childText(el, 'stateCause'),
    actions: childElements(child(el, 'actions'), 'action').map((a) => a.textContent?.trim() ?? ''),
    startTime: childText(el, 'startTime'),
  };
}

export function parseDialog(el: Element): Dialog {
  const mp = child(el, 'mediaProperties');
  const callVariables: CallVariable[] = childElements(child(mp, 'callvariables'), 'CallVariable').map(
    (v) => ({
      name: childText(v, 'name'),
      value: childText(v, 'value'),
    }),
  );
  const uri = childText(el, 'uri');
  return {
    id: childText(el, 'id') || idFromUri(uri),
    uri,
    associatedDialogUri: childText(el, 'associatedDialogUri'),
    fromAddress: childText(el, 'fromAddress'),
    toAddress: childText(el, 'toAddress'),
    state: childText(el, 'state'),
    dialedNumber: childText(mp, 'dialedNumber'),
    dnis: childText(mp, 'DNIS'),
    callType: childText(mp, 'callType'),
    queueName: childText(mp, 'queueName'),
    wrapUpReason: childText(mp, 'wrapUpReason'),
    callVariables,
    participants: childElements(child(el, 'participants'), 'Participant').map(parseParticipant),
  };
}

export function parseMediaLayout(el: Element): MediaLayout {
  const entries = (holder: Element | undefined): MediaLayoutEntry[] =>
    childElements(holder, 'entry').map((e) => ({
      displayName: childText(e, 'displayName'),
      mediaProperty: childText(e, 'mediaProperty'),
      showInPopOver: childText(e, 'showInPopOver') === 'true',
      uiEditable: childText(e, 'uiEditable') === 'true',
    }));
  return {
    name: childText(el, 'name'),
    header: entries(child(el, 'header')),
    columns: childElements(el, 'column').map(entries),
  };
}

export function parseTeamUser(el: Element, teamId = ''): TeamUser {
  const rc = child(el, 'reasonCode') ?? child(el, 'ReasonCode');
  return {
    loginId: childText(el, 'loginId') || idFromUri(childText(el, 'uri')),
    firstName: childText(el, 'firstName'),
    lastName: childText(el, 'lastName'),
    extension: childText(el, 'extension'),
    state: (childText(el, 'state') || 'UNKNOWN') as UserState,
    stateChangeTime: childText(el, 'stateChangeTime'),
    pendingState: childText(el, 'pendingState'),
    reasonLabel: childText(rc, 'label'),
    reasonCodeId: noReason(childText(el, 'reasonCodeId') || childText(rc, 'id')),
    teamId: childText(el, 'teamId') || teamId,
  };
}

/** `<Team><users><User>…` (GET Team/{id}) or `<Users><User>…` (GET Team/{id}/Users). */
export function parseTeamUsers(root: Element, teamId: string): TeamUser[] {
  const list = root.localName.toLowerCase() === 'team' ? child(root, 'users') : root;
  return childElements(list, 'User').map((u) => parseTeamUser(u, teamId));
}

export function parseQueue(el: Element): QueueStats {
  const s = child(el, 'statistics');
  const n = (name: string) => toInt(childText(s, name), -1);
  const uri = childText(el, 'uri');
  return {
    id: idFromUri(uri) || childText(el, 'id'),
    name: childText(el, 'name'),
    uri,
    callsInQueue: n('callsInQueue'),
    startTimeOfLongestCallInQueue: childText(s, 'startTimeOfLongestCallInQueue'),
    agentsReady: n('agentsReady'),
    agentsNotReady: n('agentsNotReady'),
    agentsTalking: ['agentsTalkingInbound', 'agentsTalkingOutbound', 'agentsTalkingInternal']
      .map(n)
      .reduce((a, b) => a + Math.max(b, 0), 0),
    agentsLoggedOn: n('agentsLoggedOn'),
  };
}

export function parseSystemInfo(el: Element): SystemInfo {
  const tz = childText(el, 'timezoneOffset');
  return {
    status: childText(el, 'status'),
    currentTimestamp: childText(el, 'currentTimestamp'),
    xmppDomain: childText(el, 'xmppDomain'),
    xmppPubSubDomain: childText(el, 'xmppPubSubDomain'),
    primaryHost: pathText(el, 'primaryNode', 'host'),
    secondaryHost: pathText(el, 'secondaryNode', 'host'),
    timezoneOffset: tz === '' ? undefined : toInt(tz),
    ...(child(el, 'nodes') && {
      nodes: childElements(child(el, 'nodes'), 'node')
        .map((n) => childText(n, 'host'))
        .filter(Boolean),
    }),
  };
}

export function parseWrapUpReason(el: Element): WrapUpReason {
  const uri = childText(el, 'uri');
  return {
    id: childText(el, 'id') || idFromUri(uri),
    label: childText(el, 'label'),
    forAll: toBool(childText(el, 'forAll')),
    uri,
  };
}

export function parsePhoneBook(el: Element): PhoneBook {
  const uri = childText(el, 'uri');
  return {
    id: childText(el, 'id') || idFromUri(uri),
    name: childText(el, 'name'),
    type: childText(el, 'type'),
    uri,
    contactsUri: childText(el, 'contacts') || `${uri}/Contacts`,
  };
}

export function parseContact(el: Element): Contact {
  const uri = childText(el, 'uri');
  return {
    id: childText(el, 'id') || idFromUri(uri),
    firstName: childText(el, 'firstName'),
    lastName: childText(el, 'lastName'),
    phoneNumber: childText(el, 'phoneNumber'),
    description: childText(el, 'description'),
    uri,
  };
}

/** `<ApiErrors><ApiError><ErrorType>` and `<apiErrors><apiError><errorType>` alike. */
export function parseApiErrors(el: Element | undefined): ApiError[] {
  if (!el) return [];
  const list = el.localName.toLowerCase() === 'apierrors' ? el : child(el, 'apiErrors');
  return childElements(list, 'ApiError').map((e) => {
    const peripheralErrorCode = childText(e, 'peripheralErrorCode');
    return {
      errorType: childText(e, 'errorType'),
      errorMessage: childText(e, 'errorMessage'),
      errorData: childText(e, 'errorData'),
      ...(peripheralErrorCode ? { peripheralErrorCode } : {}),
    };
  });
}

/** Every element of a list body (`<ReasonCodes><ReasonCode>…`), parsed with `parse`. */
export function parseList<T>(text: string, itemName: string, parse: (el: Element) => T): T[] {
  const root = parseXmlText(text);
  if (!root) return [];
  if (root.localName.toLowerCase() === itemName.toLowerCase()) return [parse(root)];
  return childElements(root, itemName).map(parse);
}

function parseData(data: Element | undefined, node: string): UpdateData {
  if (!data) return { kind: 'other', name: '' };
  const name = data.localName.toLowerCase();
  switch (name) {
    case 'user':
      // Team nodes carry team members' summaries; a user's own node carries the full user.
      return node.startsWith('/finesse/api/Team/')
        ? { kind: 'teamUser', user: parseTeamUser(data, idFromUri(node.replace(/\/Users$/, ''))) }
        : { kind: 'user', user: parseUser(data) };
    case 'dialogs':
      return { kind: 'dialogs', dialogs: childElements(data, 'Dialog').map(parseDialog) };
    case 'dialog':
      return { kind: 'dialog', dialog: parseDialog(data) };
    case 'queue':
      return { kind: 'queue', queue: parseQueue(data) };
    case 'systeminfo':
      return { kind: 'systemInfo', systemInfo: parseSystemInfo(data) };
    case 'apierrors':
      return { kind: 'apiErrors', errors: parseApiErrors(data) };
    case 'teammessage':
      return { kind: 'teamMessage', message: parseTeamMessage(data) };
    default:
      return { kind: 'other', name };
  }
}

export function parseTeamMessage(el: Element): TeamMessage {
  const by = child(el, 'createdBy');
  return {
    id: childText(el, 'id') || idFromUri(childText(el, 'uri')),
    from:
      [childText(by, 'firstName'), childText(by, 'lastName')].filter(Boolean).join(' ') ||
      childText(by, 'id'),
    createdAt: Number(childText(el, 'createdAt')) || 0,
    duration: Number(childText(el, 'duration')) || 0,
    content: childText(el, 'content'),
  };
}

/** The `<Update>` document found as text inside a pubsub `<notification>` (finesse-api.md §3.1). */
export function parseUpdate(node: string, payload: string): Update | undefined {
  const root = parseXmlText(payload);
  if (root?.localName !== 'Update') return undefined;
  const source = childText(root, 'source');
  return {
    node,
    data: parseData(childElements(child(root, 'data'))[0], node),
    event: childText(root, 'event').toUpperCase(),
    requestId: childText(root, 'requestId'),
    source,
    xml: payload,
  };
}
