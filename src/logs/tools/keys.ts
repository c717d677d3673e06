/**
 * Correlation keys read out of parsed records: the ids that join one hop to the next (requestId,
 * nocache, thread, invoke id, agent id, node, JID). The CTI texts come from different decoders
 * (the seed's Java beans, our describeMessage, the simulator's trace), so each key accepts the
 * spellings seen in all of them.
 */

import type { ClientLine, CtiLine, LogRecord, WebservicesLine } from './parse.ts';
import { localPart } from './parse-notify.ts';

const PAYLOAD_REQUEST_ID = /<requestId>([^<]*)<\/requestId>/;
const CLIENT_REQUEST_ID = /requestId='([^']*)'/;
const NOCACHE_FIELD = /nocache=\[?(\d+)/;
// `Invoke id :20`, `invokeID=20`, `invokeId=20`, `InvokeID:20`.
const INVOKE_ID = /invoke ?id\s*[:=]\s*(\d+)/i;
// `agentid: 2001`, `agentID=2001`, `agent_id=2001`, `AgentID:"2001"` — never `agentID_Long=`.
const AGENT_ID = /agent_?id\s*[:=]\s*"?([\w.-]+)/i;
const CTI_SERVER_AGENT = /\bID=(\w+)/;
const AGENT_STATE = /agentState=\d+ \((\w+)\)|AgentState:\s*(\w+)|OverallState=(\w+)/;
const REASON_CODE = /(?:eventReasonCode|reason ?code)\s*[:=]\s*(-?\d+)/i;
const MSG_NAME = /msgName=(\w+)|MsgType:(\w+)/;
const BEAN_NAME = /^(?:CTI)?(\w+) \[/;
const USER_PATH = /(?:^|\/)User\/([^/?\s\]]+)/;
// `connectionCallId=16777217` (describeMessage), `ConnectionCallID:16777217` (simulator session
// trace), `CallID=16777217` (simulator event trace), `primaryCallID=…`/`secondaryCallId=…`
// (transfer, conference); never the router's `routerCallKeyCallId`, whose `CallId` follows a letter.
const CALL_ID = /(?<![A-Za-z])(?:connection|primary|secondary|newConnection)?_?call_?id\s*[:=]\s*"?(\d+)/gi;
// The snapshot CONFs list their calls: `callConnectionCallId=[16777217, 16777218]` (describeMessage),
// `CallConnectionCallID:[16777217,16777218]` (simulator session trace).
const CALL_ID_LIST = /(?<![A-Za-z])callConnection_?call_?id\s*[:=]\s*\[([\d,\s]*)\]/gi;
const DIALOG_PATH = /(?:^|\/)Dialog\/([^/?\s\]]+)/;

const isSet = (v: string | undefined): v is string =>
  v !== undefined && v !== '' && v !== 'null' && v !== 'undefined';

/** The REST request's requestId, from API_REQUEST (the seed also spells it `request_identifizier`). */
export function apiRequestId(r: WebservicesLine): string | undefined {
  for (const [k, v] of Object.entries(r.fields)) if (k.startsWith('request_ident') && isSet(v)) return v;
  return undefined;
}

/** The requestId inside an `<Update>` payload (XMPP_PUBLISH_ASYNCHRONOUS, client events). */
export function payloadRequestId(text: string): string | undefined {
  const m = PAYLOAD_REQUEST_ID.exec(text);
  return m && isSet(m[1]) ? m[1] : undefined;
}

export function clientRequestId(r: ClientLine): string | undefined {
  const m = CLIENT_REQUEST_ID.exec(r.text);
  return (m && isSet(m[1]) ? m[1] : undefined) ?? payloadRequestId(r.text);
}

export function nocacheOf(text: string): string | undefined {
  return NOCACHE_FIELD.exec(text)?.[1];
}

export function invokeIdOf(text: string): number | undefined {
  const m = INVOKE_ID.exec(text);
  return m ? Number(m[1]) : undefined;
}

export function agentIdIn(text: string): string | undefined {
  const m = AGENT_ID.exec(text);
  return m && isSet(m[1]) ? m[1] : undefined;
}

/** `AgentStateEvent`, `SetAgentStateConf`, `FailureConf` … from a decoded CTI message. */
export function ctiMessageName(text: string): string | undefined {
  const m = MSG_NAME.exec(text);
  if (m) return m[1] ?? m[2];
  return BEAN_NAME.exec(text)?.[1];
}

export function agentStateIn(text: string): string | undefined {
  const m = AGENT_STATE.exec(text);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

export function reasonCodeIn(text: string): number | undefined {
  const m = REASON_CODE.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Every call id a CTI message names (a transfer names two, a snapshot of a phone its calls). */
export function callIdsIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(CALL_ID)) out.push(Number(m[1]));
  for (const m of text.matchAll(CALL_ID_LIST))
    for (const id of m[1].split(',')) if (id.trim() !== '') out.push(Number(id));
  return out;
}

/**
 * The CTI call a dialog id stands for: core names a dialog after its ConnectionCallID, and a
 * second dialog on the same call id (a consult) gets `-<device>` appended (core/dialogs/call-index).
 */
export function callIdOfDialog(dialogId: string): number | undefined {
  const m = /^(\d+)(?:-|$)/.exec(dialogId);
  return m ? Number(m[1]) : undefined;
}

/** `Dialog/16777217` (REQUEST_URL) or `/Dialog/16777217` (resource_name) → `16777217`. */
export function dialogOfPath(path: string): string | undefined {
  return DIALOG_PATH.exec(path)?.[1];
}

/** The call ids a CTI line (webservices, cti.log or CTI server trace) names. */
export function callIdsOf(r: LogRecord): number[] {
  if (r.source === 'cti-server') return callIdsIn(r.text);
  const text = ctiText(r);
  return text === undefined ? [] : callIdsIn(text);
}

export function userOfPath(path: string): string | undefined {
  return USER_PATH.exec(path)?.[1];
}

/** The CTI message text of a webservices CTI line, or the decoded part of a cti.log line. */
export function ctiText(r: LogRecord): string | undefined {
  if (r.source === 'cti') return r.decoded;
  if (r.source === 'webservices' && r.mnemonic.includes('CTI_SERVER')) return r.fields.cti_message ?? '';
  return undefined;
}

export function ctiName(r: WebservicesLine | CtiLine): string {
  if (r.source === 'cti') return r.name;
  return r.fields.cti_message_name || ctiMessageName(r.fields.cti_message ?? '') || '?';
}

/** The agent a record is about, when the record names one in a correlation position. */
export function agentOf(r: LogRecord): string | undefined {
  switch (r.source) {
    case 'webservices': {
      const f = r.fields;
      if (isSet(f.agent_id)) return f.agent_id;
      if (f['FROM JID']) return localPart(f['FROM JID']);
      if (r.mnemonic === 'REQUEST_START') return isSet(f.usr) ? f.usr : userOfPath(f.resource_name ?? '');
      if (f.NodeId) return userOfPath(f.NodeId);
      if (f.cti_message) return agentIdIn(f.cti_message);
      return undefined;
    }
    case 'access':
      return userOfPath(r.path) ?? r.user;
    case 'notify-info':
    case 'notify-debug': {
      const e = r.event;
      return 'jid' in e && e.jid ? localPart(e.jid) : undefined;
    }
    case 'cti':
      return agentIdIn(r.decoded);
    case 'cti-server':
      return agentIdIn(r.text) ?? CTI_SERVER_AGENT.exec(r.text)?.[1];
    case 'client':
      return userOfPath(r.text);
  }
}
