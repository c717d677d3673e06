import {
  type AgentStateEvent,
  agentStateName,
  type CallEvent,
  callTypeName,
  callValueName,
  eventCauseName,
  localConnectionStateName,
  type Message,
  PeripheralType,
} from '../protocol/index.ts';

/**
 * The CTI server's own trace (ctisvr log), in the shapes of the seed so its recipes — grep
 * `AGENT_EVENT: ID=2001` — work on the simulator's log too.
 */

/** The three `Trace:` lines the CTI server writes per agent event (seed, "Der CTI-Server erhält …"). */
export function traceAgentEvent(m: AgentStateEvent): string[] {
  return [
    `Trace: AGENT_EVENT: ID=${m.agentId ?? ''} Periph=${m.peripheralId} Ext=${m.agentExtension ?? ''} ` +
      `Inst=${m.agentInstrument ?? ''} Sig=${m.ctiClientSignature ?? ''}`,
    `Trace: SkgState=${agentStateName(m.skillGroupState)} SkgDuration=${m.stateDuration} ` +
      `OverallState=${agentStateName(m.agentState)} OverallDuration=${m.stateDuration} Reason=${m.eventReasonCode}`,
    `Trace: MRDID=${m.mrdId} NumTasks=${m.numTasks} MaxTaskLimit=${m.maxTaskLimit} AgtMode=${m.agentMode} ` +
      `AGTAvailabilityStatus=${m.agentAvailabilityStatus} ICMAgtID=${m.icmAgentId}`,
  ];
}

/**
 * The CTI server's lines per call event, in the shape of its agent lines: what happened, to which
 * call on which device, then the connection state and cause — so `grep CallID=16777217` follows
 * one call through the ctisvr log.
 */
export function traceCallEvent(m: CallEvent): string[] {
  const f = m as Partial<Record<string, unknown>>;
  if (m.type === 'AGENT_PRE_CALL_EVENT') {
    // Before the call exists: the router's call key names it, the instrument is the target.
    const key = `${m.routerCallKeyDay ?? ''}/${m.routerCallKeyCallId ?? ''}`;
    return [`Trace: CALL_EVENT: Type=${m.type} RouterCallKey=${key} Inst=${m.agentInstrument ?? ''}`];
  }
  const callId = f.connectionCallId ?? f.primaryCallId ?? '';
  const device = f.connectionDeviceId ?? f.primaryDeviceId ?? f.agentInstrument ?? '';
  const lines = [
    `Trace: CALL_EVENT: Type=${m.type} CallID=${callId} Dev=${device} Periph=${f.peripheralId ?? ''}`,
  ];
  const details: string[] = [];
  if (typeof f.localConnectionState === 'number')
    details.push(`LCS=${localConnectionStateName(f.localConnectionState)}`);
  if (typeof f.eventCause === 'number') details.push(`Cause=${eventCauseName(f.eventCause)}`);
  if (typeof f.callType === 'number') details.push(`CallType=${callTypeName(f.callType)}`);
  if (typeof f.secondaryCallId === 'number') details.push(`SecondaryCallID=${f.secondaryCallId}`);
  if (Array.isArray(f.connectedPartyDeviceId))
    details.push(`Parties=[${f.connectedPartyDeviceId.join(',')}]`);
  if (typeof f.ani === 'string') details.push(`ANI=${f.ani}`);
  if (typeof f.dnis === 'string') details.push(`DNIS=${f.dnis}`);
  if (details.length > 0) lines.push(`Trace: ${details.join(' ')}`);
  return lines;
}

const SPEC_NAMES: Record<string, string> = {
  ctiClientSignature: 'ClientSignature',
  ani: 'ANI',
  aniII: 'ANI_II',
  dnis: 'DNIS',
  dtmfString: 'DTMFString',
};
const STATE_FIELDS = new Set(['agentState', 'skillGroupState', 'nextAgentState']);
const SECRET_FIELDS = new Set(['clientPassword', 'agentPassword']);

/** `MsgType:AGENT_STATE_EVENT (MonitorID:0 PeripheralID:5001 … AgentID:"2001" …)`, as in the seed. */
export function traceMessage(msg: Message): string {
  if (msg.type === 'UNKNOWN') return `MsgType:${msg.messageType} (unknown, ${msg.body.length} bytes)`;
  const fields = Object.entries(msg)
    .filter(([key]) => key !== 'type')
    .map(([key, value]) => `${specName(key)}:${traceValue(key, value)}`);
  return `MsgType:${msg.type} (${fields.join(' ')})`;
}

function traceValue(key: string, value: unknown): string {
  if (SECRET_FIELDS.has(key)) return '***';
  if (typeof value === 'string') return `"${value}"`;
  if (Buffer.isBuffer(value)) return `0x${value.toString('hex')}`;
  if (Array.isArray(value)) return `[${value.join(',')}]`;
  if (typeof value !== 'number') return String(value);
  if (STATE_FIELDS.has(key)) return agentStateName(value);
  const named = callValueName(key, value);
  if (named !== undefined) return named;
  if (key === 'sessionId') return `0x${value.toString(16)}`;
  if (key === 'peripheralType' && value === PeripheralType.ENTERPRISE_AGENT) return 'EnterpriseAgent';
  return String(value);
}

/** invokeId → InvokeID, icmAgentId → ICMAgentID, mrdId → MRDID: the guide's spelling. */
function specName(key: string): string {
  const special = SPEC_NAMES[key];
  if (special) return special;
  const pascal = key
    .replace(/^(icm|mrd|cti|pg)(?=[A-Z])/, (p) => p.toUpperCase())
    .replace(/Id(?=[A-Z]|$)/g, 'ID');
  return pascal.charAt(0).toUpperCase() + pascal.slice(1);
}
