import { type AgentStateEvent, agentStateName, type Message, PeripheralType } from '../protocol/index.ts';

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

const SPEC_NAMES: Record<string, string> = { ctiClientSignature: 'ClientSignature' };
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
