/**
 * One short human line per log record, shared by the trace timeline and the diagnosis evidence.
 */
import {
  agentIdIn,
  agentStateIn,
  callIdsIn,
  ctiName,
  invokeIdOf,
  nocacheOf,
  payloadRequestId,
} from './keys.ts';
import type { LogRecord, WebservicesLine } from './parse.ts';
import { duration } from './time.ts';

const STATE = /<state>([^<]*)<\/state>/;
// A Dialog's own state follows its participants (each of which has a state of its own).
const DIALOG_STATE = /<\/participants><state>([^<]*)<\/state>/;
const DIALOG_ID = /<[Dd]ialog>.*?<id>([^<]*)<\/id>/;
const UPDATE_EVENT = /<event>([^<]*)<\/event>/;

/** ` call 16777217` when a CTI message names calls. */
const calls = (text: string) => {
  const ids = [...new Set(callIdsIn(text))];
  return ids.length ? ` call ${ids.join('/')}` : '';
};

export function cut(s: string, max = 160): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}

export function summarize(r: LogRecord): string {
  switch (r.source) {
    case 'webservices':
      return summarizeWebservices(r);
    case 'access':
      return `${r.method} ${r.path}${r.query ? '?' + r.query : ''} → HTTP ${r.status ?? '-'} in ${r.elapsedMs} ms`;
    case 'notify-info':
    case 'notify-debug': {
      const e = r.event;
      switch (e.kind) {
        case 'delivered':
          return `delivered ${e.node} to ${e.jid}${e.sid ? ` (session ${e.sid})` : ''}`;
        case 'store-offline':
          return `no session for ${e.jid ?? '?'}: ${e.node ?? 'message'} stored offline`;
        case 'bosh-sent':
          return `sent ${e.nodes.length > 0 ? e.nodes.join(', ') : 'a response'} to ${e.jid ?? '?'} over BOSH session ${e.sid}`;
        case 'forced-close':
          return `BOSH session ${e.sid} of ${e.jid} closed: the desktop does not read its notifications`;
        case 'idle-close':
          return `BOSH session ${e.sid} of ${e.jid} closed: idle past the inactivity limit`;
        case 'session-closed':
          return `session of ${e.jid} closed`;
        case 'last-active':
          return `session ${e.sid} of ${e.jid} last active ${duration(e.ms)} ago`;
        default:
          return cut(r.text);
      }
    }
    case 'cti': {
      const state = agentStateIn(r.decoded);
      const agent = agentIdIn(r.decoded);
      return (
        `${r.direction} ${r.name} invoke ${r.invokeId ?? '-'} (${r.bytes} bytes)` +
        (agent ? ` agent ${agent}` : '') +
        calls(r.decoded) +
        (state ? ` state ${state}` : '')
      );
    }
    case 'cti-server':
      return cut(r.text);
    case 'client':
      return cut(r.component ? `${r.component}: ${r.text}` : r.text);
  }
}

function summarizeWebservices(r: WebservicesLine): string {
  const f = r.fields;
  switch (r.mnemonic) {
    case 'REQUEST_START': {
      const nocache = nocacheOf(f.parameter_name ?? '');
      return `${f.method_name ?? '?'} ${f.resource_name ?? '?'}${nocache ? ` (nocache ${nocache})` : ''} user ${f.usr || '-'}`;
    }
    case 'API_REQUEST': {
      const params = (f.request_parameters ?? '').trim();
      return `${f.request_method ?? '?'} ${f.REQUEST_URL ?? ''}${params ? ` [${params}]` : ''}`;
    }
    case 'REQUEST_END':
      return `request complete in ${f.elapsed_time ?? '?'} ms`;
    case 'MESSAGE_TO_CTI_SERVER':
    case 'DECODED_MESSAGE_FROM_CTI_SERVER': {
      const text = f.cti_message ?? '';
      const invoke = invokeIdOf(text);
      const agent = agentIdIn(text);
      const state = agentStateIn(text);
      const dir = r.mnemonic === 'MESSAGE_TO_CTI_SERVER' ? 'to CTI' : 'from CTI';
      return (
        `${dir}: ${ctiName(r)}` +
        (invoke !== undefined ? ` invoke ${invoke}` : '') +
        (agent ? ` agent ${agent}` : '') +
        calls(text) +
        (state ? ` state ${state}` : '')
      );
    }
    case 'XMPP_PUBLISH_ASYNCHRONOUS': {
      const payload = f.Payload ?? '';
      const rid = payloadRequestId(payload);
      const dialog = DIALOG_ID.exec(payload);
      if (dialog) {
        const event = UPDATE_EVENT.exec(payload)?.[1];
        const state = DIALOG_STATE.exec(payload)?.[1];
        return (
          `published to ${f.NodeId ?? '?'}: dialog ${dialog[1]}${state ? ` ${state}` : ''}` +
          `${event ? ` (${event})` : ''}${rid ? ` requestId ${rid}` : ''}`
        );
      }
      const state = STATE.exec(payload)?.[1];
      return `published to ${f.NodeId ?? '?'}${state ? ` state ${state}` : ''}${rid ? ` requestId ${rid}` : ''}`;
    }
    case 'PRESENCE_NOTIFICATION_RECIEVED':
      return `presence ${f.PRESENCE_TYPE ?? '?'} from ${f['FROM JID'] ?? '?'}`;
    case 'UNSUBSCRIBED':
      return `agent ${f.agent_id ?? '?'} has no desktop session left`;
    case 'AGENT_PRESENCE_MONITORING':
      return `agent ${f.agent_id ?? '?'}: presence-driven logout in ${duration(Number(f.delay_ms ?? 60000))} unless the desktop returns`;
    case 'AGENT_PRESENT':
      return `agent ${f.agent_id ?? '?'}: desktop back, presence-driven logout cancelled`;
    case 'PRESENCE DRIVEN LOGOUT':
      return `agent ${f.agent_id ?? '?'} logged out by presence (reason ${f.reason_code ?? '?'})`;
    case 'CTI_CONNECTION_STATUS':
      return `CTI link ${f.status ?? '?'}`;
    default:
      return cut(`${r.mnemonic}${r.text ? ': ' + r.text : ''}`);
  }
}
